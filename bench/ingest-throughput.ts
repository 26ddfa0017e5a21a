/**
 * Ingest-to-standings throughput of Podium, next to a same-run baseline of bare BullMQ on the same Redis.
 *
 *   npm run build && node dist/bench/ingest-throughput.js
 *
 * Phases: (1) baseline: BullMQ addBulk + a no-op Worker; (2) Podium, 1 api + 1 worker: ingest rate and
 * end-to-end rate (first POST to every event scored), checked against the standings; (3) the same with
 * 2 workers; (4) ingest alone and scoring alone (queue paused during the ingest), to see which side
 * limits; (5) a latency probe, POST to `standings.updated` on an idle system.
 * Prints a report and writes it as JSON to bench/results/ingest-throughput.json.
 * A benchmark, not a test: it never fails on a number, only on a wrong result.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  QUEUE_SCORING,
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  WS_UPDATED,
  type ClientToServerEvents,
  type ContestResponse,
  type CreateContestRequest,
  type SalesEventInput,
  type ServerToClientEvents,
  type StandingsMessage,
  type SubscribeAck,
} from '#contracts';
import { runMigrations } from '#persistence';
import { deleteKeysUnder } from '#runtime';
import { nonNegativeIntEnv as intEnv, freePort, healthy, percentile, prng } from './bench-kit.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = resolve(ROOT, 'bench/results/ingest-throughput.json');

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const EVENTS = intEnv('BENCH_EVENTS', 100_000);
const BATCH = intEnv('BENCH_BATCH', 100);
const PARAMS = {
  events: EVENTS,
  batch: BATCH,
  concurrency: intEnv('BENCH_CONCURRENCY', 8),
  reps: intEnv('BENCH_REPS', 1_000),
  /** Live contests every event is scored into (the measured one and copies of it). */
  contests: Math.max(1, intEnv('BENCH_CONTESTS', 1)),
  scoringConcurrency: intEnv('BENCH_SCORING_CONCURRENCY', 2),
  workerCounts: (process.env.BENCH_WORKERS ?? '1,2').split(',').map((w) => Number(w)),
  baselineJobs: intEnv('BENCH_BASELINE_JOBS', Math.ceil(EVENTS / BATCH)),
  baselineConcurrency: intEnv('BENCH_BASELINE_CONCURRENCY', 4),
  warmupEvents: intEnv('BENCH_WARMUP_EVENTS', 2_000),
  split: process.env.BENCH_SPLIT !== '0',
  probes: intEnv('BENCH_PROBES', 50),
  probeGapMs: 150,
  coalesceMs: 100,
  pollMs: 50,
  /** Drop and recreate podium_bench first, so every run starts from the same (empty) ledger. */
  resetDb: process.env.BENCH_RESET_DB !== '0',
  /**
   * VACUUM ANALYZE podium_bench before each measured phase. Autovacuum is off on this machine's
   * PostgreSQL, so without it the planner has no statistics and dead tuples are never reclaimed.
   */
  vacuum: process.env.BENCH_VACUUM !== '0',
  /**
   * How "all scored" is detected. `unscored` (default): count the source's unscored events through the
   * partial index ix_events_unscored (cost grows with the backlog, not the ledger), done when the ingest
   * ended and none is left; then confirmed once with the exact query. `exact`: the scored-count query
   * every poll (about 45 ms per poll at 100k events here: a real load on the shared cores).
   */
  poll: process.env.BENCH_POLL === 'exact' ? ('exact' as const) : ('unscored' as const),
  /** V8 tick profiles of the api and worker processes (node --prof) into bench/results/profiles. */
  prof: process.env.BENCH_PROF === '1',
  targetEventsPerSecond: 10_000,
};
const PREFIX = `podium-bench-${randomUUID().slice(0, 8)}`;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------
// Processes

