import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { UnrecoverableError, type Worker } from 'bullmq';
import { JOB_REBUILD_CONTEST, JOB_SCORE_EVENTS, QUEUE_SCORING } from '#contracts';
import { DomainError } from '#domain';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { logQueueError, QueueFactory, unavailableDependency, type ScoringJob } from '#runtime';
import { RebuildContestUseCase } from './rebuild-contest.use-case.js';
import { ScoreEventsUseCase } from './score-events.use-case.js';

/** Takes jobs off the `scoring` queue and hands them to the use-cases. Thin on purpose. */
@Injectable()
export class ScoringProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringProcessor.name);
  private worker: Worker | null = null;

  constructor(
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    private readonly queues: QueueFactory,
    private readonly scoreEvents: ScoreEventsUseCase,
    private readonly rebuildContest: RebuildContestUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = this.queues.worker(
      QUEUE_SCORING,
      (job) => this.process(job),
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
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
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
