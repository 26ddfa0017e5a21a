import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { UnrecoverableError, WaitingError, type Worker } from 'bullmq';
import { JOB_REBUILD_CONTEST, JOB_SCORE_EVENTS, QUEUE_SCORING } from '#contracts';
import { DomainError } from '#domain';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import {
  logQueueError,
  QueueFactory,
  Shutdown,
  unavailableDependency,
  whenAborted,
  type ScoringJob,
} from '#runtime';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';

/** Takes jobs off the `scoring` queue and hands them to the use-cases. Thin on purpose. */
@Injectable()
export class ScoringProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringProcessor.name);
  private worker: Worker | null = null;
  private stopped: Promise<void> | null = null;

  constructor(
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    private readonly queues: QueueFactory,
    private readonly scoreEvents: ScoreEventsUseCase,
    private readonly rebuildContest: RebuildContestUseCase,
    private readonly shutdown: Shutdown,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = this.queues.worker(
      QUEUE_SCORING,
      (job, token, signal) => this.run(job, token, signal),
      this.config.scoringConcurrency,
    );
    this.worker.on('failed', (job, error) => {
      // A job that failed for a lost database or Redis is retried by BullMQ: the outage is logged once.
      const dependency = unavailableDependency(error);
      if (dependency !== null) {
        this.queues.states[dependency].failed('scoring job', error);
        return;
      }
      this.logger.warn(
        `job ${job?.name ?? '?'} ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? 0}): ${error.message}`,
      );
    });
    this.worker.on('error', (error) =>
      logQueueError(this.logger, 'queue worker', error, this.queues.backendState),
    );
    this.shutdown.onStop(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /**
   * Takes no new job and waits for the active ones; those still running when the shutdown timeout
   * has passed are handed back to the queue (see {@link run}).
   */
  private stop(): Promise<void> {
    this.stopped ??= (async () => {
      const worker = this.worker;
      if (worker === null) return;
      const handBack = () => worker.cancelAllJobs('shutting down');
      if (this.shutdown.deadline.aborted) handBack();
      else this.shutdown.deadline.addEventListener('abort', handBack, { once: true });
      const started = Date.now();
      await worker.close();
      this.logger.log(`queue worker stopped in ${Date.now() - started} ms`);
    })();
    return this.stopped;
  }

  /**
   * Runs a job; if the worker is stopping and the job is cancelled (the shutdown timeout passed), moves
   * it back to the waiting list at once, so another worker (or the next start) takes it now rather than
   * after the stalled-job check. Its transaction may still commit: delivery is at-least-once and the
   * next run then finds the events scored and changes nothing.
   */
  private async run(job: ScoringJob, token?: string, signal?: AbortSignal): Promise<unknown> {
    const work = this.process(job);
    if (token === undefined || signal === undefined) return work;
    const cancelled = Symbol('cancelled');
    const outcome = await Promise.race([work, whenAborted(signal).then(() => cancelled)]);
    if (outcome !== cancelled) return outcome;
    work.catch(() => undefined);
    await job.moveToWait(token);
    this.logger.warn(
      `job ${job.name} ${job.id ?? '?'} did not finish before the shutdown timeout: returned to the queue`,
    );
    // Tells BullMQ the job was moved on purpose: neither completed nor failed.
    throw new WaitingError();
  }

  async process(job: ScoringJob): Promise<unknown> {
    const started = Date.now();
    try {
      switch (job.name) {
        case JOB_SCORE_EVENTS: {
          const result = await this.scoreEvents.execute(job.data.eventIds);
          this.logger.debug(
            `scored ${result.scored}/${job.data.eventIds.length} events in ${Date.now() - started} ms`,
          );
          return { scored: result.scored };
        }
        case JOB_REBUILD_CONTEST:
          return await this.rebuildContest.execute(job.data.contestId);
      }
    } catch (error) {
      // A broken rule will break again: park the job with its reason instead of retrying it.
      if (error instanceof DomainError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }
}
