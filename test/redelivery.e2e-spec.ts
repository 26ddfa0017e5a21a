import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { JOB_SCORE_EVENTS, QUEUE_SCORING, type StandingsResponse } from '#contracts';
import { loadConfig } from '#config';
import { createDataSource } from '#persistence';
import { LocalStandingsBus, QueueFactory, Shutdown, type ScoringJob } from '#runtime';
import { RebuildContestUseCase, ScoreEventsUseCase, ScoringProcessor } from '#scoring';
import {
  deleteRedisKeys,
  licenseSold,
  PodiumApi,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  YEAR_2026,
  withDb,
  type PodiumProcess,
} from '#testing';

function board(s: StandingsResponse): [string, number, number][] {
  return s.entries.map((e) => [e.rep?.externalId ?? '', e.score, e.rank]);
}

async function unscoredCount(source: string): Promise<number> {
  return withDb(async (db) => {
    const r = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM events WHERE source = $1 AND scored_revision IS DISTINCT FROM revision`,
      [source],
    );
    return Number(r.rows[0]?.n);
  });
}

describe('at-least-once delivery never counts an event twice', () => {
  const prefix = uniquePrefix('redelivery');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let server: PodiumProcess;
  let worker: PodiumProcess | null = null;
  let dataSource: DataSource;
  let queue: Queue;
  let redis: Redis;
  let processor: ScoringProcessor;

  beforeAll(async () => {
    // Only the api runs: jobs stay queued until the test processes them itself.
    server = await startPodium('api', env);
    dataSource = await createDataSource(TEST_DATABASE_URL, 4).initialize();
    const config = loadConfig({ ...env, PODIUM_ROLE: 'worker' });
    const bus = new LocalStandingsBus();
    processor = new ScoringProcessor(
      config,
      new QueueFactory(config, TEST_DATABASE_URL),
      new ScoreEventsUseCase(dataSource, bus),
      new RebuildContestUseCase(dataSource, bus),
      new Shutdown(),
    );
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_SCORING, {
      connection: redis,
      prefix: `${prefix}:bull`,
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await queue?.close();
    redis?.disconnect();
    await dataSource?.destroy();
    await deleteRedisKeys(prefix);
  });

  it('leaves the standings unchanged when the same jobs are processed again, here and by a worker', async () => {
    const api = new PodiumApi(server.url);
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const [ana, bob] = [uid('ana'), uid('bob')];
    const deal = licenseSold(src, ana, 5, '2026-02-02T09:00:00Z');
    await api.postEvents([deal, licenseSold(src, bob, 3, '2026-02-02T10:00:00Z')]);
    await api.postEvents([
      { ...deal, revision: 2, quantity: 2 },
      licenseSold(src, bob, 1, '2026-02-03T10:00:00Z'),
    ]);

    const jobs = (await queue.getJobs(['waiting', 'prioritized'])) as Job[];
    const mine = jobs as unknown as ScoringJob[];
    expect(mine.filter((j) => j.name === JOB_SCORE_EVENTS)).toHaveLength(2);

    // Each job once (the contest's rebuild first, as the queue would), then every job again, as BullMQ
    // redelivers a job whose worker died after its commit and before its acknowledgement.
    const ordered = [...mine].sort(
      (a, b) => Number(a.name === JOB_SCORE_EVENTS) - Number(b.name === JOB_SCORE_EVENTS),
    );
    for (const job of ordered) await processor.process(job);
    const once = await api.standings(contest.id);
    expect(board(once.body)).toEqual([
      [bob, 4, 1],
      [ana, 2, 2],
    ]);
    for (const job of ordered.filter((j) => j.name === JOB_SCORE_EVENTS)) await processor.process(job);
    const twice = await api.standings(contest.id);
    expect(board(twice.body)).toEqual(board(once.body));
    expect(twice.body.version).toBe(once.body.version);
    // A rebuild processed again recomputes the same standings.
    for (const job of ordered.filter((j) => j.name !== JOB_SCORE_EVENTS)) await processor.process(job);
    expect(board((await api.standings(contest.id)).body)).toEqual(board(once.body));

    // A real worker now takes the very same jobs off the queue (they were never acknowledged).
    worker = await startPodium('worker', env);
    const deadline = Date.now() + 15_000;
    const pending = async () => {
      const counts = await queue.getJobCounts('waiting', 'active');
      return (counts.waiting ?? 0) + (counts.active ?? 0);
    };
    while ((await pending()) > 0) {
      if (Date.now() > deadline) throw new Error('the worker did not drain the queue');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await queue.getJobCounts('completed')).completed).toBeGreaterThanOrEqual(2);
    const thrice = await api.standings(contest.id);
    expect(board(thrice.body)).toEqual(board(once.body));
    await expect(unscoredCount(src)).resolves.toBe(0);
  });
});

describe('the sweep scores accepted events whose jobs were lost', () => {
  const prefix = uniquePrefix('sweep');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let server: PodiumProcess;
  let worker: PodiumProcess | null = null;

  beforeAll(async () => {
    server = await startPodium('api', env);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  it('scores every accepted event after the queue lost its jobs', async () => {
    const api = new PodiumApi(server.url);
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const reps = Array.from({ length: 5 }, (_, i) => uid(`rep${i}`));
    const events = Array.from({ length: 250 }, (_, i) =>
      licenseSold(src, reps[i % reps.length] ?? '', 1 + (i % 3), `2026-03-0${1 + (i % 5)}T10:00:00Z`),
    );
    for (let i = 0; i < events.length; i += 50) {
      expect((await api.postEvents(events.slice(i, i + 50))).status).toBe(202);
    }
    // A contest created after the sales: its rebuild job (which counts them) is lost with the queue too.
    const late = await api.createContest(weeklyContest(src, { period: YEAR_2026, name: 'Created later' }));
    // Redis loses the queue (only this suite's keys: the shared Redis keeps everyone else's).
    expect(await deleteRedisKeys(prefix)).toBeGreaterThan(0);
    await expect(unscoredCount(src)).resolves.toBe(250);

    // SWEEP_MIN_AGE_MS 0: the lost jobs are known lost here, no need to wait for them to age.
    worker = await startPodium('worker', { ...env, SWEEP_MIN_AGE_MS: '0' });
    const expected = new Map<string, number>();
    events.forEach((e) => expected.set(e.rep?.id, (expected.get(e.rep?.id) ?? 0) + (e.quantity ?? 0)));
    const total = events.reduce((n, e) => n + (e.quantity ?? 0), 0);
    const standings = await api.waitForStandings(
      contest.id,
      (s) => s.entries.reduce((n, e) => n + e.score, 0) === total,
    );
    expect(new Map(standings.entries.map((e) => [e.rep?.externalId, e.score]))).toEqual(expected);
    const lateStandings = await api.waitForStandings(late.id, (s) => s.total === reps.length);
    expect(new Map(lateStandings.entries.map((e) => [e.rep?.externalId, e.score]))).toEqual(expected);
    expect(worker.output()).toContain('was never rebuilt');
    // Both contests' rebuild jobs were lost, so the sweep rebuilt them; the events' own scoring follows.
    const deadline = Date.now() + 15_000;
    while ((await unscoredCount(src)) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await expect(unscoredCount(src)).resolves.toBe(0);
    expect(
      new Map((await api.standings(contest.id, 100)).body.entries.map((e) => [e.rep?.externalId, e.score])),
    ).toEqual(expected);
    expect(worker.output()).toContain('sweep scored 250 events');
  });
});
