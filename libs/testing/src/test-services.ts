import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { recreateDatabase } from '#persistence';
import { deleteKeysUnder } from '#runtime';

/** The real services the tests run against (PostgreSQL and Redis on their standard local ports by default). */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** A fresh Redis key prefix: each suite's queues and channels are its own, and can be flushed alone. */
export function uniquePrefix(label: string): string {
  return `podium-test-${label}-${randomUUID().slice(0, 8)}`;
}

/** Deletes every Redis key under `prefix` (never the whole shared Redis). Returns how many. */
export function deleteRedisKeys(prefix: string, url = TEST_REDIS_URL): Promise<number> {
  return deleteKeysUnder(url, prefix);
}

/** A short-lived pg client for assertions straight on the tables. */
export async function withDb<T>(fn: (client: pg.Client) => Promise<T>, url = TEST_DATABASE_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own for a suite that needs an empty one (a first run with no admin): named after
 * the test database with `suffix` (`podium_test_setup`), dropped and created afresh, not migrated (a
 * Podium started on it with `PODIUM_ROLE=all` migrates it). Returns its URL.
 */
export async function freshDatabase(suffix: string): Promise<string> {
  const url = new URL(TEST_DATABASE_URL);
  const name = `${decodeURIComponent(url.pathname.slice(1))}_${suffix}`;
  if (!/test/i.test(name) || !/^[a-z0-9_]+$/i.test(name))
    throw new Error(`not a test database name: ${name}`);
  url.pathname = `/${name}`;
  await recreateDatabase(url.toString());
  return url.toString();
}
