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
  canSeeRep,
  contestBoardView,
  publicViewOf,
  showsLine,
  type LineSubject,
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
  type PrizeScope,
  type WonPrize,
} from '#persistence';
import { FinalisePeriodUseCase } from '#scoring';
import { parseIsoInstant } from '../common/iso-instant.js';
import { AuditService } from '../access/audit.service.js';
import { ContestsService } from '../contests/contests.service.js';

const MAX_PERIODS = 200;

type RepsOnBoards = ReadonlyMap<string, { readonly team: string | null; readonly hidden: boolean }>;

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
  async periods(contestId: string, principal: Principal): Promise<PeriodResultResponse[]> {
    const definition = toContestDefinition(await this.contests.get(contestId, principal));
    const periods = await this.results.periodsOf(this.dataSource.manager, contestId, MAX_PERIODS);
    const reps = await this.repsOn(periods);
    return periods.map((p) => this.periodResponse(definition, p, principal, reps));
  }

  /** One finalised period with its frozen boards; `at` is any instant inside it. */
  async period(contestId: string, at: string, principal: Principal): Promise<PeriodResultResponse> {
    const definition = toContestDefinition(await this.contests.get(contestId, principal));
    const start = this.periodStartOf(definition, at);
    const [period] = await this.results.periodsOf(this.dataSource.manager, contestId, 1, start);
    if (period === undefined)
      throw new NotFoundError('this period is not final (or not a period of this contest)');
    return this.periodResponse(definition, period, principal, await this.repsOn([period]));
  }

  /** Re-finalises a final period from the current standings; pending adjustments are resolved. */
  async refinalise(contestId: string, at: string, principal: Principal): Promise<PeriodResultResponse> {
    const definition = toContestDefinition(await this.contests.getManaged(contestId, principal));
    const start = this.periodStartOf(definition, at);
    const [before] = await this.results.periodsOf(this.dataSource.manager, contestId, 1, start);
    if (before === undefined) throw new PeriodNotFinalError();
    // Audited in the re-finalisation's own transaction: the change cannot commit without its entry.
    await this.finalise.execute(contestId, start, {
      refinalise: true,
      alongside: (tx, result) =>
        this.audit.record(tx, principal, {
          action: 'period.refinalise',
          entity: 'contest_period',
          entityId: `${contestId}@${new Date(start).toISOString()}`,
          teams: definition.board.participants.kind === 'teams' ? definition.board.participants.teams : [],
          before: { finalisation: before.finalisation, awards: before.awards.map(awardResponse) },
          after: { finalisation: result.finalisation, awards: result.awards.map(awardResponse) },
        }),
    });
    return this.period(contestId, at, principal);
  }

  /**
   * Pending post-close adjustments per final period, with what re-finalising now would change: the
   * prizes that would be lost and won (the frozen winners stay until a manager re-finalises).
   */
  async adjustments(contestId: string, principal: Principal): Promise<AdjustmentsResponse> {
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
        const wouldBe = awardPrizes(
          boards,
          definition.prizes,
          valueUnitOf(definition.board),
          definition.board.kind === 'target_race',
        );
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

  /** Reps by wins and the latest winners, among the prizes the caller may see (see `prizeScope`). */
  async hallOfFame(principal: Principal): Promise<HallOfFameResponse> {
    const scope = await this.prizeScope(principal);
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => ({
      reps: await this.results.repsByWins(tx, 100, scope),
      recent: (await this.results.recentPrizes(tx, 50, scope)).map(wonPrizeResponse),
    }));
  }

  /**
   * A rep's prizes, by the rule of every ranking (libs/domain `showsLine`): all of them (in contests the
   * caller can see) for the rep, their managers and admins; for anyone else those won where the rep
   * shows on the public board. To a caller who may not see the rep, an unknown rep and a rep without a
   * prize they may see answer the same 404: the route does not tell which reps exist.
   */
  async repWins(externalId: string, principal: Principal): Promise<RepWinsResponse> {
    const member = await this.boards.member(this.dataSource.manager, externalId);
    const nothing = () => new NotFoundError(`no prizes to show for rep ${externalId}`);
    if (member === null) throw nothing();
    const prizes = await this.results.prizesOfRep(
      this.dataSource.manager,
      member.repId,
      500,
      await this.prizeScope(principal),
    );
    if (prizes.length === 0 && !canSeeRep(principal, member)) throw nothing();
    return {
      rep: { externalId: member.externalId, displayName: member.displayName },
      wins: prizes.filter((p) => p.award.kind === 'rank' && p.award.rank === 1).length,
      prizes: prizes.map(wonPrizeResponse),
    };
  }

  /**
   * The prizes a caller may see: of the contests they can see, each through its view (libs/domain
   * `contestBoardView`): all prizes where they see the full board, elsewhere those whose winner's line
   * shows on the public board or is one of their own lines.
   */
  private async prizeScope(principal: Principal): Promise<PrizeScope> {
    const view = publicViewOf(principal, this.config.publicTopN);
    if (principal.kind === 'user' && principal.role === 'admin') {
      return { fullContestIds: null, publicContestIds: [], view };
    }
    const fullContestIds: string[] = [];
    const publicContestIds: string[] = [];
    for (const c of await this.contests.list(principal)) {
      const seen = contestBoardView(principal, c, this.config.publicTopN);
      if (seen.kind === 'full') fullContestIds.push(c.id);
      else if (seen.kind === 'public') publicContestIds.push(c.id);
    }
    return { fullContestIds, publicContestIds, view };
  }

  /** The teams and TV-hiding of the reps on these periods' boards and prizes. */
  private async repsOn(periods: readonly FinalPeriod[]): Promise<RepsOnBoards> {
    const reps = periods.flatMap((p) => [
      ...p.boards.flatMap((b) => b.entries.filter((e) => e.kind === 'rep').map((e) => e.externalId)),
      ...p.awards.filter((a) => a.winner.kind === 'rep').map((a) => a.winner.externalId),
    ]);
    return this.boards.linesOf(this.dataSource.manager, reps);
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
    reps: RepsOnBoards,
  ): PeriodResultResponse {
    // A finished period follows the rule of every ranking (libs/domain `showsLine`), its prizes too.
    const view = contestBoardView(
      principal,
      { id: p.contestId, participants: definition.board.participants },
      this.config.publicTopN,
    );
    const subject = (kind: 'rep' | 'team', externalId: string): LineSubject =>
      kind === 'team'
        ? { kind, key: externalId }
        : {
            kind,
            externalId,
            team: reps.get(externalId)?.team ?? null,
            hidden: reps.get(externalId)?.hidden ?? false,
          };
    return {
      contestId: p.contestId,
      contestName: definition.name,
      period: this.periodOf(definition, p.periodStart, p.periodEnd),
      finalisedAt: new Date(p.finalisedAt).toISOString(),
      finalisation: p.finalisation,
      boards: p.boards.map((b) => ({
        division: b.division,
        total: b.total,
        entries: b.entries
          .filter((e, i) =>
            showsLine(view, { position: i + 1, total: b.total, subject: subject(e.kind, e.externalId) }),
          )
          .map((e) => ({
            rank: e.rank,
            kind: e.kind,
            externalId: e.externalId,
            name: e.name,
            score: e.score,
            value: e.value,
            finishedAt: e.finishedAt === null ? null : new Date(e.finishedAt).toISOString(),
          })),
      })),
      awards: p.awards
        .filter((a) =>
          showsLine(view, {
            position: a.winnerPosition,
            total: a.boardTotal,
            subject: subject(a.winner.kind, a.winner.externalId),
          }),
        )
        .map(awardResponse),
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
