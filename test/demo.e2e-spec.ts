import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  MeResponse,
  MyContestResponse,
  PairedScreenResponse,
  ScreenResponse,
  StandingsResponse,
} from '#contracts';
import { request, startPodium, TEST_ADMIN, TEST_DATABASE_URL, uid, type PodiumProcess } from '#testing';
import { DemoEventStream } from '../apps/demo/src/demo-events.js';
import { DEMO_CONTESTS, DEMO_HIDDEN_REP, DEMO_REPS } from '../apps/demo/src/demo-organisation.js';
import { seededRandom } from '../apps/demo/src/random.js';
import { DemoClient, postEvents, seedDemo, type DemoSetup } from '../apps/demo/src/seed-demo.js';
import { streamDemo } from '../apps/demo/src/stream-demo.js';

/** `npm run demo`'s seeding and stream against a real Podium (api and worker in one process). */
describe('the demo', () => {
  let server: PodiumProcess;
  let setup: DemoSetup;
  let again: DemoSetup;
  let streamed = 0;
  const options = { admin: TEST_ADMIN, repPassword: 'demo rep password', emailDomain: 'demo.podium.test' };

  const until = async <T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 20_000,
  ): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const standings = (contestId: string, token?: string) =>
    request<StandingsResponse>(
      `${server.url}/api/v1/contests/${contestId}/standings?top=50`,
      'GET',
      undefined,
      undefined,
      token,
    );

  beforeAll(async () => {
    server = await startPodium('all', { DATABASE_URL: TEST_DATABASE_URL });
    setup = await seedDemo(server.url, options);
    // A second run on the same data: nothing fails, the same organisation is found again.
    again = await seedDemo(server.url, options);
    const controller = new AbortController();
    const stream = new DemoEventStream(setup.reps, seededRandom(2026), uid('live'), new Date());
    const streaming = streamDemo(server.url, again.apiKey, stream, {
      signal: controller.signal,
      speedUp: 20,
      onError: (error) => {
        throw error;
      },
    });
    setTimeout(() => controller.abort(), 4_000);
    streamed = await streaming;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('streams events for as long as it runs', () => {
    expect(streamed).toBeGreaterThanOrEqual(5);
  });

  it('finds its organisation again when seeded a second time', () => {
    expect(again.contests.map((c) => c.id)).toEqual(setup.contests.map((c) => c.id));
    expect(again.screen.id).toBe(setup.screen.id);
    expect(again.pairing.code).not.toBe(setup.pairing.code);
    expect(again.apiKey).not.toBe(setup.apiKey);
    expect(DEMO_REPS.length).toBeGreaterThanOrEqual(30);
  });

  it('refuses the earlier ingest key after a second run', async () => {
    await expect(postEvents(server.url, setup.apiKey, [])).rejects.toThrow(/401/);
  });

  it('gives every contest standings when events have streamed', async () => {
    expect(setup.contests.map((c) => c.name)).toEqual(DEMO_CONTESTS.map((c) => c.name));
    for (const contest of setup.contests) {
      const answer = await until(
        () => standings(contest.id),
        (a) => a.status === 200 && a.body.total > 0,
      );
      expect({ contest: contest.name, status: answer.status, scored: answer.body.total > 0 }).toEqual({
        contest: contest.name,
        status: 200,
        scored: true,
      });
    }
    const kinds = new Set(setup.contests.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['leaderboard', 'team', 'target_race']));
  });

  it('has a TV board with every contest, celebrations and a big-deal threshold, paired by the printed code', async () => {
    const screens = await request<ScreenResponse[]>(`${server.url}/api/v1/screens`, 'GET');
    const screen = screens.body.find((s) => s.id === again.screen.id);
    expect(screen?.contestIds).toEqual(setup.contests.map((c) => c.id));
    expect(screen?.settings.celebrations.enabled).toBe(true);
    expect(screen?.settings.bigDeal).toEqual({ amount: 1_000_000, currency: 'EUR' });
    expect(again.pairing.pairingPath).toBe(`/tv/pair?code=${again.pairing.code}`);
    const page = await fetch(`${server.url}${again.pairing.pairingPath}`);
    expect(page.status).toBe(200);
    // The first run's code was replaced; the printed (latest) one pairs once.
    const stale = await request(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: setup.pairing.code },
      undefined,
      null,
    );
    expect(stale.status).toBe(404);
    const paired = await request<PairedScreenResponse>(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: again.pairing.code },
      undefined,
      null,
    );
    expect([200, 201]).toContain(paired.status);
    expect(paired.body.screenId).toBe(again.screen.id);
  });

  it('keeps the hidden rep off the TV board, even at the top', async () => {
    const hidden = await DemoClient.login(server.url, again.hiddenRep);
    const me = await hidden.call<MeResponse>('GET', '/api/v1/me');
    expect(me.rep).toEqual({ externalId: DEMO_HIDDEN_REP, hiddenFromTv: true });

    const screen = await DemoClient.login(server.url, TEST_ADMIN);
    const pairing = await screen.call<{ code: string }>(
      'POST',
      `/api/v1/screens/${again.screen.id}/pairing-code`,
    );
    const tv = await request<PairedScreenResponse>(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: pairing.code },
      undefined,
      null,
    );
    expect([200, 201]).toContain(tv.status);
    const licenses = setup.contests[0];
    if (licenses === undefined) throw new Error('no contest');
    await postEvents(server.url, again.apiKey, [
      {
        id: uid('big-order'),
        source: 'demo-crm',
        type: 'license_sold',
        rep: { id: DEMO_HIDDEN_REP, name: 'Ruben Peters' },
        occurredAt: new Date().toISOString(),
        quantity: 500,
      },
    ]);
    const board = await until(
      () => standings(licenses.id),
      (a) => a.body.entries[0]?.rep?.externalId === DEMO_HIDDEN_REP,
    );
    expect(board.body.entries[0]?.rep?.externalId).toBe(DEMO_HIDDEN_REP);
    const onTv = await standings(licenses.id, tv.body.token);
    expect(onTv.status).toBe(200);
    expect(onTv.body.entries.length).toBeGreaterThan(0);
    expect(onTv.body.entries.length).toBeLessThanOrEqual(10);
    expect(onTv.body.entries.map((e) => e.rep?.externalId)).not.toContain(DEMO_HIDDEN_REP);
  });

  it('lets the rep sign in with the printed password and see their contests', async () => {
    const login = await request<{ user: MeResponse; accessToken: string }>(
      `${server.url}/api/v1/auth/login`,
      'POST',
      { email: again.repLogin.email, password: again.repLogin.password },
      undefined,
      null,
    );
    expect(login.status).toBe(200);
    expect(login.body.user.rep?.externalId).toBe(again.repLogin.rep.externalId);
    const mine = await request<MyContestResponse[]>(
      `${server.url}/api/v1/me/contests`,
      'GET',
      undefined,
      undefined,
      login.body.accessToken,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThanOrEqual(4);
  });
});
