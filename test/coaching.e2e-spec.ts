import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  CoachingResponse,
  ContestResponse,
  ErrorResponse,
  SalesEventInput,
  SessionResponse,
  UserResponse,
} from '#contracts';
import { runMigrations } from '#persistence';
import {
  deleteRedisKeys,
  freshDatabase,
  PodiumApi,
  request,
  startPodium,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  type PodiumProcess,
} from '#testing';

const PASSWORD = 'a long enough password 42';
/** Thursday 12 March 2026, 10:00 in Amsterdam: the running week is Monday 9 to Sunday 15 March. */
const AT = '2026-03-12T10:00:00+01:00';

/**
 * The coaching view end to end: events in the ledger, a team's reps against their own average in the
 * team's calendar weeks, stalled reps flagged, and only the team's managers (and admins) let in.
 */
describe('coaching view', () => {
  const prefix = uniquePrefix('coaching');
  const source = uid('src');
  const team = uid('north');
  const otherTeam = uid('south');
  const sam = uid('sam');
  const zoe = uid('zoe');
  const nia = uid('nia');
  const bo = uid('bo');
  let server: PodiumProcess;
  let api: PodiumApi;
  const tokens = new Map<'manager' | 'otherManager' | 'rep', string>();
  const names = new Map<string, string>();
  let demosContest: ContestResponse;
  let licensesContest: ContestResponse;

  const event = (rep: string, type: string, occurredAt: string, extra: Partial<SalesEventInput> = {}) => ({
    id: uid('e'),
    source,
    type,
    rep: { id: rep, name: names.get(rep) ?? rep },
    occurredAt,
    ...extra,
  });

  const coaching = (query: string, token?: string | null) =>
    request<CoachingResponse & ErrorResponse>(
      `${server.url}/api/v1/coaching?${query}`,
      'GET',
      undefined,
      undefined,
      token,
    );

  async function userToken(fields: Record<string, unknown>): Promise<string> {
    const email = `${uid('coach')}@example.com`.toLowerCase();
    const created = await request<UserResponse>(`${server.url}/api/v1/users`, 'POST', {
      email,
      password: PASSWORD,
      ...fields,
    });
    expect(created.status).toBe(201);
    const login = await request<SessionResponse>(
      `${server.url}/api/v1/auth/login`,
      'POST',
      { email, password: PASSWORD },
      undefined,
      null,
    );
    expect(login.status).toBe(200);
    return login.body.accessToken;
  }

  beforeAll(async () => {
    // A database of its own: company-wide contests other suites leave would add their metrics here.
    const database = await freshDatabase('coaching');
    await runMigrations(database);
    server = await startPodium('api', {
      DATABASE_URL: database,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
    });
    api = new PodiumApi(server.url);
    for (const key of [team, otherTeam]) {
      expect((await request(`${server.url}/api/v1/teams`, 'POST', { key, name: `Team ${key}` })).status).toBe(
        201,
      );
    }
    for (const [rep, name, key] of [
      [sam, 'Sam Jansen', team],
      [zoe, 'Zoe de Wit', team],
      [nia, 'Nia Bakker', team],
      [bo, 'Bo Visser', otherTeam],
    ] as const) {
      names.set(rep, name);
      expect(
        (await request(`${server.url}/api/v1/reps/${rep}`, 'PUT', { displayName: name, team: key })).status,
      ).toBe(200);
    }
    tokens.set('manager', await userToken({ role: 'manager', teams: [team] }));
    tokens.set('otherManager', await userToken({ role: 'manager', teams: [otherTeam] }));
    tokens.set('rep', await userToken({ role: 'rep', rep: sam }));
    demosContest = await api.createContest({
      name: uid('Demos'),
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      participants: { kind: 'teams', teams: [team] },
    });
    licensesContest = await api.createContest({
      name: uid('Licenses'),
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'monthly', timeZone: 'UTC' },
      participants: { kind: 'teams', teams: [team] },
    });

    const events: SalesEventInput[] = [];
    // Sam, weeks 0-5 (Mondays 19 Jan to 23 Feb 2026, Amsterdam): 5 demos and 2 licenses (one event) a week.
    for (let week = 0; week < 6; week += 1) {
      for (let d = 0; d < 5; d += 1) {
        const day = new Date(Date.UTC(2026, 0, 20 + week * 7 + d, 9, 0));
        events.push(event(sam, 'demo_booked', day.toISOString()));
      }
      events.push(
        event(sam, 'license_sold', new Date(Date.UTC(2026, 0, 21 + week * 7, 14)).toISOString(), {
          quantity: 2,
        }),
      );
    }
    // Week 6 (2 to 8 March): 6 demos, and a 7th at 23:30 on Sunday in Amsterdam (22:30 UTC): still week 6.
    for (let d = 0; d < 6; d += 1)
      events.push(event(sam, 'demo_booked', `2026-03-0${2 + (d % 5)}T10:0${d}:00+01:00`));
    events.push(event(sam, 'demo_booked', '2026-03-08T23:30:00+01:00'));
    events.push(event(sam, 'license_sold', '2026-03-04T15:00:00+01:00', { quantity: 2 }));
    // 00:30 on Monday 9 March in Amsterdam is still Sunday in UTC: it belongs to the running week.
    events.push(event(sam, 'demo_booked', '2026-03-09T00:30:00+01:00'));
    // After `at`: not in the view.
    events.push(event(sam, 'demo_booked', '2026-03-13T10:00:00+01:00'));
    // Sunday 18 January 23:30 in Amsterdam: the week before the first one in view.
    events.push(event(sam, 'demo_booked', '2026-01-18T23:30:00+01:00'));
    // Zoe: licenses until Saturday 28 February, 09:00 in Amsterdam; nothing since.
    events.push(event(zoe, 'license_sold', '2026-02-10T13:00:00+01:00', { quantity: 1 }));
    events.push(event(zoe, 'license_sold', '2026-02-28T09:00:00+01:00', { quantity: 3 }));
    events.push(event(zoe, 'crm_next_step_set', '2026-02-28T08:00:00+01:00'));
    // Bo is in another team: never in this view.
    events.push(event(bo, 'demo_booked', '2026-03-10T10:00:00+01:00'));
    const posted = await api.postEvents(events);
    if (posted.status !== 202) throw new Error(JSON.stringify(posted.body));
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  it("shows a rep's latest week against their own average, in the team's calendar weeks", async () => {
    const answer = await coaching(`team=${team}&at=${encodeURIComponent(AT)}`, tokens.get('manager'));
    expect(answer.status).toBe(200);
    const view = answer.body;
    expect(view.team).toEqual({ key: team, name: `Team ${team}` });
    expect(view.timeZone).toBe('Europe/Amsterdam');
    expect(view.stalledDays).toBe(7);
    // Local Monday midnights (UTC+1 in winter), the running week last.
    expect(view.weeks.map((w) => [w.start, w.partial])).toEqual([
      ['2026-01-18T23:00:00.000Z', false],
      ['2026-01-25T23:00:00.000Z', false],
      ['2026-02-01T23:00:00.000Z', false],
      ['2026-02-08T23:00:00.000Z', false],
      ['2026-02-15T23:00:00.000Z', false],
      ['2026-02-22T23:00:00.000Z', false],
      ['2026-03-01T23:00:00.000Z', false],
      ['2026-03-08T23:00:00.000Z', true],
    ]);
    expect(view.weeks[7]?.end).toBe('2026-03-15T23:00:00.000Z');
    const demos = view.metrics.find((m) => m.key === 'count:demo_booked');
    const licenses = view.metrics.find((m) => m.key === 'quantity:license_sold');
    expect(demos).toMatchObject({ nature: 'process', label: { en: 'Demos' }, currency: null });
    expect(demos?.contestIds).toContain(demosContest.id);
    expect(licenses).toMatchObject({ nature: 'outcome', label: { en: 'Licenses', nl: 'Licenties' } });
    expect(licenses?.contestIds).toContain(licensesContest.id);
    // Outcome metrics come before process metrics.
    const natures = view.metrics.map((m) => m.nature);
    expect(natures.lastIndexOf('outcome')).toBeLessThan(Math.max(0, natures.indexOf('process')));

    expect(view.reps.map((r) => r.rep.externalId)).toEqual([nia, sam, zoe]);
    const samView = view.reps.find((r) => r.rep.externalId === sam);
    // By hand: weeks 0-5 have 5 demos each, so the own average is 5; week 6 has 7 (the Sunday 23:30 one
    // included), +40%. The running week has the Monday 00:30 demo only (the one after `at` is left out).
    expect(samView?.metrics.find((m) => m.key === 'count:demo_booked')).toEqual({
      key: 'count:demo_booked',
      values: [5, 5, 5, 5, 5, 5, 7, 1],
      latest: 7,
      average: 5,
      changePercent: 40,
      trend: 'up',
    });
    expect(samView?.metrics.find((m) => m.key === 'quantity:license_sold')).toEqual({
      key: 'quantity:license_sold',
      values: [2, 2, 2, 2, 2, 2, 2, 0],
      latest: 2,
      average: 2,
      changePercent: 0,
      trend: 'flat',
    });
    expect(samView).toMatchObject({
      lastActivityAt: '2026-03-08T23:30:00.000Z',
      daysSinceActivity: 3,
      stalled: false,
    });
    expect(samView?.prompt.en).toMatch(
      /^Sam Jansen: .*up 40% on their own average, .*flat: ask what blocks the close\.$/,
    );
    expect(samView?.prompt.nl).toMatch(
      /^Sam Jansen: .*40% boven het eigen gemiddelde, .*stabiel: vraag wat het afsluiten tegenhoudt\.$/,
    );
  });

  it('flags a rep with no activity for the stalled days, and the days follow the parameter', async () => {
    const byDefault = await coaching(`team=${team}&at=${encodeURIComponent(AT)}`, tokens.get('manager'));
    const zoeView = byDefault.body.reps.find((r) => r.rep.externalId === zoe);
    // Last activity Saturday 28 February 09:00 (Amsterdam) to Thursday 12 March 10:00: 12 days and 1 hour.
    expect(zoeView).toMatchObject({
      lastActivityAt: '2026-02-28T08:00:00.000Z',
      daysSinceActivity: 12,
      stalled: true,
    });
    expect(zoeView?.prompt).toEqual({
      en: 'Zoe de Wit: no activity for 12 days: plan a 1:1 and ask what is in the way.',
      nl: 'Zoe de Wit: 12 dagen geen activiteit: plan een 1-op-1 en vraag wat in de weg zit.',
    });
    // Zoe's first activity is in week 3: weeks 3-5 are her own history (1, 0, 3 licenses: 4/3 = 1.33).
    expect(zoeView?.metrics.find((m) => m.key === 'quantity:license_sold')).toMatchObject({
      values: [0, 0, 0, 1, 0, 3, 0, 0],
      latest: 0,
      average: 1.33,
      changePercent: -100,
      trend: 'down',
    });
    const niaView = byDefault.body.reps.find((r) => r.rep.externalId === nia);
    expect(niaView).toMatchObject({ lastActivityAt: null, daysSinceActivity: null, stalled: false });
    expect(niaView?.metrics.every((m) => m.trend === 'none')).toBe(true);
    expect(niaView?.prompt.en).toMatch(/^Nia Bakker: no activity recorded yet/);

    const longer = await coaching(
      `team=${team}&at=${encodeURIComponent(AT)}&stalledDays=14`,
      tokens.get('manager'),
    );
    expect(longer.status).toBe(200);
    expect(longer.body.stalledDays).toBe(14);
    expect(longer.body.reps.find((r) => r.rep.externalId === zoe)?.stalled).toBe(false);
  });

  it("lets admins and the team's managers in, and refuses other managers and reps", async () => {
    expect((await coaching(`team=${team}&at=${encodeURIComponent(AT)}`)).status).toBe(200);
    const other = await coaching(`team=${team}`, tokens.get('otherManager'));
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/teams you manage/);
    // The other team's manager sees their own team, without this team's reps.
    const own = await coaching(`team=${otherTeam}&at=${encodeURIComponent(AT)}`, tokens.get('otherManager'));
    expect(own.status).toBe(200);
    expect(own.body.reps.map((r) => r.rep.externalId)).toEqual([bo]);
    expect((await coaching(`team=${team}`, tokens.get('rep'))).status).toBe(403);
    expect((await coaching(`team=${team}`, null)).status).toBe(401);
    // A team nobody manages looks the same to a manager whether it exists or not.
    expect((await coaching(`team=${uid('nowhere')}`, tokens.get('manager'))).status).toBe(403);
    expect((await coaching(`team=${uid('nowhere')}`)).status).toBe(404);
  });

  it.each<[string, string, RegExp]>([
    ['', 'team', /string|shorter|longer|characters/],
    ['team=', 'team', /longer than or equal to 1/],
    ['stalledDays=0', 'stalledDays', /not be less than 1/],
    ['stalledDays=91', 'stalledDays', /not be greater than 90/],
    ['stalledDays=abc', 'stalledDays', /integer/],
    ['stalledDays=2.5', 'stalledDays', /integer/],
    ['at=yesterday', 'at', /ISO-8601|instant|offset/i],
    ['at=2026-03-12T10%3A00%3A00', 'at', /offset|ISO-8601/i],
    ['colour=red', 'colour', /should not exist/],
  ])('refuses the query %j with a 400 naming %s', async (query, path, reason) => {
    const answer = await coaching(
      `${query === '' || query.startsWith('team=') ? '' : `team=${team}&`}${query}`,
      tokens.get('manager'),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });
});
