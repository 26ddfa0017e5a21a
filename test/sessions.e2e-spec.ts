import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AuditEntryResponse,
  ContestResponse,
  CreatedApiKeyResponse,
  PairingResponse,
  ScreenResponse,
  SessionResponse,
} from '#contracts';
import {
  deleteRedisKeys,
  request,
  startPodium,
  TEST_ADMIN,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  type PodiumProcess,
} from '#testing';

/** The headers helmet sets (and the one it removes), compared between the API and Socket.IO. */
const HELMET_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

function helmetHeadersOf(headers: Headers): Record<string, string | null> {
  return Object.fromEntries(HELMET_HEADERS.map((name) => [name, headers.get(name)]));
}

describe('sessions and headers', () => {
  const prefix = uniquePrefix('sessions');
  let server: PodiumProcess;

  beforeAll(async () => {
    server = await startPodium('api', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  const login = () =>
    request<SessionResponse>(`${server.url}/api/v1/auth/login`, 'POST', TEST_ADMIN, undefined, null);
  const refresh = (refreshToken: string) =>
    request<SessionResponse>(`${server.url}/api/v1/auth/refresh`, 'POST', { refreshToken }, undefined, null);
  const me = async (token: string) =>
    (await request(`${server.url}/api/v1/me`, 'GET', undefined, undefined, token)).status;

  it('stops the old access token at once when its session is refreshed, even one just cached', async () => {
    const first = (await login()).body;
    // Twice: the second answer comes from the token cache, which the refresh must forget.
    expect(await me(first.accessToken)).toBe(200);
    expect(await me(first.accessToken)).toBe(200);
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(await me(first.accessToken)).toBe(401);
    expect(await me(second.body.accessToken)).toBe(200);
  });

  it('revokes the whole session family, the replacing session included, when a used refresh token comes back', async () => {
    const first = (await login()).body;
    const second = (await refresh(first.refreshToken)).body;
    const third = (await refresh(second.refreshToken)).body;
    expect(await me(third.accessToken)).toBe(200);
    // An unrelated login of the same user is another family: it survives.
    const other = (await login()).body;
    expect(await me(other.accessToken)).toBe(200);

    // The first refresh token, traded long ago, is presented again (a thief, or the victim after the thief).
    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ error: 'auth.unauthenticated' });
    expect(await me(third.accessToken)).toBe(401);
    expect((await refresh(third.refreshToken)).status).toBe(401);
    expect(await me(other.accessToken)).toBe(200);

    const audit = await request<AuditEntryResponse[]>(
      `${server.url}/api/v1/audit?limit=1000`,
      'GET',
      undefined,
      undefined,
      other.accessToken,
    );
    const entry = audit.body.find((e) => e.action === 'session.refresh_reused' && e.after !== null);
    expect(entry).toMatchObject({
      actor: { kind: 'anonymous' },
      entity: 'session',
      after: { userId: first.user.id, revokedSessions: 1 },
    });
  });

  it('answers no-store to every answer that carries a token, a key or a pairing code', async () => {
    const session = await login();
    const refreshed = await refresh(session.body.refreshToken);
    const token = refreshed.body.accessToken;
    const key = await request<CreatedApiKeyResponse>(
      `${server.url}/api/v1/api-keys`,
      'POST',
      { name: uid('key') },
      undefined,
      token,
    );
    const contest = await request<ContestResponse>(
      `${server.url}/api/v1/contests`,
      'POST',
      weeklyContest(uid('src')),
      undefined,
      token,
    );
    const screen = await request<ScreenResponse & { pairing: PairingResponse }>(
      `${server.url}/api/v1/screens`,
      'POST',
      { name: uid('tv'), contestIds: [contest.body.id] },
      undefined,
      token,
    );
    expect(screen.status).toBe(201);
    const code = await request<PairingResponse>(
      `${server.url}/api/v1/screens/${screen.body.id}/pairing-code`,
      'POST',
      undefined,
      undefined,
      token,
    );
    const paired = await request(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: code.body.code },
      undefined,
      null,
    );
    for (const [what, answer] of Object.entries({ session, refreshed, key, screen, code, paired })) {
      expect([what, answer.status < 300]).toEqual([what, true]);
      expect([what, answer.headers.get('cache-control'), answer.headers.get('pragma')]).toEqual([
        what,
        'no-store',
        'no-cache',
      ]);
    }
  });

  it('gives the Socket.IO handshake, polling and error answers the same security headers as the API', async () => {
    const api = await request(`${server.url}/api/v1/me`, 'GET');
    const expected = helmetHeadersOf(api.headers);
    expect(expected['x-content-type-options']).toBe('nosniff');
    expect(expected['content-security-policy']).toContain("default-src 'self'");

    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(handshake.status).toBe(200);
    const open = await handshake.text();
    expect(helmetHeadersOf(handshake.headers)).toEqual(expected);
    expect(handshake.headers.get('x-powered-by')).toBeNull();

    // The next long-poll of that connection, and an answer engine.io refuses.
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const poll = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, {
      method: 'POST',
      body: '40/standings,',
    });
    expect(poll.status).toBe(200);
    await poll.text();
    expect(helmetHeadersOf(poll.headers)).toEqual(expected);
    const refused = await fetch(`${server.url}/socket.io/?EIO=4&transport=carrier-pigeon`);
    expect(refused.status).toBe(400);
    await refused.text();
    expect(helmetHeadersOf(refused.headers)).toEqual(expected);
  });
});
