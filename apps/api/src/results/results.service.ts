import { Inject, Injectable } from '@nestjs/common';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type {
  AdjustmentsResponse,
  AwardResponse,
  HallOfFameResponse,
  PeriodResultResponse,
  RepWinsResponse,
  StandingsPeriod,
  WonPrizeResponse,
} from '#contracts';
import {
  awardPrizes,
  PeriodNotFinalError,
  boardViewOf,
  publicLength,
  type Principal,
  buildBoards,
  diffAwards,
  InvalidInputError,
  NotFoundError,
  periodContaining,
  valueUnitOf,
  type Award,
} from '#domain';
import {
  BoardsRepository,
  ResultsRepository,
  toContestDefinition,
  type ContestDefinition,
  type FinalPeriod,
  type WonPrize,
} from '#persistence';
import { FinalisePeriodUseCase } from '#scoring';
import { parseIsoInstant } from '../common/iso-instant.js';
import { AuditService } from '../access/audit.service.js';
import { ContestsService, SYSTEM } from '../contests/contests.service.js';

const MAX_PERIODS = 200;

/** History (finalised periods and winners), post-close adjustments, re-finalisation, hall of fame. */
@Injectable()
export class ResultsService {
  private readonly results = new ResultsRepository();
  private readonly boards = new BoardsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly finalise: FinalisePeriodUseCase,
    private readonly audit: AuditService,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  /** Finalised periods of a contest with their winners, newest first. */
  async periods(contestId: string, principal: Principal = SYSTEM): Promise<PeriodResultResponse[]> {
    const definition = toContestDefinition(await this.contests.get(contestId, principal));
    const periods = await this.results.periodsOf(this.dataSource.manager, contestId, MAX_PERIODS);
    return periods.map((p) => this.periodResponse(definition, p, principal));
  }

  /** One finalised period with its frozen boards; `at` is any instant inside it. */
  async period(contestId: string, at: string, principal: Principal = SYSTEM): Promise<PeriodResultResponse> {
    const definition = toContestDefinition(await this.contests.get(contestId, principal));
    const start = this.periodStartOf(definition, at);
    const [period] = await this.results.periodsOf(this.dataSource.manager, contestId, 1, start);
    if (period === undefined)
      throw new NotFoundError('this period is not final (or not a period of this contest)');
    return this.periodResponse(definition, period, principal);
  }

  /** Re-finalises a final period from the current standings; pending adjustments are resolved. */
  async refinalise(
    contestId: string,
    at: string,
    principal: Principal = SYSTEM,
  ): Promise<PeriodResultResponse> {
    const definition = toContestDefinition(await this.contests.getManaged(contestId, principal));
    const start = this.periodStartOf(definition, at);
    const [before] = await this.results.periodsOf(this.dataSource.manager, contestId, 1, start);
    if (before === undefined) throw new PeriodNotFinalError();
    await this.finalise.execute(contestId, start, { refinalise: true });
    const after = await this.period(contestId, at, principal);
    await this.audit.record(this.dataSource.manager, principal, {
      action: 'period.refinalise',
      entity: 'contest_period',
      entityId: `${contestId}@${new Date(start).toISOString()}`,
      teams: definition.board.participants.kind === 'teams' ? definition.board.participants.teams : [],
      before: { finalisation: before.finalisation, awards: before.awards.map(awardResponse) },
      after: { finalisation: after.finalisation, awards: after.awards },
    });
    return after;
  }

