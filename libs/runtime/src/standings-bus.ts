import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  CHANNEL_STANDINGS_CHANGED,
  type BusChannel,
  type BusMessages,
  type StandingsChangedNotice,
} from '#contracts';
import type { PodiumConfig } from '#config';
import { isUnavailable } from './dependency-errors.js';
import { DependencyState } from './dependency-state.js';
import { createRedis, requestPathRedisOptions } from './redis.js';

/** How long a publish may wait for Redis: it runs after a commit, on request paths too. */
export const BUS_PUBLISH_TIMEOUT_MS = 500;

/**
 * Carries what a committed change means for the screens, from the process that committed it to every
 * process that serves websockets, on typed channels ({@link BusMessages}):
 * - `standings.changed`: "contest X now has standings version V". A tiny hint, not data: the gateway
 *   reads the standings from PostgreSQL, so a lost notice only delays an update until the version poll.
 * - `moments`: the celebrations a commit produced. Data (a moment cannot be re-read later); a lost one
 *   is a cheer missed, never a wrong board.
 * - `board.changed`: a screen's name, playlist or settings changed; its TV refetches its board.
 */
export interface StandingsBus {
  publish(notice: StandingsChangedNotice): Promise<void>;
  subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void>;
  send<C extends BusChannel>(channel: C, message: BusMessages[C]): Promise<void>;
  listen<C extends BusChannel>(channel: C, handler: (message: BusMessages[C]) => void): Promise<void>;
  close(): Promise<void>;
}

/** Same-process bus, for the single-process (embedded) mode. */
export class LocalStandingsBus implements StandingsBus {
  private readonly emitter = new EventEmitter();

  async publish(notice: StandingsChangedNotice): Promise<void> {
    await this.send(CHANNEL_STANDINGS_CHANGED, notice);
  }

  async subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void> {
    await this.listen(CHANNEL_STANDINGS_CHANGED, handler);
  }

  async send<C extends BusChannel>(channel: C, message: BusMessages[C]): Promise<void> {
    this.emitter.emit(channel, message);
  }

  async listen<C extends BusChannel>(channel: C, handler: (message: BusMessages[C]) => void): Promise<void> {
    this.emitter.on(channel, handler);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/**
 * Redis pub/sub bus: every api instance hears every worker; one subscriber connection for every
 * channel. A send gives up after {@link BUS_PUBLISH_TIMEOUT_MS} (a paused Redis) or at once (a
 * disconnected one); a message lost to an outage is not an error (gateways poll versions; a lost
 * moment is a cheer missed), so it is reported to the Redis state, which logs the outage once, and the
 * send resolves.
 */
export class RedisStandingsBus implements StandingsBus {
  private readonly logger = new Logger(RedisStandingsBus.name);
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private readonly handlers = new Map<
    string,
    { channel: BusChannel; handlers: ((message: never) => void)[] }
  >();

  constructor(
    private readonly config: PodiumConfig,
    private readonly state: DependencyState = new DependencyState('Redis'),
  ) {
    this.publisher = createRedis(
      config.redisUrl ?? '',
      'standings bus',
      state,
      requestPathRedisOptions(BUS_PUBLISH_TIMEOUT_MS),
    );
  }

  private keyOf(channel: BusChannel): string {
    return `${this.config.keyPrefix}:${channel}`;
  }

  async publish(notice: StandingsChangedNotice): Promise<void> {
    await this.send(CHANNEL_STANDINGS_CHANGED, notice);
  }

  async subscribe(handler: (notice: StandingsChangedNotice) => void): Promise<void> {
    await this.listen(CHANNEL_STANDINGS_CHANGED, handler);
  }

  async send<C extends BusChannel>(channel: C, message: BusMessages[C]): Promise<void> {
    try {
      await this.publisher.publish(this.keyOf(channel), JSON.stringify(message));
      this.state.succeeded();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      this.state.failed('standings bus', error);
    }
  }

  async listen<C extends BusChannel>(channel: C, handler: (message: BusMessages[C]) => void): Promise<void> {
    if (this.subscriber === null) {
      // Subscriptions are renewed by ioredis after a reconnect (autoResubscribe).
      this.subscriber = createRedis(this.config.redisUrl ?? '', 'standings subscriber', this.state);
      this.subscriber.on('message', (key: string, message: string) => {
        const entry = this.handlers.get(key);
        if (entry === undefined) return;
        let parsed: never;
        try {
          parsed = JSON.parse(message) as never;
        } catch (error) {
          this.logger.warn(`Ignored a malformed message on ${entry.channel}: ${String(error)}`);
          return;
        }
        for (const h of entry.handlers) h(parsed);
      });
    }
    const key = this.keyOf(channel);
    const entry = this.handlers.get(key);
    if (entry !== undefined) {
      entry.handlers.push(handler);
      return;
    }
    this.handlers.set(key, { channel, handlers: [handler] });
    await this.subscriber.subscribe(key);
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

/** Sends a message after a commit; a failure is only logged (the change itself is committed). */
export async function announce<C extends BusChannel>(
  bus: StandingsBus,
  channel: C,
  message: BusMessages[C],
  logger: Logger,
): Promise<void> {
  try {
    await bus.send(channel, message);
  } catch (error) {
    logger.warn(`${channel} message not sent: ${String(error)}`);
  }
}

export function createStandingsBus(config: PodiumConfig, redisState?: DependencyState): StandingsBus {
  return config.redisUrl === null ? new LocalStandingsBus() : new RedisStandingsBus(config, redisState);
}
