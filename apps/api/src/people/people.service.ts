import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RepRequest, RepResponse, ReviewRepRequest, TeamRequest, TeamResponse } from '#contracts';
import {
  assertNoProblems,
  canManageRep,
  canReviewRep,
  DomainError,
  InvalidInputError,
  NotFoundError,
  reviewProblems,
  type Principal,
} from '#domain';
import { RepEntity, RepsRepository, TeamEntity, type RepRow } from '#persistence';
import { AuditService } from '../access/audit.service.js';
import { ForbiddenError } from '../auth/access.guard.js';
import { ContestsService } from '../contests/contests.service.js';

/** The rep is not in the review queue (reviewed, dismissed or changed by a manager already). */
export class RepReviewedError extends DomainError {
  readonly code = 'rep.reviewed';
  constructor(externalId: string) {
    super(`rep ${externalId} is not in the review queue: it was reviewed already`);
  }
}

/** Per-rep targets as a contest's rules store them. */
interface StoredTargets {
  readonly default: number;
  readonly perRep?: Readonly<Record<string, number>>;
}

const responseOf = (rep: RepRow): RepResponse => ({
  externalId: rep.externalId,
  displayName: rep.displayName,
  team: rep.team,
  role: rep.role,
  isNew: rep.isNew,
});

/**
 * Teams and reps. Reps are created by ingest the first time an event names them; managers name them,
 * put them in teams and give them roles here (or create them ahead of their first event).
 */
