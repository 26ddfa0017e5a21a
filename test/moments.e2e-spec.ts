import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import {
  WS_BOARD_CHANGED,
  WS_MOMENT,
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  type BoardChangedMessage,
  type ContestResponse,
  type MomentMessage,
  type PairedScreenResponse,
  type PairingResponse,
  type ScreenResponse,
  type SubscribeAck,
} from '#contracts';
import {
  deleteRedisKeys,
  PodiumApi,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  withDb,
  type PodiumProcess,
} from '#testing';

/** Celebrations end to end: the worker decides, the bus carries, the gateway filters per screen. */
describe('moments on a TV board', () => {
  const prefix = uniquePrefix('moments');
  const source = uid('src');
  let server: PodiumProcess;
  let worker: PodiumProcess;
  let api: PodiumApi;
  let contest: ContestResponse;
  let screen: ScreenResponse;
  let socket: Socket;
  const moments: MomentMessage[] = [];
  const changes: BoardChangedMessage[] = [];

  const deal = (rep: string, minor: number) => ({
    id: uid('deal'),
    source,
    type: 'deal_won',
    rep: { id: rep, name: `Rep ${rep}` },
    occurredAt: new Date().toISOString(),
    amount: { minor, currency: 'EUR' },
  });

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [server, worker] = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    api = new PodiumApi(server.url);
    contest = await api.createContest(
      weeklyContest(source, {
        metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
        prizes: { thresholds: [{ atLeast: 1_000_000, prize: { name: 'Dinner for two' } }] },
      }),
    );
    const created = await request<ScreenResponse & { pairing: PairingResponse }>(
      `${server.url}/api/v1/screens`,
      'POST',
      { name: 'Floor', contestIds: [contest.id] },
    );
    screen = created.body;
    const paired = await request<PairedScreenResponse>(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: created.body.pairing.code },
      undefined,
      null,
    );
    const patched = await request<ScreenResponse>(`${server.url}/api/v1/screens/${screen.id}`, 'PATCH', {
      settings: { bigDeal: { amount: 500_000, currency: 'EUR' } },
    });
    expect(patched.status).toBe(200);
    socket = io(`${server.url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: paired.body.token },
      // A browser on the api's own page sends its own origin: allowed without CORS_ORIGINS.
      extraHeaders: { origin: server.url },
    });
    socket.on(WS_MOMENT, (m: MomentMessage) => moments.push(m));
    socket.on(WS_BOARD_CHANGED, (m: BoardChangedMessage) => changes.push(m));
    const ack = (await socket
      .timeout(10_000)
      .emitWithAck(WS_SUBSCRIBE, { contestId: contest.id })) as SubscribeAck;
    expect(ack.ok).toBe(true);
  }, 90_000);

  afterAll(async () => {
    socket?.disconnect();
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  async function waitForMoments(count: number): Promise<MomentMessage[]> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && moments.length < count) await new Promise((r) => setTimeout(r, 50));
    return moments;
  }

  it('cheers a big deal, the new leader and a threshold prize once each, and nothing for a small deal', async () => {
    const [ana, bo, cy] = [uid('ana'), uid('bo'), uid('cy')];
    expect((await api.postEvents([deal(ana, 1_200_000) as never])).status).toBe(202);
    const first = await waitForMoments(3);
    expect(first.map((m) => [m.kind, m.rep?.externalId, m.amount, m.prize]).sort()).toEqual(
      [
        ['big_deal', ana, 1_200_000, null],
        ['new_leader', ana, null, null],
        ['prize_won', ana, null, 'Dinner for two'],
      ].sort(),
    );
    expect(first.every((m) => Date.now() - Date.parse(m.emittedAt) < 10_000)).toBe(true);
    // A small deal (under the screen's threshold) that takes nobody to the lead: nothing to cheer.
    await api.postEvents([deal(bo, 1_000)]);
    await api.waitForStandings(contest.id, (s) => s.total === 2);
    // A big deal by a rep who hides from TVs: never cheered on a TV.
    await api.postEvents([deal(cy, 100)]);
    await api.waitForStandings(contest.id, (s) => s.total === 3);
    await withDb((db) => db.query(`UPDATE reps SET hidden_from_tv = true WHERE external_id = $1`, [cy]));
    await api.postEvents([deal(cy, 2_000_000)]);
    await api.waitForStandings(contest.id, (s) => s.entries.some((e) => e.score === 2_000_100));
    await new Promise((r) => setTimeout(r, 500));
    expect(moments.map((m) => m.kind).sort()).toEqual(['big_deal', 'new_leader', 'prize_won']);
  }, 60_000);

  it('tells the screen when its board changed', async () => {
    const patched = await request<ScreenResponse>(`${server.url}/api/v1/screens/${screen.id}`, 'PATCH', {
      settings: { theme: 'light' },
    });
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && changes.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(changes).toEqual([{ screenId: screen.id, version: patched.body.boardVersion }]);
  });

  it('refuses a browser socket from a foreign origin', async () => {
    const foreign = io(`${server.url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'https://evil.example' },
    });
    const outcome = await new Promise<string>((done) => {
      foreign.on('connect', () => done('connected'));
      foreign.on('connect_error', () => done('refused'));
    });
    foreign.disconnect();
    expect(outcome).toBe('refused');
  });
});
