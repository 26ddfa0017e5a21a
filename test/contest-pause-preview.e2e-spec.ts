import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import {
  CHANNEL_MOMENTS,
  WS_BOARD_CHANGED,
  WS_MOMENT,
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  type BoardChangedMessage,
  type BoardResponse,
  type ContestPreviewResponse,
  type ContestResponse,
  type ErrorResponse,
  type MomentMessage,
  type MomentNotice,
  type MyContestResponse,
  type PairedScreenResponse,
  type PairingResponse,
  type ScreenResponse,
  type SubscribeAck,
} from '#contracts';
import { periodContaining } from '#domain';
import { createDataSource } from '#persistence';
import { LocalStandingsBus } from '#runtime';
import { FinalisePeriodUseCase } from '#scoring';
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
  withDb,
  type PodiumProcess,
} from '#testing';

/** The plain-words preview of a contest and pausing a live one, end to end. */
describe('contest preview and pause', () => {
  const prefix = uniquePrefix('pause');
  const source = uid('src');
  let server: PodiumProcess;
  let worker: PodiumProcess;
  let api: PodiumApi;
  let contest: ContestResponse;
  let screenToken = '';
  let screenId = '';
  let socket: Socket;
  const moments: MomentMessage[] = [];
  const changes: BoardChangedMessage[] = [];

  const call = <T>(method: string, path: string, body?: unknown, token?: string | null) =>
    request<T>(`${server.url}${path}`, method, body, undefined, token);

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [server, worker] = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    api = new PodiumApi(server.url);
    contest = await api.createContest(
      weeklyContest(source, {
        prizes: { ranks: [1, 2, 3].map((rank) => ({ rank, prize: { name: 'a trip' } })) },
      }),
    );
    const created = await call<ScreenResponse & { pairing: PairingResponse }>('POST', '/api/v1/screens', {
      name: 'Floor',
      contestIds: [contest.id],
    });
    screenId = created.body.id;
    const paired = await call<PairedScreenResponse>(
      'POST',
      '/api/v1/screens/pair',
      { code: created.body.pairing.code },
      null,
    );
    screenToken = paired.body.token;
    socket = io(`${server.url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: screenToken },
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

  const sale = (rep: string, quantity: number) =>
    licenseSold(source, rep, quantity, new Date().toISOString());
  const countOf = async (table: 'contests' | 'audit_log') =>
    (await withDb((db) => db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]?.n;
  const contestCount = () => countOf('contests');
  const auditCount = () => countOf('audit_log');

  it('describes every contest in plain words, in English and Dutch', async () => {
    expect(contest.preview).toEqual({
      en:
        'Most licenses sold, Monday to Sunday, Amsterdam time; counting only when the source is “' +
        source +
        '”; the top 3 win a trip.',
      nl:
        'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; telt alleen als de bron “' +
        source +
        '” is; de top 3 wint a trip.',
    });
    expect(contest.paused).toBe(false);
    expect(contest.pausedAt).toBeNull();
    const read = await call<ContestResponse>('GET', `/api/v1/contests/${contest.id}`);
    expect(read.body.preview).toEqual(contest.preview);
    const templates = await call<{ id: string; preview: { en: string } }[]>(
      'GET',
      '/api/v1/contest-templates',
    );
    expect(templates.body.find((t) => t.id === 'most-licenses-this-week')?.preview.en).toBe(
      'Most licenses sold, Monday to Sunday, Amsterdam time; the winner gets Team lunch on us.',
    );
  });

  it('previews a valid body and stores nothing', async () => {
    const [contests, audits] = [await contestCount(), await auditCount()];
    const answer = await call<ContestPreviewResponse>('POST', '/api/v1/contests/preview', {
      name: 'First to 10 demos',
      kind: 'target_race',
      target: 10,
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Weekend trip' } }] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      preview: {
        en: 'Race to 10 demos booked, every calendar month, Amsterdam time; the first to get there gets Weekend trip.',
        nl: "Race naar 10 geboekte demo's, elke kalendermaand, Amsterdamse tijd; wie het als eerste haalt, krijgt Weekend trip.",
      },
    });
    expect([await contestCount(), await auditCount()]).toEqual([contests, audits]);
  });

  it('refuses an invalid body with the same problems as a create, and stores nothing', async () => {
    const body = {
      name: 'Broken',
      kind: 'target_race',
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'euro' },
      period: { kind: 'weekly', timeZone: 'Mars/Olympus', weekStartsOn: 9 },
      participants: { kind: 'teams', teams: [uid('nobody')] },
      prizes: { ranks: [{ rank: 1, prize: { name: '' } }] },
    };
    const contests = await contestCount();
    const preview = await call<ErrorResponse>('POST', '/api/v1/contests/preview', body);
    const create = await call<ErrorResponse>('POST', '/api/v1/contests', body);
    expect(preview.status).toBe(400);
    expect(create.status).toBe(400);
    const paths = (e: ErrorResponse) => (e.problems ?? []).map((p) => `${p.path}: ${p.reason}`).sort();
    expect(paths(preview.body)).toEqual(paths(create.body));
    expect(paths(preview.body).length).toBeGreaterThanOrEqual(3);
    expect(preview.body.error).toBe(create.body.error);
    // A field the create refuses by shape (validation pipe) is refused the same way too.
    const shape = await call<ErrorResponse>('POST', '/api/v1/contests/preview', { ...body, extra: 1 });
    const shapeCreate = await call<ErrorResponse>('POST', '/api/v1/contests', { ...body, extra: 1 });
    expect(shape.status).toBe(400);
    expect(paths(shape.body)).toEqual(paths(shapeCreate.body));
    expect(await contestCount()).toBe(contests);
  });

  it('pauses a live contest: it keeps scoring, celebrates nothing, and its TV shows it paused', async () => {
    const [ana, bo] = [uid('ana'), uid('bo')];
    expect((await api.postEvents([sale(ana, 5)])).status).toBe(202);
    await api.waitForStandings(contest.id, (s) => s.total === 1);
    // A TV is cheered for the new leader while the contest runs.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && moments.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(moments.map((m) => [m.kind, m.rep?.externalId])).toEqual([['new_leader', ana]]);

    const before = (await call<BoardResponse>('GET', '/api/v1/board', undefined, screenToken)).body;
    expect(before.contests.map((c) => c.paused)).toEqual([false]);
    const audits = await auditCount();
    const paused = await call<ContestResponse>('POST', `/api/v1/contests/${contest.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body.paused).toBe(true);
    expect(Date.now() - Date.parse(paused.body.pausedAt ?? '')).toBeLessThan(60_000);
    const entries = await withDb((db) =>
      db.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [
        contest.id,
      ]),
    );
    expect(entries.rows.map((e) => e.action).at(-1)).toBe('contest.pause');
    expect(await auditCount()).toBe((audits ?? 0) + 1);

    // The TV is told its board changed and reads the contest as paused.
    const until = Date.now() + 5_000;
    while (Date.now() < until && changes.length === 0) await new Promise((r) => setTimeout(r, 50));
    const board = (await call<BoardResponse>('GET', '/api/v1/board', undefined, screenToken)).body;
    expect(changes.at(-1)).toEqual({ screenId, version: board.version });
    expect(board.version).toBeGreaterThan(before.version);
    expect(board.contests.map((c) => c.paused)).toEqual([true]);
    // The rep's own view says it too.
    const email = `${uid('ana')}@example.com`.toLowerCase();
    const password = 'a long enough password 42';
    expect((await call('POST', '/api/v1/users', { email, password, role: 'rep', rep: ana })).status).toBe(
      201,
    );
    const login = await call<{ accessToken: string }>(
      'POST',
      '/api/v1/auth/login',
      { email, password },
      null,
    );
    const mine = await call<MyContestResponse[]>(
      'GET',
      '/api/v1/me/contests',
      undefined,
      login.body.accessToken,
    );
    expect(mine.body.find((c) => c.contest.id === contest.id)?.contest.paused).toBe(true);

    // Bo takes the lead while paused: the standings count it exactly, no moment is sent.
    expect((await api.postEvents([sale(bo, 9), sale(ana, 1)])).status).toBe(202);
    const standings = await api.waitForStandings(
      contest.id,
      (s) => s.total === 2 && s.entries[0]?.score === 9,
    );
    expect(standings.entries.map((e) => [e.rep?.externalId, e.score])).toEqual([
      [bo, 9],
      [ana, 6],
    ]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(moments.map((m) => m.kind)).toEqual(['new_leader']);

    // Pausing twice is refused, and so is resuming twice after the resume.
    const again = await call<ErrorResponse>('POST', `/api/v1/contests/${contest.id}/pause`);
    expect([again.status, again.body.error]).toEqual([409, 'contest.pause_state']);
    const resumed = await call<ContestResponse>('POST', `/api/v1/contests/${contest.id}/resume`);
    expect([resumed.status, resumed.body.paused, resumed.body.pausedAt]).toEqual([200, false, null]);
    const twice = await call<ErrorResponse>('POST', `/api/v1/contests/${contest.id}/resume`);
    expect([twice.status, twice.body.error]).toEqual([409, 'contest.pause_state']);
    const after = (await call<BoardResponse>('GET', '/api/v1/board', undefined, screenToken)).body;
    expect(after.contests.map((c) => c.paused)).toEqual([false]);

    // Celebrations come back after the resume: Ana takes the lead again.
    expect((await api.postEvents([sale(ana, 10)])).status).toBe(202);
    const back = Date.now() + 10_000;
    while (Date.now() < back && moments.length < 2) await new Promise((r) => setTimeout(r, 50));
    expect(moments.map((m) => [m.kind, m.rep?.externalId])).toEqual([
      ['new_leader', ana],
      ['new_leader', ana],
    ]);
  }, 90_000);

  it('finalises a paused contest as usual and awards its prizes, but cheers none of them', async () => {
    const rep = uid('dee');
    const prizes = { ranks: [{ rank: 1, prize: { name: 'Trophy' } }] };
    const [quiet, loud] = [
      await api.createContest(weeklyContest(source, { prizes })),
      await api.createContest(weeklyContest(source, { prizes })),
    ];
    expect((await call('POST', `/api/v1/contests/${quiet.id}/pause`)).status).toBe(200);
    expect((await api.postEvents([sale(rep, 3)])).status).toBe(202);
    for (const c of [quiet, loud]) {
      await api.waitForStandings(c.id, (s) => s.entries.some((e) => e.rep?.externalId === rep));
    }
    const dataSource: DataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
    try {
      const bus = new LocalStandingsBus();
      const cheered: MomentNotice[] = [];
      await bus.listen(CHANNEL_MOMENTS, (notice) => cheered.push(...(notice.moments ?? [])));
      const finalise = new FinalisePeriodUseCase(dataSource, bus);
      // This week's period, finalised now as the worker does when it is over.
      const week = periodContaining(
        { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
        Date.now(),
      ).start;
      const paused = await finalise.execute(quiet.id, week, { refinalise: false });
      const running = await finalise.execute(loud.id, week, { refinalise: false });
      expect(paused?.awards.map((a) => a.prize.name)).toEqual(['Trophy']);
      expect(running?.awards.map((a) => a.prize.name)).toEqual(['Trophy']);
      expect(cheered.map((m) => [m.contestId, m.kind])).toEqual([[loud.id, 'prize_won']]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('pauses only live contests', async () => {
    const draft = await api.createContest(weeklyContest(source, { draft: true }));
    const scheduled = await api.createContest(
      weeklyContest(source, {
        period: { kind: 'once', timeZone: 'UTC', start: '2099-01-01T00:00:00Z', end: '2099-02-01T00:00:00Z' },
      }),
    );
    const archived = await api.createContest(weeklyContest(source));
    expect((await call('POST', `/api/v1/contests/${archived.id}/archive`)).status).toBe(200);
    for (const { id } of [draft, scheduled, archived]) {
      const answer = await call<ErrorResponse>('POST', `/api/v1/contests/${id}/pause`);
      expect([answer.status, answer.body.error]).toEqual([409, 'contest.not_live']);
      expect(answer.body.message).toMatch(/only a live contest can be paused/);
    }
    const unknown = await call<ErrorResponse>(
      'POST',
      '/api/v1/contests/00000000-0000-4000-8000-000000000000/pause',
    );
    expect([unknown.status, unknown.body.error]).toEqual([404, 'contest.not_found']);
    expect((await call<ContestResponse>('GET', `/api/v1/contests/${draft.id}`)).body.paused).toBe(false);
  });
});
