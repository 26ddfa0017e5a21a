/**
 * Phones at scale: many reps' phones each watching their own position in one contest while events
 * pour in. Next to a same-run baseline: the ingest's 202 latency on the idle system.
 *
 *   npm run bench:phones        (BENCH_REPS, BENCH_CLIENTS, BENCH_RATE, BENCH_BURST_S, BENCH_BATCH)
 *
 * Phases: (1) seed a contest where every rep has a score; (2) idle: single events posted one at a time,
 * the 202 latency (the baseline); (3) open one Socket.IO client per rep, each subscribed with its own
 * rep (`around` is their neighbourhood); (4) idle again with the phones connected; (5) a burst of
 * BENCH_RATE events/s for BENCH_BURST_S seconds, posted open-loop (each request on its own schedule, not
 * after the previous answer), with the 202 latency; then wait until every phone holds the contest's final
 * version. Reported: deliveries per phone against the coalesced versions sent, the gateway's board reads
 * per coalesced update and the messages it encoded (its shutdown line), the CPU of the api, the worker, the
 * clients and PostgreSQL, and the machine's load average (other work on a shared machine shows there).
 * BENCH_PROF=1 writes V8 CPU profiles of the api and the worker (`node --cpu-prof`) to
 * bench/results/profiles. Writes bench/results/phones.json. A benchmark, not a test: it fails only on a
 * wrong result.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
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
import { recreateDatabase, runMigrations } from '#persistence';
import { deleteKeysUnder } from '#runtime';
import { positiveIntEnv as intEnv, freePort, healthy, percentile, prng } from './bench-kit.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = resolve(ROOT, 'bench/results/phones.json');

const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_bench_phones';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const REPS = intEnv('BENCH_REPS', 1_000);
const PARAMS = {
  reps: REPS,
  clients: Math.min(REPS, intEnv('BENCH_CLIENTS', REPS)),
  rate: intEnv('BENCH_RATE', 200),
  burstSeconds: intEnv('BENCH_BURST_S', 20),
  /** Events per ingest request during the burst (requests per second = rate / batch). */
  batch: intEnv('BENCH_BATCH', 5),
  idleProbes: intEnv('BENCH_PROBES', 40),
  probeGapMs: 100,
  coalesceMs: intEnv('BENCH_COALESCE_MS', 100),
  top: 10,
};
/** How long phones may take to reach the latest version before the run says they did not. */
const DELIVERY_TIMEOUT_MS = intEnv('BENCH_DELIVERY_TIMEOUT_S', 120) * 1000;
const PROFILE = process.env.BENCH_PROF === '1';
/** BENCH_PHONES_SAME_PROCESS=1: the phones in the load generator's process (how this bench first ran). */
const SAME_PROCESS = process.env.BENCH_PHONES_SAME_PROCESS === '1';
const PREFIX = `podium-bench-${randomUUID().slice(0, 8)}`;
const ADMIN = { email: 'bench@podium.test', password: 'benchmark admin password' };
const SOURCE = 'bench-phones';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

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

async function startPodium(role: 'api' | 'worker'): Promise<Proc> {
  const port = role === 'api' ? await freePort() : 0;
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve(ROOT, 'bench/results/profiles')}`] : [];
  // The event-loop delay probe (bench/loop-delay.ts) answers SIGUSR2 with the delays since the last one.
  const probe = ['--import', resolve(ROOT, 'dist/bench/loop-delay.js')];
  const child = spawn(process.execPath, [...profile, ...probe, `dist/apps/${role}/src/main.js`], {
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
      REALTIME_COALESCE_MS: String(PARAMS.coalesceMs),
      LOG_LEVEL: 'info',
      PODIUM_ADMIN_EMAIL: ADMIN.email,
      PODIUM_ADMIN_PASSWORD: ADMIN.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = role === 'api' ? `http://127.0.0.1:${port}` : '';
  const proc: Proc = {
    label: role,
    url,
    child,
    output: () => text,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  started.push(proc);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${role} exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`${role} did not start within 90 s:\n${text}`);
    if (role === 'worker' ? text.includes('worker running') : await healthy(url)) return proc;
    await sleep(100);
  }
}

/** CPU seconds (utime + stime) of a process so far, from /proc/<pid>/stat (100 ticks per second). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of every PostgreSQL backend serving the bench database (backends come and go). */
function postgresSeconds(): Map<number, number> {
  const name = new URL(DATABASE_URL).pathname.slice(1);
  const seconds = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(name)) continue;
      seconds.set(pid, cpuSeconds(pid));
    } catch {
      continue;
    }
  }
  return seconds;
}

