import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuditEntryResponse, SessionResponse, SetupStatusResponse, UserResponse } from '#contracts';
import {
  deleteRedisKeys,
  freshDatabase,
  request,
  startPodium,
  TEST_REDIS_URL,
  uniquePrefix,
  waitUntil,
  withDb,
  type PodiumProcess,
} from '#testing';

const PASSWORD = 'a first admin password';
const LINK = /(http:\/\/[^\s"]+\/setup\?code=([A-Za-z0-9_-]{43}))/;

/** The setup link a process printed (its last one). */
function linkOf(process: PodiumProcess): { link: string; code: string } {
  const lines = process
    .output()
    .split('\n')
    .filter((l) => LINK.test(l));
  const match = LINK.exec(lines.at(-1) ?? '');
  if (match === null) throw new Error(`no setup link printed:\n${process.output()}`);
  return { link: match[1]!, code: match[2]! };
}

/**
 * The first run: an api started on an empty database with no admin prints a one-time setup link; the
 * link creates the first admin once, whatever races it, and api instances sharing the database print
 * only links that work. Each suite here runs on a database of its own.
 */
describe('the first-run setup link', () => {
  const prefix = uniquePrefix('setup');
  let database = '';
  let first: PodiumProcess;
  let second: PodiumProcess;
  const started: PodiumProcess[] = [];

  const env = () => ({
    DATABASE_URL: database,
    REDIS_URL: TEST_REDIS_URL,
    PODIUM_KEY_PREFIX: prefix,
    PODIUM_ADMIN_EMAIL: '',
    PODIUM_ADMIN_PASSWORD: '',
    RATE_LOGIN_PER_MINUTE: '200',
  });
  const post = (server: PodiumProcess, body: unknown) =>
    request<UserResponse>(`${server.url}/api/v1/setup`, 'POST', body, undefined, null);
  const status = async (server: PodiumProcess) =>
    (await request<SetupStatusResponse>(`${server.url}/api/v1/setup`, 'GET', undefined, undefined, null))
      .body;
  const users = () =>
    withDb(
      async (c) => (await c.query<{ email: string; role: string }>(`SELECT email, role FROM users`)).rows,
      database,
    );
  const codes = () =>
    withDb(
      async (c) =>
        Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM setup_codes`)).rows[0]?.n),
      database,
    );

  beforeAll(async () => {
    database = await freshDatabase('setup');
    // The all-in-one role migrates the empty database; then a second instance (api only) shares it.
    first = await startPodium('all', { ...env(), PODIUM_ROLE: 'all' });
    started.push(first);
    second = await startPodium('api', env());
    started.push(second);
    await waitUntil('both printed a link', () => LINK.test(first.output()) && LINK.test(second.output()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(started.map((p) => p.stop()));
    await deleteRedisKeys(prefix);
  });

  it('prints a link with a random code on stdout and in the log, stored only as a hash', async () => {
    const a = linkOf(first);
    const b = linkOf(second);
    expect(a.link).toBe(`${first.url.replace('127.0.0.1', 'localhost')}/setup?code=${a.code}`);
    expect(a.code).not.toBe(b.code);
    // The plain line a person notices, and the log line.
    expect(first.output()).toContain(`    ${a.link}\n`);
    expect(
      first
        .output()
        .split('\n')
        .filter((l) => l.includes(a.code)).length,
    ).toBeGreaterThanOrEqual(2);
    const stored = await withDb(
      async (c) => (await c.query<{ code_hash: string }>(`SELECT code_hash FROM setup_codes`)).rows,
      database,
    );
    // Each instance's printed code is in the shared table (as its SHA-256), so each link works anywhere.
    const sha = (code: string) => createHash('sha256').update(code).digest('hex');
    expect(stored.map((r) => r.code_hash).sort()).toEqual([sha(a.code), sha(b.code)].sort());
    expect(JSON.stringify(stored)).not.toContain(a.code);
    await expect(status(first)).resolves.toEqual({ open: true });
    await expect(status(second)).resolves.toEqual({ open: true });
    // The page itself is served.
    const page = await fetch(`${first.url}/setup?code=${a.code}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('refuses a wrong code, a short password and a bad email, and writes nothing', async () => {
    const { code } = linkOf(first);
    const wrong = await post(first, {
      code: `${code.slice(0, -2)}xx`,
      email: 'ana@example.com',
      password: PASSWORD,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: 'setup.invalid_code' });
    const short = await post(first, { code, email: 'ana@example.com', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ problems: [{ path: 'password' }] });
    const email = await post(first, { code, email: 'not an email', password: PASSWORD });
    expect(email.status).toBe(400);
    expect(email.body).toMatchObject({ problems: [{ path: 'email' }] });
    const missing = await request<{ problems: { path: string }[] }>(
      `${first.url}/api/v1/setup`,
      'POST',
      { email: 'ana@example.com', password: PASSWORD },
      undefined,
      null,
    );
    expect(missing.status).toBe(400);
    expect(new Set(missing.body.problems.map((p) => p.path))).toEqual(new Set(['code']));
    await expect(users()).resolves.toEqual([]);
    await expect(codes()).resolves.toBe(2);
  });

  it('creates exactly one admin when both printed links are used at once, many times', async () => {
    const a = linkOf(first).code;
    const b = linkOf(second).code;
    const attempts = Array.from({ length: 8 }, (_, i) => ({
      // Crossed: a code one instance printed, sent to the other.
      server: i % 2 === 0 ? second : first,
      body: { code: i % 2 === 0 ? a : b, email: `Admin${i}@Example.com`, password: PASSWORD },
    }));
    const answers = await Promise.all(attempts.map(({ server, body }) => post(server, body)));
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    // Every other one is refused: the setup closed while they waited (409), never a 500.
    expect(answers.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(7).fill(409));
    const admin = created[0]!.body;
    expect(admin).toMatchObject({ role: 'admin', teams: [], rep: null, disabled: false });
    expect(admin.email).toMatch(/^admin\d@example\.com$/);
    await expect(users()).resolves.toEqual([{ email: admin.email, role: 'admin' }]);
    // Every printed code is gone; the setup is closed on every instance.
    await expect(codes()).resolves.toBe(0);
    await expect(status(first)).resolves.toEqual({ open: false });
    await expect(status(second)).resolves.toEqual({ open: false });

    // The admin signs in with what they chose, and the creation is audited.
    const login = await request<SessionResponse>(
      `${first.url}/api/v1/auth/login`,
      'POST',
      { email: admin.email, password: PASSWORD },
      undefined,
      null,
    );
    expect(login.status).toBe(200);
    const audit = await request<AuditEntryResponse[]>(
      `${first.url}/api/v1/audit?action=user.create`,
      'GET',
      undefined,
      undefined,
      login.body.accessToken,
    );
    expect(audit.body).toEqual([
      expect.objectContaining({
        actor: { kind: 'user', id: admin.id, label: admin.email },
        entity: 'user',
        entityId: admin.id,
        after: expect.objectContaining({ email: admin.email, via: 'setup' }),
      }),
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(PASSWORD);
  });

  it('refuses a second use of a link, any code once an admin exists, and prints no link at a restart', async () => {
    for (const code of [linkOf(first).code, linkOf(second).code, 'anything']) {
      const again = await post(second, { code, email: 'late@example.com', password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: 'setup.closed' });
    }
    const third = await startPodium('api', env());
    started.push(third);
    expect(third.output()).not.toMatch(LINK);
    await expect(codes()).resolves.toBe(0);
    expect((await users()).length).toBe(1);
  });
});

describe('the first admin from PODIUM_ADMIN_EMAIL', () => {
  const prefix = uniquePrefix('setup-env');
  let server: PodiumProcess;

  beforeAll(async () => {
    const database = await freshDatabase('setup_env');
    server = await startPodium('all', {
      DATABASE_URL: database,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      PODIUM_ROLE: 'all',
      // The test's own admin login takes one of these.
      RATE_LOGIN_PER_MINUTE: '3',
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  it('creates the admin for automation and prints no setup link', async () => {
    expect(server.adminToken).not.toBe('');
    expect(server.output()).not.toMatch(/setup\?code=/);
    const answer = await request<SetupStatusResponse>(
      `${server.url}/api/v1/setup`,
      'GET',
      undefined,
      undefined,
      null,
    );
    expect(answer.body).toEqual({ open: false });
  });

  it('limits setup attempts per address with the login budget', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(
        await request(
          `${server.url}/api/v1/setup`,
          'POST',
          { code: `guess-${i}`, email: 'x@example.com', password: PASSWORD },
          undefined,
          null,
        ),
      );
    }
    expect(answers.map((a) => a.status)).toEqual([409, 409, 429, 429]);
    expect(Number(answers[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
