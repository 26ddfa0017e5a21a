import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { diffContributions, scoreEvent, type Contribution, type StandingDelta } from '#domain';
import { ContestsRepository, EventLedgerRepository, StandingsRepository } from '#persistence';
import { STANDINGS_BUS, type StandingsBus } from '#runtime';

const PAGE = 5_000;

/**
 * Rebuilds one contest's standings from the event ledger (libs/domain `recomputeStandings`): used when
 * a contest is created (events already in its window count) and to repair a contest.
 */
@Injectable()
export class RebuildContestUseCase {
  private readonly logger = new Logger(RebuildContestUseCase.name);
  private readonly ledger = new EventLedgerRepository();
  private readonly standings = new StandingsRepository();
  private readonly contests = new ContestsRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
  ) {}

  async execute(contestId: string): Promise<{ contributions: number; version: number | null }> {
    const started = Date.now();
    const result = await this.dataSource.transaction(async (tx) => {
      const contest = await this.contests.lockForRebuild(tx, contestId);
      if (contest === null) return { contributions: 0, version: null };
      await this.standings.clearContest(tx, contestId);
      const contributions: Contribution[] = [];
      let afterId = '0';
      for (;;) {
        const events = await this.ledger.eventsSince(tx, contest.rules.startsAt, afterId, PAGE);
        for (const e of events) contributions.push(...scoreEvent([contest], e));
        const last = events.at(-1);
        if (last === undefined || events.length < PAGE) break;
        afterId = last.id;
      }
      await this.standings.insertContributions(tx, contributions);
      // Every standing starts from nothing, so all deltas are additions (the domain's recomputeStandings).
      const deltas: StandingDelta[] = diffContributions([], contributions).deltas;
      await this.standings.addToStandings(tx, deltas);
      await this.contests.markRebuilt(tx, contestId);
      const versions = await this.contests.bumpVersions(tx, [contestId]);
      return { contributions: contributions.length, version: versions.get(contestId) ?? null };
    });
    if (result.version !== null) {
      await this.bus.publish({ contestId, version: result.version }).catch((error: unknown) => {
        this.logger.warn(`standings notice for contest ${contestId} not sent: ${String(error)}`);
      });
    }
    this.logger.log(
      `rebuilt contest ${contestId}: ${result.contributions} contributions in ${Date.now() - started} ms`,
    );
    return result;
  }
}