interface CpuMark {
  readonly at: number;
  readonly api: number;
  readonly worker: number;
  readonly bench: number;
  readonly phones: number;
  readonly postgres: Map<number, number>;
}

function markCpu(api: Proc, worker: Proc, fleet: Fleet): CpuMark {
  return {
    at: performance.now(),
    api: cpuSeconds(api.child.pid ?? 0),
    worker: cpuSeconds(worker.child.pid ?? 0),
    bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    phones: fleet.pid === process.pid ? 0 : cpuSeconds(fleet.pid),
    postgres: postgresSeconds(),
  };
}

/** Percent of one core per process between two marks. */
function cpuBetween(a: CpuMark, b: CpuMark): Record<string, number> {
  const seconds = (b.at - a.at) / 1000;
  let pgSeconds = 0;
  for (const [pid, s] of b.postgres) pgSeconds += s - (a.postgres.get(pid) ?? 0);
  const pct = (s: number) => round((100 * s) / seconds);
  return {
    api: pct(b.api - a.api),
    worker: pct(b.worker - a.worker),
    'load generator (this process)': pct(b.bench - a.bench),
    'phones (their own process)': pct(b.phones - a.phones),
    'postgres backends': pct(pgSeconds),
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP

// Idle kept-alive sockets are closed here before the api's own 5 s keep-alive timeout would close them
// (a request sent on a socket the server is closing at that moment fails with ECONNRESET).
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 2_500 });
let adminToken = '';
let apiKey = '';

function post(url: string, body: string, token: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
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
    req.end(body);
  });
}

async function authorize(api: string): Promise<void> {
  const login = await post(`${api}/api/v1/auth/login`, JSON.stringify(ADMIN), '');
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}`);
  adminToken = (JSON.parse(login.text) as { accessToken: string }).accessToken;
  const key = await post(`${api}/api/v1/api-keys`, JSON.stringify({ name: `bench ${PREFIX}` }), adminToken);
  if (key.status !== 201) throw new Error(`API key not created: ${key.status} ${key.text}`);
  apiKey = (JSON.parse(key.text) as { key: string }).key;
}

async function createContest(api: string): Promise<string> {
  const contest: CreateContestRequest = {
    name: 'podium-bench phones',
    metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
    period: { kind: 'once', timeZone: 'UTC', start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
    filters: [{ field: 'source', op: 'eq', value: SOURCE }],
  };
  const answer = await post(`${api}/api/v1/contests`, JSON.stringify(contest), adminToken);
  if (answer.status !== 201) throw new Error(`contest not created: ${answer.status} ${answer.text}`);
  return (JSON.parse(answer.text) as ContestResponse).id;
}

let eventSeq = 0;
/** Sum of every quantity posted so far: the standings' total once everything is scored. */
let postedQuantity = 0;
const random = prng(42);
const OCCURRED_FROM = Date.parse('2026-06-01T10:00:00Z');

function events(count: number, rep?: number): { body: string; quantity: number } {
  const list: SalesEventInput[] = [];
  let quantity = 0;
  for (let i = 0; i < count; i++) {
    const n = rep ?? Math.floor(random() * PARAMS.reps);
    const q = 1 + Math.floor(random() * 5);
    quantity += q;
    postedQuantity += q;
    const seq = eventSeq++;
    list.push({
      id: `${SOURCE}-${seq}`,
      source: SOURCE,
      type: 'license_sold',
      rep: { id: `bench-rep-${n}`, name: `Bench Rep ${n}` },
      occurredAt: new Date(OCCURRED_FROM + seq * 1000).toISOString(),
      quantity: q,
    });
  }
  return { body: JSON.stringify({ events: list }), quantity };
}

async function ingest(api: string, body: string): Promise<number> {
  const sent = performance.now();
  const answer = await post(`${api}/api/v1/events`, body, apiKey);
  if (answer.status !== 202)
    throw new Error(`ingest answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  return performance.now() - sent;
}

function latencies(times: readonly number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: round(percentile(sorted, 50), 1),
    p95Ms: round(percentile(sorted, 95), 1),
    p99Ms: round(percentile(sorted, 99), 1),
    maxMs: round(sorted.at(-1) ?? NaN, 1),
  };
}

