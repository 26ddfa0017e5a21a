import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/** How long opening a connection (or waiting for a free one in the pool) may take before it fails. */
export const DATABASE_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The one data source definition: the api, the worker, the migrate command and the tests use it.
 * `onPoolError` hears the errors of idle pooled connections (the server went away).
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  onPoolError?: (error: Error) => void,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: 'migrations',
    poolSize,
    // Without it, a request waits forever for a server that does not answer the connection.
    connectTimeoutMS: DATABASE_CONNECT_TIMEOUT_MS,
    ...(onPoolError === undefined ? {} : { poolErrorHandler: onPoolError }),
    // Off: TypeORM's error log prints the query parameters, i.e. event payloads. Failures still
    // surface as exceptions, logged by the callers without parameters.
    logging: false,
  };
}

/**
 * True for failures that a retry of the whole transaction resolves: a deadlock victim (40P01), a
 * serialization failure (40001), or a NOWAIT lock that was taken (55P03).
 */
export function isRetryableTransactionError(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: unknown } } | null)?.driverError?.code ??
    (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === '55P03';
}

export function createDataSource(
  url: string,
  poolSize?: number,
  onPoolError?: (error: Error) => void,
): DataSource {
  return new DataSource(dataSourceOptions(url, poolSize, onPoolError));
}

/** Applies pending migrations; safe to run concurrently (TypeORM takes a lock) and repeatedly. */
export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource(url, 2);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/**
 * Drops the database `url` names and creates it empty (then `runMigrations` fills it): for the tests'
 * and benchmarks' own scratch databases only, so it refuses a name without "test" or "bench" in it.
 * Connections still open to it are ended (`WITH (FORCE)`).
 */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/test|bench/i.test(name)) {
    throw new Error(`refusing to drop the database "${name}": only a test or bench database is recreated`);
  }
  target.pathname = '/postgres';
  const admin = new DataSource({ type: 'postgres', url: target.toString(), poolSize: 1 });
  await admin.initialize();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await admin.destroy();
  }
}
