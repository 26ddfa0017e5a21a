/** A service Podium needs that can be away for a while: the client should retry, not give up. */
export type Dependency = 'database' | 'redis';

/**
 * PostgreSQL SQLSTATEs that mean "no usable connection": class 08 (connection exception), 57P01
 * admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up, shutting down), and
 * 53300 too many connections. A query that fails with one of these was not applied (or, for a commit
 * cut off mid-flight, its outcome is unknown: ingest is idempotent, so a retry is safe).
 */
function isPostgresConnectionCode(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Socket-level failures: the server is not there, or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Messages of `pg` and `pg-pool` for a connection that broke or could not be made (they carry no code). */
const POSTGRES_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable$/,
  /^Client has encountered a connection error/,
  /^the database system is (starting up|shutting down|in recovery mode)/,
];

/** Messages of ioredis (and rate-limiter-flexible) for a Redis that is away or does not answer. */
const REDIS_MESSAGES = [
  /^Redis connection is not ready/,
  /^Connection is closed\.?$/,
  /^Stream isn't writeable/,
  /^Command timed out/,
  /^Reached the max retries per request limit/,
];

/**
 * Which dependency an error says is unavailable, or null for any other error (a bug, a constraint, bad
 * input). Looks through the wrappers TypeORM and Node put around driver errors (`driverError`, `cause`,
 * `AggregateError.errors`). A bare socket error is taken for the database: on a request path every
 * Redis call has its own timeout and fallback (docs/OPERATIONS.md), so only the database can fail that way.
 */
export function unavailableDependency(error: unknown, depth = 0): Dependency | null {
  if (typeof error !== 'object' || error === null || depth > 4) return null;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : '';
  if (e.name === 'MaxRetriesPerRequestError' || REDIS_MESSAGES.some((m) => m.test(message))) return 'redis';
  if (typeof e.code === 'string' && isPostgresConnectionCode(e.code)) return 'database';
  if (POSTGRES_MESSAGES.some((m) => m.test(message))) return 'database';
  const inners: unknown[] = [
    e.driverError,
    e.cause,
    ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : []),
  ];
  for (const inner of inners) {
    const found = unavailableDependency(inner, depth + 1);
    if (found !== null) return found;
  }
  if (typeof e.code === 'string' && SOCKET_CODES.has(e.code)) return 'database';
  return null;
}

/** True when the error means a dependency is unavailable (see {@link unavailableDependency}). */
export function isUnavailable(error: unknown): boolean {
  return unavailableDependency(error) !== null;
}

/** The message of any thrown value, for logs. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