interface Proc {
  readonly label: string;
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const started: Proc[] = [];

/** Spawns a built Podium process and waits until it serves (api: /health; worker: its start line). */
async function startPodium(
  role: 'api' | 'worker',
  label: string,
  env: Record<string, string> = {},
): Promise<Proc> {
  const port = role === 'api' ? await freePort() : 0;
  const script = role === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/worker/src/main.js';
  const profile = PARAMS.prof
    ? [
        '--prof',
        '--no-logfile-per-isolate',
        `--logfile=${resolve(ROOT, 'bench/results/profiles', `${label.replace(/\W+/g, '')}-${Date.now()}.v8.log`)}`,
      ]
    : [];
  const child = spawn(process.execPath, [...profile, script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL,
      REDIS_URL,
      PODIUM_ROLE: role,
      PODIUM_KEY_PREFIX: PREFIX,
      HOST: '127.0.0.1',
      PORT: String(port),
      SCORING_CONCURRENCY: String(PARAMS.scoringConcurrency),
      REALTIME_COALESCE_MS: String(PARAMS.coalesceMs),
      LOG_LEVEL: 'info',
      PODIUM_ADMIN_EMAIL: BENCH_ADMIN.email,
      PODIUM_ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = role === 'api' ? `http://127.0.0.1:${port}` : '';
  const proc: Proc = {
    label,
    url,
    child,
    output: () => text,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  started.push(proc);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`${label} did not start within 60 s:\n${text}`);
    if (role === 'worker' ? text.includes('worker running') : await healthy(url)) {
      if (role === 'api') await authorize(url);
      return proc;
    }
    await sleep(100);
  }
}

async function stopAll(procs: readonly Proc[]): Promise<void> {
  await Promise.all(procs.map((p) => p.stop()));
}

// ---------------------------------------------------------------------------------------------------
// CPU accounting from /proc (clock ticks, 100 per second on Linux)

const TICKS = 100;

interface CpuSample {
  readonly at: number;
  readonly busy: number;
  readonly total: number;
  readonly byPid: Map<number, { label: string; ticks: number }>;
}

function readTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

function sampleCpu(procs: readonly Proc[]): CpuSample {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = (cpu ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  const busy = total - (v[3] ?? 0) - (v[4] ?? 0);
  const byPid = new Map<number, { label: string; ticks: number }>();
  const own = new Map(procs.map((p) => [p.child.pid ?? -1, p.label]));
  own.set(process.pid, 'benchmark (clients, poller)');
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    let label = own.get(pid);
    if (label === undefined) {
      try {
        const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        if (comm === 'redis-server') label = 'redis';
        else if (comm === 'postgres') {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          label = cmd.includes('podium_bench') ? 'postgres backends (podium_bench)' : 'postgres (other)';
        }
      } catch {
        continue;
      }
    }
    if (label === undefined) continue;
    const ticks = readTicks(pid);
    if (ticks !== null) byPid.set(pid, { label, ticks });
  }
  return { at: Date.now(), busy, total, byPid };
}

/** Percent of one core used by each label between two samples, and the machine's busy share. */
function cpuBetween(
  a: CpuSample,
  b: CpuSample,
): { machineBusyPct: number; byLabelPctOfCore: Record<string, number> } {
  const seconds = (b.at - a.at) / 1000;
  const byLabel: Record<string, number> = {};
  for (const [pid, now] of b.byPid) {
    const before = a.byPid.get(pid)?.ticks ?? 0;
    byLabel[now.label] = (byLabel[now.label] ?? 0) + (now.ticks - before) / TICKS;
  }
  const pct = Object.fromEntries(
    Object.entries(byLabel)
      .sort((x, y) => y[1] - x[1])
      .map(([k, s]) => [k, round((100 * s) / seconds)]),
  );
  return {
    machineBusyPct: round((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total)),
    byLabelPctOfCore: pct,
  };
}

// ---------------------------------------------------------------------------------------------------
// PostgreSQL wait-event sampler: what the podium_bench backends are doing, every 100 ms

class ActivitySampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private activeTotal = 0;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly db: pg.Pool) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.db.query<{ wait: string; query: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS wait,
                  regexp_replace(left(query, 200), '\\s+', ' ', 'g') AS query
           FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
        );
        this.samples++;
        this.activeTotal += rows.length;
        for (const r of rows) {
          const key = `${r.wait.padEnd(28)} ${labelOf(r.query)}`;
          this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        }
        await sleep(100);
      }
    })();
  }

  async stop(): Promise<{
    samples: number;
    avgActiveBackends: number;
    top: { what: string; share: number }[];
  }> {
    this.running = false;
    await this.loop;
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    const top = [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([what, n]) => ({ what, share: round((100 * n) / Math.max(1, total), 1) }));
    return {
      samples: this.samples,
      avgActiveBackends: round(this.activeTotal / Math.max(1, this.samples), 2),
      top,
    };
  }
}

/** A short name for a statement, from its first words (Podium's SQL is recognisable from them). */
function labelOf(query: string): string {
  const q = query.trim();
  const known: [RegExp, string][] = [
    [/^COMMIT/i, 'COMMIT'],
    [/pg_advisory_xact_lock/i, 'lockStandingKeys (advisory locks)'],
    [/standings_version = c\.standings_version \+ 1/i, 'bumpVersions (contest row)'],
    [/FROM contests WHERE status IN/i, 'liveForScoring'],
    [/^SELECT id::text, source, event_type/i, 'lockUnscored'],
    [/UPDATE events SET scored_revision/i, 'markScored'],
    [/FROM contributions WHERE event_id = ANY/i, 'contributionsOf'],
    [/INSERT INTO contributions/i, 'insertContributions'],
    [/INSERT INTO standings/i, 'addToStandings/rebuild'],
    [/INSERT INTO reps/i, 'upsertReps (insert)'],
    [/FROM reps WHERE external_id/i, 'upsertReps (select)'],
    [/^SELECT e\.id::text, e\.source, e\.external_id/i, 'lockVersions'],
    [/INSERT INTO events/i, 'insertNew (events)'],
    [/FROM events WHERE source = \$1 AND scored_revision = revision/i, 'benchmark poll (count scored)'],
    [/count\(\*\) FILTER \(WHERE source = \$1\)/i, 'benchmark poll (count unscored)'],
    [/pg_stat_activity/i, 'benchmark sampler'],
    [/^(START TRANSACTION|BEGIN)/i, 'BEGIN'],
  ];
  for (const [re, name] of known) if (re.test(q)) return name;
  return q.slice(0, 60);
}

// ---------------------------------------------------------------------------------------------------
// Baseline: bare BullMQ on the same Redis

