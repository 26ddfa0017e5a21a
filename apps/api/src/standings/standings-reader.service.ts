import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { StandingEntry, StandingsPeriod } from '#contracts';
import { periodContaining, rankStandings, type Contest, type RankedStanding } from '#domain';
import { ContestsRepository, StandingsRepository, toDomainContest, type BoardRow } from '#persistence';
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

/**
 * Reads boards: the period containing "now" (or a given instant), ranked by the domain's rule.
 * Version, top and around come from one REPEATABLE READ snapshot, so they always agree.
 */
@Injectable()
export class StandingsReaderService {
  private readonly standings = new StandingsRepository();
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
