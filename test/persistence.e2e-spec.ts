import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '#persistence';
import { TEST_DATABASE_URL } from '#testing';

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
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