async function idleProbes(api: string): Promise<ReturnType<typeof latencies>> {
  const times: number[] = [];
  for (let i = 0; i < PARAMS.idleProbes; i++) {
    times.push(await ingest(api, events(1).body));
    await sleep(PARAMS.probeGapMs);
  }
  return latencies(times);
}

async function contestVersion(db: pg.Pool, contestId: string): Promise<number> {
  const { rows } = await db.query<{ v: string }>(
    `SELECT standings_version::text AS v FROM contests WHERE id = $1`,
    [contestId],
  );
  return Number(rows[0]?.v ?? 0);
}

async function scoredSum(db: pg.Pool, contestId: string): Promise<{ reps: number; sum: number }> {
  const { rows } = await db.query<{ n: string; s: string | null }>(
    `SELECT count(*)::text AS n, sum(score)::text AS s FROM standings WHERE contest_id = $1`,
    [contestId],
  );
  return { reps: Number(rows[0]?.n ?? 0), sum: Number(rows[0]?.s ?? 0) };
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const waited = await waitUpTo(timeoutMs, check);
  if (waited === null) throw new Error(`${what}: not within ${timeoutMs} ms`);
  return waited;
}

/** Milliseconds until `check` holds, or null when it still does not after `timeoutMs`. */
async function waitUpTo(timeoutMs: number, check: () => Promise<boolean>): Promise<number | null> {
  const start = performance.now();
  for (;;) {
    if (await check()) return performance.now() - start;
    if (performance.now() - start > timeoutMs) return null;
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------
// Phones

interface Phone {
  readonly rep: string;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Versions of the updates received after the snapshot, in order. */
  readonly versions: number[];
  last: number;
  /** Updates whose previousVersion was not the last version held (a gap: a real client resubscribes). */
  gaps: number;
  /** Updates that did not carry the phone's own line in `around`. */
  missingSelf: number;
}

/** What the load generator learns of the phones at the end. */
interface PhoneReport {
  readonly versions: number[];
  readonly last: number;
  readonly gaps: number;
  readonly missingSelf: number;
}

async function openPhone(api: string, token: string, contestId: string, n: number): Promise<Phone> {
  const rep = `bench-rep-${n}`;
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(`${api}${WS_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token },
  });
  const phone: Phone = { rep, socket, versions: [], last: 0, gaps: 0, missingSelf: 0 };
  socket.on(WS_UPDATED, (m: StandingsMessage) => {
    if (m.previousVersion !== phone.last) phone.gaps++;
    if (!(m.around ?? []).some((e) => e.rep?.externalId === rep)) phone.missingSelf++;
    phone.versions.push(m.version);
    phone.last = m.version;
  });
  const ack = (await socket
    .timeout(60_000)
    .emitWithAck(WS_SUBSCRIBE, { contestId, top: PARAMS.top, rep })) as SubscribeAck;
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error}`);
  phone.last = Math.max(phone.last, ack.snapshot.version);
  return phone;
}

/** The phones: every Socket.IO client, in whichever process holds them. */
interface Fleet {
  /** The process the phones run in (for its CPU). */
  readonly pid: number;
  open(api: string, token: string, contestId: string): Promise<number>;
  /** The last version each phone holds. */
  lasts(): Promise<number[]>;
  /** Forgets the versions received so far. */
  reset(): Promise<void>;
  report(): Promise<PhoneReport[]>;
  close(): Promise<void>;
}

/** The phones in this process (the load generator's event loop then also handles their messages). */
class LocalFleet implements Fleet {
  readonly pid = process.pid;
  private readonly phones: Phone[] = [];

  async open(api: string, token: string, contestId: string): Promise<number> {
    const concurrency = 25;
    for (let start = 0; start < PARAMS.clients; start += concurrency) {
      const batch = Array.from(
        { length: Math.min(concurrency, PARAMS.clients - start) },
        (_, i) => start + i,
      );
      this.phones.push(...(await Promise.all(batch.map((n) => openPhone(api, token, contestId, n)))));
    }
    return this.phones.length;
  }

  async lasts(): Promise<number[]> {
    return this.phones.map((p) => p.last);
  }

  async reset(): Promise<void> {
    for (const p of this.phones) p.versions.length = 0;
  }

  async report(): Promise<PhoneReport[]> {
    return this.phones.map(({ versions, last, gaps, missingSelf }) => ({
      versions,
      last,
      gaps,
      missingSelf,
    }));
  }

  async close(): Promise<void> {
    for (const p of this.phones) p.socket.disconnect();
  }
}

type FleetCall = 'open' | 'lasts' | 'reset' | 'report' | 'close';
interface FleetRequest {
  readonly id: number;
  readonly call: FleetCall;
  readonly args: string[];
}
interface FleetAnswer {
  readonly id: number;
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * The phones in a child process of their own (the default): the 202 latency is then timed by a load
 * generator whose event loop is not also parsing a thousand phones' updates.
 */
class ChildFleet implements Fleet {
  private readonly child: ChildProcess;
  private next = 0;
  private readonly waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();

  constructor() {
    this.child = fork(import.meta.filename, ['--phones'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (answer: FleetAnswer) => {
      const call = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.error !== undefined) call?.fail(new Error(answer.error));
      else call?.done(answer.value);
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  private ask<T>(call: FleetCall, args: string[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((done, fail) => {
      this.waiting.set(id, { done: (v) => done(v as T), fail });
      this.child.send({ id, call, args } satisfies FleetRequest);
    });
  }

  open(api: string, token: string, contestId: string): Promise<number> {
    return this.ask('open', [api, token, contestId]);
  }
  lasts(): Promise<number[]> {
    return this.ask('lasts');
  }
  reset(): Promise<void> {
    return this.ask('reset');
  }
  report(): Promise<PhoneReport[]> {
    return this.ask('report');
  }
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((done) => this.child.once('exit', () => done()));
    await this.ask('close').catch(() => undefined);
    this.child.disconnect();
    await exited;
  }
}

/** The child side of {@link ChildFleet}: a {@link LocalFleet} answering over IPC. */
function servePhones(): void {
  const fleet = new LocalFleet();
  process.on('message', (request: FleetRequest) => {
    const [a = '', b = '', c = ''] = request.args;
    const run: Record<FleetCall, () => Promise<unknown>> = {
      open: () => fleet.open(a, b, c),
      lasts: () => fleet.lasts(),
      reset: () => fleet.reset(),
      report: () => fleet.report(),
      close: () => fleet.close(),
    };
    run[request.call]().then(
      (value) => process.send?.({ id: request.id, value } satisfies FleetAnswer),
      (error: unknown) => process.send?.({ id: request.id, error: String(error) } satisfies FleetAnswer),
    );
  });
}

/**
 * The gateway's shutdown line: flushes, board reads, messages delivered and (newer builds) messages
 * encoded since it started.
 */
function gatewayTotals(output: string) {
  const line =
    /standings flushes=(\d+) boardReads=(\d+) maxReadsPerFlush=(\d+) messages=(\d+)(?: encoded=(\d+))?/.exec(
      output,
    );
  if (line === null) return null;
  return {
    flushes: Number(line[1]),
    boardReads: Number(line[2]),
    maxReadsPerFlush: Number(line[3]),
    messages: Number(line[4]),
    encoded: line[5] === undefined ? null : Number(line[5]),
  };
}

const load = () => loadavg().map((n) => round(n, 2));

/**
 * The api's event-loop delay since the last call (its probe prints it on SIGUSR2): how long ready work,
 * such as an ingest request, waited for the loop.
 */
async function loopDelay(proc: Proc): Promise<Record<string, number> | null> {
  const before = proc.output().length;
  proc.child.kill('SIGUSR2');
  for (let i = 0; i < 50; i++) {
    const line = /event loop delay ms: (.*)\n/.exec(proc.output().slice(before));
    if (line !== null) {
      return Object.fromEntries(
        (line[1] ?? '').split(' ').map((kv) => [kv.split('=')[0] ?? '', Number(kv.split('=')[1])]),
      );
    }
    await sleep(20);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------

async function prepareDatabase(): Promise<void> {
  await recreateDatabase(DATABASE_URL);
  await runMigrations(DATABASE_URL);
}

async function deleteOwnRedisKeys(): Promise<void> {
  await deleteKeysUnder(REDIS_URL, PREFIX);
}

async function main(): Promise<void> {
  out(`phones bench: ${JSON.stringify(PARAMS)}`);
  const loadBefore = load();
  out(`load average (1, 5, 15 min): ${loadBefore.join(', ')}`);
  if (PROFILE) await mkdir(resolve(ROOT, 'bench/results/profiles'), { recursive: true });
  await prepareDatabase();
  const db = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const fleet: Fleet = SAME_PROCESS ? new LocalFleet() : new ChildFleet();
  // How late this process's own event loop runs: a late loop would add to every 202 it times.
  const ownLoop = monitorEventLoopDelay({ resolution: 5 });
  ownLoop.enable();
  const ownDelay = () => {
    const ms = (ns: number) => round(ns / 1e6, 2);
    const d = { p50: ms(ownLoop.percentile(50)), p95: ms(ownLoop.percentile(95)), max: ms(ownLoop.max) };
    ownLoop.reset();
    return d;
  };
  let phoneCount: number;
  try {
    const api = await startPodium('api');
    const worker = await startPodium('worker');
    await authorize(api.url);
    const contestId = await createContest(api.url);

    // (1) Every rep on the board, so each phone has a neighbourhood.
    for (let start = 0; start < PARAMS.reps; start += 100) {
      const batch: SalesEventInput[] = [];
      for (let n = start; n < Math.min(PARAMS.reps, start + 100); n++) {
        const e = JSON.parse(events(1, n).body) as { events: SalesEventInput[] };
        batch.push(...e.events);
      }
      await ingest(api.url, JSON.stringify({ events: batch }));
    }
    await waitFor('seed scored', 120_000, async () => (await scoredSum(db, contestId)).reps === PARAMS.reps);
    await db.query(`VACUUM ANALYZE`);

    // (2) Baseline: the idle 202 latency, nobody watching.
    const idle = await idleProbes(api.url);
    out(`idle 202 (no phones): p50 ${idle.p50Ms} ms, p95 ${idle.p95Ms} ms, max ${idle.maxMs} ms`);

    // (3) The phones.
    const opening = performance.now();
    phoneCount = await fleet.open(api.url, adminToken, contestId);
    out(
      `${phoneCount} phones subscribed in ${round((performance.now() - opening) / 1000, 1)} s ` +
        `(${SAME_PROCESS ? 'in the load generator' : 'in their own process'})`,
    );
    await sleep(2_000);

    // (4) Idle with the phones connected.
    await loopDelay(api);
    const idlePhones = await idleProbes(api.url);
    const loopIdle = await loopDelay(api);
    out(
      `idle 202 (phones): p50 ${idlePhones.p50Ms} ms, p95 ${idlePhones.p95Ms} ms, max ${idlePhones.maxMs} ms`,
    );
    const idleDelivered = await waitUpTo(DELIVERY_TIMEOUT_MS, async () => {
      const v = await contestVersion(db, contestId);
      return (await fleet.lasts()).every((last) => last === v);
    });
    out(
      idleDelivered === null
        ? `idle updates: not every phone at the latest version ${DELIVERY_TIMEOUT_MS / 1000} s later`
        : `idle updates: every phone at the latest version ${round(idleDelivered)} ms after the last probe`,
    );
    await fleet.reset();
    const versionBefore = await contestVersion(db, contestId);

    // (5) The burst: open-loop, one request every batch/rate seconds.
    const requests = Math.round((PARAMS.rate * PARAMS.burstSeconds) / PARAMS.batch);
    const gapMs = (1000 * PARAMS.batch) / PARAMS.rate;
    const bodies = Array.from({ length: requests }, () => events(PARAMS.batch));
    await loopDelay(api);
    const cpuStart = markCpu(api, worker, fleet);
    ownDelay();
    const burstStart = performance.now();
    const pending: Promise<number>[] = [];
    const failed: string[] = [];
    for (let i = 0; i < requests; i++) {
      const due = burstStart + i * gapMs;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(
        ingest(api.url, bodies[i]?.body ?? '').catch((error: unknown) => {
          failed.push(String(error));
          return NaN;
        }),
      );
    }
    const burst = latencies((await Promise.all(pending)).filter((ms) => !Number.isNaN(ms)));
    if (failed.length > 0) out(`${failed.length} burst requests failed, e.g. ${failed[0] ?? ''}`);
    if (failed.length > requests / 100) throw new Error(`${failed.length} of ${requests} requests failed`);
    const burstSeconds = (performance.now() - burstStart) / 1000;
    const cpuBurst = markCpu(api, worker, fleet);
    const ownBurst = ownDelay();
    const loopBurst = await loopDelay(api);
    out(
      `burst ${requests * PARAMS.batch} events in ${round(burstSeconds, 1)} s: 202 p50 ${burst.p50Ms} ms, ` +
        `p95 ${burst.p95Ms} ms, p99 ${burst.p99Ms} ms, max ${burst.maxMs} ms`,
    );

    // Everything scored, then every phone at the final version.
    const expected = postedQuantity;
    const scoredMs = await waitFor('burst scored', 180_000, async () => {
      const { sum } = await scoredSum(db, contestId);
      return sum >= expected;
    });
    const finalVersion = await contestVersion(db, contestId);
    const deliveredMs = await waitUpTo(DELIVERY_TIMEOUT_MS, async () =>
      (await fleet.lasts()).every((last) => last === finalVersion),
    );
    const cpuEnd = markCpu(api, worker, fleet);
    const phones = await fleet.report();

    const coalesced = new Set(phones.flatMap((p) => p.versions));
    const counts = phones.map((p) => p.versions.length).sort((a, b) => a - b);
    const everyUpdate = phones.filter(
      (p) => p.versions.length === coalesced.size && p.last === finalVersion,
    ).length;
    const deliveries = {
      versionsWritten: finalVersion - versionBefore,
      coalescedVersionsSent: coalesced.size,
      perPhone: {
        min: counts[0] ?? 0,
        median: counts[Math.floor(counts.length / 2)] ?? 0,
        max: counts.at(-1) ?? 0,
      },
      phonesWithEveryUpdate: everyUpdate,
      phonesAtFinalVersion: phones.filter((p) => p.last === finalVersion).length,
      gaps: phones.reduce((s, p) => s + p.gaps, 0),
      updatesWithoutOwnLine: phones.reduce((s, p) => s + p.missingSelf, 0),
      lastPhoneAtFinalVersionAfterScoredMs: deliveredMs === null ? null : round(deliveredMs),
      scoredAfterBurstMs: round(scoredMs),
    };
    out(`deliveries: ${JSON.stringify(deliveries)}`);
    const cpu = { burst: cpuBetween(cpuStart, cpuBurst), burstUntilDelivered: cpuBetween(cpuStart, cpuEnd) };
    out(`cpu % of one core during the burst: ${JSON.stringify(cpu.burst)}`);
    const loop = { idleWithPhones: loopIdle, burst: loopBurst, loadGeneratorBurst: ownBurst };
    out(`api event loop delay (ms), idle with phones: ${JSON.stringify(loopIdle)}`);
    out(`api event loop delay (ms), burst: ${JSON.stringify(loopBurst)}`);
    out(`load generator event loop delay (ms), burst: ${JSON.stringify(ownBurst)}`);
    out(`cpu % of one core, burst until delivered: ${JSON.stringify(cpu.burstUntilDelivered)}`);

    await fleet.close();
    await api.stop();
    await worker.stop();
    const gateway = gatewayTotals(api.output());
    const perFlush = gateway === null ? null : round(gateway.boardReads / Math.max(1, gateway.flushes), 2);
    out(
      gateway === null
        ? 'gateway totals: not logged by this build'
        : `gateway (whole run): ${gateway.flushes} flushes, ${gateway.boardReads} board reads ` +
            `(${perFlush} per flush, at most ${gateway.maxReadsPerFlush}), ${gateway.messages} messages` +
            (gateway.encoded === null ? '' : `, ${gateway.encoded} encoded`),
    );
    const loadAfter = load();
    out(`load average (1, 5, 15 min) at the end: ${loadAfter.join(', ')}`);
    const ratio = round(burst.p50Ms / idle.p50Ms, 2);
    out(`202 p50 during the burst / idle: ${ratio}x`);

    await mkdir(resolve(ROOT, 'bench/results'), { recursive: true });
    await writeFile(
      RESULTS,
      `${JSON.stringify(
        {
          params: PARAMS,
          at: new Date().toISOString(),
          idle,
          idlePhones,
          burst,
          ratio,
          deliveries,
          cpu,
          loop,
          gateway,
          perFlush,
          loadAverage: { before: loadBefore, after: loadAfter },
        },
        null,
        2,
      )}\n`,
    );
    out(`written to bench/results/phones.json`);
    if (deliveries.phonesAtFinalVersion !== phoneCount) {
      throw new Error(`phones missed the final version within ${DELIVERY_TIMEOUT_MS / 1000} s`);
    }
  } finally {
    await fleet.close();
    await Promise.all(started.map((p) => p.stop()));
    await db.end();
    agent.destroy();
    await deleteOwnRedisKeys();
  }
}

if (process.argv.includes('--phones')) servePhones();
else
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
