import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ContestResponse, CreatedApiKeyResponse, StandingsResponse } from '#contracts';
import {
  freePort,
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  TEST_DATABASE_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

/** True when a Redis answers PING on `port` (a bare socket: no client left with reconnect timers). */
function pong(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(1_000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data: Buffer) => {
      answer += data.toString();
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => done(answer.startsWith('+PONG')));
  });
}

/** A Redis of this suite's own, on its own port: pausing or killing it disturbs nobody. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    const deadline = Date.now() + 10_000;
    while (!(await pong(this.port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGCONT');
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}

/** How long `fn` takes, with its result. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}

interface Health {
  status: string;
  details: Record<string, { status: string }>;
}

describe('Redis paused or down', () => {
  const prefix = uniquePrefix('redis-pause');
  let redis: PrivateRedis;
  let api: PodiumProcess;
  let worker: PodiumProcess;
  let key: string;
  let contest: ContestResponse;
  const src = uid('src');
  const rep = uid('ana');
  /** Events answered 202: each counts 1 for the rep. */
  let accepted = 0;

  const ingest = async (token: string) => {
    const answer = await request(
      `${api.url}/api/v1/events`,
      'POST',
      licenseSold(src, rep, 1, `2026-03-02T09:${String(accepted % 60).padStart(2, '0')}:00Z`),
      undefined,
      token,
    );
    if (answer.status === 202) accepted++;
    return answer;
  };
  const health = (path: string) => request<Health>(`${api.url}${path}`, 'GET');
  const bogusKey = `pod_key_${randomBytes(32).toString('base64url')}`;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: redis.url, PODIUM_KEY_PREFIX: prefix };
    [api, worker] = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    const created = await request<CreatedApiKeyResponse>(`${api.url}/api/v1/api-keys`, 'POST', {
      name: uid('crm'),
    });
    key = created.body.key;
    contest = await new PodiumApi(api.url).createContest(weeklyContest(src, { period: YEAR_2026 }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await redis?.kill();
  });

  it('answers every check quickly while Redis runs', async () => {
    await expect(health('/health/ready')).resolves.toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        details: { database: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } },
      },
    });
    await expect(health('/health/live')).resolves.toMatchObject({ status: 200, body: { status: 'ok' } });
    const { ms, value } = await timed(() => ingest(key));
    expect(value.status).toBe(202);
    expect(ms).toBeLessThan(1_000);
  });

  it('keeps answering within the timeouts while Redis is paused, and says Redis is down', async () => {
    redis.signal('SIGSTOP');
    try {
      // Ingest waits for the enqueue at most its timeout (2 s) and answers 202: the sweep scores later.
      for (let i = 0; i < 2; i++) {
        const answer = await timed(() => ingest(key));
        expect(answer.value.status).toBe(202);
        expect(answer.ms).toBeLessThan(2_700);
      }
      // A bogus key is refused without waiting for Redis (the rate limiter falls back to memory).
      const bogus = await timed(() => ingest(bogusKey));
      expect(bogus.value.status).toBe(401);
      expect(bogus.ms).toBeLessThan(1_000);
      const ready = await timed(() => health('/health/ready'));
      expect(ready.ms).toBeLessThan(1_500);
      expect(ready.value).toMatchObject({
        status: 503,
        body: { status: 'error', details: { database: { status: 'up' }, redis: { status: 'down' } } },
      });
      expect(ready.value.headers.get('retry-after')).toBe('1');
      // The dependency report still answers 200: Podium serves without Redis, degraded.
      const report = await timed(() => health('/health'));
      expect(report.ms).toBeLessThan(1_500);
      expect(report.value).toMatchObject({
        status: 200,
        body: { status: 'degraded', details: { database: { status: 'up' }, redis: { status: 'degraded' } } },
      });
      await expect(health('/health/live')).resolves.toMatchObject({ status: 200 });
    } finally {
      redis.signal('SIGCONT');
    }
  });

  it('recovers by itself when Redis continues: ready again, fast ingest, every event scored', async () => {
    const deadline = Date.now() + 10_000;
    while ((await health('/health/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('never ready again');
      await new Promise((r) => setTimeout(r, 100));
    }
    const { ms, value } = await timed(() => ingest(key));
    expect(value.status).toBe(202);
    expect(ms).toBeLessThan(1_000);
    const api2 = new PodiumApi(api.url);
    // Events accepted during the pause are scored by their late jobs or by the sweep.
    await api2.waitForStandings(
      contest.id,
      (s: StandingsResponse) => s.entries[0]?.score === accepted,
      45_000,
    );
  }, 60_000);

  it('logs a Redis outage once per process, with no unhandled ioredis errors, when Redis is killed and restarted', async () => {
    await redis.kill();
    const answer = await timed(() => ingest(key));
    expect(answer.value.status).toBe(202);
    expect(answer.ms).toBeLessThan(2_700);
    await expect(health('/health/ready')).resolves.toMatchObject({ status: 503 });
    await expect(health('/health')).resolves.toMatchObject({ status: 200, body: { status: 'degraded' } });
    // A few seconds down: ioredis reconnects many times meanwhile.
    await new Promise((r) => setTimeout(r, 3_000));
    await redis.start();
    const deadline = Date.now() + 15_000;
    while ((await health('/health/ready')).status !== 200) {
      if (Date.now() > deadline) throw new Error('never ready again');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new PodiumApi(api.url).waitForStandings(
      contest.id,
      (s: StandingsResponse) => s.entries[0]?.score === accepted,
      45_000,
    );
    for (const process of [api, worker]) {
      const out = process.output();
      expect(out).not.toContain('Unhandled error event');
      // Two outages (the pause, the kill): two lines down, two lines back, however many reconnects.
      const down = out.split('\n').filter((l) => l.includes('Redis unreachable')).length;
      const back = out.split('\n').filter((l) => l.includes('Redis reachable again')).length;
      expect([process.role, down, back]).toEqual([process.role, expect.any(Number), expect.any(Number)]);
      expect(down).toBeLessThanOrEqual(2);
      expect(back).toBe(down);
    }
    expect(api.output()).toContain('Redis unreachable');
  }, 90_000);
});
