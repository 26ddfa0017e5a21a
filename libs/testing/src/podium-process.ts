import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The first admin every test process is started with (created at the first start on a database). */
export const TEST_ADMIN = { email: 'admin@podium.test', password: 'correct horse battery staple' } as const;

/**
 * The admin's access token per api base URL: the test helpers (`request`, `PodiumApi`, `LiveClient`)
 * send it unless a test passes its own credentials, so suites about other things need not log in.
 */
export const ADMIN_TOKENS = new Map<string, string>();

export interface PodiumProcess {
  readonly role: 'api' | 'worker' | 'all';
  /** Base URL of the api (empty for a worker). */
  readonly url: string;
  /** The first admin's access token (empty for a worker). */
  readonly adminToken: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Sends `signal` and waits for the exit; resolves with the exit code (null: killed by a signal). */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: no shutdown hooks, as in a crash. */
  kill(): Promise<void>;
}

/** True when nothing listens on 127.0.0.1:`port`. */
export async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** True while a process with this pid exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The environment every test process gets: no variable of the test runner leaks into it. */
function baseEnv(port: number, role: 'api' | 'worker' | 'all'): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(role === 'all' ? {} : { PODIUM_ROLE: role }),
    PODIUM_ADMIN_EMAIL: TEST_ADMIN.email,
    PODIUM_ADMIN_PASSWORD: TEST_ADMIN.password,
  };
}

/** Runs a built Podium process that is expected to stop by itself (a failed start): its exit and output. */
export async function runPodiumToExit(
  role: 'api' | 'worker' | 'all',
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** Sends `signal` once the output contains `text` (a stop that arrives while the process starts). */
  signalWhen?: { text: string; signal: NodeJS.Signals },
): Promise<{ code: number | null; output: string }> {
  const script = role === 'worker' ? 'dist/apps/worker/src/main.js' : 'dist/apps/api/src/main.js';
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...baseEnv(await freePort(), role), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let signalled = false;
  const onData = (d: Buffer) => {
    output += d.toString();
    if (signalWhen !== undefined && !signalled && output.includes(signalWhen.text)) {
      signalled = true;
      child.kill(signalWhen.signal);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
  clearTimeout(timer);
  return { code, output };
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/**
 * Starts a built Podium process (`npm run build` first: `npm test` does) and waits until it serves
 * (api: /health answers; worker: it logged that it runs).
 */
export async function startPodium(
  role: 'api' | 'worker' | 'all',
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<PodiumProcess> {
  // `env.PORT` starts it on a given port (e.g. the same one again, after a stop, for clients to reconnect).
  const port = role === 'worker' ? 0 : env.PORT !== undefined ? Number(env.PORT) : await freePort();
  const script = role === 'worker' ? 'dist/apps/worker/src/main.js' : 'dist/apps/api/src/main.js';
  const childEnv: Record<string, string> = { ...baseEnv(port, role), ...env };
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = role === 'worker' ? '' : `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`podium ${role} exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`podium ${role} did not start in ${timeoutMs} ms:\n${out}`);
    }
    if (role === 'worker' ? out.includes('worker running') : await healthy(url)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    return child.exitCode;
  };
  // PODIUM_ADMIN_EMAIL set empty: a first run without an admin (nobody to log in as).
  const adminToken = role === 'worker' || childEnv.PODIUM_ADMIN_EMAIL === '' ? '' : await adminLogin(url);
  if (adminToken !== '') ADMIN_TOKENS.set(url, adminToken);
  return {
    role,
    url,
    adminToken,
    child,
    output: () => out,
    stop: async () => {
      await end('SIGTERM');
    },
    signal: end,
    kill: async () => {
      await end('SIGKILL');
    },
  };
}

async function adminLogin(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_ADMIN),
  });
  if (!response.ok) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).ok;
  } catch {
    return false;
  }
}
