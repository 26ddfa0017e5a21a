import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { ContestsRepository } from '#persistence';
import { Shutdown } from '#runtime';
import { ReconcileContestUseCase } from './reconcile-contest.use-case.js';

/**
 * On a schedule, reconciles every live contest with the ledger and repairs (and logs, as a warning)
 * any difference. A difference means a bug: it should never happen.
 */
@Injectable()
export class ReconcileService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileService.name);
  private readonly contests = new ContestsRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    private readonly dataSource: DataSource,
    private readonly reconcile: ReconcileContestUseCase,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reconcileIntervalMs === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => this.logger.error(`reconcile failed: ${String(error)}`))
        .finally(() => {
          this.running = null;
        });
    }, this.config.reconcileIntervalMs);
    this.timer.unref();
    this.shutdown.onStop(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** No further run; the one under way ends after the contest it is checking. */
  private async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<void> {
    for (const { contest } of await this.contests.liveWithPeriods(this.dataSource.manager)) {
      if (this.shutdown.stopping) break;
      const report = await this.reconcile.execute(contest.id, true);
      if (report !== null && report.differences.length > 0) {
        this.logger.warn(
          `contest ${contest.id}: ${report.differences.length} standings differed from the ledger; rebuilt`,
        );
      }
    }
  }
}