interface BaselineResult {
  jobs: number;
  idsPerJob: number;
  concurrency: number;
  addBulkMs: number;
  totalMs: number;
  jobsPerSecond: number;
  eventsPerSecond: number;
}

async function baseline(): Promise<BaselineResult> {
  const jobs = PARAMS.baselineJobs;
  const prefix = `${PREFIX}:baseline`;
  const queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('baseline', { connection: queueConnection, prefix });
  let completed = 0;
  let finished: () => void = () => undefined;
  const allDone = new Promise<void>((r) => (finished = r));
  const worker = new Worker('baseline', async () => undefined, {
    connection: workerConnection,
    prefix,
    concurrency: PARAMS.baselineConcurrency,
  });
  worker.on('completed', () => {
    if (++completed === jobs) finished();
  });
  await worker.waitUntilReady();
  await queue.waitUntilReady();
  const payloads = Array.from({ length: jobs }, (_, j) => ({
    name: 'score-events',
    data: { eventIds: Array.from({ length: BATCH }, (_, k) => String(1_000_000 + j * BATCH + k)) },
    opts: { attempts: 8, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { count: 1000 } },
  }));
  const t0 = performance.now();
  for (let i = 0; i < payloads.length; i += 1000) await queue.addBulk(payloads.slice(i, i + 1000));
  const addBulkMs = performance.now() - t0;
  await allDone;
  const totalMs = performance.now() - t0;
  await worker.close();
  await queue.close();
  queueConnection.disconnect();
  workerConnection.disconnect();
  const jobsPerSecond = (jobs * 1000) / totalMs;
  return {
    jobs,
    idsPerJob: BATCH,
    concurrency: PARAMS.baselineConcurrency,
    addBulkMs: round(addBulkMs),
    totalMs: round(totalMs),
    jobsPerSecond: round(jobsPerSecond),
    eventsPerSecond: round(jobsPerSecond * BATCH),
  };
}

// ---------------------------------------------------------------------------------------------------
// Podium helpers

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** The benchmark's admin, created by the first api on a fresh database. */
const BENCH_ADMIN = { email: 'bench@podium.test', password: 'benchmark admin password' };
/** Per api: the admin's token (contests) and an ingest API key (events), as a CRM connector has. */
const CREDENTIALS = new Map<string, { admin: string; key: string }>();

async function authorize(url: string): Promise<void> {
  const login = await post(`${url}/api/v1/auth/login`, JSON.stringify(BENCH_ADMIN));
  if (login.status !== 200) throw new Error(`bench admin login failed: ${login.status} ${login.text}`);
  const admin = (JSON.parse(login.text) as { accessToken: string }).accessToken;
  CREDENTIALS.set(url, { admin, key: '' });
  const key = await post(`${url}/api/v1/api-keys`, JSON.stringify({ name: `bench ${PREFIX}` }));
  if (key.status !== 201) throw new Error(`bench API key not created: ${key.status} ${key.text}`);
  CREDENTIALS.set(url, { admin, key: (JSON.parse(key.text) as { key: string }).key });
}

/** POST with a keep-alive agent (cheaper for the shared CPU than fetch), with the api's credentials. */
function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const { origin, pathname } = new URL(url);
  const credentials = CREDENTIALS.get(origin);
  const token = pathname === '/api/v1/events' ? credentials?.key : credentials?.admin;
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token === undefined || token === '' ? {} : { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function createContest(
  api: string,
  source: string,
  label: string,
  period: CreateContestRequest['period'] = {
    kind: 'once',
    timeZone: 'UTC',
    start: '2026-01-01T00:00:00Z',
    end: '2027-01-01T00:00:00Z',
  },
): Promise<string> {
  const contest: CreateContestRequest = {
    name: `podium-bench ${label} ${source}`,
    metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
    period,
    filters: [{ field: 'source', op: 'eq', value: source }],
  };
  const answer = await post(`${api}/api/v1/contests`, JSON.stringify(contest));
  if (answer.status !== 201) throw new Error(`contest not created: ${answer.status} ${answer.text}`);
  return (JSON.parse(answer.text) as ContestResponse).id;
}

const OCCURRED_FROM = Date.parse('2026-06-01T10:00:00Z');
const OCCURRED_SPAN_S = 150 * 24 * 3600;

/** Request bodies of `count` events under `source`, built before the clock starts; and their sum. */
function buildBodies(
  source: string,
  count: number,
  seed: number,
  everyRep = false,
  occurredFrom = OCCURRED_FROM,
): { bodies: string[]; quantity: number } {
  const random = prng(seed);
  const bodies: string[] = [];
  let quantity = 0;
  for (let start = 0; start < count; start += BATCH) {
    const events: SalesEventInput[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      // The warmup names every rep once, so the measured runs never create reps (a one-off cost).
      const rep = everyRep ? i % PARAMS.reps : Math.floor(random() * PARAMS.reps);
      const q = 1 + Math.floor(random() * 5);
      quantity += q;
      events.push({
        id: `${source}-${i}`,
        source,
        type: 'license_sold',
        rep: { id: `bench-rep-${rep}`, name: `Bench Rep ${rep}` },
        occurredAt: new Date(
          occurredFrom + Math.floor(random() * (everyRep ? 86_400 : OCCURRED_SPAN_S)) * 1000,
        ).toISOString(),
        quantity: q,
      });
    }
    bodies.push(JSON.stringify({ events }));
  }
  return { bodies, quantity };
}

/** Posts every body from `concurrency` clients; resolves with the time the last 202 arrived. */
async function ingest(
  api: string,
  bodies: readonly string[],
  concurrency: number,
  onAccepted: (events: number) => void = () => undefined,
): Promise<number> {
  let next = 0;
  const client = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const answer = await post(`${api}/api/v1/events`, bodies[i] ?? '');
      if (answer.status !== 202)
        throw new Error(`ingest answered ${answer.status}: ${answer.text.slice(0, 500)}`);
      onAccepted((JSON.parse(answer.text) as { results: unknown[] }).results.length);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return performance.now();
}

/** Session of the poller: index scans only, so ix_events_unscored is used and its dead entries killed. */
async function pollClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query(`SET enable_seqscan = off`);
  await client.query(`SET enable_bitmapscan = off`);
  return client;
}

