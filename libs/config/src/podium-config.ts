import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * The environment Podium reads, validated once at boot. Every other module takes the typed
 * {@link PodiumConfig}; nothing else reads process.env.
 */
class EnvironmentVariables {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL URL. Unset: an embedded PostgreSQL is started (the zero-install default). */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Redis URL. Set: BullMQ runs on Redis and workers fan out over Redis pub/sub. */
  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Which parts run in this process. `all` = api + worker (the default without Redis). */
  @IsOptional()
  @IsIn(['api', 'worker', 'all'])
  PODIUM_ROLE?: 'api' | 'worker' | 'all';

  /** Where the embedded PostgreSQL keeps its data. */
  @IsOptional()
  @IsString()
  PODIUM_DATA_DIR = '.podium/pgdata';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  PODIUM_EMBEDDED_PG_PORT = 54329;

  /** Prefix of every Redis key and channel (queues, pub/sub), so deployments can share a Redis. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9:_-]+$/, { message: 'may hold only letters, digits, ":", "_" and "-"' })
  PODIUM_KEY_PREFIX = 'podium';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  /**
   * Scoring jobs a worker runs at once. Jobs touching the same reps serialise on their standings, so
   * more is not faster: 2 measured 7% better than 4 end to end on two cores (docs/BENCHMARKS.md).
   */
  SCORING_CONCURRENCY = 2;

  /** How often the worker looks for accepted events that were never scored (a lost job). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS = 30_000;

  /** An unscored event younger than this is presumed to have its job still queued. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SWEEP_MIN_AGE_MS = 5_000;

  /** How often the worker reconciles live contests with the ledger (0: never). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  RECONCILE_INTERVAL_MS = 600_000;

  /** Updates of one contest are merged into one message per this interval. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(5_000)
  REALTIME_COALESCE_MS = 100;

  /** Safety net: how often the gateway checks subscribed contests for a missed change notice. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  REALTIME_POLL_MS = 2_000;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/, { message: 'must look like 512kb or 2mb' })
  BODY_LIMIT = '2mb';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** The first admin, created at a start while no admin exists yet (there is no default password). */
  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  PODIUM_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be at least 12 characters' })
  PODIUM_ADMIN_PASSWORD?: string;

  /**
   * The address people open Podium at (e.g. `https://podium.example.com`), for links the api prints
   * such as the first-run setup link; unset: the address it listens on.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http(s) URL without a query' })
  PUBLIC_URL?: string;

  /** Origins allowed to call the api from a browser (comma-separated); empty: none (CORS closed). */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Which proxies to trust for the client's address (X-Forwarded-For), in Express's terms: a number
   * of hops, or addresses/CIDRs such as `loopback, 10.0.0.0/8`. Empty: none (the socket's address).
   * Behind a TLS proxy, set it: per-IP limits otherwise count every client as the proxy.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY = '';

  /** Requests per minute from one IP address to the routes that take no token (pairing, refresh). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_PUBLIC_PER_MINUTE = 60;

  /** TV pairings started per minute from one IP address (`POST /api/v1/screens/device`, anonymous). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_DEVICE_START_PER_MINUTE = 10;

  /** Login attempts per minute from one IP address. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LOGIN_PER_MINUTE = 20;

  /** Ingest requests per second per API key (each request up to 1,000 events). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_INGEST_PER_SECOND = 200;

  /** Ingest requests per second from one IP address, whatever the key. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_INGEST_IP_PER_SECOND = 400;

  /** Failed logins in a row before an account locks. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  /** How long a locked account stays locked. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS = 900;

  /** Lifetime of an access token; a refresh token gets a new one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** How many entries of a board reps see (the public board; screens set their own). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  PUBLIC_TOP_N = 10;

  /** `text` for people at a terminal, `json` (pino) for log collectors in production. */
  @IsOptional()
  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  /**
   * On SIGTERM / SIGINT: how long requests and jobs in flight may take to finish before they are cut
   * (requests) or handed back to the queue (jobs). Under Docker's default 10 s stop timeout.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 8_000;

  /**
   * Set by npm for the process of a script (`npm start`): the server then stops when npm is gone, so
   * killing npm never leaves Podium (and its embedded PostgreSQL) running.
   */
  @IsOptional()
  @IsString()
  npm_lifecycle_event?: string;
}

export interface PodiumConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly role: 'api' | 'worker' | 'all';
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  readonly keyPrefix: string;
  readonly scoringConcurrency: number;
  readonly sweepIntervalMs: number;
  readonly sweepMinAgeMs: number;
  readonly reconcileIntervalMs: number;
  readonly coalesceMs: number;
  readonly realtimePollMs: number;
  readonly bodyLimit: string;
  readonly logLevel: string;
  readonly logFormat: 'text' | 'json';
  readonly admin: { readonly email: string; readonly password: string } | null;
  /** PUBLIC_URL; null: the address the api listens on. */
  readonly publicUrl: string | null;
  readonly corsOrigins: readonly string[];
  readonly trustProxy: string | number | false;
  readonly ratePublicPerMinute: number;
  readonly rateDeviceStartPerMinute: number;
  readonly rateLoginPerMinute: number;
  readonly rateIngestPerSecond: number;
  readonly rateIngestIpPerSecond: number;
  readonly loginMaxFailures: number;
  readonly loginLockSeconds: number;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly publicTopN: number;
  readonly shutdownTimeoutMs: number;
  /** Stop when the parent process goes away (started through an npm script). */
  readonly stopWithParent: boolean;
}

