import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { ContestsRepository, EventLedgerRepository } from '#persistence';
import {
  DependencyStates,
  isUnavailable,
  logFailure,
  SCORING_QUEUE,
  Shutdown,
  type ScoringQueue,
} from '#runtime';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';

const PAGE = 500;

/**
 * The safety net under the queue: finds accepted events that were never scored (a job lost with a
 * Redis that lost its data, a crash between commit and enqueue, a job that exhausted its retries)
 * and scores them directly, and rebuilds new contests whose rebuild job was lost. Runs when the worker
 * starts and then on a schedule.
 */
@Injectable()
export class UnscoredSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnscoredSweepService.name);
  private readonly ledger = new EventLedgerRepository();
  private readonly contests = new ContestsRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopWatching: (() => void) | null = null;

  constructor(
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    private readonly dataSource: DataSource,
    private readonly scoreEvents: ScoreEventsUseCase,
    private readonly rebuildContest: RebuildContestUseCase,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    private readonly states: DependencyStates,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): void {
    // On start, every unscored event is a candidate: nothing of ours can still hold its job in flight.
    void this.sweep(0).catch((error: unknown) =>
      logFailure(this.states, this.logger, 'startup sweep', error),
    );
    this.timer = setInterval(() => {
      void this.sweep(this.config.sweepMinAgeMs).catch((error: unknown) =>
        logFailure(this.states, this.logger, 'sweep', error),
      );
    }, this.config.sweepIntervalMs);
    this.timer.unref();
    // PostgreSQL is back after an outage (a crash may have lost the last scoring commits, whose jobs
    // BullMQ counts as done): sweep now rather than at the next interval. Every unscored event is a
    // candidate, as on start: one still in a queued job is then scored twice over, which changes nothing.
    this.stopWatching = this.states.database.onRecovered(() => {
      this.logger.log('PostgreSQL is back: sweeping for unscored events');
      void this.sweep(0).catch((error: unknown) =>
        logFailure(this.states, this.logger, 'recovery sweep', error),
      );
    });
    this.shutdown.onStop(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** No further sweep; the one under way ends after the page it is scoring. */
  private async stop(): Promise<void> {
    this.stopWatching?.();
    if (this.timer !== null) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Scores every event unscored for at least `minAgeMs`; returns how many it scored. One sweep at a
   * time; none once the process is stopping (the next start sweeps everything).
   */
  sweep(minAgeMs: number): Promise<number> {
    if (this.shutdown.stopping && this.running === null) return Promise.resolve(0);
    this.running ??= this.run(minAgeMs).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(minAgeMs: number): Promise<number> {
    // Never younger than SWEEP_MIN_AGE_MS, even on start: a new contest's rebuild job may still be queued.
    const contestAge = Math.max(minAgeMs, this.config.sweepMinAgeMs);
    for (const contestId of await this.contests.neverRebuilt(this.dataSource.manager, contestAge)) {
      if (this.shutdown.stopping) return 0;
      this.logger.log(
        `contest ${contestId} was never rebuilt from the ledger (its job was lost): rebuilding`,
      );
      // One failing contest must not stop the sweep: the next sweep tries it again.
      await this.rebuildContest.execute(contestId).catch((error: unknown) => {
        this.logger.error(`rebuild of contest ${contestId} failed: ${String(error)}`);
      });
    }
    // While jobs wait in the queue, an unscored event is most likely in one of them: scoring it here
    // would only fight that job for the same rows (a backlog of many contests measured a third of
    // scoring time waiting on such locks). A job truly lost is scored once the backlog has drained.
    if (minAgeMs > 0 && (await this.backlog()) > 0) return 0;
    let scored = 0;
    let afterId = '0';
    while (!this.shutdown.stopping) {
      const ids = await this.ledger.findUnscored(this.dataSource.manager, minAgeMs, PAGE, afterId);
      if (ids.length === 0) break;
      try {
        scored += (await this.scoreEvents.execute(ids)).scored;
      } catch (error) {
        // The database is gone: the whole sweep fails (and runs again when it is back).
        if (isUnavailable(error)) throw error;
        // Skip the page (the next sweep retries it) rather than stall every later event behind it.
        this.logger.error(`sweep could not score events ${ids[0]}..${ids.at(-1)}: ${String(error)}`);
      }
      afterId = ids[ids.length - 1] ?? afterId;
    }
    if (scored > 0) this.logger.log(`sweep scored ${scored} events whose scoring job was missing`);
    return scored;
  }

  /** Jobs waiting in the scoring queue; 0 when the queue cannot tell (then the sweep runs). */
  private async backlog(): Promise<number> {
    try {
      return await this.queue.getWaitingCount();
    } catch {
      return 0;
    }
  }
}
