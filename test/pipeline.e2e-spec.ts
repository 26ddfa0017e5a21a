import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  deleteRedisKeys,
  licenseSold,
  LiveClient,
  PodiumApi,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  withDb,
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';
import type { ContestResponse, ScoreExplanation, StandingEntry, StandingsResponse } from '#contracts';

function board(entries: readonly StandingEntry[]): [string, number, number][] {
  return entries.map((e) => [e.rep?.externalId ?? '', e.score, e.rank]);
}

describe('the live pipeline with api and worker as separate processes', () => {
  const prefix = uniquePrefix('pipeline');
  let worker: PodiumProcess;
  let server: PodiumProcess;
  let api: PodiumApi;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      REALTIME_COALESCE_MS: '50',
    };
    [worker, server] = await Promise.all([startPodium('worker', env), startPodium('api', env)]);
    api = new PodiumApi(server.url);
  }, 90_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  function client(url: string): LiveClient {
    const c = new LiveClient(url);
    clients.push(c);
    return c;
  }

  it('pushes the right ranks to a subscribed client when events are posted over HTTP', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const live = client(server.url);
    const ack = await live.subscribe(contest.id, { top: 10 });
    if (!ack.ok) throw new Error(ack.error);
    expect(ack.snapshot.top).toEqual([]);
    const [ana, bob, cyd] = [uid('ana'), uid('bob'), uid('cyd')];

    const posted = await api.postEvents([
      licenseSold(src, ana, 3, '2026-03-02T09:00:00+01:00'),
      licenseSold(src, bob, 5, '2026-03-02T10:00:00+01:00'),
      licenseSold(src, cyd, 1, '2026-03-02T11:00:00+01:00'),
    ]);
    expect(posted.status).toBe(202);
    expect(posted.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);

    const update = await live.waitFor((m) => m.top.length === 3);
    expect(board(update.top)).toEqual([
      [bob, 5, 1],
      [ana, 3, 2],
      [cyd, 1, 3],
    ]);
    expect(update.top.map((e) => e.gapToNext)).toEqual([null, 2, 2]);
    expect(update.version).toBeGreaterThan(ack.snapshot.version);

    await api.postEvents([licenseSold(src, ana, 4, '2026-03-03T09:00:00+01:00')]);
    const next = await live.waitFor((m) => m.top[0]?.rep?.externalId === ana);
    expect(board(next.top)).toEqual([
      [ana, 7, 1],
      [bob, 5, 2],
      [cyd, 1, 3],
    ]);
    // Versions strictly increase, and each update names the one before it: a client can see a gap.
    const versions = live.messages.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    live.messages.forEach((m, i) => {
      expect(m.previousVersion).toBe(i === 0 ? ack.snapshot.version : live.messages[i - 1]?.version);
    });
  });

  it('ranks the rep who reached a tied score first higher, whatever the arrival order', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    // Five reps reach 2 licenses at 11:00, 11:10, ... 11:40; the sales arrive latest first. Rep ids are
    // random, so an ordering by id instead of by time would pass only once in 120 runs.
    const reps = Array.from({ length: 5 }, (_, i) => uid(`tie${i}`));
    for (let i = reps.length - 1; i >= 0; i--) {
      await api.postEvents([licenseSold(src, reps[i] ?? '', 2, `2026-04-01T11:${i}0:00Z`)]);
    }
    const standings = await api.waitForStandings(contest.id, (s) => s.total === 5);
    expect(board(standings.entries)).toEqual(reps.map((r, i) => [r, 2, i + 1]));
    expect(standings.entries.map((e) => e.gapToNext)).toEqual([null, 0, 0, 0, 0]);
  });

  it('shares the rank of tied scores when the contest says so', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026, tieRule: 'shared' }));
    const [a, b, c] = [uid('a'), uid('b'), uid('c')];
    await api.postEvents([
      licenseSold(src, a, 2, '2026-04-01T11:00:00Z'),
      licenseSold(src, b, 2, '2026-04-01T12:00:00Z'),
      licenseSold(src, c, 1, '2026-04-01T10:00:00Z'),
    ]);
    const standings = await api.waitForStandings(contest.id, (s) => s.total === 3);
    expect(board(standings.entries)).toEqual([
      [a, 2, 1],
      [b, 2, 1],
      [c, 1, 3],
    ]);
  });

  it('replaces a revised deal and removes a retracted one, and ignores duplicates and stale revisions', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const rep = uid('rev');
    const other = uid('other');
    const deal = licenseSold(src, rep, 10, '2026-05-04T09:00:00+02:00');
    const second = licenseSold(src, rep, 2, '2026-05-04T10:00:00+02:00');
    expect(
      (await api.postEvents([deal, second, licenseSold(src, other, 9, '2026-05-04T08:00:00+02:00')])).status,
    ).toBe(202);
    await api.waitForStandings(
      contest.id,
      (s) => s.entries.find((e) => e.rep?.externalId === rep)?.score === 12,
    );

    const answers = await api.postEvents([
      deal, // same id, same content
      { ...deal, revision: 2, quantity: 4 }, // the CRM corrected the quantity
      { ...deal, revision: 1, quantity: 99 }, // an old revision arriving late
      { ...second, revision: 2, status: 'void' }, // the second deal was reversed
    ]);
    expect(answers.body.results.map((r) => r.status)).toEqual(['duplicate', 'revised', 'stale', 'retracted']);
    const standings = await api.waitForStandings(
      contest.id,
      (s) => s.entries.find((e) => e.rep?.externalId === rep)?.score === 4,
    );
    expect(board(standings.entries)).toEqual([
      [other, 9, 1],
      [rep, 4, 2],
    ]);

    // Retracting the last deal takes the rep off the board.
    await api.postEvents([{ ...deal, revision: 3, status: 'void' }]);
    const after = await api.waitForStandings(contest.id, (s) => s.total === 1);
    expect(board(after.entries)).toEqual([[other, 9, 1]]);
  });

  it('ends with the same standings when a correction arrives before the original', async () => {
    const reps = [uid('x'), uid('y')];
    const run = async (order: readonly number[]) => {
      const src = uid('src');
      const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
      const d1 = licenseSold(src, reps[0] ?? '', 5, '2026-06-01T09:00:00Z', { id: 'd1' });
      const d2 = licenseSold(src, reps[1] ?? '', 3, '2026-06-01T10:00:00Z', { id: 'd2' });
      const versions = [
        d1,
        d2,
        { ...d1, revision: 2, quantity: 1 },
        { ...d2, revision: 2, status: 'void' as const },
      ];
      for (const i of order) await api.postEvents([versions[i]!]);
      return api.waitForStandings(contest.id, (s) => s.total === 1 && s.entries[0]?.score === 1);
    };
    const inOrder = await run([0, 1, 2, 3]);
    const outOfOrder = await run([3, 2, 0, 1]);
    expect(board(inOrder.entries)).toEqual([[reps[0], 1, 1]]);
    expect(board(outOfOrder.entries)).toEqual(board(inOrder.entries));
  });

  it('shows a rep with the two ranks above and the two below', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const reps = Array.from({ length: 7 }, (_, i) => uid(`r${i}`));
    await api.postEvents(reps.map((r, i) => licenseSold(src, r, 10 - i, `2026-07-01T0${i}:00:00Z`)));
    await api.waitForStandings(contest.id, (s) => s.total === 7);
    const around = await api.around(contest.id, reps[4] ?? '');
    expect(around.status).toBe(200);
    expect(board(around.body.entries)).toEqual([
      [reps[2], 8, 3],
      [reps[3], 7, 4],
      [reps[4], 6, 5],
      [reps[5], 5, 6],
      [reps[6], 4, 7],
    ]);
    expect(around.body.entries[0]?.gapToNext).toBe(1);

    const live = client(server.url);
    const ack = await live.subscribe(contest.id, { top: 3, rep: reps[0] });
    if (!ack.ok) throw new Error(ack.error);
    expect(board(ack.snapshot.top)).toEqual([
      [reps[0], 10, 1],
      [reps[1], 9, 2],
      [reps[2], 8, 3],
    ]);
    expect(board(ack.snapshot.around ?? [])).toEqual([
      [reps[0], 10, 1],
      [reps[1], 9, 2],
      [reps[2], 8, 3],
    ]);
  });

  it('counts the events of the current week in its own time zone', async () => {
    const src = uid('src');
    const contest = await api.createContest(
      weeklyContest(src, { period: { kind: 'weekly', timeZone: 'America/New_York' } }),
    );
    const rep = uid('now');
    const at = new Date(Date.now() - 1000).toISOString();
    await api.postEvents([licenseSold(src, rep, 2, at)]);
    const url = `${server.url}/api/v1/contests/${contest.id}/standings?at=${encodeURIComponent(at)}`;
    const deadline = Date.now() + 10_000;
    let body = (await request<StandingsResponse>(url, 'GET')).body;
    while (body.entries.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      body = (await request<StandingsResponse>(url, 'GET')).body;
    }
    expect(body.entries.map((e) => [e.rep?.externalId, e.score])).toEqual([[rep, 2]]);
    // The week is [Monday 00:00, next Monday 00:00) in New York.
    expect(body.period.start).toMatch(/T00:00:00\.000-0[45]:00$/);
    expect(new Date(body.period.start).getUTCDay()).toBe(1);
  });

  it('ranks an around-me page like the whole board under the shared tie rule', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026, tieRule: 'shared' }));
    const reps = Array.from({ length: 7 }, (_, i) => uid(`s${i}`));
    const scores = [9, 7, 7, 7, 5, 5, 1];
    await api.postEvents(reps.map((r, i) => licenseSold(src, r, scores[i] ?? 0, `2026-07-02T0${i}:00:00Z`)));
    await api.waitForStandings(contest.id, (s) => s.total === 7);
    const whole = (await api.standings(contest.id, 100)).body.entries.map((e) => [e.rep?.externalId, e.rank]);
    expect(whole.map(([, rank]) => rank)).toEqual([1, 2, 2, 2, 5, 5, 7]);
    for (const rep of reps) {
      const page = (await api.around(contest.id, rep)).body.entries.map((e) => [e.rep?.externalId, e.rank]);
      const at = whole.findIndex(([r]) => r === rep);
      expect(page).toEqual(whole.slice(Math.max(0, at - 2), at + 3));
    }
  });

  it('scores one batch of 1,000 reps into 20 live contests at once', async () => {
    // 1,000 reps x 20 contests = 20,000 standings in one scoring transaction: far more than PostgreSQL's
    // default lock table holds (64 x max_connections) if every standing took a lock of its own.
    const src = uid('src');
    const contests: ContestResponse[] = [];
    for (let i = 0; i < 20; i++)
      contests.push(await api.createContest(weeklyContest(src, { period: YEAR_2026 })));
    const reps = Array.from({ length: 1000 }, (_, i) => uid(`m${i}`));
    expect(
      (await api.postEvents(reps.map((r, i) => licenseSold(src, r, 1 + (i % 3), '2026-11-02T10:00:00Z'))))
        .status,
    ).toBe(202);
    const expected = reps.reduce((sum, _, i) => sum + 1 + (i % 3), 0);
    for (const contest of contests) {
      await api.waitForStandings(contest.id, (s) => s.total === 1000, 30_000);
    }
    const totals = await withDb(async (db) =>
      (
        await db.query<{ total: string }>(
          `SELECT sum(score)::text AS total FROM standings WHERE contest_id = ANY($1::uuid[]) GROUP BY contest_id`,
          [contests.map((c) => c.id)],
        )
      ).rows.map((r) => Number(r.total)),
    );
    expect(totals).toEqual(contests.map(() => expected));
  });

  it('scores weighted points across event types', async () => {
    const src = uid('src');
    const contest = await api.createContest(
      weeklyContest(src, {
        period: YEAR_2026,
        metric: { kind: 'points', weights: { lead_created: 1, demo_booked: 5, deal_won: 20 } },
      }),
    );
    const [ana, bob] = [uid('ana'), uid('bob')];
    const event = (rep: string, type: string, hour: number) => ({
      ...licenseSold(src, rep, 1, `2026-10-05T${String(hour).padStart(2, '0')}:00:00Z`),
      type,
      quantity: undefined,
      ...(type === 'deal_won' ? { amount: { minor: 150000, currency: 'EUR' } } : {}),
    });
    // Ana: 3 leads + 1 demo = 8; Bob: 1 deal = 20; a license sale counts nothing here.
    await api.postEvents([
      event(ana, 'lead_created', 8),
      event(ana, 'lead_created', 9),
      event(ana, 'lead_created', 10),
      event(ana, 'demo_booked', 11),
      event(bob, 'deal_won', 12),
      licenseSold(src, bob, 50, '2026-10-05T13:00:00Z'),
    ]);
    const standings = await api.waitForStandings(
      contest.id,
      (s) => s.total === 2 && s.entries[1]?.score === 8,
    );
    expect(board(standings.entries)).toEqual([
      [bob, 20, 1],
      [ana, 8, 2],
    ]);
  });

  it('explains a score event by event, with the reason for every event that does not count', async () => {
    const src = uid('src');
    const contest = await api.createContest(
      weeklyContest(src, {
        period: YEAR_2026,
        filters: [
          { field: 'source', op: 'eq', value: src },
          { field: 'attributes.product', op: 'eq', value: 'enterprise' },
        ],
      }),
    );
    const rep = uid('ana');
    const enterprise = { attributes: { product: 'enterprise' } };
    const counted = licenseSold(src, rep, 3, '2026-09-01T09:00:00Z', enterprise);
    const corrected = licenseSold(src, rep, 9, '2026-09-02T09:00:00Z', enterprise);
    const reversed = licenseSold(src, rep, 4, '2026-09-03T09:00:00Z', enterprise);
    const starter = licenseSold(src, rep, 5, '2026-09-04T09:00:00Z', { attributes: { product: 'starter' } });
    await api.postEvents([counted, corrected, reversed, starter]);
    await api.postEvents([
      { ...corrected, revision: 2, quantity: 2 },
      { ...reversed, revision: 2, status: 'void' },
    ]);
    const board = await api.waitForStandings(contest.id, (s) => s.entries[0]?.score === 5);
    const answer = await request<ScoreExplanation>(
      `${server.url}/api/v1/contests/${contest.id}/standings/explain/${rep}`,
      'GET',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.score).toBe(board.entries[0]?.score);
    expect(answer.body.events.map((e) => [e.id, e.revision, e.points, e.excluded])).toEqual([
      [counted.id, 1, 3, null],
      [corrected.id, 2, 2, null],
      [reversed.id, 2, 0, 'retracted'],
      [starter.id, 1, 0, 'filtered_out'],
    ]);
  });

  it('sends a fresh snapshot to a client that reconnects', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const rep = uid('re');
    const live = client(server.url);
    const first = await live.subscribe(contest.id);
    if (!first.ok) throw new Error(first.error);
    // The connection drops; a change happens meanwhile; the same client reconnects and resubscribes.
    await live.reconnect(async () => {
      await api.postEvents([licenseSold(src, rep, 6, '2026-08-01T10:00:00Z')]);
      await api.waitForStandings(contest.id, (s) => s.total === 1);
    });
    expect(live.messages).toEqual([]);
    const ack = await live.subscribe(contest.id);
    if (!ack.ok) throw new Error(ack.error);
    expect(board(ack.snapshot.top)).toEqual([[rep, 6, 1]]);
    expect(ack.snapshot.version).toBeGreaterThan(first.snapshot.version);
    expect(ack.snapshot.previousVersion).toBeNull();
    // And it is live again.
    await api.postEvents([licenseSold(src, rep, 1, '2026-08-01T11:00:00Z')]);
    const update = await live.waitFor((m) => m.top[0]?.score === 7);
    expect(update.previousVersion).toBe(ack.snapshot.version);
  });

  it('refuses a subscription to a contest that does not exist, with the reason', async () => {
    const live = client(server.url);
    await expect(live.subscribe('00000000-0000-4000-8000-000000000000')).resolves.toEqual({
      ok: false,
      error: 'no contest with id 00000000-0000-4000-8000-000000000000',
    });
    await expect(live.subscribe('not-a-uuid')).resolves.toMatchObject({
      ok: false,
      error: expect.stringContaining('contestId'),
    });
  });
});