/** Thrown at boot; the message names the variables and the rule, never their values. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PodiumConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const vars = plainToInstance(EnvironmentVariables, defined, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map(
      (message) => `${e.property}: ${message.replace(`${e.property} `, '')}`,
    ),
  );
  const role = vars.PODIUM_ROLE ?? (vars.REDIS_URL === undefined ? 'all' : 'api');
  if (role !== 'all' && vars.REDIS_URL === undefined) {
    problems.push('PODIUM_ROLE: api and worker need REDIS_URL (separate processes share work through Redis)');
  }
  if (role !== 'all' && vars.DATABASE_URL === undefined) {
    problems.push('PODIUM_ROLE: api and worker need DATABASE_URL (the embedded database serves one process)');
  }
  if ((vars.PODIUM_ADMIN_EMAIL === undefined) !== (vars.PODIUM_ADMIN_PASSWORD === undefined)) {
    problems.push('PODIUM_ADMIN_EMAIL, PODIUM_ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL ?? null,
    redisUrl: vars.REDIS_URL ?? null,
    role,
    dataDir: vars.PODIUM_DATA_DIR,
    embeddedPgPort: vars.PODIUM_EMBEDDED_PG_PORT,
    keyPrefix: vars.PODIUM_KEY_PREFIX,
    scoringConcurrency: vars.SCORING_CONCURRENCY,
    sweepIntervalMs: vars.SWEEP_INTERVAL_MS,
    sweepMinAgeMs: vars.SWEEP_MIN_AGE_MS,
    reconcileIntervalMs: vars.RECONCILE_INTERVAL_MS,
    coalesceMs: vars.REALTIME_COALESCE_MS,
    realtimePollMs: vars.REALTIME_POLL_MS,
    bodyLimit: vars.BODY_LIMIT,
    logLevel: vars.LOG_LEVEL,
    logFormat: vars.LOG_FORMAT,
    admin:
      vars.PODIUM_ADMIN_EMAIL === undefined || vars.PODIUM_ADMIN_PASSWORD === undefined
        ? null
        : { email: vars.PODIUM_ADMIN_EMAIL, password: vars.PODIUM_ADMIN_PASSWORD },
    publicUrl: vars.PUBLIC_URL ?? null,
    corsOrigins: vars.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    trustProxy:
      vars.TRUST_PROXY.trim() === ''
        ? false
        : /^\d+$/.test(vars.TRUST_PROXY.trim())
          ? Number(vars.TRUST_PROXY.trim())
          : vars.TRUST_PROXY.trim(),
    ratePublicPerMinute: vars.RATE_PUBLIC_PER_MINUTE,
    rateDeviceStartPerMinute: vars.RATE_DEVICE_START_PER_MINUTE,
    rateLoginPerMinute: vars.RATE_LOGIN_PER_MINUTE,
    rateIngestPerSecond: vars.RATE_INGEST_PER_SECOND,
    rateIngestIpPerSecond: vars.RATE_INGEST_IP_PER_SECOND,
    loginMaxFailures: vars.LOGIN_MAX_FAILURES,
    loginLockSeconds: vars.LOGIN_LOCK_SECONDS,
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_SECONDS,
    publicTopN: vars.PUBLIC_TOP_N,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
    stopWithParent: vars.npm_lifecycle_event !== undefined,
  };
}

/** Nest injection token of the {@link PodiumConfig}. */
export const PODIUM_CONFIG = Symbol('PODIUM_CONFIG');
