import {
  createPostgresBackend,
  Queue,
  withBackend,
  Worker,
  type Job,
  type QueueOptions,
  type WorkerOptions,
} from 'bullmq';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { JobName, JobPayloads } from '#contracts';
import type { PodiumConfig } from '#config';
import { isUnavailable } from './dependency-errors.js';
import { DependencyStates, type DependencyState } from './dependency-state.js';
import { createRedis } from './redis.js';

export type ScoringJob = { [N in JobName]: Job<JobPayloads[N], unknown, N> }[JobName];
export type ScoringQueue = Queue<JobPayloads[JobName], unknown, JobName>;

/**
 * Logs a queue error. A lost connection is reported to the state of the queue's backend (`state`),
 * which logs one line per outage rather than one per reconnect attempt; "57P01" is PostgreSQL
 * shutting down (the embedded database stops with Podium on Ctrl-C). Anything else is an error.
 */
export function logQueueError(
  logger: Logger,
  what: string,
  error: Error & { code?: unknown },
  state?: DependencyState,
): void {
  if (state !== undefined && isUnavailable(error)) state.failed(what, error);
  else if (error.code === '57P01') logger.debug(`${what}: the database is shutting down`);
  else logger.error(`${what} error: ${error.message}`);
}

/** Schema of BullMQ's own tables when the queue runs on PostgreSQL. */
export const BULLMQ_PG_SCHEMA = 'bullmq';

/**
 * Builds BullMQ queues and workers on the configured backend: Redis when REDIS_URL is set (production),
 * otherwise BullMQ's PostgreSQL backend on the same database (the zero-install default).
 */
export class QueueFactory {
  private readonly logger = new Logger(QueueFactory.name);
  private readonly redisConnections: Redis[] = [];

  constructor(
    private readonly config: PodiumConfig,
    private readonly databaseUrl: string,
    readonly states: DependencyStates = new DependencyStates(),
  ) {}

  get backend(): 'redis' | 'postgres' {
    return this.config.redisUrl === null ? 'postgres' : 'redis';
  }

  /** The state of the queue's backend: Redis, or PostgreSQL. */
  get backendState(): DependencyState {
    return this.config.redisUrl === null ? this.states.database : this.states.redis;
  }

  /**
   * False while a Redis connection of the queues is not connected: a command sent then would wait in
   * ioredis's offline queue (BullMQ's connections wait out an outage), so health checks skip it.
   */
  get connected(): boolean {
    return this.redisConnections.every((c) => c.status === 'ready');
  }

  queue(name: string): ScoringQueue {
    const queue =
      this.config.redisUrl === null
        ? (new (withBackend(createPostgresBackend).Queue)(name, {
            connection: this.pgConnection(),
          }) as unknown as ScoringQueue)
        : (new Queue(name, this.redisOptions()) as unknown as ScoringQueue);
    // Without a listener BullMQ prints connection errors raw to stderr.
    queue.on('error', (error: Error) =>
      logQueueError(this.logger, `queue ${name}`, error, this.backendState),
    );
    return queue;
  }

  /**
   * A worker running `processor`, which gets BullMQ's lock token and an abort signal (the signal is
   * passed only because the function declares three parameters: keep them).
   */
  worker(
    name: string,
    processor: (job: ScoringJob, token?: string, signal?: AbortSignal) => Promise<unknown>,
    concurrency: number,
  ): Worker {
    const run = processor as (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;
    if (this.config.redisUrl === null) {
      const pg = withBackend(createPostgresBackend);
      return new pg.Worker(name, run, { connection: this.pgConnection(), concurrency }) as unknown as Worker;
    }
    const options: WorkerOptions = { ...this.redisOptions(), concurrency };
    return new Worker(name, run, options);
  }

  async close(): Promise<void> {
    await Promise.all(this.redisConnections.map((c) => c.quit().catch(() => undefined)));
  }

  private pgConnection() {
    return { connectionString: this.databaseUrl, schema: BULLMQ_PG_SCHEMA, migrate: true, max: 4 };
  }

  /**
   * Connections wait out a Redis outage (BullMQ requires maxRetriesPerRequest null for workers, and a
   * queue's add waits for its connection anyway): requests bound that wait with `enqueue`'s timeout.
   */
  private redisOptions(): QueueOptions {
    const connection = createRedis(this.config.redisUrl ?? '', 'queue', this.states.redis, {
      maxRetriesPerRequest: null,
    });
    this.redisConnections.push(connection);
    return { connection, prefix: `${this.config.keyPrefix}:bull` };
  }
}
