import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import type {
  AdjustmentsResponse,
  ApiKeyResponse,
  ContestResponse,
  PeriodResultResponse,
  SalesEventInput,
  ScreenResponse,
  UserResponse,
} from '#contracts';
import {
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  TEST_ADMIN,
  freshDatabase,
  uid,
  type PodiumProcess,
} from '#testing';
import {
  appTexts,
  describeViolations,
  launchBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WatchedPage,
} from './browser.js';

/**
 * The manager's console (`/` for admins and managers, `/console/...`) in Debian's Chromium against a
 * real Podium (api, gateway and worker in one process, PostgreSQL): a contest from a template on a TV
 * paired by the code it shows, the form's checks at their fields, an API key shown once, post-close
 * adjustments and re-finalising, a manager's share of the console, axe-core on every page, Dutch.
 */

const DESK = { width: 1440, height: 1000 };
const MANAGER_PASSWORD = 'a long manager password';

const EN = appTexts('en');
const NL = appTexts('nl');
const en = (key: string) => EN.get(`console.${key}`) ?? `<missing console.${key}>`;
const nl = (key: string) => NL.get(`console.${key}`) ?? `<missing console.${key}>`;

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
  'Bram Kok',
  'Lisa Jacobs',
  'Maud Vermeulen',
  'Max van den Berg',
  'Roos van der Heijden',
];

