import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { candidateScope, diffContributions, scoreEvent, type Contribution } from '#domain';
import { ContestsRepository, EventLedgerRepository, StandingsRepository } from '#persistence';
import { announceChanges, STANDINGS_BUS, type StandingsBus } from '#runtime';

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
      // Page by page: memory stays bounded whatever the window. Every standing starts from nothing, so
      // each page's deltas are additions, and their sum is the domain's recomputeStandings.
      let contributions = 0;
      for await (const events of this.ledger.eventPages(tx, candidateScope(contest), PAGE)) {
        const page: Contribution[] = events.flatMap((e) => scoreEvent([contest], e));
        await this.standings.insertContributions(tx, page);
        await this.standings.addToStandings(tx, diffContributions([], page).deltas);
        contributions += page.length;
      }
      await this.contests.markRebuilt(tx, contestId);
      const versions = await this.contests.bumpVersions(tx, [contestId]);
      return { contributions, version: versions.get(contestId) ?? null };
    });
    if (result.version !== null)
      await announceChanges(this.bus, new Map([[contestId, result.version]]), this.logger);
    this.logger.log(
      `rebuilt contest ${contestId}: ${result.contributions} contributions in ${Date.now() - started} ms`,
    );
    return result;
  }
}