async function unscoredCount(db: pg.Client, source: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT (count(*) FILTER (WHERE source = $1))::text AS n FROM events
     WHERE scored_revision IS DISTINCT FROM revision`,
    [source],
  );
  return Number(rows[0]?.n ?? 0);
}

async function scoredCount(db: pg.Pool | pg.Client, source: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM events WHERE source = $1 AND scored_revision = revision`,
    [source],
  );
  return Number(rows[0]?.n ?? 0);
}

interface Progress {
  /** Events answered 202 so far. */
  accepted(): number;
  /** True once every request was answered 202. */
  ingestEnded(): boolean;
}

const ENDED: Progress = { accepted: () => Infinity, ingestEnded: () => true };

/**
 * Polls every `pollMs` until all `count` events of `source` are scored; returns when they were, with a
 * trace (seconds since t0, events scored; approximate during the ingest in `unscored` mode).
 */
async function waitScored(
  db: pg.Client,
  source: string,
  count: number,
  t0: number,
  progress: Progress = ENDED,
  timeoutMs = 30 * 60_000,
): Promise<{ doneAt: number; trace: [number, number][]; pollMs: number[] }> {
  const trace: [number, number][] = [];
  const pollMs: number[] = [];
  let lastTraced = -Infinity;
  for (;;) {
    const before = performance.now();
    const ended = progress.ingestEnded();
    let n: number;
    if (PARAMS.poll === 'exact') n = await scoredCount(db, source);
    else {
      const unscored = await unscoredCount(db, source);
      n =
        ended && unscored === 0
          ? await scoredCount(db, source)
          : Math.max(0, Math.min(count, progress.accepted()) - unscored);
    }
    const now = performance.now();
    pollMs.push(now - before);
    if (now - lastTraced >= 1000 || n >= count) {
      trace.push([round((now - t0) / 1000, 2), n]);
      lastTraced = now;
    }
    if (n >= count) return { doneAt: now, trace, pollMs };
    if (now - t0 > timeoutMs) throw new Error(`only ${n}/${count} events of ${source} scored in time`);
    await sleep(Math.max(0, PARAMS.pollMs - (now - before)));
  }
}

async function queueIdle(queue: Queue): Promise<void> {
  for (;;) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await sleep(100);
  }
}

async function verify(db: pg.Pool, contestId: string, events: number, quantity: number) {
  const { rows } = await db.query<{ score: string; reps: string; contributions: string }>(
    `SELECT (SELECT coalesce(sum(score), 0)::text FROM standings WHERE contest_id = $1) AS score,
            (SELECT count(*)::text FROM standings WHERE contest_id = $1) AS reps,
            (SELECT count(*)::text FROM contributions WHERE contest_id = $1) AS contributions`,
    [contestId],
  );
  const row = rows[0];
  const standingsScore = Number(row?.score ?? -1);
  const contributions = Number(row?.contributions ?? -1);
  return {
    expectedScore: quantity,
    standingsScore,
    expectedContributions: events,
    contributions,
    repsOnBoard: Number(row?.reps ?? 0),
    ok: standingsScore === quantity && contributions === events,
  };
}

async function archive(db: pg.Pool, contestIds: readonly string[]): Promise<void> {
  // Archived contests are not scored into: each phase scores against its own contest only.
  if (contestIds.length > 0)
    await db.query(`UPDATE contests SET status = 'archived' WHERE id = ANY($1::uuid[])`, [contestIds]);
}

function sweepLines(procs: readonly Proc[]): string[] {
  return procs.flatMap((p) =>
    p
      .output()
      .split('\n')
      .filter((l) => l.includes('sweep scored'))
      .map((l) => `${p.label}: ${l.replace(/^.*?(sweep scored)/, '$1')}`),
  );
}

interface Ctx {
  readonly db: pg.Pool;
  /** The poller's own session (index scans only). */
  readonly poller: pg.Client;
  /** Podium's scoring queue, watched (and paused) from here. */
  readonly queue: Queue;
}

/**
 * Warms the JIT and the pools of a fresh process set, through the whole pipeline: its events name every
 * rep once and score into a contest of their own, whose window (November 2026) lies after the measured
 * events, so its rebuild reads only warmup events. Then, optionally, VACUUM ANALYZE.
 */
