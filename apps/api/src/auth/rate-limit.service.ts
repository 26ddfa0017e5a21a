import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { DomainError } from '#domain';
import { createRedis, DependencyStates, isUnavailable, messageOf, requestPathRedisOptions } from '#runtime';

export class RateLimitedError extends DomainError {
  readonly code = 'rate.limited';
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`too many ${what}: try again in ${retryAfterSeconds} s`);
  }
}

/** How long a rate-limit check may wait for Redis before the in-memory budget decides. */
export const RATE_LIMIT_REDIS_TIMEOUT_MS = 250;
/** After a Redis failure, checks use the in-memory budgets this long before trying Redis again. */
export const RATE_LIMIT_REDIS_BACKOFF_MS = 2_000;

/** A budget in Redis (shared by every api instance) with an in-memory stand-in for when Redis fails. */
interface Budget {
  readonly shared: RateLimiterAbstract | null;
  readonly local: RateLimiterMemory;
}

/**
 * Request budgets per API key and per IP address on login and ingest (token buckets from
 * rate-limiter-flexible). With Redis they are shared by every api instance; without (one process)
 * they live in memory. Over budget: 429 with Retry-After.
 *
 * Redis failing must not stall or refuse requests: each Redis call gives up after
 * {@link RATE_LIMIT_REDIS_TIMEOUT_MS} (a paused Redis) or at once (a disconnected one), and the
 * instance's own in-memory budget decides instead (rate-limiter-flexible's insurance-limiter idea).
 * After a failure, Redis is left alone for {@link RATE_LIMIT_REDIS_BACKOFF_MS}, so an outage costs a
 * request the timeout at most once per back-off, not at every check.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitService.name);
  private readonly redis: Redis | null;
  private readonly loginByIp: Budget;
  private readonly ingestByKey: Budget;
  private readonly ingestByIp: Budget;
  private readonly publicByIp: Budget;
  private readonly deviceStartByIp: Budget;
  private redisSkippedUntil = 0;

  constructor(
    @Inject(PODIUM_CONFIG) config: PodiumConfig,
    private readonly states: DependencyStates,
  ) {
    this.redis =
      config.redisUrl === null
        ? null
        : createRedis(
            config.redisUrl,
            'rate limiter',
            states.redis,
            requestPathRedisOptions(RATE_LIMIT_REDIS_TIMEOUT_MS),
          );
    const make = (keyPrefix: string, points: number, duration: number): Budget => ({
      shared:
        this.redis === null
          ? null
          : new RateLimiterRedis({
              storeClient: this.redis,
              keyPrefix: `${config.keyPrefix}:rate:${keyPrefix}`,
              points,
              duration,
              // Not connected: fail at once (the local budget decides) instead of waiting.
              rejectIfRedisNotReady: true,
            }),
      local: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
    this.loginByIp = make('login-ip', config.rateLoginPerMinute, 60);
    this.ingestByKey = make('ingest-key', config.rateIngestPerSecond, 1);
    this.ingestByIp = make('ingest-ip', config.rateIngestIpPerSecond, 1);
    this.publicByIp = make('public-ip', config.ratePublicPerMinute, 60);
    this.deviceStartByIp = make('device-start-ip', config.rateDeviceStartPerMinute, 60);
    this.deviceStartByIp = make('device-start-ip', config.rateDeviceStartPerMinute, 60);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  login(ip: string): Promise<void> {
    return this.consume(this.loginByIp, ip, 'login attempts from this address');
  }

  /** Ingest requests from one address: checked before the token is even looked up. */
  ingestFrom(ip: string): Promise<void> {
    return this.consume(this.ingestByIp, ip, 'requests from this address');
  }

  ingest(key: string): Promise<void> {
    return this.consume(this.ingestByKey, key, 'requests with this key');
  }

  /** Requests to the routes that take no token (pairing, refresh), per address. */
  publicFrom(ip: string): Promise<void> {
    return this.consume(this.publicByIp, ip, 'requests from this address');
  }

  /** TV pairings started from one address (each stores a row): a tighter budget than other public routes. */
  deviceStartFrom(ip: string): Promise<void> {
    return this.consume(this.deviceStartByIp, ip, 'TV pairings started from this address');
  }

  private async consume(budget: Budget, key: string, what: string): Promise<void> {
    try {
      await this.take(budget, key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(what, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }

  /** One point from the shared budget, or from the local one while Redis fails. */
  private async take(budget: Budget, key: string): Promise<void> {
    if (budget.shared === null || Date.now() < this.redisSkippedUntil) {
      await budget.local.consume(key);
      return;
    }
    try {
      await budget.shared.consume(key);
      this.states.redis.succeeded();
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rejection;
      this.redisSkippedUntil = Date.now() + RATE_LIMIT_REDIS_BACKOFF_MS;
      if (isUnavailable(rejection)) this.states.redis.failed('rate limiter', rejection);
      else this.logger.warn(`rate limit check fell back to memory: ${messageOf(rejection)}`);
      await budget.local.consume(key);
    }
  }
}
