import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type {
  AdjustmentsResponse,
  ContestResponse,
  HallOfFameResponse,
  PeriodResultResponse,
  RepWinsResponse,
  StandingsResponse,
} from '#contracts';
import { periodContaining, type Weekday } from '#domain';
import { ContestEntity, createDataSource } from '#persistence';
import { LocalStandingsBus, Shutdown } from '#runtime';
import { ContestLifecycleService, FinalisePeriodUseCase, PeriodRolloverService } from '#scoring';
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

const MINUTE = 60_000;

/** A week start that puts "now" three days into the week: the test never straddles a real boundary. */
function weekStartingThreeDaysAgo(now: number): Weekday {
  const today = new Date(now).getUTCDay() || 7;
  return (((((today - 3 - 1) % 7) + 7) % 7) + 1) as Weekday;
}

/** Waits until the worker's first rebuild of a contest ran (the lifecycle finalises only after it). */
async function waitRebuilt(dataSource: DataSource, id: string): Promise<void> {
  await waitFor(
    async () => (await dataSource.getRepository(ContestEntity).findOneByOrFail({ id })).rebuiltAt,
    (at) => at !== null,
    'the first rebuild',
  );
}

async function waitFor<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} never happened; last: ${JSON.stringify(last)}`);
}

/**
 * A contest's whole life against the real database and Redis: api and worker run as processes (the
 * worker scores), while roll-over and finalisation run here with a controlled clock, so the test moves
 * to the period's end and through the grace period without waiting for them.
 */
describe('the contest lifecycle: roll-over, grace period, finalisation, prizes, history, adjustments', () => {
  const prefix = uniquePrefix('lifecycle');
  let worker: PodiumProcess;
  let server: PodiumProcess;
  let api: PodiumApi;
  let dataSource: DataSource;
  let now = Date.now();
  let lifecycle: ContestLifecycleService;
  let rollover: PeriodRolloverService;

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [worker, server] = await Promise.all([startPodium('worker', env), startPodium('api', env)]);
    api = new PodiumApi(server.url);
    dataSource = await createDataSource(TEST_DATABASE_URL, 4).initialize();
    const clock = () => now;
    lifecycle = new ContestLifecycleService(
      dataSource,
      new FinalisePeriodUseCase(dataSource),
      clock,
      new Shutdown(),
    );
    rollover = new PeriodRolloverService(dataSource, new LocalStandingsBus(), clock, new Shutdown());
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await dataSource?.destroy();
    await deleteRedisKeys(prefix);
  });

  const get = <T>(path: string) => request<T>(`${server.url}${path}`, 'GET');
  const post = <T>(path: string, body?: unknown) => request<T>(`${server.url}${path}`, 'POST', body);

  it('rolls over, counts late events in the grace period, finalises, awards prizes and keeps history; a post-close retraction is an adjustment until re-finalised', async () => {
    const src = uid('src');
    const realNow = Date.now();
    const weekStartsOn = weekStartingThreeDaysAgo(realNow);
    const contest = await api.createContest(
      weeklyContest(src, {
        period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn },
        prizes: {
          ranks: [
            { rank: 1, prize: { name: 'Trip to Lisbon', imageUrl: 'https://example.com/lisbon.png' } },
            { rank: 2, prize: { name: 'Dinner' } },
          ],
          thresholds: [{ atLeast: 5, prize: { name: 'Five-license badge' } }],
        },
      }),
    );
    expect(contest.status).toBe('live');
    const week = periodContaining({ kind: 'weekly', timeZone: 'UTC', weekStartsOn }, realNow);
    const [ana, bo, cy] = [uid('ana'), uid('bo'), uid('cy')];
    const at = (msBeforeNow: number) => new Date(realNow - msBeforeNow).toISOString();
    expect(
      (
        await api.postEvents([
          licenseSold(src, ana, 5, at(60 * MINUTE)),
          licenseSold(src, bo, 3, at(50 * MINUTE)),
          licenseSold(src, cy, 1, at(40 * MINUTE)),
        ])
      ).status,
    ).toBe(202);
    await api.waitForStandings(contest.id, (s) => s.total === 3);
    await waitRebuilt(dataSource, contest.id);

    // The week ends: the board rolls over to an empty week, but the period is not final yet.
    now = week.end;
    expect(await rollover.tick()).toContain(contest.id);
    expect((await lifecycle.tick()).finalised.filter((f) => f.contestId === contest.id)).toEqual([]);
    const fresh = await api.standings(contest.id);
    expect(fresh.body.total).toBe(0);

    // Inside the grace period a late sale that happened in the week still counts for that week.
    now = week.end + 10 * MINUTE;
    const late = licenseSold(src, cy, 10, at(30 * MINUTE));
    expect((await api.postEvents([late])).status).toBe(202);
    const lastWeek = new Date(week.start).toISOString();
    await waitFor(
      () =>
        request<StandingsResponse>(
          `${server.url}/api/v1/contests/${contest.id}/standings?at=${lastWeek}`,
          'GET',
        ),
      (a) => a.body.entries[0]?.rep?.externalId === cy,
      'the late event counting',
    );
    expect((await lifecycle.tick()).finalised.filter((f) => f.contestId === contest.id)).toEqual([]);
    expect((await get(`/api/v1/contests/${contest.id}/periods`)).body).toEqual([]);

    // The grace period is over: the week is finalised once, with its prizes.
    now = week.end + 15 * MINUTE;
    expect((await lifecycle.tick()).finalised).toContainEqual({
      contestId: contest.id,
      periodStart: week.start,
    });
    expect((await lifecycle.tick()).finalised.filter((f) => f.contestId === contest.id)).toEqual([]);

    const history = await get<PeriodResultResponse[]>(`/api/v1/contests/${contest.id}/periods`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(1);
    const [final] = history.body;
    expect(final?.finalisation).toBe(1);
    expect(Date.parse(final?.period.start ?? '')).toBe(week.start);
    const winners = (r: PeriodResultResponse | undefined) =>
      (r?.awards ?? []).map((a) => [a.prize.name, a.winner.externalId, a.winnerRank, a.score]);
    expect(winners(final)).toEqual([
      ['Trip to Lisbon', cy, 1, 11],
      ['Dinner', ana, 2, 5],
      ['Five-license badge', cy, 1, 11],
      ['Five-license badge', ana, 2, 5],
    ]);
    const detail = await get<PeriodResultResponse>(`/api/v1/contests/${contest.id}/periods/${lastWeek}`);
    expect(detail.body.boards[0]?.entries.map((e) => [e.externalId, e.rank, e.score])).toEqual([
      [cy, 1, 11],
      [ana, 2, 5],
      [bo, 3, 3],
    ]);

    const wins = await get<RepWinsResponse>(`/api/v1/reps/${cy}/wins`);
    expect(wins.body.wins).toBe(1);
    expect(wins.body.prizes.map((p) => p.award.prize.name)).toEqual(['Trip to Lisbon', 'Five-license badge']);
    const fame = await get<HallOfFameResponse>('/api/v1/hall-of-fame');
    expect(fame.body.recent.some((p) => p.contestId === contest.id && p.award.winner.externalId === cy)).toBe(
      true,
    );

    // After the close the CRM reverses cy's late sale: recorded as an adjustment, winners unchanged.
    expect((await api.postEvents([{ ...late, revision: 2, status: 'void' }])).status).toBe(202);
    const adjustments = await waitFor(
      () => get<AdjustmentsResponse>(`/api/v1/contests/${contest.id}/adjustments`),
      (a) => a.body.periods.length > 0,
      'the post-close adjustment',
    );
    const [pending] = adjustments.body.periods;
    expect(
      pending?.adjustments.map((a) => [a.event.id, a.rep.externalId, a.pointsBefore, a.pointsAfter]),
    ).toEqual([[late.id, cy, 10, 0]]);
    expect(pending?.wouldLose.map((a) => [a.prize.name, a.winner.externalId])).toEqual([
      ['Trip to Lisbon', cy],
      ['Dinner', ana],
      ['Five-license badge', cy],
    ]);
    expect(pending?.wouldWin.map((a) => [a.prize.name, a.winner.externalId])).toEqual([
      ['Trip to Lisbon', ana],
      ['Dinner', bo],
    ]);
    const frozen = await get<PeriodResultResponse>(`/api/v1/contests/${contest.id}/periods/${lastWeek}`);
    expect(winners(frozen.body)).toEqual(winners(final));
    expect(frozen.body.pendingAdjustments).toBe(1);

    // A manager re-finalises explicitly: the winners follow the corrected standings.
    const again = await post<PeriodResultResponse>(
      `/api/v1/contests/${contest.id}/periods/${lastWeek}/finalise`,
    );
    expect(again.status).toBe(200);
    expect(again.body.finalisation).toBe(2);
    expect(again.body.pendingAdjustments).toBe(0);
    expect(winners(again.body)).toEqual([
      ['Trip to Lisbon', ana, 1, 5],
      ['Dinner', bo, 2, 3],
      ['Five-license badge', ana, 1, 5],
    ]);
    expect(
      (await get<AdjustmentsResponse>(`/api/v1/contests/${contest.id}/adjustments`)).body.periods,
    ).toEqual([]);
    expect((await get<RepWinsResponse>(`/api/v1/reps/${cy}/wins`)).body.prizes).toEqual([]);
  });

  it('moves a one-off contest from scheduled to live to finalising to final, and refuses to re-finalise an open period', async () => {
    const start = Date.now() + 60 * MINUTE;
    const end = start + 24 * 60 * MINUTE;
    const contest = await api.createContest(
      weeklyContest(uid('src'), {
        period: {
          kind: 'once',
          timeZone: 'UTC',
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        },
        gracePeriodMinutes: 30,
      }),
    );
    expect(contest.status).toBe('scheduled');
    await waitRebuilt(dataSource, contest.id);
    const status = async () =>
      (await dataSource.getRepository(ContestEntity).findOneByOrFail({ id: contest.id })).status;
    const open = await post(
      `/api/v1/contests/${contest.id}/periods/${new Date(start).toISOString()}/finalise`,
    );
    expect(open.status).toBe(409);

    now = start;
    await lifecycle.tick();
    expect(await status()).toBe('live');
    now = end + 29 * MINUTE;
    await lifecycle.tick();
    expect(await status()).toBe('finalising');
    now = end + 30 * MINUTE;
    const tick = await lifecycle.tick();
    expect(tick.finalised).toContainEqual({ contestId: contest.id, periodStart: start });
    expect(await status()).toBe('final');
    const history = await get<PeriodResultResponse[]>(`/api/v1/contests/${contest.id}/periods`);
    expect(history.body.map((p) => p.awards)).toEqual([[]]);
  });

  it('keeps a draft off every board until it is published, then counts the events already in the ledger', async () => {
    const src = uid('src');
    const rep = uid('rep');
    const draft = await api.createContest(
      weeklyContest(src, {
        draft: true,
        period: { kind: 'once', timeZone: 'UTC', start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' },
      }),
    );
    expect(draft.status).toBe('draft');
    expect((await api.postEvents([licenseSold(src, rep, 4, '2026-03-03T09:00:00Z')])).status).toBe(202);
    const hidden = await api.standings(draft.id);
    expect(hidden.status).toBe(409);
    expect(hidden.body).toMatchObject({ error: 'contest.draft' });

    // A draft's rules can still change.
    const edited = await request<ContestResponse>(`${server.url}/api/v1/contests/${draft.id}`, 'PATCH', {
      metric: { kind: 'count', eventTypes: ['license_sold'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.metric).toEqual({ kind: 'count', eventTypes: ['license_sold'] });

    const published = await post<ContestResponse>(`/api/v1/contests/${draft.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('live');
    const board = await api.waitForStandings(draft.id, (s) => s.total === 1);
    expect(board.entries.map((e) => [e.rep?.externalId, e.score])).toEqual([[rep, 1]]);

    // Live: the rules are locked, the name and prizes are not.
    const locked = await request<{ error: string; problems: { path: string }[] }>(
      `${server.url}/api/v1/contests/${draft.id}`,
      'PATCH',
      { tieRule: 'shared', name: 'Renamed' },
    );
    expect(locked.status).toBe(409);
    expect(locked.body.error).toBe('contest.rules_locked');
    expect(locked.body.problems.map((p) => p.path)).toEqual(['tieRule']);
    const renamed = await request<ContestResponse>(`${server.url}/api/v1/contests/${draft.id}`, 'PATCH', {
      name: 'Renamed',
      prizes: { ranks: [{ rank: 1, prize: { name: 'Cake' } }] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('Renamed');
    expect(renamed.body.prizes.ranks).toEqual([
      { rank: 1, prize: { name: 'Cake', description: null, imageUrl: null } },
    ]);
    expect(renamed.body.tieRule).toBe('first_to_reach');
    expect((await post(`/api/v1/contests/${draft.id}/publish`)).status).toBe(409);
  });
});
