import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CHANNEL_STANDINGS_CHANGED, type StandingsChangedNotice } from '#contracts';
import type { PodiumConfig } from '#config';
import { isUnavailable } from './dependency-errors.js';
import { DependencyState } from './dependency-state.js';
import { createRedis, requestPathRedisOptions } from './redis.js';

/** How long a publish may wait for Redis: it runs after a commit, on request paths too. */
export const BUS_PUBLISH_TIMEOUT_MS = 500;

/**
 * Carries "contest X now has standings version V" from the process that committed the change to every
 * process that serves websockets. Notices are tiny hints, not data: the gateway reads the standings
 * from PostgreSQL, so a lost notice only delays an update until the gateway's version poll.
 */
export interface StandingsBus {
  publish(notice: StandingsChangedNotice): Promise<void>;
  subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void>;
  close(): Promise<void>;
}

/** Same-process bus, for the single-process (embedded) mode. */
export class LocalStandingsBus implements StandingsBus {
  private readonly emitter = new EventEmitter();

  async publish(notice: StandingsChangedNotice): Promise<void> {
    this.emitter.emit(CHANNEL_STANDINGS_CHANGED, notice);
  }

  async subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void> {
    this.emitter.on(CHANNEL_STANDINGS_CHANGED, handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub bus: every api instance hears every worker. A publish gives up after
 * {@link BUS_PUBLISH_TIMEOUT_MS} (a paused Redis) or at once (a disconnected one); a notice lost to an
 * outage is not an error (gateways poll versions), so it is reported to the Redis state, which logs
 * the outage once, and the publish resolves.
 */
export class RedisStandingsBus implements StandingsBus {
  private readonly logger = new Logger(RedisStandingsBus.name);
  private readonly channel: string;
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;

  constructor(
    private readonly config: PodiumConfig,
    private readonly state: DependencyState = new DependencyState('Redis'),
  ) {
    this.channel = `${config.keyPrefix}:${CHANNEL_STANDINGS_CHANGED}`;
    this.publisher = createRedis(
      config.redisUrl ?? '',
      'standings bus',
      state,
      requestPathRedisOptions(BUS_PUBLISH_TIMEOUT_MS),
    );
  }

  async publish(notice: StandingsChangedNotice): Promise<void> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify(notice));
      this.state.succeeded();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      this.state.failed('standings bus', error);
    }
  }

  async subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void> {
    // Subscriptions are renewed by ioredis after a reconnect (autoResubscribe).
    this.subscriber ??= createRedis(this.config.redisUrl ?? '', 'standings subscriber', this.state);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        handler(JSON.parse(message) as StandingsChangedNotice);
      } catch (error) {
        this.logger.warn(`Ignored a malformed notice on ${channel}: ${String(error)}`);
      }
    });
    await this.subscriber.subscribe(this.channel);
  }

  async close(): Promise<void> {
    const quits: Promise<unknown>[] = [this.publisher.quit()];
    if (this.subscriber !== null) quits.push(this.subscriber.quit());
    await Promise.allSettled(quits);
  }
}

/**
 * Announces committed standings changes. A notice that cannot be sent is only logged: the change is
 * committed, and gateways catch up on their next version poll.
 */
export async function announceChanges(
  bus: StandingsBus,
  versions: ReadonlyMap<string, number>,
  logger: Logger,
): Promise<void> {
  for (const [contestId, version] of versions) {
    try {
      await bus.publish({ contestId, version });
    } catch (error) {
      logger.warn(`standings notice for contest ${contestId} not sent: ${String(error)}`);
    }
  }
}

export function createStandingsBus(config: PodiumConfig, redisState?: DependencyState): StandingsBus {
  return config.redisUrl === null ? new LocalStandingsBus() : new RedisStandingsBus(config, redisState);
}