async function warmup(api: string, ctx: Ctx): Promise<void> {
  if (PARAMS.warmupEvents > 0) {
    const source = `bench-warmup-${randomUUID().slice(0, 8)}`;
    const contestId = await createContest(api, source, 'warmup', {
      kind: 'once',
      timeZone: 'UTC',
      start: '2026-11-01T00:00:00Z',
      end: '2026-12-01T00:00:00Z',
    });
    await queueIdle(ctx.queue);
    const { bodies } = buildBodies(source, PARAMS.warmupEvents, 7, true, Date.parse('2026-11-01T00:00:00Z'));
    const t0 = performance.now();
    await ingest(api, bodies, PARAMS.concurrency);
    await waitScored(ctx.poller, source, PARAMS.warmupEvents, t0);
    await queueIdle(ctx.queue);
    await archive(ctx.db, [contestId]);
  }
  if (PARAMS.vacuum) await ctx.db.query(`VACUUM ANALYZE`);
}

/**
 * Creates the measured contest, and BENCH_CONTESTS - 1 more live contests that count the same events
 * (every event is then scored into all of them), and waits for their rebuild jobs to finish.
 */
async function measuredContest(api: string, ctx: Ctx, source: string, label: string): Promise<string> {
  const contestId = await createContest(api, source, label);
  for (let i = 1; i < PARAMS.contests; i++)
    extraContests.push(await createContest(api, source, `${label} #${i}`));
  await queueIdle(ctx.queue);
  return contestId;
}

/** The extra live contests of the current phase, archived with the measured one. */
const extraContests: string[] = [];

async function archiveMeasured(db: pg.Pool, contestId: string): Promise<void> {
  await archive(db, [contestId, ...extraContests.splice(0)]);
}

// ---------------------------------------------------------------------------------------------------
// Podium phases

interface ThroughputResult {
  workers: number;
  scoringConcurrency: number;
  clients: number;
  events: number;
  requests: number;
  ingestSeconds: number;
  ingestEventsPerSecond: number;
  endToEndSeconds: number;
  endToEndEventsPerSecond: number;
  scoredWhenIngestEnded: number;
  drainAfterIngestSeconds: number;
  ratioToBaseline: number;
  pollQueryMs: { p50: number; max: number };
  correctness: Awaited<ReturnType<typeof verify>>;
  cpu: ReturnType<typeof cpuBetween>;
  postgres: Awaited<ReturnType<ActivitySampler['stop']>>;
  sweeps: string[];
  trace: [number, number][];
}

async function throughput(
  workers: number,
  ctx: Ctx,
  baselineEps: number,
  probe: boolean,
): Promise<{ result: ThroughputResult; latency: LatencyResult | null }> {
  const api = await startPodium('api', 'api');
  const workerProcs: Proc[] = [];
  for (let i = 1; i <= workers; i++) workerProcs.push(await startPodium('worker', `worker #${i}`));
  const procs = [api, ...workerProcs];
  try {
    await queueIdle(ctx.queue);
    await warmup(api.url, ctx);
    const source = `bench-${workers}w-${randomUUID().slice(0, 8)}`;
    const contestId = await measuredContest(api.url, ctx, source, `${workers} worker(s)`);
    const { bodies, quantity } = buildBodies(source, EVENTS, 42);

    const sampler = new ActivitySampler(ctx.db);
    const cpu0 = sampleCpu(procs);
    sampler.start();
    let accepted = 0;
    let ingestEnd = 0;
    const t0 = performance.now();
    const ingestDone = ingest(api.url, bodies, PARAMS.concurrency, (n) => (accepted += n)).then(
      (t) => (ingestEnd = t),
    );
    const scored = waitScored(ctx.poller, source, EVENTS, t0, {
      accepted: () => accepted,
      ingestEnded: () => ingestEnd > 0,
    });
    // Both are awaited together: a failed ingest must not leave the poller waiting for 30 minutes.
    const [, { doneAt, trace, pollMs }] = await Promise.all([ingestDone, scored]);
    const cpu1 = sampleCpu(procs);
    const postgres = await sampler.stop();
    const atIngestEnd = trace.filter(([at]) => at * 1000 <= ingestEnd - t0).at(-1)?.[1] ?? 0;
    const correctness = await verify(ctx.db, contestId, EVENTS, quantity);
    await archiveMeasured(ctx.db, contestId);

    const sortedPoll = [...pollMs].sort((a, b) => a - b);
    const e2eSeconds = (doneAt - t0) / 1000;
    const result: ThroughputResult = {
      workers,
      scoringConcurrency: PARAMS.scoringConcurrency,
      clients: PARAMS.concurrency,
      events: EVENTS,
      requests: bodies.length,
      ingestSeconds: round((ingestEnd - t0) / 1000, 2),
      ingestEventsPerSecond: round((EVENTS * 1000) / (ingestEnd - t0)),
      endToEndSeconds: round(e2eSeconds, 2),
      endToEndEventsPerSecond: round(EVENTS / e2eSeconds),
      scoredWhenIngestEnded: atIngestEnd,
      drainAfterIngestSeconds: round((doneAt - ingestEnd) / 1000, 2),
      ratioToBaseline: round(EVENTS / e2eSeconds / baselineEps, 3),
      pollQueryMs: { p50: round(percentile(sortedPoll, 50), 1), max: round(sortedPoll.at(-1) ?? NaN, 1) },
      correctness,
      cpu: cpuBetween(cpu0, cpu1),
      postgres,
      sweeps: sweepLines(workerProcs),
      trace,
    };
    const latency = probe ? await latencyProbe(api.url, ctx) : null;
    return { result, latency };
  } finally {
    await stopAll(procs);
  }
}

