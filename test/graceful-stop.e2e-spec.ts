import { request as httpRequest, Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QUEUE_SCORING } from '#contracts';
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
  waitUntil,
  weeklyContest,
  withDb,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

/** pg's warning for two queries at once on one connection (an error from pg 9 on). */
const CONCURRENT_QUERY_WARNING = 'already executing a query';

async function scoringState(source: string, contestId: string) {
  return withDb(async (db) => {
    const unscored = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM events WHERE source = $1 AND scored_revision IS DISTINCT FROM revision`,
      [source],
    );
    const contributions = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM contributions WHERE contest_id = $1`,
      [contestId],
    );
    const total = await db.query<{ n: string | null }>(
      `SELECT sum(score)::text AS n FROM standings WHERE contest_id = $1`,
      [contestId],
    );
    return {
      unscored: Number(unscored.rows[0]?.n),
      contributions: Number(contributions.rows[0]?.n),
      total: Number(total.rows[0]?.n ?? 0),
    };
  });
}

/** Posts `batches` requests of `size` events for `reps` reps; returns the sum of their quantities. */
async function postBacklog(api: PodiumApi, source: string, batches: number, size: number): Promise<number> {
  let total = 0;
  for (let b = 0; b < batches; b += 1) {
    const events = Array.from({ length: size }, (_, i) => {
      const quantity = 1 + ((b + i) % 4);
      total += quantity;
      return licenseSold(source, `rep-${source}-${i % 200}`, quantity, '2026-05-04T10:00:00Z');
    });
    const answer = await api.postEvents(events);
    if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}`);
  }
  return total;
}

describe('a worker stopped with SIGTERM in the middle of a backlog', () => {
  const prefix = uniquePrefix('graceful');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let server: PodiumProcess;
  const workers: PodiumProcess[] = [];
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    server = await startPodium('api', env);
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_SCORING, { connection: redis, prefix: `${prefix}:bull` });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), ...workers.map((w) => w.stop())]);
    await queue?.close();
    redis?.disconnect();
    await deleteRedisKeys(prefix);
  });

  it('finishes its active jobs, leaves none active, exits 0, and the next worker scores every event once', async () => {
    const api = new PodiumApi(server.url);
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    // 24 jobs of 1,000 events: several seconds of scoring for one worker.
    const events = 24 * 1_000;
    const total = await postBacklog(api, src, 24, 1_000);

    const first = await startPodium('worker', env);
    workers.push(first);
    await waitUntil('the worker runs a job', async () => (await queue.getActiveCount()) > 0);
    const code = await first.signal('SIGTERM');

    expect(code).toBe(0);
    expect(first.output()).toContain('SIGTERM: stopping');
    expect(first.output()).toContain('queue worker stopped');
    expect(first.output()).not.toContain('returned to the queue');
    // Nothing is left active (no stalled-job check needed), and the stop did come mid-backlog.
    await expect(queue.getActiveCount()).resolves.toBe(0);
    expect(await queue.getWaitingCount()).toBeGreaterThan(0);

    const second = await startPodium('worker', env);
    workers.push(second);
    await waitUntil(
      'every event is scored',
      async () => {
        const state = await scoringState(src, contest.id);
        return state.unscored === 0 && state.total === total;
      },
      60_000,
    );
    await waitUntil('the queue is drained', async () => (await queue.count()) === 0, 30_000);
    // Exactly once: one contribution per event and standings that add up to the posted quantities.
    await expect(scoringState(src, contest.id)).resolves.toEqual({
      unscored: 0,
      contributions: events,
      total,
    });
    for (const worker of workers) expect(worker.output()).not.toContain(CONCURRENT_QUERY_WARNING);
  }, 150_000);
});

describe('a job still running when the shutdown timeout passes', () => {
  const prefix = uniquePrefix('handback');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let server: PodiumProcess;
  const workers: PodiumProcess[] = [];
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    server = await startPodium('api', env);
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_SCORING, { connection: redis, prefix: `${prefix}:bull` });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), ...workers.map((w) => w.stop())]);
    await queue?.close();
    redis?.disconnect();
    await deleteRedisKeys(prefix);
  });

  it('goes back to the waiting list at once, and is scored once by the next worker', async () => {
    const api = new PodiumApi(server.url);
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const total = await postBacklog(api, src, 3, 100);
    // Scoring reads the contest FOR KEY SHARE: while the test holds it FOR UPDATE, every job waits.
    const lock = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await lock.connect();
    try {
      await lock.query('BEGIN');
      await lock.query('SELECT id FROM contests WHERE id = $1 FOR UPDATE', [contest.id]);
      const worker = await startPodium('worker', { ...env, SHUTDOWN_TIMEOUT_MS: '1000' });
      workers.push(worker);
      await waitUntil('the worker holds jobs', async () => (await queue.getActiveCount()) > 0);
      const exit = worker.signal('SIGTERM');
      await waitUntil('the jobs are handed back', () => worker.output().includes('returned to the queue'));
      await expect(queue.getActiveCount()).resolves.toBe(0);
      expect(await queue.getWaitingCount()).toBeGreaterThan(0);
      // The abandoned transactions end once the lock goes; then the worker closes its pool and exits.
      await lock.query('COMMIT');
      await expect(exit).resolves.toBe(0);
    } finally {
      await lock.end();
    }
    const next = await startPodium('worker', env);
    workers.push(next);
    await waitUntil(
      'every event is scored',
      async () => (await scoringState(src, contest.id)).unscored === 0,
      30_000,
    );
    await waitUntil('the queue is drained', async () => (await queue.count()) === 0, 30_000);
    await expect(scoringState(src, contest.id)).resolves.toEqual({ unscored: 0, contributions: 300, total });
  }, 120_000);
});

/** Sends the head of a request now and returns a function that sends the rest and reads the answer. */
function startRequest(port: number, body: string): { socket: Socket; finish: () => Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const head =
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n`;
  const half = Math.floor(body.length / 2);
  socket.write(head + body.slice(0, half));
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
  const ended = new Promise<void>((done) => socket.once('close', () => done()));
  return {
    socket,
    finish: async () => {
      socket.write(body.slice(half));
      await ended;
      return answer;
    },
  };
}

