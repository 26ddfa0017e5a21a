import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type {
  ContestResponse,
  CreateContestRequest,
  PairingResponse,
  ScreenResponse,
  StandingsResponse,
  UpdateScreenRequest,
} from '#contracts';
import {
  freePort,
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  freshDatabase,
  uid,
  weeklyContest,
  type PodiumProcess,
} from '#testing';
import {
  describeViolations,
  hasScrollbars,
  launchBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WatchedPage,
} from './browser.js';

/**
 * The office TV (/tv) in Debian's Chromium against a real Podium (api, gateway and worker in one process,
 * PostgreSQL): pairing by the code on screen, the live board, a restart of the api, revocation, the
 * layouts at 1080p and 4K, Dutch. Events go in over HTTP like a CRM sends them.
 */

const NAMES = [
  'Sanne de Vries',
  'Daan Jansen',
  'Emma Bakker',
  'Lucas Visser',
  'Julia Smit',
  'Noah Meijer',
  'Tess de Boer',
  'Sem Mulder',
  'Lotte de Groot',
  'Finn Bos',
  'Anna Vos',
  'Levi Peters',
  'Sophie Hendriks',
  'Milan van Dijk',
  'Zoë van Leeuwen',
  'Jesse Dekker',
  'Eva Brouwer',
  'Thijs de Wit',
  'Fleur Dijkstra',
  'Ruben Smits',
  'Isa de Graaf',
  'Luuk van der Meer',
  'Nina van der Linden',
  'Bram Kok',
  'Lisa Jacobs',
  'Thomas de Haan',
  'Maud Vermeulen',
  'Max van den Berg',
  'Roos van der Heijden',
  'Gijs van der Veen',
  'Sara van den Broek',
  'Mees de Bruijn',
  'Femke de Jong',
  'Julian Koster',
  'Amber Willems',
  'Stijn van Beek',
  'Yara Maas',
  'Tim Verhoeven',
  'Mila Prins',
  'Hugo Kuipers',
  'Liv Huisman',
  'Jens Peeters',
  'Elin Schouten',
  'Olivier Post',
  'Noor Kramer',
  'Sam Willemsen',
  'Jasmijn Hoekstra',
  'Niels van Wijk',
  'Iris Koning',
  'Koen van Vliet',
];

/** As many plausible names as a test needs: the list first, then first and last names mixed. */
function nameOf(i: number): string {
  const listed = NAMES[i];
  if (listed !== undefined) return listed;
  const first = NAMES[i % NAMES.length]!.split(' ')[0]!;
  const last = NAMES[(i * 7 + 3) % NAMES.length]!.split(' ').slice(1).join(' ');
  return `${first} ${last}`;
}

