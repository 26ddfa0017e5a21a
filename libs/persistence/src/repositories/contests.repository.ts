import { In, type EntityManager } from 'typeorm';
import { SCORING_STATUSES, type Contest, type ContestStatus } from '#domain';
import { ContestEntity } from '../entities/contest.entity.js';
import { toContestDefinition, toDomainContest, type ContestDefinition } from '../mappers/contest.mapper.js';

/** SQL list of the statuses scored into (a draft or archived contest scores nothing). */
const SCORING = SCORING_STATUSES.map((s) => `'${s}'`).join(', ');

export class ContestsRepository {
  /**
   * The contests events are scored into (scheduled, live, finalising and final), each row key-share locked for the transaction: a concurrent rebuild of one
   * contest (which takes FOR UPDATE) waits for scoring transactions that already use it, and vice versa,
   * while scoring transactions never block each other here.
   */
  async liveForScoring(tx: EntityManager): Promise<Contest[]> {
    const rows: { id: string; rules: Record<string, unknown>; starts_at: Date }[] = await tx.query(
      `SELECT id, rules, starts_at FROM contests WHERE status IN (${SCORING}) ORDER BY id FOR KEY SHARE`,
    );
    return rows.map((r) => toDomainContest({ id: r.id, rules: r.rules, startsAt: r.starts_at }));
  }

  /** Every contest events are scored into (scheduled, live, finalising and final), without locks. */
  async scored(tx: EntityManager): Promise<Contest[]> {
    const rows: { id: string; rules: Record<string, unknown>; starts_at: Date }[] = await tx.query(
      `SELECT id, rules, starts_at FROM contests WHERE status IN (${SCORING}) ORDER BY id`,
    );
    return rows.map((r) => toDomainContest({ id: r.id, rules: r.rules, startsAt: r.starts_at }));
  }

  /** Locks one contest exclusively (no scoring into it until the transaction ends). */
  async lockForRebuild(tx: EntityManager, id: string): Promise<Contest | null> {
    const rows: { id: string; rules: Record<string, unknown>; starts_at: Date }[] = await tx.query(
      `SELECT id, rules, starts_at FROM contests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : toDomainContest({ id: row.id, rules: row.rules, startsAt: row.starts_at });
  }

  /** Bumps the standings version of each contest (sorted: lock order) and returns the new versions. */
  async bumpVersions(tx: EntityManager, contestIds: readonly string[]): Promise<Map<string, number>> {
    if (contestIds.length === 0) return new Map();
    const sorted = [...new Set(contestIds)].sort();
    const rows: { id: string; standings_version: string }[] = await tx.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH locked AS (SELECT id FROM contests WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE),
       bumped AS (UPDATE contests c SET standings_version = c.standings_version + 1
         FROM locked WHERE c.id = locked.id RETURNING c.id, c.standings_version)
       SELECT id, standings_version::text FROM bumped`,
      [sorted],
    );
    return new Map(rows.map((r) => [r.id, Number(r.standings_version)]));
  }

  /** Scheduled and live contests with the period their boards show. */
  async liveWithPeriods(tx: EntityManager): Promise<{ contest: Contest; currentPeriodStart: number }[]> {
    const rows: {
      id: string;
      rules: Record<string, unknown>;
      starts_at: Date;
      current_period_start: Date;
    }[] = await tx.query(
      `SELECT id, rules, starts_at, current_period_start FROM contests WHERE status IN ('scheduled', 'live')`,
    );
    return rows.map((r) => ({
      contest: toDomainContest({ id: r.id, rules: r.rules, startsAt: r.starts_at }),
      currentPeriodStart: r.current_period_start.getTime(),
    }));
  }

