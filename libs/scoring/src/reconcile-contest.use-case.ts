import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { candidateScope, recomputeStandings, standingKeyOf, type SalesEvent, type Standing } from '#domain';
import { ContestsRepository, EventLedgerRepository, StandingsRepository } from '#persistence';
import { STANDINGS_BUS, type StandingsBus } from '#runtime';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';

const PAGE = 5_000;

export interface StandingDifference {
  readonly repId: string;
  readonly periodStart: number;
  readonly stored: Standing | null;
  readonly recomputed: Standing | null;
}

export interface ReconcileReport {
  readonly contestId: string;
  readonly events: number;
  readonly standings: number;
  /** Reps left out of the comparison: some of their events are accepted but not scored yet. */
  readonly inFlux: number;
  readonly differences: readonly StandingDifference[];
  readonly fixed: boolean;
}

/**
 * Compares a contest's stored standings with the domain's recompute from the ledger, in one
 * snapshot. Reps with events not yet scored are left out (their standings are about to change).
 * With `fix`, a contest that differs is rebuilt from the ledger. Expected difference: none.
 */
@Injectable()
export class ReconcileContestUseCase {
  private readonly logger = new Logger(ReconcileContestUseCase.name);
  private readonly ledger = new EventLedgerRepository();
  private readonly standings = new StandingsRepository();
  private readonly contests = new ContestsRepository();
  private readonly rebuild: RebuildContestUseCase;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(STANDINGS_BUS) bus: StandingsBus,
  ) {
    this.rebuild = new RebuildContestUseCase(dataSource, bus);
  }

  async execute(contestId: string, fix: boolean): Promise<ReconcileReport | null> {
    const report = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const contest = (await this.contests.scored(tx)).find((c) => c.id === contestId);
      if (contest === undefined) return null;
      const scope = candidateScope(contest);
      const events: SalesEvent[] = [];
      for await (const page of this.ledger.eventPages(tx, scope, PAGE)) events.push(...page);
      const inFlux = await this.ledger.repsWithUnscored(tx, scope);
      const expected = recomputeStandings([contest], events);
      const stored = new Map(
        (await this.standings.allOfContest(tx, contestId)).map((s) => [
          standingKeyOf({ contestId, periodStart: s.periodStart, repId: s.repId }),
          { ...s },
        ]),
      );
      const differences: StandingDifference[] = [];
      for (const key of new Set([...expected.keys(), ...stored.keys()])) {
        const a = stored.get(key) ?? null;
        const b = expected.get(key) ?? null;
        const repId = a?.repId ?? b?.repId ?? '';
        if (inFlux.has(repId)) continue;
        if (a?.score === b?.score && a?.reachedAt === b?.reachedAt) continue;
        differences.push({
          repId,
          periodStart: a?.periodStart ?? Number(key.split('|')[1]),
          stored: a === null ? null : { repId: a.repId, score: a.score, reachedAt: a.reachedAt },
          recomputed: b,
        });
      }
      return { contestId, events: events.length, standings: expected.size, inFlux: inFlux.size, differences };
    });
    if (report === null) return null;
    const shouldFix = fix && report.differences.length > 0;
    if (shouldFix) await this.rebuild.execute(contestId);
    return { ...report, fixed: shouldFix };
  }
}
