import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  boardKeyOf,
  diffContributions,
  postCloseAdjustments,
  scoreEvent,
  type Contribution,
  type SalesEvent,
} from '#domain';
import {
  ContestsRepository,
  EventLedgerRepository,
  ResultsRepository,
  StandingsRepository,
} from '#persistence';
import { CHANNEL_MOMENTS } from '#contracts';
import { announce, announceChanges, CLOCK, STANDINGS_BUS, type Clock, type StandingsBus } from '#runtime';
import { MomentsCollector, toMomentNotice } from './collect-moments.js';

export interface ScoreEventsResult {
  /** Events whose current revision was scored by this call (0 when another call already had). */
  readonly scored: number;
  /** New standings version of every contest whose standings changed. */
  readonly versions: ReadonlyMap<string, number>;
  /** Ids of the candidate moments this call announced (none on a replay). */
  readonly moments: readonly string[];
}

/**
 * Scores ledger events into every live contest they match, incrementally: only the difference between
 * an event's stored contributions and its current ones touches the standings. The contributions, the
 * standings and the event's "scored" mark commit in one transaction, so a redelivered job finds
 * nothing left to do and changes nothing.
 */
@Injectable()
export class ScoreEventsUseCase {
  private readonly logger = new Logger(ScoreEventsUseCase.name);
  private readonly ledger = new EventLedgerRepository();
  private readonly standings = new StandingsRepository();
  private readonly contests = new ContestsRepository();
  private readonly results = new ResultsRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(CLOCK) private readonly clock: Clock = Date.now,
  ) {}

  async execute(eventIds: readonly string[]): Promise<ScoreEventsResult> {
    if (eventIds.length === 0) return { scored: 0, versions: new Map(), moments: [] };
    const collector = new MomentsCollector();
    const result = await this.dataSource.transaction(async (tx) => {
      // The ledger is the source of truth and the sweep rescores anything unscored, so a scoring commit
      // lost in a database crash is repaired: no need to wait for the WAL flush while holding locks.
      await tx.query(`SET LOCAL synchronous_commit = off`);
      const events = await this.ledger.lockUnscored(tx, eventIds);
      if (events.length === 0) return { scored: 0, versions: new Map<string, number>(), moments: [] };
      const contests = await this.contests.liveForScoring(tx);
      const live = new Set(contests.map((c) => c.id));
      // Contributions to contests that are no longer live stay as they were (their boards are closed).
      // Every event may have stored contributions: a revision's earlier ones, or a contest rebuild's
      // (a rebuild scores events whose own job has not run yet).
      const before = (
        await this.standings.contributionsOf(
          tx,
          events.map((e) => e.id),
        )
      ).filter((c) => live.has(c.contestId));
      const after = events.flatMap((e) => scoreEvent(contests, e));
      const diff = diffContributions(before, after);
      await this.recordPostCloseAdjustments(tx, diff.removed, diff.added, events);
      await this.standings.deleteContributions(tx, diff.removed);
      await this.standings.insertContributions(tx, diff.added);
      await this.ledger.markScored(
        tx,
        events.map((e) => e.id),
      );
      // From here to the commit, writers of the same standings wait for us: keep this part short.
      await this.standings.lockStandingKeys(
        tx,
        diff.deltas.map((d) => d.key),
      );
      // Moments need the boards a TV shows as they were and as they are: read under the same locks, so
      // no other commit's change is cheered as this one's (boards no screen shows cost nothing).
      await collector.before(tx, diff.added, this.clock());
      await this.standings.addToStandings(
        tx,
        diff.deltas.filter((d) => !d.recompute),
      );
      await this.standings.rebuildStandings(
        tx,
        diff.deltas.filter((d) => d.recompute).map((d) => d.key),
      );
      const moments = await collector.after(tx, before, diff.added, events);
      const versions = await this.contests.bumpVersions(
        tx,
        diff.deltas.map((d) => d.key.contestId),
      );
      return { scored: events.length, versions, moments };
    });
    // After the commit, never inside it: a notice must not announce a change that could roll back.
    await announceChanges(this.bus, result.versions, this.logger);
    if (result.moments.length > 0) {
      await announce(this.bus, CHANNEL_MOMENTS, { moments: result.moments.map(toMomentNotice) }, this.logger);
    }
    return { ...result, moments: result.moments.map((m) => m.id) };
  }

  /**
   * Changes to final periods (late events, revisions, retractions after the close) still reach the
   * standings, which stay a function of the ledger, but the frozen winners do not move: each change is
   * recorded as an adjustment for a manager to review and re-finalise. Finalisation locks the contest
   * exclusively, and this runs under the contests' key-share locks, so a period cannot become final
   * between this check and the commit.
   */
  private async recordPostCloseAdjustments(
    tx: EntityManager,
    removed: readonly Contribution[],
    added: readonly Contribution[],
    events: readonly SalesEvent[],
  ): Promise<void> {
    const boards = new Map<string, { contestId: string; periodStart: number }>();
    for (const c of [...removed, ...added]) {
      boards.set(boardKeyOf(c.contestId, c.periodStart), {
        contestId: c.contestId,
        periodStart: c.periodStart,
      });
    }
    if (boards.size === 0) return;
    const finals = await this.results.finalBoards(tx, [...boards.values()]);
    if (finals.size === 0) return;
    const revisions = new Map(events.map((e) => [e.id, e.revision]));
    await this.results.recordAdjustments(tx, postCloseAdjustments(removed, added, finals, revisions));
  }
}
