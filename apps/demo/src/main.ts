import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { SalesEventInput } from '#contracts';
import { DemoEventStream, demoHourAt, type StreamedKind } from './demo-events.js';
import { seedDemo, type Credentials } from './seed-demo.js';
import { streamDemo } from './stream-demo.js';

/**
 * `npm run demo`: starts Podium the way `npm start` does (one process, embedded PostgreSQL) with its own
 * data folder and admin, seeds a sales organisation over the REST API, prints where to look, and streams
 * events until Ctrl-C, then stops Podium (and its database) before exiting.
 */

const ROOT = resolve(import.meta.dirname, '../../../..');
const DATA_DIR = '.podium/demo-pgdata';
/** Not `npm start`'s 54329, so the demo runs next to a Podium of one's own. */
const EMBEDDED_PG_PORT = '54339';
const ADMIN: Credentials = { email: 'admin@podium.demo', password: 'podium-demo-admin' };
const REP_PASSWORD = 'podium-demo-rep';
const EMAIL_DOMAIN = 'podium.demo';
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Stops the stream and Podium, then exits with `code`; set once Podium is started. */
let shutdown: (reason: string, code: number) => void = (_reason, code) => process.exit(code);

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  // Always the embedded database and queue: the demo must not write into a real Podium's database.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.PODIUM_ROLE;
  Object.assign(env, {
    PODIUM_DATA_DIR: DATA_DIR,
    PODIUM_EMBEDDED_PG_PORT: EMBEDDED_PG_PORT,
    PODIUM_ADMIN_EMAIL: ADMIN.email,
    PODIUM_ADMIN_PASSWORD: ADMIN.password,
  });
  say(`Starting Podium for the demo (data in ${DATA_DIR}) ...`);
  // Its own process group: Ctrl-C reaches the demo only, which then stops Podium in order (stream
  // first, then the api, which stops its database last).
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });

  const controller = new AbortController();
  let stopping = false;
  const stop = (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    say(`\n${reason}: stopping the stream and Podium ...`);
    controller.abort();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    void exited.then(() => {
      clearTimeout(force);
      say('Podium stopped.');
      process.exit(exitCode);
    });
  };
  shutdown = stop;
  process.on('SIGINT', () => stop('Ctrl-C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  void exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`Podium exited (code ${String(code)}) before the demo ended.\n`);
    controller.abort();
    process.exit(1);
  });

  const url = await listeningUrl(child);
  await waitForHealth(url);
  say('Seeding the demo organisation ...');
  const setup = await seedDemo(url, { admin: ADMIN, repPassword: REP_PASSWORD, emailDomain: EMAIL_DOMAIN });
  const tvUrl = new URL(setup.pairing.pairingPath, url).toString();
  const expires = new Date(setup.pairing.expiresAt).toLocaleTimeString();
  say('');
  say('Podium demo is running.');
  say('');
  say(`  TV board (pairs on first open, until ${expires}):`);
  say(`    ${tvUrl}`);
  say(`  Rep view: ${url}/login`);
  say(`    email ${setup.repLogin.email}   password ${setup.repLogin.password}`);
  say(`  Admin console: ${url}/`);
  say(`    email ${ADMIN.email}   password ${ADMIN.password}`);
  say('');
  say(
    `  ${setup.reps.length} reps in 4 teams, ${setup.contests.length} contests: ${setup.contests.map((c) => c.name).join(', ')}.`,
  );
  say(
    `  ${setup.hiddenRep.rep.displayName} hides from TV boards. The week so far: ${setup.backfill.posted} events.`,
  );
  say('  Streaming events (Ctrl-C stops the demo and Podium):');
  say('');

  const startedAt = new Date();
  const runId = `live-${startedAt.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
  const stream = new DemoEventStream(setup.reps, Math.random, runId, startedAt);
  const names = new Map(setup.reps.map((rep) => [rep.externalId, rep.displayName]));
  await streamDemo(url, setup.apiKey, stream, {
    signal: controller.signal,
    onEvent: (event, kind, status) =>
      say(`  ${clock(demoHourAt(new Date(), startedAt))}  ${describe(event, kind, names)}  (${status})`),
    onError: (error) =>
      process.stderr.write(`  post failed: ${error instanceof Error ? error.message : String(error)}\n`),
  });
}

/** Podium prints the URL it listens on; everything else it prints is passed through. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let found = false;
    const timer = setTimeout(() => fail(new Error('Podium did not start in time')), START_TIMEOUT_MS);
    if (child.stdout === null || child.stderr === null) return fail(new Error('no output from Podium'));
    createInterface({ input: child.stderr }).on('line', (line) =>
      process.stderr.write(`  podium: ${line}\n`),
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      // eslint-disable-next-line no-control-regex
      const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
      const match = /listening on (https?:\/\/\S+)/.exec(plain);
      if (match?.[1] !== undefined && !found) {
        found = true;
        clearTimeout(timer);
        done(match[1].replace(/\/$/, ''));
      } else {
        process.stdout.write(`  podium: ${plain}\n`);
      }
    });
  });
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`Podium at ${url} did not answer /health`);
}

function clock(hour: number): string {
  const minutes = Math.floor(hour * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const euros = new Intl.NumberFormat('en-IE', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** One line per event, e.g. "Sanne de Vries sold 3 licenses". */
function describe(event: SalesEventInput, kind: StreamedKind, names: ReadonlyMap<string, string>): string {
  const who = names.get(event.rep.id) ?? event.rep.name;
  const what =
    event.amount !== undefined
      ? `won a deal of ${euros.format(event.amount.minor / 100)}`
      : event.quantity !== undefined
        ? `sold ${event.quantity} license${event.quantity === 1 ? '' : 's'}`
        : event.type.replace(/_/g, ' ');
  if (kind === 'reversal') return `reversal: ${who}'s sale (${what}) was cancelled`;
  if (kind === 'correction') return `correction: ${who} ${what} (revision ${event.revision ?? 1})`;
  return `${who} ${what}`;
}

main().catch((error: unknown) => {
  process.stderr.write(`The demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  shutdown('failure', 1);
});