  /**
   * Moves a contest's board to a later period and bumps its standings version, once: a second caller
   * (another worker) finds it moved and gets null.
   */
  async rollOver(tx: EntityManager, id: string, periodStart: number): Promise<number | null> {
    const rows: { standings_version: string }[] = await tx.query(
      `WITH moved AS (UPDATE contests SET current_period_start = $2, standings_version = standings_version + 1
         WHERE id = $1 AND current_period_start < $2 RETURNING standings_version)
       SELECT standings_version::text FROM moved`,
      [id, new Date(periodStart)],
    );
    return rows[0] === undefined ? null : Number(rows[0].standings_version);
  }

  async markRebuilt(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE contests SET rebuilt_at = now() WHERE id = $1`, [id]);
  }

  /** Scored contests whose first rebuild never ran (its job was lost), created at least `minAgeMs` ago. */
  async neverRebuilt(tx: EntityManager, minAgeMs: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM contests WHERE status IN (${SCORING}) AND rebuilt_at IS NULL
         AND created_at <= now() - make_interval(secs => $1::double precision / 1000) ORDER BY created_at`,
      [minAgeMs],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The published contests the lifecycle looks after, each with the start of its last finalised period
   * (null when none is final yet).
   */
  async forLifecycle(
    tx: EntityManager,
  ): Promise<{ definition: ContestDefinition; lastFinalised: number | null; rebuilt: boolean }[]> {
    const rows: (Pick<ContestEntity, 'id' | 'name' | 'status' | 'rules' | 'prizes'> & {
      starts_at: Date;
      paused_at: Date | null;
      last_final: Date | null;
      rebuilt: boolean;
    })[] = await tx.query(
      `SELECT c.id, c.name, c.status, c.rules, c.prizes, c.starts_at, c.paused_at,
         c.rebuilt_at IS NOT NULL AS rebuilt,
         (SELECT max(p.period_start) FROM contest_periods p WHERE p.contest_id = c.id) AS last_final
       FROM contests c WHERE c.status IN (${SCORING}) ORDER BY c.id`,
    );
    return rows.map((r) => ({
      definition: toContestDefinition({ ...r, startsAt: r.starts_at, pausedAt: r.paused_at }),
      lastFinalised: r.last_final === null ? null : r.last_final.getTime(),
      rebuilt: r.rebuilt,
    }));
  }

  /** Locks a contest exclusively and reads its whole definition (finalisation). */
  async lockDefinition(tx: EntityManager, id: string): Promise<ContestDefinition | null> {
    const row = await tx.findOne(ContestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    return row === null ? null : toContestDefinition(row);
  }

  /** Moves a contest to `status` unless a manager moved it (draft, archived) meanwhile. */
  async setStatus(tx: EntityManager, id: string, from: ContestStatus, to: ContestStatus): Promise<boolean> {
    const rows: { id: string }[] = await tx.query(
      `WITH moved AS (UPDATE contests SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id)
       SELECT id FROM moved`,
      [id, from, to],
    );
    return rows.length > 0;
  }

  /** Marks a one-off contest final (its only period was finalised), unless a manager archived it. */
  async setFinal(tx: EntityManager, id: string): Promise<void> {
    await tx.query(
      `UPDATE contests SET status = 'final', updated_at = now()
       WHERE id = $1 AND status IN ('scheduled', 'live', 'finalising')`,
      [id],
    );
  }

  /** The definitions of some contests, without locking them. */
  async definitionsOf(tx: EntityManager, ids: readonly string[]): Promise<ContestDefinition[]> {
    if (ids.length === 0) return [];
    const rows = await tx.find(ContestEntity, { where: { id: In([...ids]) } });
    return rows.map(toContestDefinition);
  }

  /** The contests among `ids` that a manager paused. */
  async pausedAmong(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM contests WHERE id = ANY($1::uuid[]) AND paused_at IS NOT NULL`,
      [[...new Set(ids)]],
    );
    return new Set(rows.map((r) => r.id));
  }

  async findById(tx: EntityManager, id: string): Promise<ContestEntity | null> {
    return tx.findOne(ContestEntity, { where: { id } });
  }

  async versions(tx: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; standings_version: string }[] = await tx.query(
      `SELECT id, standings_version::text FROM contests WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.standings_version)]));
  }
}
