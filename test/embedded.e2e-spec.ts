import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  licenseSold,
  LiveClient,
  PodiumApi,
  request,
  startPodium,
  uid,
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

/** `npm start` with nothing configured: embedded PostgreSQL, BullMQ on PostgreSQL, one process. */
describe('the embedded single-process mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'podium-embedded-'));
  // Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folder.
  chmodSync(dataDir, 0o755);
  let podium: PodiumProcess;

  beforeAll(async () => {
    podium = await startPodium(
      'all',
      { PODIUM_DATA_DIR: join(dataDir, 'pgdata'), PODIUM_EMBEDDED_PG_PORT: String(await freePort()) },
      120_000,
    );
  }, 150_000);

  afterAll(async () => {
    await podium?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs on the embedded database and the PostgreSQL queue', async () => {
    await expect(request(`${podium.url}/health`, 'GET')).resolves.toMatchObject({
      status: 200,
      body: { status: 'ok', role: 'all', queue: 'postgres' },
    });
    expect(podium.output()).toContain('database: embedded');
  });

  it('serves the same flow: events in, live ranks out', async () => {
    const api = new PodiumApi(podium.url);
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const live = new LiveClient(podium.url);
    try {
      expect((await live.subscribe(contest.id)).ok).toBe(true);
      const [ana, bob] = [uid('ana'), uid('bob')];
      expect(
        (
          await api.postEvents([
            licenseSold(src, ana, 4, '2026-10-01T09:00:00Z'),
            licenseSold(src, bob, 1, '2026-10-01T10:00:00Z'),
          ])
        ).status,
      ).toBe(202);
      const update = await live.waitFor((m) => m.top.length === 2, 15_000);
      expect(update.top.map((e) => [e.rep?.externalId, e.rank, e.score])).toEqual([
        [ana, 1, 4],
        [bob, 2, 1],
      ]);
    } finally {
      live.close();
    }
  });

  it('stops cleanly, with its PostgreSQL, and never ran two queries at once on one connection', async () => {
    await expect(podium.signal('SIGTERM')).resolves.toBe(0);
    expect(podium.output()).toContain('stopped in');
    // pg warns "already executing a query" for that (an error from pg 9 on).
    expect(podium.output()).not.toContain('already executing a query');
  });
});