describe('an api stopped with SIGTERM', () => {
  const prefix = uniquePrefix('api-stop');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let server: PodiumProcess;

  beforeAll(async () => {
    server = await startPodium('api', env);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  it('closes idle keep-alive connections at once, answers the request in flight with Connection: close, and exits 0', async () => {
    const port = Number(new URL(server.url).port);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const idle = await new Promise<Socket>((done, fail) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
        res.resume();
        res.on('end', () => done(req.socket as Socket));
      });
      req.on('error', fail);
      req.end();
    });
    expect(idle.destroyed).toBe(false);
    const idleClosed = new Promise<number>((done) => idle.once('close', () => done(Date.now())));
    const live = new LiveClient(server.url);
    const src = uid('src');
    const contest = await new PodiumApi(server.url).createContest(weeklyContest(src, { period: YEAR_2026 }));
    expect((await live.subscribe(contest.id)).ok).toBe(true);
    const inFlight = startRequest(
      port,
      JSON.stringify({ email: 'nobody@podium.test', password: 'not the password' }),
    );
    await new Promise((r) => setTimeout(r, 200));

    const stopped = Date.now();
    const exit = server.signal('SIGTERM');
    await expect(idleClosed.then((at) => at - stopped)).resolves.toBeLessThan(1_000);
    await live.waitForDisconnect(2_000);
    // No new connection is taken once stopping.
    await waitUntil(
      'the api stops listening',
      async () => {
        try {
          await fetch(`${server.url}/health`);
          return false;
        } catch {
          return true;
        }
      },
      2_000,
    );
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer.toLowerCase()).toContain('connection: close');
    await expect(exit).resolves.toBe(0);
    expect(Date.now() - stopped).toBeLessThan(3_000);
    expect(server.output()).toContain('stopped in');
    expect(server.output()).not.toContain(CONCURRENT_QUERY_WARNING);
    live.close();
    agent.destroy();
  });
});

describe('an api whose request does not finish within the shutdown timeout', () => {
  const prefix = uniquePrefix('api-cut');
  const env = {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    PODIUM_KEY_PREFIX: prefix,
    SHUTDOWN_TIMEOUT_MS: '1000',
  };
  let server: PodiumProcess;

  beforeAll(async () => {
    server = await startPodium('api', env);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  it('cuts the request at the timeout and still exits 0', async () => {
    const port = Number(new URL(server.url).port);
    // A client that sent half its body and went silent: the request never completes by itself.
    const stuck = startRequest(
      port,
      JSON.stringify({ email: 'slow@podium.test', password: 'never sent whole' }),
    );
    const closed = new Promise<number>((done) => stuck.socket.once('close', () => done(Date.now())));
    await new Promise((r) => setTimeout(r, 200));
    const stopped = Date.now();
    await expect(server.signal('SIGTERM')).resolves.toBe(0);
    const cutAfter = (await closed) - stopped;
    expect(cutAfter).toBeGreaterThanOrEqual(900);
    expect(cutAfter).toBeLessThan(3_000);
    expect(server.output()).toMatch(/stopped in \d+ ms \(done at: .*http \d{4} ms/);
  });
});
