import type { EntityManager } from 'typeorm';
import {
  finishTime,
  type BoardInput,
  type BoardRules,
  type Member,
  type Standing,
  type TeamInfo,
} from '#domain';

interface MemberRow {
  id: string;
  external_id: string;
  display_name: string;
  team_key: string | null;
  role: string | null;
}

function toMember(r: MemberRow): Member {
  return {
    repId: r.id,
    externalId: r.external_id,
    displayName: r.display_name,
    team: r.team_key,
    role: r.role,
  };
}

/** Reads what libs/domain `buildBoards` needs for one contest period. */
export class BoardsRepository {
  /**
   * The board input of one contest period: its standings, the reps on it (and for team contests every
   * member of a team, since an average counts members without a score), the teams, and for a target
   * race when each rep who reached the target reached it.
   */
  async load(
    tx: EntityManager,
    contestId: string,
    periodStart: number,
    rules: BoardRules,
  ): Promise<BoardInput> {
    const period = new Date(periodStart);
    const standingRows: { rep_id: string; score: string; reached_at: Date }[] = await tx.query(
      `SELECT rep_id, score::text, reached_at FROM standings WHERE contest_id = $1 AND period_start = $2`,
      [contestId, period],
    );
    const standings: Standing[] = standingRows.map((r) => ({
      repId: r.rep_id,
      score: Number(r.score),
      reachedAt: r.reached_at.getTime(),
    }));
    const memberRows: MemberRow[] = await tx.query(
      `SELECT r.id, r.external_id, r.display_name, t.key AS team_key, r.role
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id
       WHERE r.id IN (SELECT rep_id FROM standings WHERE contest_id = $1 AND period_start = $2)
          OR ($3::boolean AND r.team_id IS NOT NULL)`,
      [contestId, period, rules.kind === 'team'],
    );
    const teams = await this.teams(tx);
    const input: BoardInput = {
      standings,
      members: new Map(memberRows.map((r) => [r.id, toMember(r)])),
      teams,
    };
    if (rules.kind !== 'target_race' || rules.target === null) return input;
    const contributions: { rep_id: string; points: string; occurred_at: Date }[] = await tx.query(
      `SELECT c.rep_id, c.points::text, c.occurred_at FROM contributions c
       WHERE c.contest_id = $1 AND c.period_start = $2 AND c.rep_id IN (
         SELECT rep_id FROM standings WHERE contest_id = $1 AND period_start = $2 AND score >= $3)`,
      [contestId, period, rules.target],
    );
    const byRep = new Map<string, { points: number; occurredAt: number }[]>();
    for (const c of contributions) {
      const list = byRep.get(c.rep_id) ?? [];
      list.push({ points: Number(c.points), occurredAt: c.occurred_at.getTime() });
      byRep.set(c.rep_id, list);
    }
    const finishedAt = new Map<string, number>();
    for (const [repId, list] of byRep) {
      const at = finishTime(list, rules.target);
      if (at !== null) finishedAt.set(repId, at);
    }
    return { ...input, finishedAt };
  }

  async teams(tx: EntityManager): Promise<Map<string, TeamInfo>> {
    const rows: { key: string; name: string }[] = await tx.query(`SELECT key, name FROM teams`);
    return new Map(rows.map((r) => [r.key, { key: r.key, name: r.name }]));
  }

  /**
   * What the rule of who sees which line (libs/domain `showsLine`) needs to know of these reps (by
   * external id): their team now and whether they hide from office TVs. Unknown ids are left out.
   */
  async linesOf(
    tx: EntityManager,
    externalIds: readonly string[],
  ): Promise<Map<string, { team: string | null; hidden: boolean }>> {
    if (externalIds.length === 0) return new Map();
    const rows: { external_id: string; team_key: string | null; hidden_from_tv: boolean }[] = await tx.query(
      `SELECT r.external_id, t.key AS team_key, r.hidden_from_tv
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id WHERE r.external_id = ANY($1::text[])`,
      [[...new Set(externalIds)]],
    );
    return new Map(rows.map((r) => [r.external_id, { team: r.team_key, hidden: r.hidden_from_tv }]));
  }

  /** One rep as boards see them; null when unknown. */
  async member(tx: EntityManager, externalId: string): Promise<Member | null> {
    const rows: MemberRow[] = await tx.query(
      `SELECT r.id, r.external_id, r.display_name, t.key AS team_key, r.role
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id WHERE r.external_id = $1`,
      [externalId],
    );
    return rows[0] === undefined ? null : toMember(rows[0]);
  }
}
