import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  JOB_REBUILD_CONTEST,
  type ContestPreviewResponse,
  type ContestResponse,
  type CreateContestRequest,
  type UpdateContestRequest,
} from '#contracts';
import {
  assertNoProblems,
  checkBoardRules,
  checkContestRules,
  checkPrizes,
  ContestNotFoundError,
  ContestStatusError,
  contestStatusAt,
  MAX_ONCE_MS,
  periodContaining,
  RulesLockedError,
  canManageContest,
  canSeeContest,
  contestBoardView,
  targetsFor,
  contestTeams,
  type ContestScope,
  type ContestStatus,
  type Principal,
  type FieldProblem,
} from '#domain';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import {
  BoardsRepository,
  boardRulesOf,
  ContestEntity,
  contestRulesOf,
  previewOf,
  storedPrizesOf,
  storedRulesOf,
  TeamEntity,
  toContestResponse,
  type StoredRules,
} from '#persistence';
import { CLOCK, enqueue, SCORING_QUEUE, type Clock, type ScoringQueue } from '#runtime';
import { AuditService } from '../access/audit.service.js';
import { ForbiddenError } from '../auth/access.guard.js';
import { kindProblems } from './dto/create-contest.dto.js';
import { UUID } from '../common/uuid.js';

/** The teams a contest is for (null: company-wide). */
export function teamsOrNull(contest: ContestEntity): readonly string[] | null {
  return contestTeams(boardRulesOf(contest.rules as unknown as StoredRules).participants);
}

/** Who a contest is for, as libs/domain's access rules (`canSeeContest`, `contestBoardView`) read it. */
export function scopeOf(contest: ContestEntity): ContestScope {
  return { id: contest.id, participants: boardRulesOf(contest.rules as unknown as StoredRules).participants };
}

function teamsOf(contest: ContestEntity): string[] {
  return [...(teamsOrNull(contest) ?? [])];
}

/** Most contests a listing returns, and the page size it reads them in. */
const MAX_LISTED = 500;
const PAGE = 1_000;
/** Fields a manager may change at any time; every other field is a rule. */
const ALWAYS_EDITABLE = new Set(['name', 'description', 'prizes']);
/** Statuses whose rules may still change: nothing has been scored that a rep could see. */
const RULES_EDITABLE: ReadonlySet<ContestStatus> = new Set(['draft', 'scheduled']);

/** A contest's definition checked as a whole, ready to store. */
interface PreparedContest {
  readonly rules: StoredRules;
  readonly startsAt: number;
  readonly problems: FieldProblem[];
}

