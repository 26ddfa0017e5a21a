import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { DomainError } from '#domain';

export class RateLimitedError extends DomainError {
  readonly code = 'rate.limited';
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`too many ${what}: try again in ${retryAfterSeconds} s`);
  }
}

/**
 * Request budgets per API key and per IP address on login and ingest (token buckets from
 * rate-limiter-flexible). With Redis they are shared by every api instance; without (one process)
 * they live in memory. Over budget: 429 with Retry-After.
 */
@Injectable()
export class RateLimitService implements OnApplicationShutdown {
  private readonly redis: Redis | null;
  private readonly loginByIp: RateLimiterAbstract;
  private readonly ingestByKey: RateLimiterAbstract;
  private readonly ingestByIp: RateLimiterAbstract;
  private readonly publicByIp: RateLimiterAbstract;
  private readonly deviceStartByIp: RateLimiterAbstract;

  constructor(@Inject(PODIUM_CONFIG) config: PodiumConfig) {
    this.redis =
      config.redisUrl === null
        ? null
        : new Redis(config.redisUrl, {
            maxRetriesPerRequest: 1,
            enableOfflineQueue: false,
            lazyConnect: false,
          });
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
      this.redis === null
        ? new RateLimiterMemory({ keyPrefix, points, duration })
        : new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix: `${config.keyPrefix}:rate:${keyPrefix}`,
            points,
            duration,
            // Redis down: fall back to a per-instance budget rather than refuse everything.
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          });
    this.loginByIp = make('login-ip', config.rateLoginPerMinute, 60);
    this.ingestByKey = make('ingest-key', config.rateIngestPerSecond, 1);
    this.ingestByIp = make('ingest-ip', config.rateIngestIpPerSecond, 1);
    this.publicByIp = make('public-ip', config.ratePublicPerMinute, 60);
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

  private async consume(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        throw new RateLimitedError(what, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
      }
      throw rejection;
    }
  }
}
