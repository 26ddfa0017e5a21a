/**
 * The coaching view's latency: `GET /api/v1/coaching?team=<key>` for a team of 50 reps with a year of
 * events in the ledger (and another team's year next to it), against its goal of 200 ms.
 *
 *   npm run bench:coaching        (BENCH_REPS, BENCH_OTHER_REPS, BENCH_DAYS, BENCH_CALLS, BENCH_COLD)
 *
 * Phases: (1) seed through the api as a CRM connector would: a team, its reps, five contests (results
 * and process metrics) and a year of plausible events per rep (calls, CRM hygiene, meetings, demos,
 * licenses, deals; working days, each rep with their own pace; some reps stalled, some new), then
 * `VACUUM ANALYZE` as autovacuum would; (2) cold: the first call of a freshly started api (its pool,
 * plans and code not warm), BENCH_COLD times, each on a new api process; (3) warm: BENCH_CALLS calls
 * one after the other on one api, after 20 unmeasured ones. Next to it, the same-run baseline: the
 * latency of `GET /api/v1/teams` (a trivial authenticated read) on the same api. Reported with the
 * machine's load average. EXPLAIN (ANALYZE, BUFFERS) of the weekly aggregate goes into the results.
 * Writes bench/results/coaching.json. A benchmark, not a test: it fails only on a wrong result.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import pg from 'pg';
import type { CoachingResponse, CreateContestRequest, EventTypeName, SalesEventInput } from '#contracts';
import { recreateDatabase, runMigrations } from '#persistence';
import { deleteKeysUnder } from '#runtime';
import { positiveIntEnv as intEnv, freePort, percentile, prng } from './bench-kit.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = resolve(ROOT, 'bench/results/coaching.json');

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_bench_coaching';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const PARAMS = {
  reps: intEnv('BENCH_REPS', 50),
  /** Reps of another team, with the same year of events: the ledger holds more than one team. */
  otherReps: intEnv('BENCH_OTHER_REPS', 50),
  days: intEnv('BENCH_DAYS', 365),
  calls: intEnv('BENCH_CALLS', 200),
  cold: intEnv('BENCH_COLD', 5),
  warmup: 20,
  batch: 1000,
  concurrency: 4,
  goalMs: 200,
};
const PREFIX = `podium-bench-${randomUUID().slice(0, 8)}`;
const ADMIN = { email: 'bench@podium.test', password: 'benchmark admin password' };
const SOURCE = 'bench-coaching';
const TEAM = 'bench-north';
const OTHER_TEAM = 'bench-south';
const TIME_ZONE = 'Europe/Amsterdam';
const DAY_MS = 24 * 60 * 60 * 1000;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------------
// Processes

