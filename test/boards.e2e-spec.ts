import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  BoardResponse,
  ContestResponse,
  DeviceStartResponse,
  DeviceTokenResponse,
  ErrorResponse,
  MyContestResponse,
  MyResultResponse,
  ScreenResponse,
  SessionResponse,
} from '#contracts';
import {
  deleteRedisKeys,
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  type PodiumProcess,
} from '#testing';

/**
 * The TV board and the rep's view over HTTP, against a real api and worker: pairing by device code
 * (RFC 8628 shape), a screen's board and settings, and a rep's own contests.
 */
describe('boards and the rep view', () => {
  const prefix = uniquePrefix('boards');
  let server: PodiumProcess;
  let worker: PodiumProcess;
  let api: PodiumApi;
  let contest: ContestResponse;
  let screen: ScreenResponse;
  const source = uid('src');

  const call = <T>(method: string, path: string, body?: unknown, token?: string | null) =>
    request<T>(`${server.url}${path}`, method, body, undefined, token);

  beforeAll(async () => {
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      RATE_DEVICE_START_PER_MINUTE: '4',
    };
    [server, worker] = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    api = new PodiumApi(server.url);
    contest = await api.createContest(
      weeklyContest(source, {
        prizes: {
          ranks: [{ rank: 1, prize: { name: 'Trip' } }],
          thresholds: [{ atLeast: 10, prize: { name: 'Lunch' } }],
        },
      }),
    );
    const created = await call<ScreenResponse>('POST', '/api/v1/screens', {
      name: 'Floor',
      contestIds: [contest.id],
    });
    expect(created.status).toBe(201);
    screen = created.body;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  it('pairs a TV by the code it shows, hands the token over once, and then forgets the code', async () => {
    const start = await call<DeviceStartResponse>('POST', '/api/v1/screens/device', undefined, null);
    expect(start.status).toBe(200);
    expect(start.body.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(start.body.intervalSeconds).toBe(5);
    expect(Date.parse(start.body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const poll = () =>
      call<DeviceTokenResponse>(
        'POST',
        '/api/v1/screens/device/token',
        { deviceCode: start.body.deviceCode },
        null,
      );
    expect((await poll()).body).toEqual({ status: 'pending' });
    // Polled again at once: too fast.
    expect((await poll()).body).toEqual({ status: 'slow_down' });
    // Only admins link; a wrong code links nothing.
    const wrong = await call<ErrorResponse>('POST', `/api/v1/screens/${screen.id}/link`, {
      userCode: 'BBBB-BBBB',
    });
    expect(wrong.status).toBe(404);
    const typed = start.body.userCode.toLowerCase().replace('-', ' ');
    const linked = await call<ScreenResponse>('POST', `/api/v1/screens/${screen.id}/link`, {
      userCode: typed,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.id).toBe(screen.id);
    // The same code links only once.
    expect(
      (await call('POST', `/api/v1/screens/${screen.id}/link`, { userCode: start.body.userCode })).status,
    ).toBe(404);
    await new Promise((r) => setTimeout(r, 4_100));
    const paired = await poll();
    expect(paired.body).toMatchObject({ status: 'paired', screenId: screen.id });
    const token = (paired.body as { token: string }).token;
    expect(token).toMatch(/^pod_ds_/);
    await new Promise((r) => setTimeout(r, 4_100));
    expect((await poll()).body).toEqual({ status: 'expired' });
    expect(
      (await call<DeviceTokenResponse>('POST', '/api/v1/screens/device/token', { deviceCode: 'nope' }, null))
        .body,
    ).toEqual({
      status: 'expired',
    });
    const board = await call<BoardResponse>('GET', '/api/v1/board', undefined, token);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({ screenId: screen.id, name: 'Floor', version: 1 });
    expect(board.body.settings).toEqual({
      secondsPerSlide: 20,
      topN: 10,
      theme: 'dark',
      language: 'auto',
      celebrations: {
        enabled: true,
        kinds: ['big_deal', 'new_leader', 'target_reached', 'prize_won'],
        sound: false,
      },
      bigDeal: null,
      winnersHoldSeconds: 300,
    });
    expect(board.body.contests).toEqual([
      expect.objectContaining({
        id: contest.id,
        kind: 'leaderboard',
        periodKind: 'weekly',
        timeZone: 'Europe/Amsterdam',
        unit: { kind: 'count', eventType: 'license_sold' },
        target: null,
        prizes: [
          { name: 'Trip', description: null, imageUrl: null, rank: 1 },
          { name: 'Lunch', description: null, imageUrl: null, threshold: 10 },
        ],
      }),
    ]);
    // Revoked: the token stops working (the TV goes back to pairing).
    expect((await call('POST', `/api/v1/screens/${screen.id}/revoke`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await call('GET', '/api/v1/board', undefined, token)).status).toBe(401);
    // Linking a TV to a revoked screen is refused.
    const again = await call<DeviceStartResponse>('POST', '/api/v1/screens/device', undefined, null);
    expect(
      (
        await call<ErrorResponse>('POST', `/api/v1/screens/${screen.id}/link`, {
          userCode: again.body.userCode,
        })
      ).body.error,
    ).toBe('screen.revoked');
  }, 60_000);

  it('limits how many pairings one address starts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call('POST', '/api/v1/screens/device', undefined, null)).status);
    expect(statuses).toContain(429);
  });

  it('changes a screen field by field, refuses bad settings naming the field, and moves the version', async () => {
    const other = (
      await call<ScreenResponse>('POST', '/api/v1/screens', { name: 'Kitchen', contestIds: [contest.id] })
    ).body;
    const bad = await call<ErrorResponse>('PATCH', `/api/v1/screens/${other.id}`, {
      topN: 0,
      settings: {
        secondsPerSlide: 2,
        theme: 'neon',
        celebrations: { kinds: ['fireworks'] },
        bigDeal: { amount: 5, currency: 'eur' },
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.path).sort()).toEqual(
      [
        'settings.bigDeal.currency',
        'settings.celebrations.kinds',
        'settings.secondsPerSlide',
        'settings.theme',
        'topN',
      ].sort(),
    );
    const unknownContest = await call<ErrorResponse>('PATCH', `/api/v1/screens/${other.id}`, {
      contestIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownContest.status).toBe(400);
    expect(unknownContest.body.problems).toEqual([
      { path: 'contestIds[0]', reason: 'no contest with id 00000000-0000-4000-8000-000000000000' },
    ]);
    const changed = await call<ScreenResponse>('PATCH', `/api/v1/screens/${other.id}`, {
      name: 'Kitchen TV',
      topN: 5,
      settings: {
        theme: 'light',
        celebrations: { sound: true },
        bigDeal: { amount: 500_000, currency: 'EUR' },
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Kitchen TV', topN: 5, boardVersion: 2 });
    expect(changed.body.settings).toMatchObject({
      theme: 'light',
      topN: 5,
      secondsPerSlide: 20,
      celebrations: {
        enabled: true,
        sound: true,
        kinds: ['big_deal', 'new_leader', 'target_reached', 'prize_won'],
      },
      bigDeal: { amount: 500_000, currency: 'EUR' },
    });
    const off = await call<ScreenResponse>('PATCH', `/api/v1/screens/${other.id}`, {
      settings: { bigDeal: null },
    });
    expect(off.body.settings.bigDeal).toBeNull();
    expect(off.body.boardVersion).toBe(3);
    const audit = await call<{ action: string; entityId: string }[]>('GET', '/api/v1/audit?limit=50');
    expect(audit.body.filter((e) => e.action === 'screen.update' && e.entityId === other.id)).toHaveLength(2);
  });

  it('shows a rep their own contests: their line in full, nobody below the public board, and their history', async () => {
    const reps = ['a', 'b', 'c', 'd', 'e', 'f'].map((r) => uid(`rep-${r}`));
    const now = new Date().toISOString();
    // Scores 6, 5, 4, 3, 2, 1: a board of 6 shows its top 3 publicly.
    const posted = await api.postEvents(reps.map((rep, i) => licenseSold(source, rep, 6 - i, now)));
    expect(posted.status).toBe(202);
    await api.waitForStandings(contest.id, (s) => s.total === 6);
    const email = `${uid('rep')}@example.com`.toLowerCase();
    const password = 'a long enough password 42';
    expect((await call('POST', '/api/v1/users', { email, password, role: 'rep', rep: reps[4] })).status).toBe(
      201,
    );
    const session = await call<SessionResponse>('POST', '/api/v1/auth/login', { email, password }, null);
    const token = session.body.accessToken;
    const mine = await call<MyContestResponse[]>('GET', '/api/v1/me/contests', undefined, token);
    expect(mine.status).toBe(200);
    const entry = mine.body.find((c) => c.contest.id === contest.id);
    expect(entry).toBeDefined();
    expect(entry!.me).toMatchObject({ rank: 5, score: 2, gapToNext: 1 });
    expect(entry!.total).toBe(6);
    // Above in full (ranks 3 and 4), below (rank 6) not: it is outside the public top 3.
    expect(entry!.around.map((e) => e.rank)).toEqual([3, 4, 5]);
    expect(entry!.top.map((e) => e.rank)).toEqual([1, 2, 3]);
    expect(entry!.contest.unit).toEqual({ kind: 'count', eventType: 'license_sold' });
    const results = await call<MyResultResponse[]>('GET', '/api/v1/me/results', undefined, token);
    expect(results.status).toBe(200);
    expect(results.body.filter((r) => r.contestId === contest.id)).toEqual([]);
    // Not for admins, managers or screens.
    expect((await call('GET', '/api/v1/me/contests')).status).toBe(403);
  });
});