const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('the manager console', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  let api: PodiumApi;
  const pages: WatchedPage[] = [];
  const source = uid('crm');
  const team = {
    key: uid('north')
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '-')
      .slice(0, 60),
    name: 'North',
  };
  // Plausible names, a different five each run.
  const reps = [...NAMES]
    .sort(() => Math.random() - 0.5)
    .slice(0, 5)
    .map((name) => ({ id: uid(name.split(' ')[0]!.toLowerCase()), name }));
  const managerEmail = `${uid('manager')}@podium.test`;

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${podium.url}${path}`, method, body);

  async function post(events: readonly SalesEventInput[]): Promise<void> {
    const answer = await api.postEvents(events);
    expect(answer.status).toBe(202);
  }

  async function desk(locale = 'en-US'): Promise<WatchedPage> {
    const watched = await openPage(browser, { viewport: DESK, locale });
    pages.push(watched);
    return watched;
  }

  /** Signs in through /login and lands on the console at `/`. */
  async function signIn(
    page: Page,
    email: string = TEST_ADMIN.email,
    password: string = TEST_ADMIN.password,
  ) {
    await page.goto(`${podium.url}/login`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${podium.url}/`);
    await page.locator('.c-nav').waitFor();
  }

  /** Waits until the page's data is in (no loading state left). */
  async function loaded(page: Page): Promise<void> {
    await page.locator('#page-title').first().waitFor();
    await page.waitForFunction(() => document.querySelector('.c-state[role=status]') === null);
  }

  async function axe(page: Page): Promise<string[]> {
    return describeViolations(await seriousViolations(page));
  }

  beforeAll(async () => {
    podium = await startPodium('all', {
      // A database of its own: the console (and its screenshots) shows this suite's organisation only.
      DATABASE_URL: await freshDatabase('console'),
      RATE_LOGIN_PER_MINUTE: '500',
      RATE_DEVICE_START_PER_MINUTE: '100',
    });
    api = new PodiumApi(podium.url);
    browser = await launchBrowser();
    expect((await call('POST', '/api/v1/teams', team)).status).toBe(201);
    for (const rep of reps) {
      expect(
        (await call('PUT', `/api/v1/reps/${rep.id}`, { displayName: rep.name, team: team.key })).status,
      ).toBe(200);
    }
    const manager = await call<UserResponse>('POST', '/api/v1/users', {
      email: managerEmail,
      password: MANAGER_PASSWORD,
      role: 'manager',
      teams: [team.key],
    });
    expect(manager.status).toBe(201);
    // This week's sales: the contests made from templates count them.
    await post(
      reps.map((rep, i) =>
        licenseSold(source, rep.id, 9 - i * 2, hours(-1 - i), { rep: { id: rep.id, name: rep.name } }),
      ),
    );
  }, 120_000);

  afterAll(async () => {
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  it('creates a weekly contest from a template and shows it on a TV paired by the code the TV shows', async () => {
    const { page, errors } = await desk();
    let clicks = 0;
    const click = async (target: Locator) => {
      await target.click();
      clicks += 1;
    };

    // A fresh start: the address `npm start` prints opens the start page.
    await page.goto(`${podium.url}/`);
    await click(page.locator('a[href="/login"]').first());
    await page.locator('input[name=email]').fill(TEST_ADMIN.email);
    await page.locator('input[name=password]').fill(TEST_ADMIN.password);
    await click(page.locator('button[type=submit]'));
    await page.waitForURL(`${podium.url}/`);
    await loaded(page);
    await expect(page.locator('#page-title').textContent()).resolves.toBe(en('contests.title'));

    await click(page.getByRole('link', { name: en('contests.new') }).first());
    await loaded(page);
    await click(page.locator('[data-template="most-licenses-this-week"]'));
    const name = page.locator('input[name=name]');
    await expect(name.inputValue()).resolves.toBe(en('templates.names.most-licenses-this-week'));
    // The rules in plain words, from the server when it describes them, else it says it cannot yet.
    const preview = page.locator('[data-testid=contest-preview]');
    await page.waitForFunction(
      (el) => el !== null && !/Checking/.test(el.textContent ?? ''),
      await preview.elementHandle(),
    );
    await expect(preview.textContent()).resolves.toMatch(/licen|plain words/i);
    await page.waitForTimeout(300);
    await screenshot(page, 'console-contest-form');
    expect(await axe(page)).toEqual([]);

    await click(page.locator('[data-action=publish]'));
    await page.waitForURL(/\/console\/contests\/[0-9a-f-]{36}$/);
    const contestId = /contests\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await page.locator('.c-page-header .c-badge[data-status=live]').waitFor();
    await page.locator('.c-board__row').first().waitFor({ timeout: 15_000 });

    await click(page.locator('[data-action=show-on-tv]'));
    await page.locator(`[data-playlist-contest="${contestId}"]`).waitFor();
    await page.locator('input[name=name]').fill('Sales floor');
    await click(page.locator('[data-action=save-board]'));
    await page.waitForURL(/\/console\/boards\/[0-9a-f-]{36}$/);
    const codeField = page.locator('#tv-code');
    await codeField.waitFor();

    // The TV, in another browser: no token, so it shows a code in large type.
    const tv = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    pages.push(tv);
    await tv.page.goto(`${podium.url}/tv`);
    const code = await tv.page
      .locator('[data-user-code]')
      .getAttribute('data-user-code', { timeout: 15_000 });
    expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    await codeField.pressSequentially(code!.replace('-', '').toLowerCase());
    await expect(codeField.inputValue()).resolves.toBe(code);
    await click(page.locator('[data-action=pair]'));
    await page.locator('[data-testid=paired]').waitFor();
    await expect(tv.page.locator('.tv-slide__name').first().textContent({ timeout: 15_000 })).resolves.toBe(
      en('templates.names.most-licenses-this-week'),
    );

    // From the start page to the contest live on a paired TV: 8 clicks (and 4 things typed).
    expect(clicks).toBe(8);

    await page.reload();
    await loaded(page);
    await page.locator('.c-pair .c-screen__status--on_air, .c-pair .c-screen__status--paired').waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'console-board-editor');
    expect(await axe(page)).toEqual([]);
    const screens = await call<ScreenResponse[]>('GET', '/api/v1/screens');
    const screen = screens.body.find((s) => s.name === 'Sales floor' && s.contestIds.includes(contestId));
    expect(screen?.paired).toBe(true);
    expect(errors).toEqual([]);
    expect(tv.errors).toEqual([]);
  });

  it('lists contests by status, with drafts, scheduled, live and final ones apart', async () => {
    await api.createContest({
      name: 'First to 10 demos',
      kind: 'target_race',
      target: 10,
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Weekend trip' } }] },
    });
    await api.createContest({
      name: 'Team revenue race',
      kind: 'team',
      teamScoring: 'average',
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      draft: true,
      prizes: { ranks: [{ rank: 1, prize: { name: 'Team dinner' } }] },
    });
    await api.createContest({
      name: 'Summer sprint',
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'once', timeZone: 'Europe/Amsterdam', start: hours(24 * 5), end: hours(24 * 12) },
      prizes: {
        ranks: [{ rank: 1, prize: { name: 'Concert tickets' } }],
        thresholds: [{ atLeast: 20, prize: { name: 'Bonus day off' } }],
      },
    });

    const { page, errors } = await desk();
    await signIn(page);
    await loaded(page);
    for (const status of ['live', 'scheduled', 'draft']) {
      await expect(
        page.locator(`.c-contest-card .c-badge[data-status=${status}]`).count(),
      ).resolves.toBeGreaterThan(0);
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'console-contests');
    expect(await axe(page)).toEqual([]);

    // Only the drafts, by the keyboard: Tab to the filter and press it.
    const draftFilter = page.locator('.c-tabs__tab', { hasText: en('status.draft') });
    await draftFilter.focus();
    await page.keyboard.press('Enter');
    await expect(draftFilter.getAttribute('aria-pressed')).resolves.toBe('true');
    const statuses = await page.$$eval('.c-contest-card .c-badge', (els) =>
      els.map((e) => (e as HTMLElement).dataset.status),
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['draft']));
    expect(errors).toEqual([]);
  });

  it('checks the form as you type, at the fields the api names, and locks the rules of a live contest', async () => {
    const { page, errors } = await desk();
    await signIn(page);
    await page.goto(`${podium.url}/console/contests/new?template=scratch`);
    await loaded(page);
    const name = page.locator('input[name=name]');
    await name.focus();
    await page.keyboard.press('Tab');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.locator('.c-field', { has: name }).locator('.c-field__error').textContent(),
    ).resolves.toBe(en('problems.name'));
    await name.fill('Race to ten demos');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('false');

    await page.getByRole('radio', { name: new RegExp(en('kinds.target_race')) }).check();
    const target = page.locator('input[name=target]');
    await target.fill('0');
    await target.blur();
    await expect(target.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(
      page.locator('.c-field', { has: target }).locator('.c-field__error').textContent(),
    ).resolves.toBe(en('problems.wholeFromOne'));

    // Two prizes for the same place: the second one's place is named, as prizes.ranks[1].rank.
    const addRank = page.getByRole('button', { name: en('form.prizes.add_ranks') });
    await addRank.click();
    await addRank.click();
    await page.locator('input[name="prizes.ranks[0].prize.name"]').fill('Weekend trip');
    await page.locator('input[name="prizes.ranks[1].prize.name"]').fill('Dinner');
    const second = page.locator('input[name="prizes.ranks[1].rank"]');
    await second.fill('1');
    await second.blur();
    await expect(second.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('[data-prize-row="ranks-1"] .c-field__error').textContent()).resolves.toBe(
      en('problems.rankTaken'),
    );

    // Submitting with problems sends nothing and says how many fields need attention.
    await page.locator('[data-action=publish]').click();
    await expect(page.locator('.c-form > .c-notice--error').textContent()).resolves.toBe(
      (EN.get('console.form.fixProblems_other') ?? '').replace('{{count}}', '2'),
    );
    expect(page.url()).toMatch(/\/console\/contests\/new/);
    await target.fill('10');
    await second.fill('2');
    await page.getByRole('button', { name: en('form.saveDraft') }).click();
    await page.waitForURL(/\/console\/contests\/[0-9a-f-]{36}$/);
    await page.locator('.c-page-header .c-badge[data-status=draft]').waitFor();
    const draftId = /contests\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const draft = await call<ContestResponse>('GET', `/api/v1/contests/${draftId}`);
    expect(draft.body).toMatchObject({
      name: 'Race to ten demos',
      kind: 'target_race',
      target: 10,
      status: 'draft',
    });
    expect(draft.body.prizes.ranks.map((r) => [r.rank, r.prize.name])).toEqual([
      [1, 'Weekend trip'],
      [2, 'Dinner'],
    ]);

    // A live contest: its rules are locked and say why; its name and prizes still change.
    const live = await api.createContest({
      name: 'Most calls today',
      metric: { kind: 'count', eventTypes: ['call_logged'] },
      period: { kind: 'daily', timeZone: 'Europe/Amsterdam' },
    });
    await page.goto(`${podium.url}/console/contests/${live.id}/edit`);
    await loaded(page);
    const zone = page.locator('input[name="period.timeZone"]');
    await expect(zone.isDisabled()).resolves.toBe(true);
    await expect(
      page.locator('.c-field', { has: zone }).locator('.c-field__locked').textContent(),
    ).resolves.toMatch(/^Locked/);
    expect(await axe(page)).toEqual([]);
    await page.locator('input[name=name]').fill('Most calls today!');
    await page.getByRole('button', { name: en('form.save') }).click();
    await page.waitForURL(`${podium.url}/console/contests/${live.id}`);
    await expect(page.locator('#page-title').textContent()).resolves.toMatch(/^Most calls today!/);
    expect(errors).toEqual([]);
  });

  it('shows a new API key exactly once, with a copy button, restricted to the types chosen', async () => {
    const { page, errors, context } = await desk();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page);
    await page.getByRole('link', { name: en('nav.apiKeys') }).click();
    await loaded(page);
    await page.getByRole('button', { name: en('keys.new') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=name]').fill('HubSpot');
    await dialog.getByRole('switch', { name: en('keys.restrict') }).check();
    await dialog.getByRole('checkbox', { name: /deal_won/ }).check();
    expect(await axe(page)).toEqual([]);
    await dialog.locator('[data-action=create-key]').click();

    const shown = page.locator('[data-testid=key-value]');
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^pod_key_/);
    await page.getByRole('button', { name: en('keys.copy') }).click();
    await page.getByRole('button', { name: en('keys.copied') }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    expect(await axe(page)).toEqual([]);

    // The key works, for the types it was given.
    const deal = {
      id: uid('deal'),
      source,
      type: 'deal_won',
      rep: { id: reps[0]!.id, name: reps[0]!.name },
      occurredAt: hours(-1),
      amount: { minor: 120_000, currency: 'EUR' },
    };
    const accepted = await request(`${podium.url}/api/v1/events`, 'POST', deal, undefined, key);
    expect(accepted.status).toBe(202);
    const refused = await request(
      `${podium.url}/api/v1/events`,
      'POST',
      licenseSold(source, reps[0]!.id, 1, hours(-1)),
      undefined,
      key,
    );
    expect(refused.status).toBe(403);

    // Done: gone from the page, and nowhere to be found again (the list shows a prefix).
    await page.getByRole('button', { name: en('keys.done') }).click();
    await expect(page.content()).resolves.not.toContain(key);
    await page.reload();
    await loaded(page);
    const row = page.locator('tr', { hasText: 'HubSpot' }).first();
    await row.waitFor();
    await expect(page.content()).resolves.not.toContain(key);
    const listed = await call<ApiKeyResponse[]>('GET', '/api/v1/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(errors).toEqual([]);
  });

  it('shows post-close adjustments with the prizes they move, and re-finalises after a confirmation', async () => {
    const [sanne, daan] = [reps[0]!, reps[1]!];
    const closing = uid('src');
    const big = { id: uid('sale'), source: closing };
    // Last week's sales, then last week's contest: it counts them, is final at once (no grace) and
    // awards Sanne the prize.
    await post([
      { ...licenseSold(closing, sanne.id, 6, hours(-100), { rep: sanne }), id: big.id },
      licenseSold(closing, daan.id, 4, hours(-90), { rep: daan }),
    ]);
    const contest = await api.createContest({
      name: 'Most licenses last week',
      filters: [{ field: 'source', op: 'eq', value: closing }],
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'once', timeZone: 'Europe/Amsterdam', start: hours(-170), end: hours(-72) },
      gracePeriodMinutes: 0,
      prizes: { ranks: [{ rank: 1, prize: { name: 'A weekend in Barcelona' } }] },
    });
    const deadline = Date.now() + 30_000;
    let periods: PeriodResultResponse[] = [];
    while (Date.now() < deadline) {
      periods = (await call<PeriodResultResponse[]>('GET', `/api/v1/contests/${contest.id}/periods`)).body;
      if (periods[0]?.awards.length === 1) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(periods[0]?.awards[0]?.winner.name).toBe(sanne.name);
    // Sanne's big sale is withdrawn after the close: an adjustment, the winners stay until re-finalised.
    await post([
      {
        ...licenseSold(closing, sanne.id, 6, hours(-100), { rep: sanne }),
        id: big.id,
        revision: 2,
        status: 'void',
      },
    ]);
    for (const end = Date.now() + 30_000; Date.now() < end;) {
      const pending = await call<AdjustmentsResponse>('GET', `/api/v1/contests/${contest.id}/adjustments`);
      if (pending.body.periods.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const { page, errors } = await desk();
    await signIn(page);
    await page.goto(`${podium.url}/console/contests/${contest.id}/adjustments`);
    await loaded(page);
    const period = page.locator('[data-adjusted-period]').first();
    await expect(period.locator('.c-prize-changes').textContent()).resolves.toMatch(
      new RegExp(
        `${en('adjustments.wouldLose')}.*${sanne.name}.*${en('adjustments.wouldWin')}.*${daan.name}`,
      ),
    );
    expect(await axe(page)).toEqual([]);
    await period.getByRole('button', { name: en('adjustments.refinalise') }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.textContent()).resolves.toContain(daan.name);
    expect(await axe(page)).toEqual([]);
    await dialog.getByRole('button', { name: en('adjustments.refinalise') }).click();
    await page.getByText(en('adjustments.emptyTitle')).waitFor();

    await page.getByRole('link', { name: en('contest.tabs.history') }).click();
    await expect(page.locator('.c-award-list').first().textContent()).resolves.toContain(daan.name);
    const after = await call<PeriodResultResponse[]>('GET', `/api/v1/contests/${contest.id}/periods`);
    expect(after.body[0]).toMatchObject({ finalisation: 2 });
    expect(after.body[0]?.awards[0]?.winner.name).toBe(daan.name);
    expect(errors).toEqual([]);
  });

  it('gives a manager their part: contests for their teams, people, the audit log; no admin areas', async () => {
    const { page, errors } = await desk();
    await signIn(page, managerEmail, MANAGER_PASSWORD);
    const nav = await page.locator('.c-nav').textContent();
    expect(nav).toContain(en('nav.contests'));
    expect(nav).toContain(en('nav.people'));
    expect(nav).not.toContain(en('nav.boards'));
    expect(nav).not.toContain(en('nav.apiKeys'));
    expect(nav).not.toContain(en('nav.users'));
    await page.goto(`${podium.url}/console/contests/new?template=most-leads-this-week`);
    await loaded(page);
    await expect(
      page.getByRole('radio', { name: en('form.participantsOptions.everyone') }).isDisabled(),
    ).resolves.toBe(true);
    await expect(page.getByRole('checkbox', { name: team.name }).isChecked()).resolves.toBe(true);
    await page.locator('input[name=name]').fill('North: most leads this week');
    await page.locator('[data-action=publish]').click();
    await page.waitForURL(/\/console\/contests\/[0-9a-f-]{36}$/);
    const id = /contests\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const made = await call<ContestResponse>('GET', `/api/v1/contests/${id}`);
    expect(made.body.participants).toEqual({ kind: 'teams', teams: [team.key] });
    await page.getByRole('link', { name: en('nav.audit') }).click();
    await loaded(page);
    await expect(page.locator('.c-audit').textContent()).resolves.toContain('North: most leads this week');
    expect(errors).toEqual([]);
  });

  it('passes axe-core on every console page, by the keyboard too, and logs no errors', async () => {
    const contest = await api.createContest({
      name: 'Most demos this week',
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Gift card' } }] },
    });
    const screen = await call<ScreenResponse>('POST', '/api/v1/screens', {
      name: 'Kitchen',
      contestIds: [contest.id],
    });
    expect(screen.status).toBe(201);
    const { page, errors } = await desk();
    await signIn(page);
    const paths = [
      '/',
      '/console/contests/new',
      '/console/contests/new?template=first-to-10-demos',
      `/console/contests/${contest.id}`,
      `/console/contests/${contest.id}/history`,
      `/console/contests/${contest.id}/adjustments`,
      `/console/contests/${contest.id}/manual`,
      `/console/contests/${contest.id}/edit`,
      '/console/boards',
      '/console/boards/new',
      `/console/boards/${screen.body.id}`,
      '/console/people',
      '/console/people/teams',
      '/console/people/review',
      '/console/users',
      '/console/api-keys',
      '/console/audit',
      '/console/coaching',
    ];
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${podium.url}${path}`);
      await loaded(page);
      for (const v of await axe(page)) found.push(`${path}: ${v}`);
    }
    // Dialogs too: a new user.
    await page.goto(`${podium.url}/console/users`);
    await loaded(page);
    await page.getByRole('button', { name: en('users.new') }).click();
    await page.getByRole('dialog').waitFor();
    for (const v of await axe(page)) found.push(`users dialog: ${v}`);
    // Escape closes it and the keyboard reaches the navigation.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    expect(found).toEqual([]);

    // The skip link is the first stop of the keyboard, and it leads to the page's content.
    await page.goto(`${podium.url}/console/audit`);
    await loaded(page);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('c-skip');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');

    // The first-run page, signed out.
    const signedOut = await desk();
    await signedOut.page.goto(`${podium.url}/setup?code=abc`);
    await signedOut.page.locator('#page-title').waitFor();
    await signedOut.page.waitForFunction(() => document.querySelector('.c-state[role=status]') === null);
    expect(await axe(signedOut.page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(signedOut.errors).toEqual([]);
  }, 300_000);

  it('speaks Dutch throughout, and switches language from the top bar', async () => {
    const { page, errors } = await desk('nl-NL');
    await signIn(page);
    await loaded(page);
    await expect(page.locator('#page-title').textContent()).resolves.toBe(nl('contests.title'));
    // No English text of the console on these pages (every text the two languages spell differently).
    const english = [...EN]
      .filter(
        ([key, text]) =>
          key.startsWith('console.') &&
          // Template names become the names of contests (data, in the language they were made in).
          !key.startsWith('console.templates.names.') &&
          text.length >= 12 &&
          !text.includes('{{') &&
          NL.get(key) !== text,
      )
      .map(([, text]) => text);
    for (const path of [
      '/',
      '/console/contests/new?template=most-licenses-this-week',
      '/console/boards/new',
      '/console/api-keys',
      '/console/people',
      '/console/audit',
    ]) {
      await page.goto(`${podium.url}${path}`);
      await loaded(page);
      const visible = await page.locator('body').innerText();
      expect([path, english.filter((text) => visible.includes(text))]).toEqual([path, []]);
    }
    await expect(page.locator('.c-nav').textContent()).resolves.toContain(nl('nav.boards'));
    await page.locator('.c-lang select').selectOption('en');
    await expect(page.locator('.c-nav').textContent()).resolves.toContain(en('nav.boards'));
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    expect(errors).toEqual([]);
  });
});