interface SplitResult {
  workers: number;
  ingestAloneSeconds: number;
  ingestAloneEventsPerSecond: number;
  ingestCpu: ReturnType<typeof cpuBetween>;
  ingestPostgres: Awaited<ReturnType<ActivitySampler['stop']>>;
  scoringAloneSeconds: number;
  scoringAloneEventsPerSecond: number;
  scoringCpu: ReturnType<typeof cpuBetween>;
  scoringPostgres: Awaited<ReturnType<ActivitySampler['stop']>>;
  correctness: Awaited<ReturnType<typeof verify>>;
}

/**
 * Ingest alone (the scoring queue paused, so the worker is idle), then scoring alone (the queue
 * resumed with the whole backlog waiting). The worker's periodic sweep is pushed out of the way
 * (SWEEP_INTERVAL_MS) so only queued jobs score.
 */
async function split(workers: number, ctx: Ctx): Promise<SplitResult> {
  const env = { SWEEP_INTERVAL_MS: String(3_600_000) };
  const api = await startPodium('api', 'api');
  const workerProcs: Proc[] = [];
  for (let i = 1; i <= workers; i++) workerProcs.push(await startPodium('worker', `worker #${i}`, env));
  const procs = [api, ...workerProcs];
  try {
    await queueIdle(ctx.queue);
    await warmup(api.url, ctx);
    const source = `bench-split-${randomUUID().slice(0, 8)}`;
    const contestId = await measuredContest(api.url, ctx, source, 'split');
    const { bodies, quantity } = buildBodies(source, EVENTS, 42);

    await ctx.queue.pause();
    let sampler = new ActivitySampler(ctx.db);
    let cpu0 = sampleCpu(procs);
    sampler.start();
    const t0 = performance.now();
    const ingestEnd = await ingest(api.url, bodies, PARAMS.concurrency);
    const ingestCpu = cpuBetween(cpu0, sampleCpu(procs));
    const ingestPostgres = await sampler.stop();

    sampler = new ActivitySampler(ctx.db);
    cpu0 = sampleCpu(procs);
    sampler.start();
    const t1 = performance.now();
    await ctx.queue.resume();
    const { doneAt } = await waitScored(ctx.poller, source, EVENTS, t1);
    const scoringCpu = cpuBetween(cpu0, sampleCpu(procs));
    const scoringPostgres = await sampler.stop();
    const correctness = await verify(ctx.db, contestId, EVENTS, quantity);
    await archiveMeasured(ctx.db, contestId);
    return {
      workers,
      ingestAloneSeconds: round((ingestEnd - t0) / 1000, 2),
      ingestAloneEventsPerSecond: round((EVENTS * 1000) / (ingestEnd - t0)),
      ingestCpu,
      ingestPostgres,
      scoringAloneSeconds: round((doneAt - t1) / 1000, 2),
      scoringAloneEventsPerSecond: round((EVENTS * 1000) / (doneAt - t1)),
      scoringCpu,
      scoringPostgres,
      correctness,
    };
  } finally {
    await ctx.queue.resume().catch(() => undefined);
    await stopAll(procs);
  }
}

interface LatencyResult {
  probes: number;
  received: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  minMs: number;
}

/** POST one event, wait for the `standings.updated` that shows it; one probe at a time, 150 ms apart. */
async function latencyProbe(api: string, ctx: Ctx): Promise<LatencyResult> {
  const { db, queue } = ctx;
  const source = `bench-probe-${randomUUID().slice(0, 8)}`;
  const contestId = await createContest(api, source, 'latency probe');
  await queueIdle(queue);
  const rep = `bench-probe-rep-${randomUUID().slice(0, 8)}`;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${api}${WS_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token: CREDENTIALS.get(new URL(api).origin)?.admin },
  });
  let waiting: { score: number; done: (at: number) => void } | null = null;
  socket.on(WS_UPDATED, (m: StandingsMessage) => {
    const at = performance.now();
    const mine = m.top.find((e) => e.rep?.externalId === rep);
    if (waiting !== null && mine !== undefined && mine.score >= waiting.score) waiting.done(at);
  });
  const times: number[] = [];
  try {
    const ack = (await socket
      .timeout(10_000)
      .emitWithAck(WS_SUBSCRIBE, { contestId, top: 10 })) as SubscribeAck;
    if (!ack.ok) throw new Error(`subscribe refused: ${ack.error}`);
    for (let i = 0; i < PARAMS.probes; i++) {
      const event: SalesEventInput = {
        id: `${source}-${i}`,
        source,
        type: 'license_sold',
        rep: { id: rep, name: 'Bench Probe' },
        occurredAt: new Date(OCCURRED_FROM + i * 1000).toISOString(),
        quantity: 1,
      };
      const seen = new Promise<number | null>((done) => {
        const timer = setTimeout(() => done(null), 10_000);
        waiting = {
          score: i + 1,
          done: (at) => {
            clearTimeout(timer);
            done(at);
          },
        };
      });
      const sent = performance.now();
      const answer = await post(`${api}/api/v1/events`, JSON.stringify(event));
      if (answer.status !== 202) throw new Error(`probe ingest answered ${answer.status}: ${answer.text}`);
      const at = await seen;
      waiting = null;
      if (at !== null) times.push(at - sent);
      await sleep(PARAMS.probeGapMs);
    }
  } finally {
    socket.disconnect();
    await archive(db, [contestId]);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    probes: PARAMS.probes,
    received: times.length,
    p50Ms: round(percentile(sorted, 50), 1),
    p95Ms: round(percentile(sorted, 95), 1),
    maxMs: round(sorted.at(-1) ?? NaN, 1),
    minMs: round(sorted[0] ?? NaN, 1),
  };
}

