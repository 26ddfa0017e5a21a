import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '#persistence';
import { pendingSchemaChanges, TEST_DATABASE_URL } from '#testing';

describe('the database schema', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('has every migration applied', async () => {
    await expect(dataSource.showMigrations()).resolves.toBe(false);
  });

  it('matches the entities, so no new migration is needed', async () => {
    await expect(pendingSchemaChanges(dataSource)).resolves.toEqual([]);
  });

  it('reads the schema one query at a time on each connection (pg 9 refuses concurrent queries)', async () => {
    // Counts the queries each pg client runs at once while the schema is read.
    const running = new WeakMap<object, number>();
    let overlaps = 0;
    const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const query = prototype.query;
    prototype.query = function (this: object, ...args: unknown[]): unknown {
      const now = (running.get(this) ?? 0) + 1;
      if (now > 1) overlaps += 1;
      running.set(this, now);
      const result = query.apply(this, args);
      const settle = () => running.set(this, (running.get(this) ?? 1) - 1);
      if (result instanceof Promise) result.then(settle, settle);
      else settle();
      return result;
    };
    try {
      await pendingSchemaChanges(dataSource);
    } finally {
      prototype.query = query;
    }
    expect(overlaps).toBe(0);
  });
});
