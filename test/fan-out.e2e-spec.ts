import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  deleteRedisKeys,
  licenseSold,
  LiveClient,
  PodiumApi,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

describe('realtime fan-out across api instances', () => {
  const prefix = uniquePrefix('fanout');
  const processes: PodiumProcess[] = [];
  let apiA: PodiumProcess;
  let apiB: PodiumProcess;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    // The version poll is slowed right down so that only the Redis notice can deliver in time.
    const apiEnv = { ...env, REALTIME_POLL_MS: '600000' };
    processes.push(
      ...(await Promise.all([
        startPodium('worker', env),
        startPodium('api', apiEnv),
        startPodium('api', apiEnv),
      ])),
    );
    [, apiA, apiB] = processes as [PodiumProcess, PodiumProcess, PodiumProcess];
  }, 90_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(processes.map((p) => p.stop()));
    await deleteRedisKeys(prefix);
  });

  it('updates a client on instance A for events posted to instance B', async () => {
    const src = uid('src');
    const contest = await new PodiumApi(apiB.url).createContest(weeklyContest(src, { period: YEAR_2026 }));
    const onA = new LiveClient(apiA.url);
    const onB = new LiveClient(apiB.url);
    clients.push(onA, onB);
    for (const c of [onA, onB]) expect((await c.subscribe(contest.id)).ok).toBe(true);

    const [ana, bob] = [uid('ana'), uid('bob')];
    const answer = await new PodiumApi(apiB.url).postEvents([
      licenseSold(src, ana, 2, '2026-09-01T09:00:00Z'),
      licenseSold(src, bob, 7, '2026-09-01T10:00:00Z'),
    ]);
    expect(answer.status).toBe(202);

    for (const c of [onA, onB]) {
      const update = await c.waitFor((m) => m.top.length === 2, 5_000);
      expect(update.top.map((e) => [e.rep?.externalId, e.rank, e.score])).toEqual([
        [bob, 1, 7],
        [ana, 2, 2],
      ]);
    }
  });
});
