import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CHANNEL_MOMENTS } from '#contracts';
import {
  awardMoments,
  awardPrizes,
  buildBoards,
  ContestNotFoundError,
  PeriodNotFinalError,
  periodContaining,
  valueUnitOf,
  type Award,
  type Board,
} from '#domain';
import { BoardsRepository, ContestsRepository, ResultsRepository } from '#persistence';
import { announce, STANDINGS_BUS, type StandingsBus } from '#runtime';
import { toMomentNotice } from './collect-moments.js';

/** Entries of each board kept in a finalised period's frozen results (the awards cover every winner). */
export const FINAL_BOARD_ENTRIES = 100;

export interface FinaliseResult {
  readonly finalisation: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly boards: readonly Board[];
  readonly awards: readonly Award[];
}

/**
 * Finalises one period of a contest: builds its boards with the domain's rules, awards the prizes and
 * freezes both. Re-finalising (a manager's explicit act after post-close adjustments) does the same
 * again from the current standings and resolves the pending adjustments.
 *
 * The contest row is locked exclusively, which waits for scoring transactions already using the
 * contest and holds new ones back, so no scored change can fall between the boards read here and the
 * "final" mark: a change is either in the frozen results or recorded as an adjustment.
 */
@Injectable()
export class FinalisePeriodUseCase {
  private readonly logger = new Logger(FinalisePeriodUseCase.name);
  private readonly contests = new ContestsRepository();
  private readonly results = new ResultsRepository();
  private readonly boards = new BoardsRepository();

  constructor(
    private readonly dataSource: DataSource,
    /** Where the rank prizes of a first finalisation are cheered; none: nothing is cheered. */
    @Optional() @Inject(STANDINGS_BUS) private readonly bus: StandingsBus | null = null,
  ) {}

  /** Null when the period was already final and `refinalise` is false (another worker did it). */
  async execute(
    contestId: string,
    periodStart: number,
    options: {
      refinalise: boolean;
      /** Runs in the finalisation's transaction before it commits (the api audits re-finalisations). */
      alongside?: (tx: EntityManager, result: FinaliseResult) => Promise<void>;
    },
  ): Promise<FinaliseResult | null> {
    let paused = false;
    const result = await this.dataSource.transaction(async (tx) => {
      const definition = await this.contests.lockDefinition(tx, contestId);
      if (definition === null) throw new ContestNotFoundError(contestId);
      paused = definition.paused;
      const window = periodContaining(definition.contest.rules.period, periodStart);
      const previous = await this.results.lockFinalisation(tx, contestId, window.start);
      if (previous !== null && !options.refinalise) return null;
      if (previous === null && options.refinalise) throw new PeriodNotFinalError();
      const input = await this.boards.load(tx, contestId, window.start, definition.board);
      const boards = buildBoards(definition.board, input);
      const awards = awardPrizes(
        boards,
        definition.prizes,
        valueUnitOf(definition.board),
        definition.board.kind === 'target_race',
      );
      const finalisation = (previous ?? 0) + 1;
      await this.results.saveFinal(tx, {
        contestId,
        periodStart: window.start,
        periodEnd: window.end,
        finalisation,
        boards: boards.map((b) => ({
          division: b.division,
          total: b.entries.length,
          entries: b.entries.slice(0, FINAL_BOARD_ENTRIES),
        })),
        awards,
      });
      if (definition.contest.rules.period.kind === 'once') {
        await this.contests.setFinal(tx, contestId);
      }
      const done = { finalisation, periodStart: window.start, periodEnd: window.end, boards, awards };
      await options.alongside?.(tx, done);
      return done;
    });
    // A paused contest is finalised as usual (prizes are awarded), but its prizes are not celebrated.
    if (result !== null && this.bus !== null && !paused) {
      const moments = awardMoments(
        contestId,
        result.periodStart,
        result.finalisation,
        result.awards,
        result.periodEnd,
      );
      if (moments.length > 0) {
        await announce(this.bus, CHANNEL_MOMENTS, { moments: moments.map(toMomentNotice) }, this.logger);
      }
    }
    if (result !== null) {
      this.logger.log(
        `contest ${contestId} period ${new Date(result.periodStart).toISOString()} finalised ` +
          `(#${result.finalisation}, ${result.awards.length} prizes)`,
      );
    }
    return result;
  }
}