  /**
   * Pending post-close adjustments per final period, with what re-finalising now would change: the
   * prizes that would be lost and won (the frozen winners stay until a manager re-finalises).
   */
  async adjustments(contestId: string, principal: Principal = SYSTEM): Promise<AdjustmentsResponse> {
    const definition = toContestDefinition(await this.contests.getManaged(contestId, principal));
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const pending = await this.results.adjustmentsOf(tx, contestId, true);
      const starts = [...new Set(pending.map((a) => a.periodStart))].sort((a, b) => b - a);
      const periods = [];
      for (const start of starts) {
        const [final] = await this.results.periodsOf(tx, contestId, 1, start);
        if (final === undefined) continue;
        const boards = buildBoards(
          definition.board,
          await this.boards.load(tx, contestId, start, definition.board),
        );
        const wouldBe = awardPrizes(boards, definition.prizes, valueUnitOf(definition.board));
        const { lost, won } = diffAwards(final.awards, wouldBe);
        periods.push({
          period: this.periodOf(definition, start, final.periodEnd),
          finalisation: final.finalisation,
          adjustments: pending
            .filter((a) => a.periodStart === start)
            .map((a) => ({
              id: a.id,
              period: this.periodOf(definition, start, final.periodEnd),
              event: { source: a.source, id: a.externalId, revision: a.revision },
              rep: { externalId: a.repExternalId },
              pointsBefore: a.pointsBefore,
              pointsAfter: a.pointsAfter,
              recordedAt: new Date(a.recordedAt).toISOString(),
              resolvedAt: a.resolvedAt === null ? null : new Date(a.resolvedAt).toISOString(),
            })),
          wouldLose: lost.map(awardResponse),
          wouldWin: won.map(awardResponse),
        });
      }
      return { contestId, periods };
    });
  }

  async hallOfFame(): Promise<HallOfFameResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => ({
      reps: await this.results.repsByWins(tx, 100),
      recent: (await this.results.recentPrizes(tx, 50)).map(wonPrizeResponse),
    }));
  }

  async repWins(externalId: string): Promise<RepWinsResponse> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const member = await this.boards.member(tx, externalId);
      if (member === null) throw new NotFoundError(`no rep with external id ${externalId}`);
      const prizes = await this.results.prizesOfRep(tx, member.repId, 500);
      return {
        rep: { externalId: member.externalId, displayName: member.displayName },
        wins: prizes.filter((p) => p.award.kind === 'rank' && p.award.rank === 1).length,
        prizes: prizes.map(wonPrizeResponse),
      };
    });
  }

  private periodStartOf(definition: ContestDefinition, at: string): number {
    const instant = parseIsoInstant(at);
    if (instant === null) {
      throw new InvalidInputError([
        { path: 'start', reason: 'must be an ISO-8601 date-time with an offset inside the period' },
      ]);
    }
    return periodContaining(definition.contest.rules.period, instant).start;
  }

  private periodOf(definition: ContestDefinition, start: number, end: number): StandingsPeriod {
    return periodIn(definition.contest.rules.period.timeZone, start, end);
  }

  private periodResponse(
    definition: ContestDefinition,
    p: FinalPeriod,
    principal: Principal,
  ): PeriodResultResponse {
    const view = boardViewOf(principal, this.config.publicTopN);
    return {
      contestId: p.contestId,
      contestName: definition.name,
      period: this.periodOf(definition, p.periodStart, p.periodEnd),
      finalisedAt: new Date(p.finalisedAt).toISOString(),
      finalisation: p.finalisation,
      boards: p.boards.map((b) => ({
        division: b.division,
        total: b.entries.length,
        // The public board of a finished period follows the same rule as a live one: no lower half.
        entries: (view.kind === 'full'
          ? b.entries
          : b.entries.slice(0, publicLength(b.entries.length, view.topN))
        ).map((e) => ({
          rank: e.rank,
          kind: e.kind,
          externalId: e.externalId,
          name: e.name,
          score: e.score,
          value: e.value,
          finishedAt: e.finishedAt === null ? null : new Date(e.finishedAt).toISOString(),
        })),
      })),
      awards: p.awards.map(awardResponse),
      pendingAdjustments: p.pendingAdjustments,
    };
  }
}

function periodIn(zone: string, start: number, end: number): StandingsPeriod {
  return {
    start: DateTime.fromMillis(start, { zone }).toISO() ?? '',
    end: DateTime.fromMillis(end, { zone }).toISO() ?? '',
  };
}

function awardResponse(a: Award): AwardResponse {
  return {
    division: a.division,
    kind: a.kind,
    rank: a.rank,
    atLeast: a.atLeast,
    prize: a.prize,
    winner: { kind: a.winner.kind, externalId: a.winner.externalId, name: a.winner.name },
    winnerRank: a.winnerRank,
    score: a.score,
    value: a.value,
  };
}

function wonPrizeResponse(w: WonPrize): WonPrizeResponse {
  return {
    contestId: w.contestId,
    contestName: w.contestName,
    period: { start: new Date(w.periodStart).toISOString(), end: new Date(w.periodEnd).toISOString() },
    award: awardResponse(w.award),
  };
}