// ---------------------------------------------------------------------------------------------------
// Setup, report, cleanup

async function prepareDatabase(): Promise<void> {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  const admin = new pg.Client({ connectionString: DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    if (PARAMS.resetDb) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(DATABASE_URL);
}

async function deleteOwnRedisKeys(): Promise<number> {
  return deleteKeysUnder(REDIS_URL, PREFIX);
}

function cpuLine(cpu: ReturnType<typeof cpuBetween>): string {
  const parts = Object.entries(cpu.byLabelPctOfCore)
    .filter(([, pct]) => pct >= 1)
    .map(([label, pct]) => `${label} ${pct}%`);
  return `machine ${cpu.machineBusyPct}% busy of 2 cores; per process (% of one core): ${parts.join(', ')}`;
}

function postgresLines(pgStats: Awaited<ReturnType<ActivitySampler['stop']>>, indent = '    '): string[] {
  return [
    `${indent}active podium_bench backends on average: ${pgStats.avgActiveBackends} (${pgStats.samples} samples)`,
    ...pgStats.top.map((t) => `${indent}  ${String(t.share).padStart(5)}%  ${t.what}`),
  ];
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  out(`Podium ingest throughput benchmark  (${startedAt})`);
  out(
    `node ${process.version}, ${(await import('node:os')).cpus().length} cores shared by PostgreSQL, Redis, ` +
      `Podium and this benchmark; Redis key prefix ${PREFIX}`,
  );
  out(
    `parameters: events ${fmt(EVENTS)}, batch ${BATCH}/request, clients ${PARAMS.concurrency}, reps ${PARAMS.reps}, live contests ${PARAMS.contests}, ` +
      `SCORING_CONCURRENCY ${PARAMS.scoringConcurrency}, REALTIME_COALESCE_MS ${PARAMS.coalesceMs}, ` +
      `warmup ${PARAMS.warmupEvents} events per process set, ` +
      `database ${PARAMS.resetDb ? 'recreated' : 'kept'}, VACUUM ANALYZE before each phase ${PARAMS.vacuum ? 'on' : 'off'}, ` +
      `poll ${PARAMS.poll} every ${PARAMS.pollMs} ms`,
  );
  await prepareDatabase();
  if (PARAMS.prof) await mkdir(resolve(ROOT, 'bench/results/profiles'), { recursive: true });
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  const queueConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_SCORING, { connection: queueConnection, prefix: `${PREFIX}:bull` });
  const poller = await pollClient();
  const ctx: Ctx = { db, poller, queue };
  const results: Record<string, unknown> = { startedAt, parameters: PARAMS, redisPrefix: PREFIX };
  try {
    // Leftovers of an interrupted run would be scored into by every phase.
    await db.query(
      `UPDATE contests SET status = 'archived' WHERE status NOT IN ('draft', 'archived') AND name LIKE 'podium-bench %'`,
    );
    const { rows: size } = await db.query<{ events: string; live: string }>(
      `SELECT (SELECT count(*) FROM events)::text AS events,
              (SELECT count(*) FROM contests WHERE status NOT IN ('draft', 'archived'))::text AS live`,
    );
    out(
      `database podium_bench: ${fmt(Number(size[0]?.events))} ledger events before this run, ${size[0]?.live} live contests`,
    );
    out();

    out('1. Baseline: bare BullMQ on the same Redis (addBulk, no-op Worker)');
    const base = await baseline();
    results.baseline = base;
    out(
      `   ${fmt(base.jobs)} jobs x ${base.idsPerJob} ids, worker concurrency ${base.concurrency}: ` +
        `${fmt(base.jobsPerSecond)} jobs/s = ${fmt(base.eventsPerSecond)} events/s ` +
        `(addBulk ${fmt(base.addBulkMs)} ms, last completion ${fmt(base.totalMs)} ms)`,
    );
    out();

    const runs: ThroughputResult[] = [];
    let latency: LatencyResult | null = null;
    for (const [index, workers] of PARAMS.workerCounts.entries()) {
      out(`${index + 2}. Podium: 1 api + ${workers} worker${workers === 1 ? '' : 's'} (separate processes)`);
      const { result, latency: probed } = await throughput(
        workers,
        ctx,
        base.eventsPerSecond,
        index === 0 && PARAMS.probes > 0,
      );
      runs.push(result);
      latency ??= probed;
      out(
        `   ingest     ${fmt(result.ingestEventsPerSecond).padStart(7)} events/s accepted (202), ` +
          `${fmt(result.events)} events in ${result.requests} requests, ${result.ingestSeconds} s`,
      );
      out(
        `   end-to-end ${fmt(result.endToEndEventsPerSecond).padStart(7)} events/s, first POST to all scored ` +
          `in ${result.endToEndSeconds} s  (${result.ratioToBaseline}x the baseline; target ${fmt(PARAMS.targetEventsPerSecond)}: ` +
          `${result.endToEndEventsPerSecond >= PARAMS.targetEventsPerSecond ? 'met' : 'NOT met'})`,
      );
      out(
        `   scored when the ingest ended: ${fmt(result.scoredWhenIngestEnded)}; ` +
          `drain after the ingest: ${result.drainAfterIngestSeconds} s`,
      );
      const c = result.correctness;
      out(
        `   correctness: standings sum ${fmt(c.standingsScore)} / posted ${fmt(c.expectedScore)}, ` +
          `contributions ${fmt(c.contributions)} / ${fmt(c.expectedContributions)}, ${c.repsOnBoard} reps on the board: ` +
          `${c.ok ? 'OK' : 'MISMATCH'}`,
      );
      out(`   cpu: ${cpuLine(result.cpu)}`);
      out(`   postgres (share of sampled active backends, by wait and statement):`);
      for (const line of postgresLines(result.postgres, '     ')) out(line);
      out(`   poll query: p50 ${result.pollQueryMs.p50} ms, max ${result.pollQueryMs.max} ms`);
      if (result.sweeps.length > 0) out(`   sweeps during the run: ${result.sweeps.join('; ')}`);
      out();
    }
    results.podium = runs;

    let splitResult: SplitResult | null = null;
    if (PARAMS.split) {
      out(
        `${PARAMS.workerCounts.length + 2}. Where the time goes: ingest alone, then scoring alone (1 api + 1 worker)`,
      );
      splitResult = await split(1, ctx);
      results.split = splitResult;
      out(
        `   ingest alone (queue paused):   ${fmt(splitResult.ingestAloneEventsPerSecond).padStart(7)} events/s ` +
          `(${splitResult.ingestAloneSeconds} s)`,
      );
      out(`     cpu: ${cpuLine(splitResult.ingestCpu)}`);
      for (const line of postgresLines(splitResult.ingestPostgres, '     ')) out(line);
      out(
        `   scoring alone (backlog drain): ${fmt(splitResult.scoringAloneEventsPerSecond).padStart(7)} events/s ` +
          `(${splitResult.scoringAloneSeconds} s)`,
      );
      out(`     cpu: ${cpuLine(splitResult.scoringCpu)}`);
      for (const line of postgresLines(splitResult.scoringPostgres, '     ')) out(line);
      out(`   correctness: ${splitResult.correctness.ok ? 'OK' : 'MISMATCH'}`);
      out();
    }

    results.latency = latency;
    if (latency !== null) {
      out(
        `${PARAMS.workerCounts.length + (PARAMS.split ? 3 : 2)}. Latency probe (idle, 1 api + ${PARAMS.workerCounts[0]} worker, ` +
          `single events ${PARAMS.probeGapMs} ms apart, REALTIME_COALESCE_MS ${PARAMS.coalesceMs})`,
      );
      out(
        `   POST sent -> standings.updated received: p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, ` +
          `max ${latency.maxMs} ms, min ${latency.minMs} ms (${latency.received}/${latency.probes} received)`,
      );
      out();
    }

    out('Summary');
    out(`   baseline (bare BullMQ)      ${fmt(base.eventsPerSecond).padStart(8)} events/s`);
    for (const r of runs)
      out(
        `   Podium 1 api + ${r.workers} worker${r.workers === 1 ? ' ' : 's'}   ${fmt(r.endToEndEventsPerSecond).padStart(8)} events/s end-to-end ` +
          `(${r.ratioToBaseline}x baseline), ingest ${fmt(r.ingestEventsPerSecond)} events/s`,
      );
    if (splitResult !== null)
      out(
        `   ingest alone ${fmt(splitResult.ingestAloneEventsPerSecond)} events/s, ` +
          `scoring alone ${fmt(splitResult.scoringAloneEventsPerSecond)} events/s`,
      );
    out(`   target ${fmt(PARAMS.targetEventsPerSecond)} events/s end-to-end with batches of ${BATCH}`);
    const failed =
      runs.some((r) => !r.correctness.ok) || (splitResult !== null && !splitResult.correctness.ok);
    results.finishedAt = new Date().toISOString();
    await mkdir(resolve(RESULTS, '..'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    out(`   results written to ${RESULTS.replace(`${ROOT}/`, '')}`);
    if (failed) {
      out('   CORRECTNESS MISMATCH: the standings do not match the events posted');
      process.exitCode = 1;
    }
  } finally {
    await stopAll(started);
    await queue.close().catch(() => undefined);
    queueConnection.disconnect();
    await poller.end();
    await db.end();
    agent.destroy();
    const deleted = await deleteOwnRedisKeys();
    out(`   cleanup: stopped ${started.length} processes, deleted ${deleted} Redis keys under ${PREFIX}:*`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll(started)
      .then(deleteOwnRedisKeys)
      .finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
