import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  CHANNEL_STANDINGS_CHANGED,
  type BusChannel,
  type BusMessages,
  type StandingsChangedNotice,
} from '#contracts';
import type { PodiumConfig } from '#config';

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

/** Redis pub/sub bus: every api instance hears every worker. One subscriber connection for every channel. */
export class RedisStandingsBus implements StandingsBus {
  private readonly logger = new Logger(RedisStandingsBus.name);
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private readonly handlers = new Map<
    string,
    { channel: BusChannel; handlers: ((message: never) => void)[] }
  >();

  constructor(private readonly config: PodiumConfig) {
    this.publisher = new Redis(config.redisUrl ?? '', { maxRetriesPerRequest: 3 });
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
    await this.publisher.publish(this.keyOf(channel), JSON.stringify(message));
  }

  async listen<C extends BusChannel>(channel: C, handler: (message: BusMessages[C]) => void): Promise<void> {
    if (this.subscriber === null) {
      this.subscriber = new Redis(this.config.redisUrl ?? '');
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

export function createStandingsBus(config: PodiumConfig): StandingsBus {
  return config.redisUrl === null ? new LocalStandingsBus() : new RedisStandingsBus(config);
}