interface Proc {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const started = new Set<Proc>();

async function startApi(): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL,
      REDIS_URL,
      PODIUM_ROLE: 'api',
      PODIUM_KEY_PREFIX: PREFIX,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PODIUM_ADMIN_EMAIL: ADMIN.email,
      PODIUM_ADMIN_PASSWORD: ADMIN.password,
      RATE_INGEST_PER_SECOND: '100000',
      RATE_INGEST_IP_PER_SECOND: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;
  const proc: Proc = {
    url,
    child,
    output: () => text,
    stop: async () => {
      started.delete(proc);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  started.add(proc);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`api did not start within 90 s:\n${text}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return proc;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP

const agent = new Agent({ keepAlive: true, maxSockets: 16 });
let adminToken = '';
let apiKey = '';

function call(
  url: string,
  method: string,
  body: string | null,
  token: string,
): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      {
        method,
        agent,
        headers: {
          ...(body === null
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
          ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
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
    req.end(body ?? undefined);
  });
}

async function expectStatus(
  url: string,
  method: string,
  body: unknown,
  token: string,
  status: number,
): Promise<string> {
  const answer = await call(url, method, body === null ? null : JSON.stringify(body), token);
  if (answer.status !== status) throw new Error(`${method} ${url}: ${answer.status} ${answer.text}`);
  return answer.text;
}

async function authorize(api: string): Promise<void> {
  const login = await expectStatus(`${api}/api/v1/auth/login`, 'POST', ADMIN, '', 200);
  adminToken = (JSON.parse(login) as { accessToken: string }).accessToken;
  const key = await expectStatus(
    `${api}/api/v1/api-keys`,
    'POST',
    { name: `bench ${PREFIX}` },
    adminToken,
    201,
  );
  apiKey = (JSON.parse(key) as { key: string }).key;
}

// ---------------------------------------------------------------------------------------------------
// Seed

/** Events per working day of an average rep, by type. */
const DAILY: readonly [EventTypeName, number][] = [
  ['call_logged', 3.5],
  ['crm_activity_logged', 1.8],
  ['crm_next_step_set', 1],
  ['crm_contact_updated', 0.8],
  ['meeting_held', 0.6],
  ['demo_booked', 0.4],
  ['license_sold', 0.25],
  ['deal_won', 0.12],
];

/** Poisson-distributed count with mean `mean` (Knuth; means here are small). */
function poisson(rnd: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rnd();
  while (p > limit) {
    k += 1;
    p *= rnd();
  }
  return k;
}

interface SeedRep {
  readonly id: string;
  readonly name: string;
  readonly team: string;
  /** This rep's pace against the average (0.6 to 1.4). */
  readonly pace: number;
  /** Days before now the rep started (a new rep: a few weeks). */
  readonly startedDaysAgo: number;
  /** Days before now of the rep's last activity (a stalled rep: 9 to 30). */
  readonly quietDays: number;
}

const FIRST = ['Sam', 'Zoe', 'Nia', 'Bo', 'Ana', 'Lars', 'Mila', 'Jens', 'Eva', 'Tim', 'Noor', 'Daan'];
const LAST = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'de Boer', 'Bos', 'Vos'];

function seedReps(rnd: () => number): SeedRep[] {
  const reps: SeedRep[] = [];
  const make = (team: string, count: number, prefix: string) => {
    for (let i = 0; i < count; i += 1) {
      const roll = rnd();
      reps.push({
        id: `${prefix}-${String(i).padStart(3, '0')}`,
        name: `${FIRST[i % FIRST.length] ?? 'Rep'} ${LAST[Math.floor(i / FIRST.length) % LAST.length] ?? ''} ${i}`,
        team,
        pace: 0.6 + rnd() * 0.8,
        startedDaysAgo: roll < 0.06 ? 14 + Math.floor(rnd() * 14) : PARAMS.days,
        quietDays: roll > 0.9 ? 9 + Math.floor(rnd() * 21) : 0,
      });
    }
  };
  make(TEAM, PARAMS.reps, 'north');
  make(OTHER_TEAM, PARAMS.otherReps, 'south');
  return reps;
}

function* eventsOf(rep: SeedRep, now: number, rnd: () => number): Generator<SalesEventInput> {
  let n = 0;
  for (let daysAgo = Math.min(rep.startedDaysAgo, PARAMS.days); daysAgo >= rep.quietDays; daysAgo -= 1) {
    const day = new Date(now - daysAgo * DAY_MS);
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    for (const [type, mean] of DAILY) {
      const count = poisson(rnd, mean * rep.pace);
      for (let i = 0; i < count; i += 1) {
        // Office hours in Amsterdam, roughly (07:00-17:00 UTC), never after now.
        const at = Math.min(now - 60_000, midnight + (7 + rnd() * 10) * 3_600_000);
        n += 1;
        yield {
          id: `${rep.id}-${n}`,
          source: SOURCE,
          type,
          rep: { id: rep.id, name: rep.name },
          occurredAt: new Date(at).toISOString(),
          ...(type === 'license_sold' ? { quantity: 1 + Math.floor(rnd() * 12) } : {}),
          ...(type === 'deal_won'
            ? { amount: { minor: 50_000 + Math.floor(rnd() * 2_000_000), currency: 'EUR' } }
            : {}),
        };
      }
    }
  }
}

async function seed(api: string): Promise<{ events: number; teamEvents: number; seconds: number }> {
  const t0 = performance.now();
  const rnd = prng(20_261_201);
  for (const [key, name] of [
    [TEAM, 'North'],
    [OTHER_TEAM, 'South'],
  ]) {
    await expectStatus(`${api}/api/v1/teams`, 'POST', { key, name }, adminToken, 201);
  }
  const reps = seedReps(rnd);
  for (const rep of reps) {
    await expectStatus(
      `${api}/api/v1/reps/${rep.id}`,
      'PUT',
      { displayName: rep.name, team: rep.team },
      adminToken,
      200,
    );
  }
  const contests: CreateContestRequest[] = [
    {
      name: 'Licenses this week',
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'weekly', timeZone: TIME_ZONE, weekStartsOn: 1 },
    },
    {
      name: 'Revenue this month',
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      period: { kind: 'monthly', timeZone: TIME_ZONE },
    },
    {
      name: 'Demos booked',
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'weekly', timeZone: TIME_ZONE, weekStartsOn: 1 },
    },
    {
      name: 'Calls and meetings',
      metric: { kind: 'points', weights: { call_logged: 1, meeting_held: 3 } },
      period: { kind: 'weekly', timeZone: TIME_ZONE, weekStartsOn: 1 },
    },
    {
      name: 'CRM hygiene',
      metric: {
        kind: 'count',
        eventTypes: ['crm_next_step_set', 'crm_contact_updated', 'crm_activity_logged'],
      },
      period: { kind: 'weekly', timeZone: TIME_ZONE, weekStartsOn: 1 },
    },
  ];
  for (const contest of contests) {
    await expectStatus(
      `${api}/api/v1/contests`,
      'POST',
      { ...contest, participants: { kind: 'teams', teams: [TEAM, OTHER_TEAM] } },
      adminToken,
      201,
    );
  }
  const now = Date.now();
  let events = 0;
  let teamEvents = 0;
  const batches: SalesEventInput[][] = [];
  let batch: SalesEventInput[] = [];
  for (const rep of reps) {
    for (const event of eventsOf(rep, now, rnd)) {
      batch.push(event);
      events += 1;
      if (rep.team === TEAM) teamEvents += 1;
      if (batch.length === PARAMS.batch) {
        batches.push(batch);
        batch = [];
      }
    }
  }
  if (batch.length > 0) batches.push(batch);
  let next = 0;
  await Promise.all(
    Array.from({ length: PARAMS.concurrency }, async () => {
      while (next < batches.length) {
        const mine = batches[next];
        next += 1;
        if (mine !== undefined)
          await expectStatus(`${api}/api/v1/events`, 'POST', { events: mine }, apiKey, 202);
      }
    }),
  );
  return { events, teamEvents, seconds: round((performance.now() - t0) / 1000) };
}

// ---------------------------------------------------------------------------------------------------
// Measure

function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

async function timed(url: string, token: string): Promise<{ ms: number; text: string }> {
  const t0 = performance.now();
  const answer = await call(url, 'GET', null, token);
  const ms = performance.now() - t0;
  if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.text}`);
  return { ms, text: answer.text };
}

/** The view must be right before its speed means anything. */
function check(text: string): { reps: number; metrics: number; stalled: number } {
  const view = JSON.parse(text) as CoachingResponse;
  if (view.reps.length !== PARAMS.reps)
    throw new Error(`expected ${PARAMS.reps} reps, got ${view.reps.length}`);
  if (view.metrics.length !== 5) throw new Error(`expected 5 metrics, got ${view.metrics.length}`);
  if (view.weeks.length !== 8) throw new Error(`expected 8 weeks, got ${view.weeks.length}`);
  const total = view.reps.reduce(
    (s, r) => s + r.metrics.reduce((t, m) => t + m.values.reduce((a, b) => a + b, 0), 0),
    0,
  );
  if (total === 0) throw new Error('the view shows no activity at all');
  return {
    reps: view.reps.length,
    metrics: view.metrics.length,
    stalled: view.reps.filter((r) => r.stalled).length,
  };
}

async function explain(db: pg.Pool): Promise<string[]> {
  const team = await db.query<{ id: string }>(`SELECT id FROM teams WHERE key = $1`, [TEAM]);
  const teamId = team.rows[0]?.id;
  const now = Date.now();
  const bounds = Array.from({ length: 9 }, (_, i) => new Date(now - (8 - i) * 7 * DAY_MS));
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS)
     SELECT e.rep_id, width_bucket(e.occurred_at, $2::timestamptz[]) - 1 AS week, e.event_type, e.currency,
       count(*)::int AS events, COALESCE(sum(e.quantity), 0)::text AS quantity,
       COALESCE(sum(e.amount_minor), 0)::text AS amount
     FROM reps r JOIN events e ON e.rep_id = r.id
     WHERE r.team_id = $1 AND e.status = 'active'
       AND e.occurred_at >= $3 AND e.occurred_at < $4 AND e.occurred_at <= $5
       AND e.event_type = ANY($6::text[])
     GROUP BY 1, 2, 3, 4`,
    [teamId, bounds, bounds[0], bounds[8], new Date(now), DAILY.map(([t]) => t)],
  );
  return plan.rows.map((r) => r['QUERY PLAN']);
}

async function prepareDatabase(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  await runMigrations(DATABASE_URL);
}

async function deleteOwnRedisKeys(): Promise<void> {
  await deleteKeysUnder(REDIS_URL, PREFIX);
}

async function main(): Promise<void> {
  out(`coaching bench: ${JSON.stringify(PARAMS)}`);
  const loadBefore = loadavg().map((l) => round(l, 2));
  await prepareDatabase();
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  try {
    let api = await startApi();
    await authorize(api.url);
    const seeded = await seed(api.url);
    out(`seeded ${seeded.events} events (${seeded.teamEvents} of the measured team) in ${seeded.seconds} s`);
    // Scoring is not part of this view (no worker runs): what a steady system has, autovacuum included.
    await db.query('VACUUM ANALYZE events');
    await db.query('VACUUM ANALYZE reps');

    const cold: number[] = [];
    let shape = { reps: 0, metrics: 0, stalled: 0 };
    for (let i = 0; i < PARAMS.cold; i += 1) {
      await api.stop();
      api = await startApi();
      await authorize(api.url);
      const first = await timed(`${api.url}/api/v1/coaching?team=${TEAM}`, adminToken);
      cold.push(first.ms);
      shape = check(first.text);
    }
    const warmUrl = `${api.url}/api/v1/coaching?team=${TEAM}`;
    for (let i = 0; i < PARAMS.warmup; i += 1) await timed(warmUrl, adminToken);
    const warm: number[] = [];
    for (let i = 0; i < PARAMS.calls; i += 1) warm.push((await timed(warmUrl, adminToken)).ms);
    const baseline: number[] = [];
    const baseUrl = `${api.url}/api/v1/teams`;
    for (let i = 0; i < PARAMS.warmup; i += 1) await timed(baseUrl, adminToken);
    for (let i = 0; i < PARAMS.calls; i += 1) baseline.push((await timed(baseUrl, adminToken)).ms);
    const plan = await explain(db);
    await api.stop();

    const loadAfter = loadavg().map((l) => round(l, 2));
    const report = {
      at: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      params: PARAMS,
      seeded,
      view: shape,
      coldMs: summary(cold),
      warmMs: summary(warm),
      baselineTeamsMs: summary(baseline),
      goalMet: summary(warm).p95 < PARAMS.goalMs && summary(cold).max < PARAMS.goalMs,
      plan,
    };
    out();
    out(`view: ${shape.reps} reps x ${shape.metrics} metrics x 8 weeks, ${shape.stalled} stalled`);
    out(`cold (first call of a new api, ${PARAMS.cold}x): ${JSON.stringify(report.coldMs)} ms`);
    out(`warm (${PARAMS.calls} calls):              ${JSON.stringify(report.warmMs)} ms`);
    out(`baseline GET /api/v1/teams:          ${JSON.stringify(report.baselineTeamsMs)} ms`);
    out(
      `load average (1, 5, 15 min): before ${loadBefore.join(', ')}; after ${loadAfter.join(', ')}; ${report.cores} cores`,
    );
    out(`goal (< ${PARAMS.goalMs} ms, warm p95 and cold max): ${report.goalMet ? 'met' : 'NOT met'}`);
    out();
    out(plan.join('\n'));
    await mkdir(resolve(ROOT, 'bench/results'), { recursive: true });
    await writeFile(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    out(`\nwritten to ${RESULTS}`);
  } finally {
    await db.end();
    for (const proc of [...started]) await proc.stop();
    await deleteOwnRedisKeys();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