@Injectable()
export class PeopleService {
  private readonly repsRows = new RepsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contests: ContestsService,
  ) {}

  private async repRows(tx: DataSource['manager'], externalId: string): Promise<RepResponse[]> {
    const rep = await this.repsRows.find(tx, externalId);
    return rep === null ? [] : [responseOf(rep)];
  }

  async createTeam(request: TeamRequest, principal: Principal): Promise<TeamResponse> {
    return this.dataSource.transaction(async (tx) => {
      const created: { id: string }[] = await tx.query(
        `INSERT INTO teams (key, name) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING id`,
        [request.key, request.name],
      );
      const id = created[0]?.id;
      if (id === undefined) {
        throw new InvalidInputError([
          { path: 'key', reason: `a team with key ${request.key} already exists` },
        ]);
      }
      const team = { key: request.key, name: request.name, members: 0 };
      await this.audit.record(tx, principal, {
        action: 'team.create',
        entity: 'team',
        entityId: id,
        teams: [request.key],
        after: team,
      });
      return team;
    });
  }

  /** Renames a team: admins, and the managers of that team. */
  async renameTeam(key: string, name: string, principal: Principal): Promise<TeamResponse> {
    return this.dataSource.transaction(async (tx) => {
      const [team]: { id: string; name: string }[] = await tx.query(
        `SELECT id, name FROM teams WHERE key = $1 FOR UPDATE`,
        [key],
      );
      if (team === undefined) throw new NotFoundError(`no team with key ${key}`);
      const manages =
        principal.kind === 'user' &&
        (principal.role === 'admin' || (principal.role === 'manager' && principal.teams.includes(key)));
      if (!manages) throw new ForbiddenError('managers rename only the teams they manage');
      await tx.query(`UPDATE teams SET name = $2 WHERE id = $1`, [team.id, name]);
      const [count]: { n: string }[] = await tx.query(
        `SELECT count(*)::text AS n FROM reps WHERE team_id = $1`,
        [team.id],
      );
      const after = { key, name, members: Number(count?.n ?? 0) };
      await this.audit.record(tx, principal, {
        action: 'team.update',
        entity: 'team',
        entityId: team.id,
        teams: [key],
        before: { key, name: team.name },
        after,
      });
      return after;
    });
  }

  async teams(): Promise<TeamResponse[]> {
    const rows: { key: string; name: string; members: string }[] = await this.dataSource.query(
      `SELECT t.key, t.name, (SELECT count(*) FROM reps r WHERE r.team_id = t.id)::text AS members
       FROM teams t ORDER BY t.key`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, members: Number(r.members) }));
  }

  /** Creates or changes a rep; fields left out stay as they are. */
  async putRep(externalId: string, request: RepRequest, principal: Principal): Promise<RepResponse> {
    if (externalId.length === 0 || externalId.length > 200) {
      throw new InvalidInputError([{ path: 'externalId', reason: 'must be 1 to 200 characters' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      let teamId: string | null | undefined;
      if (request.team !== undefined) {
        if (request.team === null) teamId = null;
        else {
          const team = await tx.findOne(TeamEntity, { where: { key: request.team } });
          if (team === null)
            throw new InvalidInputError([{ path: 'team', reason: `no team with key ${request.team}` }]);
          teamId = team.id;
        }
      }
      const [existing]: RepResponse[] = await this.repRows(tx, externalId);
      if (!canManageRep(principal, existing ?? null, { team: request.team })) {
        throw new ForbiddenError(
          'managers change only the reps of their teams (and take reps without a team into one)',
        );
      }
      await tx.query(
        `INSERT INTO reps (external_id, display_name, is_new) VALUES ($1, $2, false) ON CONFLICT (external_id) DO NOTHING`,
        [externalId, request.displayName ?? externalId],
      );
      const rep = await tx.findOneOrFail(RepEntity, {
        where: { externalId },
        lock: { mode: 'pessimistic_write' },
      });
      if (request.displayName !== undefined) rep.displayName = request.displayName;
      if (teamId !== undefined) rep.teamId = teamId;
      if (request.role !== undefined) rep.role = request.role;
      rep.isNew = false;
      await tx.save(rep);
      const after = await this.repOf(tx, externalId);
      await this.audit.record(tx, principal, {
        action: existing === undefined ? 'rep.create' : 'rep.update',
        entity: 'rep',
        entityId: externalId,
        teams: [existing?.team ?? null, after.team].filter((t): t is string => t !== null),
        before: existing ?? null,
        after,
      });
      return after;
    });
  }

  /** Reps: every one for admins; for managers those of their teams and those without a team. */
  async reps(principal: Principal): Promise<RepResponse[]> {
    const teams = principal.kind === 'user' && principal.role === 'manager' ? principal.teams : null;
    return (await this.repsRows.list(this.dataSource.manager, teams, 10_000)).map(responseOf);
  }

  /**
   * Takes a rep out of the review queue (reps an incoming event created): with a team, a role and a
   * per-rep target in a contest, or dismissed unchanged. Admins any rep; managers the reps they see,
   * into their teams or none (libs/domain `canReviewRep`). A rep reviewed already is refused (409), so
   * two managers reviewing the same rep at once do not both apply their choice.
   *
   * The target is a change to the contest's rules, made through the contests service (its rules,
   * access check, audit entry and rebuild) before the review is written: the review is checked first,
   * so a bad review writes no target, and a refused target (the contest is live) writes no review.
   */
  async review(externalId: string, request: ReviewRepRequest, principal: Principal): Promise<RepResponse> {
    assertNoProblems(reviewProblems(request));
    await this.checkReview(this.dataSource.manager, externalId, request, principal);
    if (request.target !== undefined) await this.setTarget(externalId, request.target, principal);
    return this.dataSource.transaction(async (tx) => {
      const { rep, teamId } = await this.checkReview(tx, externalId, request, principal, true);
      const before = responseOf(rep);
      await this.repsRows.review(tx, rep.id, {
        ...(teamId === undefined ? {} : { teamId }),
        ...(request.role === undefined ? {} : { role: request.role }),
      });
      const after = await this.repOf(tx, externalId);
      await this.audit.record(tx, principal, {
        action: request.dismiss === true ? 'rep.dismiss' : 'rep.review',
        entity: 'rep',
        entityId: externalId,
        teams: [before.team, after.team].filter((t): t is string => t !== null),
        before,
        after: request.target === undefined ? after : { ...after, target: request.target },
      });
      return after;
    });
  }

  /** The rep (locked when `lock`), refused unless in the queue and reviewable by the principal. */
  private async checkReview(
    tx: EntityManager,
    externalId: string,
    request: ReviewRepRequest,
    principal: Principal,
    lock = false,
  ): Promise<{ rep: RepRow; teamId: string | null | undefined }> {
    const rep = await this.repsRows.find(tx, externalId, lock);
    if (rep === null) throw new NotFoundError(`no rep with external id ${externalId}`);
    if (!canReviewRep(principal, rep, { team: request.team })) {
      throw new ForbiddenError(
        'managers review the reps of their teams and reps without a team, into their teams or none',
      );
    }
    if (!rep.isNew) throw new RepReviewedError(externalId);
    let teamId: string | null | undefined;
    if (request.team !== undefined && request.team !== null) {
      teamId = await this.repsRows.teamId(tx, request.team);
      if (teamId === null) {
        throw new InvalidInputError([{ path: 'team', reason: `no team with key ${request.team}` }]);
      }
    } else {
      teamId = request.team;
    }
    return { rep, teamId };
  }

  /** Sets the rep's own target in a contest with per-rep targets (the contests service decides). */
  private async setTarget(
    externalId: string,
    target: { readonly contestId: string; readonly value: number },
    principal: Principal,
  ): Promise<void> {
    const contest = await this.contests.get(target.contestId, principal);
    const targets = (contest.rules as { targets?: StoredTargets | null }).targets ?? null;
    if (targets === null) {
      throw new InvalidInputError([
        { path: 'target.contestId', reason: 'this contest has no per-rep targets' },
      ]);
    }
    // fromEntries: a rep id such as "__proto__" stays an ordinary key.
    const perRep = Object.fromEntries([
      ...Object.entries(targets.perRep ?? {}).filter(([rep]) => rep !== externalId),
      [externalId, target.value],
    ]) as Record<string, number>;
    await this.contests.update(
      target.contestId,
      { targets: { default: targets.default, perRep } },
      principal,
    );
  }

  private async repOf(tx: DataSource['manager'], externalId: string): Promise<RepResponse> {
    const [rep] = await this.repRows(tx, externalId);
    if (rep === undefined) throw new NotFoundError(`no rep with external id ${externalId}`);
    return rep;
  }
}
