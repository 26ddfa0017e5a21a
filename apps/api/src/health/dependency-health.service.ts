import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import {
  createRedis,
  DependencyStates,
  QueueFactory,
  requestPathRedisOptions,
  SCORING_QUEUE,
  type DependencyState,
  type ScoringQueue,
} from '#runtime';

/** How long one dependency check may take before the dependency counts as down. */
export const HEALTH_CHECK_TIMEOUT_MS = 500;

/** The dependencies a health check names: `database`, `redis` (with REDIS_URL) and `queue`. */
export type DependencyKey = 'database' | 'redis' | 'queue';

/**
 * Checks each dependency this process serves with, each within {@link HEALTH_CHECK_TIMEOUT_MS}:
 * PostgreSQL (`SELECT 1`), Redis (`PING` on a connection of its own, when REDIS_URL is set) and the
 * scoring queue (its waiting count, on Redis or PostgreSQL). Results also feed the dependency states,
 * so an outage seen only by health checks is still logged once and its end announced.
 */
@Injectable()
export class DependencyHealthService implements OnApplicationShutdown {
  private readonly redis: Redis | null;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    private readonly states: DependencyStates,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    @Inject(PODIUM_CONFIG) config: PodiumConfig,
  ) {
    this.redis =
      config.redisUrl === null
        ? null
        : createRedis(
            config.redisUrl,
            'health check',
            states.redis,
            requestPathRedisOptions(HEALTH_CHECK_TIMEOUT_MS),
          );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  /** The checks of this process, in the order they are reported. */
  keys(): DependencyKey[] {
    return this.redis === null ? ['database', 'queue'] : ['database', 'redis', 'queue'];
  }

  check(key: DependencyKey): Promise<HealthIndicatorResult> {
    switch (key) {
      case 'database':
        return this.attempt('database', this.states.database, async () => {
          await this.dataSource.query('SELECT 1');
        });
      case 'redis':
        return this.attempt('redis', this.states.redis, async () => {
          if (this.redis === null) return;
          await this.redis.ping();
        });
      case 'queue':
        return this.attempt('queue', this.queues.backendState, async () => {
          // A disconnected Redis queue would hold the command until Redis returns: down at once.
          if (!this.queues.connected) throw new Error('the queue is not connected to Redis');
          return { backend: this.queues.backend, waiting: await this.queue.getWaitingCount() };
        });
    }
  }

  private async attempt(
    key: DependencyKey,
    state: DependencyState,
    fn: () => Promise<Record<string, unknown> | void>,
  ): Promise<HealthIndicatorResult> {
    const result = await this.indicators.check(key).attempt(fn).withTimeout(HEALTH_CHECK_TIMEOUT_MS);
    const outcome = result[key];
    if (outcome?.status === 'up') state.succeeded();
    else state.failed(`${key} health check`, new Error(String(outcome?.message ?? 'down')));
    return result;
  }
}
