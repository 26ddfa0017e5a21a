import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { ExplainedEvent, ScoreExplanation, StandingEntry, StandingsPeriod } from '#contracts';
import { judgeEvent, periodContaining, rankStandings, type Contest, type RankedStanding } from '#domain';
import {
  ContestsRepository,
  EventLedgerRepository,
  StandingsRepository,
  toDomainContest,
  type BoardRow,
} from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import { ContestNotFoundError } from '../contests/contests.service.js';

export interface BoardSnapshot {
  readonly contestId: string;
  readonly version: number;
  readonly period: StandingsPeriod;
  readonly total: number;
  readonly top: StandingEntry[];
  /** The rep asked for with 2 above and 2 below; empty when the rep has no score on this board. */
  readonly around: StandingEntry[] | null;
}

export const MAX_TOP = 100;
/** Most events one explanation lists. */
export const MAX_EXPLAINED = 2_000;

/**
 * Reads boards: the period containing "now" (or a given instant), ranked by the domain's rule.
 * Version, top and around come from one REPEATABLE READ snapshot, so they always agree.
 */
@Injectable()
export class StandingsReaderService {
  private readonly standings = new StandingsRepository();
  private readonly ledger = new EventLedgerRepository();
  private readonly contests = new ContestsRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async snapshot(
    contestId: string,
    top: number,
    rep: string | null,
    at: number | null = null,
  ): Promise<BoardSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const entity = await this.contests.findById(tx, contestId);
      if (entity === null) throw new ContestNotFoundError(contestId);
      const contest = toDomainContest(entity);
      // Without `at`: the board's current period, which the worker moves at each boundary (with a new
      // version), so a gateway whose clock runs a little behind never shows a newer version of an
      // older period.
      const instant = at ?? Math.max(this.clock(), entity.currentPeriodStart.getTime());
      const window = periodContaining(contest.rules.period, instant);
      const board = await this.standings.top(
        tx,
        contestId,
        window.start,
        Math.min(Math.max(top, 0), MAX_TOP),
      );
      const ranked = rankStandings(board.rows, contest.rules.tieRule);
      let around: StandingEntry[] | null = null;
      if (rep !== null) {
        const slice = await this.standings.around(tx, contestId, window.start, rep, 2, 2);
        around =
          slice === null
            ? []
            : this.entries(
                board.rows.concat(slice.rows),
                rankStandings(slice.rows, contest.rules.tieRule, {
                  offset: slice.offset,
                  previous: slice.previous,
                  previousRank: contest.rules.tieRule === 'shared' ? slice.previousSharedRank : slice.offset,
                }),
              );
      }
      return {
        contestId,
        version: Number(entity.standingsVersion),
        period: this.period(contest, window),
        total: board.total,
        top: this.entries(board.rows, ranked),
        around,
      };
    });
  }

  /**
   * Every event of a rep in the board's period, with the points it adds or why it adds nothing
   * (libs/domain `judgeEvent`, the same rule the scoring applies). At most {@link MAX_EXPLAINED}.
   */
  async explain(contestId: string, repExternalId: string, at: number | null): Promise<ScoreExplanation> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const entity = await this.contests.findById(tx, contestId);
      if (entity === null) throw new ContestNotFoundError(contestId);
      const contest = toDomainContest(entity);
      const window = periodContaining(
        contest.rules.period,
        at ?? Math.max(this.clock(), entity.currentPeriodStart.getTime()),
      );
      const rows = await this.ledger.repEventsIn(
        tx,
        repExternalId,
        { from: window.start, to: window.end, types: contest.rules.metric.eventTypes },
        MAX_EXPLAINED,
      );
      const events: ExplainedEvent[] = rows.map(({ event, externalId }) => {
        const verdict = judgeEvent(contest, event);
        return {
          source: event.source,
          id: externalId,
          type: event.type,
          occurredAt: new Date(event.occurredAt).toISOString(),
          revision: event.revision,
          points: verdict.counted ? verdict.contribution.points : 0,
          excluded: verdict.counted ? null : verdict.reason,
        };
      });
      return {
        contestId,
        period: this.period(contest, window),
        rep: { externalId: repExternalId },
        score: events.reduce((sum, e) => sum + e.points, 0),
        events,
      };
    });
  }

  private period(contest: Contest, window: { start: number; end: number }): StandingsPeriod {
    const zone = contest.rules.period.timeZone;
    return {
      start: DateTime.fromMillis(window.start, { zone }).toISO() ?? '',
      end: DateTime.fromMillis(window.end, { zone }).toISO() ?? '',
    };
  }

  private entries(rows: readonly BoardRow[], ranked: readonly RankedStanding[]): StandingEntry[] {
    const reps = new Map(rows.map((r) => [r.repId, r]));
    return ranked.map((r) => {
      const rep = reps.get(r.repId);
      return {
        rank: r.rank,
        rep: { id: r.repId, externalId: rep?.externalId ?? '', displayName: rep?.displayName ?? '' },
        score: r.score,
        reachedAt: new Date(r.reachedAt).toISOString(),
        gapToNext: r.gapToNext,
      };
    });
  }
}