/** Now, a few seconds back: inside the current week in every time zone the contests use. */
const recently = (secondsAgo = 5) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe('the office TV board', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  let api: PodiumApi;
  let port: number;
  // A database of its own: the boards (and their screenshots) show this suite's sales team only.
  let database: string;
  const env = () => ({
    DATABASE_URL: database,
    PORT: String(port),
    // Every TV of these tests pairs from the same address.
    RATE_DEVICE_START_PER_MINUTE: '100',
    RATE_PUBLIC_PER_MINUTE: '1000',
  });
  const pages: WatchedPage[] = [];

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${podium.url}${path}`, method, body);

  async function contestWithReps(
    count: number,
    overrides: Partial<CreateContestRequest> = {},
  ): Promise<{ contest: ContestResponse; source: string; reps: { id: string; name: string }[] }> {
    const source = uid('src');
    const contest = await api.createContest(
      weeklyContest(source, { name: 'Most licenses this week', ...overrides }),
    );
    const reps = Array.from({ length: count }, (_, i) => ({ id: uid('rep'), name: nameOf(i) }));
    if (reps.length > 0) {
      // Distinct scores, a few ties, biggest first; the oldest sale a few minutes back.
      const events = reps.map((rep, i) =>
        licenseSold(
          source,
          rep.id,
          Math.max(1, Math.round(24 - i * (22 / Math.max(1, count - 1)))),
          recently(300 - i),
          {
            rep: { id: rep.id, name: rep.name },
          },
        ),
      );
      expect((await api.postEvents(events)).status).toBe(202);
      await api.waitForStandings(contest.id, (s) => s.total === reps.length);
    }
    return { contest, source, reps };
  }

  async function createScreen(
    contestIds: string[],
    topN: number,
    settings: UpdateScreenRequest['settings'] = {},
    name = 'Sales floor',
  ) {
    const created = await call<ScreenResponse & { pairing: PairingResponse }>('POST', '/api/v1/screens', {
      name,
      contestIds,
      topN,
    });
    expect(created.status).toBe(201);
    if (Object.keys(settings).length > 0) {
      const patched = await call<ScreenResponse>('PATCH', `/api/v1/screens/${created.body.id}`, { settings });
      expect(patched.status).toBe(200);
    }
    return created.body;
  }

  async function newTv(viewport = { width: 1920, height: 1080 }, locale = 'en-US'): Promise<WatchedPage> {
    const watched = await openPage(browser, { viewport, locale });
    pages.push(watched);
    return watched;
  }

  /** Opens /tv, reads the code it shows and links it as an admin; resolves when the board is up. */
  async function pairByCode(page: Page, screenId: string, beforeLink?: () => Promise<void>): Promise<void> {
    await page.goto(`${podium.url}/tv`);
    const code = await page.locator('[data-user-code]').getAttribute('data-user-code', { timeout: 15_000 });
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await beforeLink?.();
    const linked = await call<ScreenResponse>('POST', `/api/v1/screens/${screenId}/link`, { userCode: code });
    expect(linked.status).toBe(200);
    await page.locator('.tv-slide').waitFor({ timeout: 15_000 });
  }

  /** Opens the screen's one-time pairing link (the older way to pair). */
  async function pairByLink(page: Page, pairing: PairingResponse): Promise<void> {
    await page.goto(`${podium.url}${pairing.pairingPath}`);
    await page.locator('.tv-slide').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/tv');
  }

  const names = (page: Page) =>
    page.$$eval('.tv-line', (lines) => lines.map((line) => (line as HTMLElement).dataset.name ?? ''));

  /** Waits until the lines on screen read `expected` (top first). */
  async function waitForNames(page: Page, accept: (names: string[]) => boolean, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let last: string[] = [];
    while (Date.now() < deadline) {
      last = await names(page);
      if (accept(last)) return last;
      await page.waitForTimeout(25);
    }
    throw new Error(`the board never matched; it shows ${JSON.stringify(last)}`);
  }

  /** Lets the entrance animations finish before a screenshot. */
  const settle = (page: Page) => page.waitForTimeout(1500);

  beforeAll(async () => {
    port = await freePort();
    database = await freshDatabase('tv');
    podium = await startPodium('all', env());
    api = new PodiumApi(podium.url);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  it('pairs by the code it shows, shows the top N, and moves a rep within 2 s of an event', async () => {
    // A public board never lists the lower half: 20 reps for a top 10.
    const { contest, source, reps } = await contestWithReps(20, {
      prizes: {
        ranks: [
          { rank: 1, prize: { name: 'Weekend in Amsterdam', description: 'Two nights for two' } },
          { rank: 2, prize: { name: 'Dinner for two' } },
          { rank: 3, prize: { name: 'Cinema tickets' } },
        ],
        thresholds: [
          { atLeast: 30, prize: { name: 'Team lunch', description: 'For everyone who gets there' } },
        ],
      },
    });
    const screen = await createScreen([contest.id], 10);
    const { page, errors } = await newTv();
    await pairByCode(page, screen.id, async () => {
      await settle(page);
      await screenshot(page, 'tv-pairing');
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      expect(await hasScrollbars(page)).toBe(false);
    });

    // The top N as the server gives it to this screen (a public board: never the lower half), in order.
    const token = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('podium.screen'))) ?? 'null',
    ) as string;
    const publicBoard = await request<StandingsResponse>(
      `${podium.url}/api/v1/contests/${contest.id}/standings?top=10`,
      'GET',
      undefined,
      undefined,
      token,
    );
    expect(publicBoard.status).toBe(200);
    const expected = publicBoard.body.entries.map((e) => e.rep?.displayName);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected).toHaveLength(10);
    expect(await waitForNames(page, (n) => n.length === expected.length)).toEqual(expected);
    expect(await names(page)).not.toContain(reps[10]?.name);
    await settle(page);
    expect(await hasScrollbars(page)).toBe(false);
    await screenshot(page, 'tv-board');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // One from below the visible board passes everyone: the screen shows it within 2 s of the post.
    const climber = reps[15]!;
    const posted = await api.postEvents([licenseSold(source, climber.id, 30, recently(1), { rep: climber })]);
    expect(posted.status).toBe(202);
    const sent = Date.now();
    await waitForNames(page, (n) => n[0] === climber.name, 2_000);
    const elapsed = Date.now() - sent;
    expect(elapsed).toBeLessThan(2_000);
    // The line moved (the same element, animated into place), and it is there once.
    expect((await names(page)).filter((n) => n === climber.name)).toHaveLength(1);
    await expect(page.locator('[data-testid="freshness"]').textContent()).resolves.toMatch(/Last sale/);
    expect(errors).toEqual([]);
  });

  it('looks designed with 3 reps and with 50, at 1080p and at 4K, in the dark and the light theme', async () => {
    // Public boards show at most the upper half: 6 reps give a board of 3, 100 one of 50.
    const three = await contestWithReps(6, {
      name: 'Biggest deal hunters',
      prizes: { ranks: [{ rank: 1, prize: { name: 'Trophy and a day off' } }], thresholds: [] },
    });
    const fifty = await contestWithReps(100, { name: 'Licenses: the whole floor' });
    for (const [label, board, topN, theme] of [
      ['3', three, 3, 'dark'],
      ['50', fifty, 50, 'dark'],
      ['light', three, 3, 'light'],
    ] as const) {
      const screen = await createScreen([board.contest.id], topN, { theme });
      for (const viewport of [
        { width: 1920, height: 1080 },
        { width: 3840, height: 2160 },
      ]) {
        const { page, errors, context } = await newTv(viewport);
        // The older one-time link pairs too; each TV gets its own pairing code.
        const pairing = await call<PairingResponse>('POST', `/api/v1/screens/${screen.id}/pairing-code`);
        expect(pairing.status).toBe(201);
        await pairByLink(page, pairing.body);
        await waitForNames(page, (n) => n.length === topN);
        await settle(page);
        expect([label, viewport.width, await hasScrollbars(page)]).toEqual([label, viewport.width, false]);
        // Nothing overflows its line either: every name is inside the viewport.
        const outside = await page.$$eval(
          '.tv-line',
          (lines) =>
            lines.filter((l) => {
              const r = l.getBoundingClientRect();
              return r.bottom > window.innerHeight || r.right > window.innerWidth;
            }).length,
        );
        expect(outside).toBe(0);
        await expect(page.evaluate(() => getComputedStyle(document.body).cursor)).resolves.toBe('none');
        if (viewport.width === 1920) {
          await screenshot(page, label === 'light' ? 'tv-board-light' : `tv-board-${label}`);
          expect(describeViolations(await seriousViolations(page))).toEqual([]);
        } else if (label === '50') {
          await screenshot(page, 'tv-board-4k');
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  }, 180_000);

  it('rotates its playlist: a race with its finishers, then a team contest, each for its seconds', async () => {
    const race = await contestWithReps(8, {
      name: 'The 20 club',
      kind: 'target_race',
      target: 20,
      prizes: { ranks: [], thresholds: [{ atLeast: 20, prize: { name: 'Team lunch on Friday' } }] },
    });
    // Teams: eight of them, two reps each; a public board shows the upper half.
    const teamNames = [
      'North',
      'South',
      'Enterprise',
      'Mid-market',
      'Benelux',
      'DACH',
      'Nordics',
      'UK & Ireland',
    ];
    const teamSource = uid('src');
    const teams = teamNames.map((name) => ({ key: uid('team'), name }));
    for (const team of teams) expect((await call('POST', '/api/v1/teams', team)).status).toBe(201);
    const members = teams.flatMap((team, t) =>
      [0, 1].map((m) => ({ id: uid('rep'), name: nameOf(20 + t * 2 + m), team: team.key })),
    );
    for (const rep of members) {
      expect(
        (await call('PUT', `/api/v1/reps/${rep.id}`, { displayName: rep.name, team: rep.team })).status,
      ).toBe(200);
    }
    const teamContest = await api.createContest(
      weeklyContest(teamSource, { name: 'Team battle: licenses', kind: 'team' }),
    );
    const sales = members.map((rep, i) =>
      licenseSold(teamSource, rep.id, 3 + ((i * 5) % 11), recently(200 - i), {
        rep: { id: rep.id, name: rep.name },
      }),
    );
    expect((await api.postEvents(sales)).status).toBe(202);
    await api.waitForStandings(teamContest.id, (st) => st.total === teams.length);

    const screen = await createScreen([race.contest.id, teamContest.id], 10, { secondsPerSlide: 6 });
    const { page, errors } = await newTv();
    await pairByCode(page, screen.id);
    const title = () => page.locator('.tv-slide__name').innerText();
    await expect(title()).resolves.toBe('The 20 club');
    await expect(page.locator('.tv-rotation__step').count()).resolves.toBe(2);
    await expect(page.locator('.tv-slide__meta').innerText()).resolves.toContain('First to 20 licenses');
    // The leaders reached 20: the race says they finished, and when.
    await expect(page.locator('.tv-line--finished').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.tv-line--finished .tv-line__sub').first().innerText()).resolves.toMatch(
      /^Finished /,
    );
    await settle(page);
    await screenshot(page, 'tv-board-race');

    const started = Date.now();
    await page.locator('.tv-slide__name', { hasText: 'Team battle: licenses' }).waitFor({ timeout: 10_000 });
    const shownFor = Date.now() - started;
    expect(shownFor).toBeLessThan(7_000);
    // Teams, not reps: the team's name and its members.
    const teamLines = await names(page);
    expect(teamLines.length).toBe(4);
    for (const line of teamLines) expect(teamNames).toContain(line);
    await expect(page.locator('.tv-line__sub').first().innerText()).resolves.toMatch(/2 members/);
    await settle(page);
    await screenshot(page, 'tv-board-teams');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    // And round again.
    await page.locator('.tv-slide__name', { hasText: 'The 20 club' }).waitFor({ timeout: 10_000 });
    expect(await hasScrollbars(page)).toBe(false);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows the final results once a contest has ended', async () => {
    const end = new Date(Date.now() + 30_000);
    const { contest } = await contestWithReps(6, {
      name: 'Lunchtime sprint',
      period: {
        kind: 'once',
        timeZone: 'Europe/Amsterdam',
        start: new Date(Date.now() - 3_600_000).toISOString(),
        end: end.toISOString(),
      },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Pizza for the team' } }], thresholds: [] },
    });
    const screen = await createScreen([contest.id], 10);
    const { page, errors } = await newTv();
    await pairByCode(page, screen.id);
    await expect(page.locator('.tv-countdown').isVisible()).resolves.toBe(true);
    await page.locator('.tv-slide__winners', { hasText: 'Final results' }).waitFor({ timeout: 40_000 });
    await expect(page.locator('.tv-countdown').count()).resolves.toBe(0);
    // The winners keep their places, the first named with the prize they won.
    await expect(page.locator('.tv-line').first().innerText()).resolves.toContain('Pizza for the team');
    expect(await names(page)).toHaveLength(3);
    await settle(page);
    await screenshot(page, 'tv-board-final');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('speaks Dutch when the board says so', async () => {
    const { contest } = await contestWithReps(4, { name: 'Meeste licenties deze week' });
    const screen = await createScreen([contest.id], 10, { language: 'nl' }, 'Verkoopvloer');
    const { page, errors } = await newTv({ width: 1920, height: 1080 }, 'en-US');
    await pairByCode(page, screen.id);
    await page.locator('.tv-countdown').waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('nl');
    const text = (await page.locator('main').innerText()).toLowerCase();
    expect(text).toContain('eindigt over');
    expect(text).toContain('licenties');
    expect(text).toMatch(/laatste verkoop/);
    for (const english of ['ends in', 'days', 'licenses', 'last sale', 'live'])
      expect(text).not.toContain(english);
    expect(errors).toEqual([]);
  });

  it('after the api was killed and started again, resyncs to the right standings with no stale or duplicated line', async () => {
    const { contest, source, reps } = await contestWithReps(10);
    const screen = await createScreen([contest.id], 10);
    const { page } = await newTv();
    await pairByCode(page, screen.id);
    await waitForNames(page, (n) => n.length === 5);

    await podium.kill();
    await page.locator('[data-status="reconnecting"]').waitFor({ timeout: 10_000 });
    await expect(page.locator('.tv-reconnecting').isVisible()).resolves.toBe(true);

    // While the TV is cut off, the standings change (through a second Podium on another port): the
    // TV hears nothing of it and must catch up from the snapshot after it reconnects.
    const other = await startPodium('all', { ...env(), PORT: String(await freePort()) });
    const otherApi = new PodiumApi(other.url);
    const [last, secondLast] = [reps[9]!, reps[8]!];
    expect(
      (
        await otherApi.postEvents([
          licenseSold(source, last.id, 100, recently(1), { rep: last }),
          licenseSold(source, secondLast.id, 50, recently(1), { rep: secondLast }),
        ])
      ).status,
    ).toBe(202);
    const expected = await otherApi.waitForStandings(
      contest.id,
      (s) => s.entries[0]?.rep?.externalId === last.id,
    );
    await other.stop();

    podium = await startPodium('all', env());
    api = new PodiumApi(podium.url);
    await page.locator('[data-status="live"]').waitFor({ timeout: 20_000 });
    const shown = await waitForNames(page, (n) => n[0] === last.name, 10_000);
    expect(shown).toEqual(expected.entries.slice(0, 5).map((e) => e.rep?.displayName));
    expect(new Set(shown).size).toBe(shown.length);
    await expect(page.locator('.tv-reconnecting').count()).resolves.toBe(0);
  }, 120_000);

  it('returns to pairing when its screen is revoked', async () => {
    const { contest } = await contestWithReps(3);
    const screen = await createScreen([contest.id], 10);
    const { page, errors } = await newTv();
    await pairByCode(page, screen.id);
    const revoked = await call<ScreenResponse>('POST', `/api/v1/screens/${screen.id}/revoke`);
    expect(revoked.status).toBe(200);
    await page.locator('[data-user-code]').waitFor({ timeout: 20_000 });
    await expect(page.evaluate(() => localStorage.getItem('podium.screen'))).resolves.toBeNull();
    // The one error a browser prints: the refused request that told the TV it was revoked.
    expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  }, 60_000);
});