@Injectable()
export class ContestsService {
  private readonly logger = new Logger(ContestsService.name);
  private readonly boards = new BoardsRepository();
  private readonly publicTopN: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PODIUM_CONFIG) config: PodiumConfig,
  ) {
    this.publicTopN = config.publicTopN;
  }

  /**
   * Creates a contest: a draft, or published (scheduled when its start is ahead, live otherwise). A
   * recurring contest counts from the start of the current period unless `startsAt` says otherwise,
   * including events already in the ledger (a "this week" contest created on Wednesday counts Monday's
   * sales): a rebuild job scores them.
   */
  async create(request: CreateContestRequest, principal: Principal): Promise<ContestResponse> {
    const now = this.clock();
    const prepared = this.prepare(request, now, null);
    if (prepared.problems.length === 0) this.assertManages(principal, prepared.rules);
    const prizes = storedPrizesOf(request.prizes);
    const entity = await this.dataSource.transaction(async (tx) => {
      assertNoProblems([
        ...prepared.problems,
        ...checkPrizes(prizes),
        ...(await this.unknownTeams(tx, prepared.rules)),
      ]);
      const saved = await tx.getRepository(ContestEntity).save({
        name: request.name,
        description: request.description ?? null,
        status: request.draft === true ? 'draft' : this.publishedStatus(prepared, now),
        rules: prepared.rules as unknown as Record<string, unknown>,
        prizes: prizes as unknown as Record<string, unknown>,
        startsAt: new Date(prepared.startsAt),
        currentPeriodStart: new Date(
          periodContaining(contestRulesOf(prepared.rules, 0).period, prepared.startsAt).start,
        ),
      });
      const created = await tx.getRepository(ContestEntity).findOneByOrFail({ id: saved.id });
      await this.audit.record(tx, principal, {
        action: 'contest.create',
        entity: 'contest',
        entityId: saved.id,
        teams: teamsOf(created),
        after: toContestResponse(created),
      });
      return created;
    });
    if (entity.status !== 'draft') await this.enqueueRebuild(entity.id);
    return toContestResponse(entity, await this.teamNames());
  }

  /**
   * The contest `create` would store, in plain words: checked exactly like a create (the same problems
   * at the same paths, the same access rule), and nothing is written.
   */
  async preview(request: CreateContestRequest, principal: Principal): Promise<ContestPreviewResponse> {
    const prepared = this.prepare(request, this.clock(), null);
    if (prepared.problems.length === 0) this.assertManages(principal, prepared.rules);
    const prizes = storedPrizesOf(request.prizes);
    assertNoProblems([
      ...prepared.problems,
      ...checkPrizes(prizes),
      ...(await this.unknownTeams(this.dataSource.manager, prepared.rules)),
    ]);
    return { preview: previewOf(prepared.rules, prizes, await this.teamNames()) };
  }

  /**
   * Changes a contest. Name, description and prizes change at any time (new prizes apply from the next
   * finalisation). The rules change only while the contest is a draft or scheduled; a scheduled
   * contest is then rebuilt from the ledger.
   */
  /**
   * `change` is the patch, or a function of the contest's stored rules read under the contest's lock
   * (a read-modify-write, such as one rep's target, that loses no concurrent change). `alongside` runs
   * in the same transaction after the contest is written: when it throws, nothing is written.
   */
  async update(
    id: string,
    change: UpdateContestRequest | ((rules: StoredRules) => UpdateContestRequest),
    principal: Principal,
    alongside?: (tx: EntityManager) => Promise<void>,
  ): Promise<ContestResponse> {
    const now = this.clock();
    const { entity, rebuild } = await this.dataSource.transaction(async (tx) => {
      const current = await this.lock(tx, id);
      this.assertManages(principal, current.rules as unknown as StoredRules);
      const patch = typeof change === 'function' ? change(current.rules as unknown as StoredRules) : change;
      const ruleFields = Object.keys(patch).filter((k) => !ALWAYS_EDITABLE.has(k));
      const before = toContestResponse(current);
      // By the clock, not only the stored status: a scheduled contest whose start has passed already
      // counts (the worker records the move to live within seconds, or later if it is down).
      const stored = current.status as ContestStatus;
      const storedRules = current.rules as unknown as StoredRules;
      const status =
        stored === 'scheduled'
          ? contestStatusAt(
              stored,
              contestRulesOf(storedRules, 0).period,
              current.startsAt.getTime(),
              (storedRules.gracePeriodMinutes ?? 0) * 60_000,
              now,
            )
          : stored;
      if (ruleFields.length > 0 && !RULES_EDITABLE.has(status)) {
        throw new RulesLockedError(
          ruleFields.map((path) => ({
            path,
            reason: `cannot change once the contest is ${status}: it would change scores already earned`,
          })),
        );
      }
      const prizes = patch.prizes === undefined ? null : storedPrizesOf(patch.prizes);
      const problems = prizes === null ? [] : checkPrizes(prizes);
      let prepared: PreparedContest | null = null;
      if (ruleFields.length > 0) {
        const merged = { ...requestOf(current), ...patch };
        prepared = this.prepare(
          merged,
          now,
          patch.startsAt === undefined ? current.startsAt.getTime() : null,
        );
        problems.push(...prepared.problems, ...(await this.unknownTeams(tx, prepared.rules)));
        if (prepared.problems.length === 0) this.assertManages(principal, prepared.rules);
      }
      assertNoProblems(problems);
      if (patch.name !== undefined) current.name = patch.name;
      if (patch.description !== undefined) current.description = patch.description;
      if (prizes !== null) current.prizes = prizes as unknown as Record<string, unknown>;
      if (prepared !== null) {
        current.rules = prepared.rules as unknown as Record<string, unknown>;
        current.startsAt = new Date(prepared.startsAt);
        current.currentPeriodStart = new Date(
          periodContaining(contestRulesOf(prepared.rules, 0).period, prepared.startsAt).start,
        );
        current.rebuiltAt = null;
        if (status === 'scheduled') current.status = this.publishedStatus(prepared, now);
      }
      const saved = await tx.getRepository(ContestEntity).save(current);
      await this.audit.record(tx, principal, {
        action:
          ruleFields.length === 0 && patch.name === undefined && patch.description === undefined
            ? 'prizes.update'
            : 'contest.update',
        entity: 'contest',
        entityId: id,
        teams: [
          ...(before.participants.kind === 'teams' ? before.participants.teams : []),
          ...teamsOf(saved),
        ],
        before,
        after: toContestResponse(saved),
      });
      if (alongside !== undefined) await alongside(tx);
      return { entity: saved, rebuild: prepared !== null && status !== 'draft' };
    });
    if (rebuild) await this.enqueueRebuild(entity.id);
    return toContestResponse(entity, await this.teamNames());
  }

  /**
   * Publishes a draft: scheduled when its start is ahead, live otherwise. A recurring draft counts from
   * the start of the period it is published in, or from its own start if that is later.
   */
  async publish(id: string, principal: Principal): Promise<ContestResponse> {
    const now = this.clock();
    const entity = await this.dataSource.transaction(async (tx) => {
      const current = await this.lock(tx, id);
      this.assertManages(principal, current.rules as unknown as StoredRules);
      const before = toContestResponse(current);
      if (current.status !== 'draft') {
        throw new ContestStatusError(`only a draft can be published; this contest is ${current.status}`);
      }
      const rules = current.rules as unknown as StoredRules;
      const period = contestRulesOf(rules, 0).period;
      const startsAt =
        period.kind === 'once'
          ? period.start
          : Math.max(current.startsAt.getTime(), periodContaining(period, now).start);
      current.startsAt = new Date(startsAt);
      current.currentPeriodStart = new Date(periodContaining(period, startsAt).start);
      current.status = this.publishedStatus({ rules, startsAt, problems: [] }, now);
      current.rebuiltAt = null;
      const saved = await tx.getRepository(ContestEntity).save(current);
      await this.audit.record(tx, principal, {
        action: 'contest.publish',
        entity: 'contest',
        entityId: id,
        teams: teamsOf(saved),
        before,
        after: toContestResponse(saved),
      });
      return saved;
    });
    await this.enqueueRebuild(entity.id);
    return toContestResponse(entity, await this.teamNames());
  }

  /** Retires a contest: it scores nothing more; its history stays. */
  async archive(id: string, principal: Principal): Promise<ContestResponse> {
    const entity = await this.dataSource.transaction(async (tx) => {
      const current = await this.lock(tx, id);
      this.assertManages(principal, current.rules as unknown as StoredRules);
      const before = toContestResponse(current);
      current.status = 'archived';
      const saved = await tx.getRepository(ContestEntity).save(current);
      await this.audit.record(tx, principal, {
        action: 'contest.archive',
        entity: 'contest',
        entityId: id,
        teams: teamsOf(saved),
        before,
        after: toContestResponse(saved),
      });
      return saved;
    });
    return toContestResponse(entity, await this.teamNames());
  }

  /** A contest as the principal may read it (see {@link readableBy}). */
  async read(id: string, principal: Principal): Promise<ContestResponse> {
    const entity = await this.get(id, principal);
    const [response] = await this.readableBy(principal, [toContestResponse(entity, await this.teamNames())]);
    return response as ContestResponse;
  }

  /**
   * Contest definitions as a principal may read them: per-rep targets are reps' own quotas, listed only
   * where the principal may see those reps' lines (libs/domain `targetsFor`); the rest as stored.
   */
  private async readableBy(principal: Principal, contests: ContestResponse[]): Promise<ContestResponse[]> {
    const listed = contests.flatMap((c) => Object.keys(c.targets?.perRep ?? {}));
    const reps = await this.boards.linesOf(this.dataSource.manager, listed);
    const teamOf = new Map([...reps].map(([externalId, r]) => [externalId, r.team]));
    return contests.map((c) => {
      if (c.targets === null) return c;
      const view = contestBoardView(principal, c, this.publicTopN);
      const perRep = targetsFor(view, new Map(Object.entries(c.targets.perRep)), teamOf);
      return { ...c, targets: { default: c.targets.default, perRep: Object.fromEntries(perRep) } };
    });
  }

  /** The contests the principal may see, newest first (at most 500), as they may read them. */
  async list(principal: Principal): Promise<ContestResponse[]> {
    // Scope is decided per contest (participants), so filter first and cut after: the newest 500 the
    // principal can see, not the principal's share of the newest 500.
    const rows: ContestEntity[] = [];
    for (let skip = 0; rows.length < MAX_LISTED; skip += PAGE) {
      const page = await this.dataSource
        .getRepository(ContestEntity)
        .find({ order: { createdAt: 'DESC', id: 'ASC' }, skip, take: PAGE });
      rows.push(...page.filter((c) => this.visible(principal, c)));
      if (page.length < PAGE) break;
    }
    const names = await this.teamNames();
    return this.readableBy(
      principal,
      rows.slice(0, MAX_LISTED).map((row) => toContestResponse(row, names)),
    );
  }

  /** A contest the principal may see (404 when it does not exist, 403 when out of their scope). */
  async get(id: string, principal: Principal): Promise<ContestEntity> {
    const entity = UUID.test(id)
      ? await this.dataSource.getRepository(ContestEntity).findOne({ where: { id } })
      : null;
    if (entity === null) throw new ContestNotFoundError(id);
    if (!this.visible(principal, entity)) throw new ForbiddenError('this contest is outside your scope');
    return entity;
  }

  /** A contest the principal may manage (finalise, read adjustments, change). */
  async getManaged(id: string, principal: Principal): Promise<ContestEntity> {
    const entity = await this.get(id, principal);
    this.assertManages(principal, entity.rules as unknown as StoredRules);
    return entity;
  }

  private visible(principal: Principal, contest: ContestEntity): boolean {
    if (principal.kind !== 'user' && principal.kind !== 'screen') return false;
    // Drafts are for the people who manage them.
    if (contest.status === 'draft' && !canManageContest(principal, teamsOrNull(contest))) return false;
    return canSeeContest(principal, scopeOf(contest));
  }

  private assertManages(principal: Principal, rules: StoredRules): void {
    if (!canManageContest(principal, contestTeams(boardRulesOf(rules).participants))) {
      throw new ForbiddenError(
        'managers manage only contests whose participants are teams they manage; company-wide contests are for admins',
      );
    }
  }

  private async lock(tx: EntityManager, id: string): Promise<ContestEntity> {
    const entity = UUID.test(id)
      ? await tx.findOne(ContestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (entity === null) throw new ContestNotFoundError(id);
    return entity;
  }

  /**
   * Stored rules, start and every problem of a contest definition. `keepStartsAt`: the start to keep
   * for a recurring contest when the request does not set one.
   */
  private prepare(
    request: Omit<CreateContestRequest, 'name'>,
    now: number,
    keepStartsAt: number | null,
  ): PreparedContest {
    const rules = storedRulesOf(request);
    const probe = contestRulesOf(rules, 0);
    const problems = [
      ...kindProblems(request),
      ...checkContestRules(probe),
      ...checkBoardRules(boardRulesOf(rules)),
    ];
    let startsAt = now;
    if (problems.length === 0) {
      startsAt =
        probe.period.kind === 'once'
          ? probe.period.start
          : request.startsAt !== undefined
            ? Date.parse(request.startsAt)
            : (keepStartsAt ?? periodContaining(probe.period, now).start);
      // Back-dating a recurring contest finalises every period since its start: at most 400 days.
      if (probe.period.kind !== 'once' && request.startsAt !== undefined && startsAt < now - MAX_ONCE_MS) {
        problems.push({ path: 'startsAt', reason: 'must be at most 400 days ago' });
      }
    }
    return { rules, startsAt, problems };
  }

  private publishedStatus(prepared: PreparedContest, now: number): ContestStatus {
    const graceMs = (prepared.rules.gracePeriodMinutes ?? 0) * 60_000;
    const status = contestStatusAt(
      'live',
      contestRulesOf(prepared.rules, 0).period,
      prepared.startsAt,
      graceMs,
      now,
    );
    // "final" means frozen results: a one-off contest entirely in the past is finalised by the worker.
    return status === 'final' ? 'finalising' : status;
  }

  /** Every team's name by key, for the plain-words previews ("for team North"). */
  private async teamNames(): Promise<ReadonlyMap<string, string>> {
    const teams = await this.dataSource.getRepository(TeamEntity).find({ select: { key: true, name: true } });
    return new Map(teams.map((t) => [t.key, t.name]));
  }

  private async unknownTeams(tx: EntityManager, rules: StoredRules): Promise<FieldProblem[]> {
    if (rules.participants?.kind !== 'teams') return [];
    const keys = rules.participants.teams;
    const known = new Set(
      (await tx.getRepository(TeamEntity).find({ select: { key: true } })).map((t) => t.key),
    );
    return keys.flatMap((key, i) =>
      known.has(key) ? [] : [{ path: `participants.teams[${i}]`, reason: `no team with key ${key}` }],
    );
  }

  private async enqueueRebuild(contestId: string): Promise<void> {
    try {
      await enqueue(
        this.queue,
        JOB_REBUILD_CONTEST,
        { contestId },
        { attempts: 8, backoff: { type: 'exponential', delay: 500 } },
      );
    } catch (error) {
      // The contest exists: answering 500 would make the client create it again. The worker's sweep
      // rebuilds contests whose rebuild never ran.
      this.logger.warn(
        `rebuild of contest ${contestId} not enqueued, the sweep will run it: ${String(error)}`,
      );
    }
  }
}

/** The request that would create `entity` as it is now (the base an update is merged into). */
function requestOf(entity: ContestEntity): Omit<CreateContestRequest, 'name'> {
  const r = entity.rules as unknown as StoredRules;
  const request: Record<string, unknown> = {
    metric: r.metric,
    period: r.period,
    kind: r.kind,
    tieRule: r.tieRule,
    filters: r.filters,
    target: r.target ?? undefined,
    teamScoring: r.teamScoring,
    participants: r.participants,
    targets: r.targets ?? undefined,
    minScore: r.minScore,
    divisions: r.divisions,
    gracePeriodMinutes: r.gracePeriodMinutes,
  };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return request as unknown as Omit<CreateContestRequest, 'name'>;
}
