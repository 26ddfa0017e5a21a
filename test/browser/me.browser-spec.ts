import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type {
  ContestResponse,
  CreatedApiKeyResponse,
  PairedScreenResponse,
  SalesEventInput,
  ScreenResponse,
  StandingsResponse,
  UserResponse,
} from '#contracts';
import {
  licenseSold,
  PodiumApi,
  request,
  startPodium,
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
 * The rep's view (/me) on a phone, in Debian's Chromium against a real Podium (api, gateway and worker in
 * one process, PostgreSQL): a seeded sales team, a rep who signs in, events posted over HTTP with an API
 * key as a CRM sends them, the board a TV screen sees.
 */

const PHONE = { width: 390, height: 844 };
const PASSWORD = 'a long rep password';

const EN = appTexts('en');
const NL = appTexts('nl');

describe('the rep view', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  let api: PodiumApi;
  let key: string;
  let licenses: ContestResponse;
  let deals: ContestResponse;
  let lastWeek: ContestResponse;
  const source = uid('crm');
  const team = {
    sam: { id: uid('sam'), name: 'Sam Jansen' },
    ana: { id: uid('ana'), name: 'Ana de Vries' },
    bob: { id: uid('bob'), name: 'Bob Visser' },
    eva: { id: uid('eva'), name: 'Eva Bakker' },
    tom: { id: uid('tom'), name: 'Tom Smit' },
    lisa: { id: uid('lisa'), name: 'Lisa Mulder' },
  };
  const email = `${uid('ana')}@podium.test`;
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

  function sale(rep: { id: string; name: string }, quantity: number, hoursAgo: number): SalesEventInput {
    return licenseSold(source, rep.id, quantity, hours(-hoursAgo), { rep });
  }

  async function post(events: readonly SalesEventInput[]): Promise<void> {
    const answer = await request(`${podium.url}/api/v1/events`, 'POST', { events }, undefined, key);
    expect(answer.status).toBe(202);
  }

  beforeAll(async () => {
    // Every test signs in from the same address: the per-address login budget is raised for the suite
    // (the account lockout, tested below, stays at its default).
    podium = await startPodium('all', {
      DATABASE_URL: await freshDatabase('me'),
      RATE_LOGIN_PER_MINUTE: '500',
    });
    browser = await launchBrowser();
    api = new PodiumApi(podium.url);
    const created = await request<CreatedApiKeyResponse>(`${podium.url}/api/v1/api-keys`, 'POST', {
      name: 'CRM',
    });
    expect(created.status).toBe(201);
    key = created.body.key;
    // A week that is 3 days old, so the pace is worth telling.
    const period = {
      kind: 'once',
      timeZone: 'Europe/Amsterdam',
      start: hours(-72),
      end: hours(96),
    } as const;
    deals = await api.createContest({
      name: 'Top deals this week',
      filters: [{ field: 'source', op: 'eq', value: source }],
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      period,
    });
    licenses = await api.createContest({
      name: 'Most licenses this week',
      filters: [{ field: 'source', op: 'eq', value: source }],
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period,
      prizes: {
        ranks: [{ rank: 1, prize: { name: 'A weekend in Barcelona' } }],
        thresholds: [{ atLeast: 12, prize: { name: 'Team dinner' } }],
      },
    });
    // Last week's contest, already over: its period is finalised (no grace) and lands in Ana's history.
    // Its demos are in the ledger first: the contest's first rebuild counts them before it is finalised.
    await post([
      ...[100, 120, 150].map((ago) => ({
        id: uid('demo'),
        source,
        type: 'demo_booked' as const,
        rep: team.ana,
        occurredAt: hours(-ago),
      })),
      { id: uid('demo'), source, type: 'demo_booked' as const, rep: team.sam, occurredAt: hours(-130) },
    ]);
    lastWeek = await api.createContest({
      name: 'Most demos last week',
      filters: [{ field: 'source', op: 'eq', value: source }],
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'once', timeZone: 'Europe/Amsterdam', start: hours(-240), end: hours(-72) },
      gracePeriodMinutes: 0,
      prizes: { ranks: [{ rank: 1, prize: { name: 'A gift card' } }] },
    });
    // A busy company: more contests than one connection may watch (20), none of them scored by Ana yet.
    // Her own contests still come first and stay live.
    for (let i = 1; i <= 21; i += 1) {
      await api.createContest({
        name: `Most calls, region ${i}`,
        filters: [{ field: 'source', op: 'eq', value: uid('other') }],
        metric: { kind: 'count', eventTypes: ['call_logged'] },
        period,
      });
    }
    const ended = uid('deal');
    await post([
      sale(team.sam, 8, 50),
      sale(team.ana, 3, 49),
      sale(team.ana, 2, 20),
      // A sale Ana's CRM withdrew: it does not count, and the explanation says why.
      { ...sale(team.ana, 4, 30), id: ended },
      sale(team.bob, 3, 40),
      sale(team.eva, 2, 30),
      sale(team.tom, 1, 10),
      sale(team.lisa, 1, 5),
      {
        id: uid('deal'),
        source,
        type: 'deal_won',
        rep: team.ana,
        occurredAt: hours(-12),
        amount: { minor: 1_250_000, currency: 'EUR' },
      },
    ]);
    await post([{ ...sale(team.ana, 4, 30), id: ended, revision: 2, status: 'void' }]);
    await api.waitForStandings(
      licenses.id,
      (s) => s.entries.length === 6 && s.entries.find((e) => e.rep?.externalId === team.ana.id)?.score === 5,
    );
    await api.waitForStandings(deals.id, (s) => s.entries.length === 1);
    const user = await request<UserResponse>(`${podium.url}/api/v1/users`, 'POST', {
      email,
      password: PASSWORD,
      role: 'rep',
      rep: team.ana.id,
    });
    expect(user.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await podium?.stop();
  });

  /** A phone that signs in as Ana through the login page and lands on /me. */
  async function signedIn(locale = 'en-US'): Promise<WatchedPage> {
    const watched = await openPage(browser, { viewport: PHONE, locale, deviceScaleFactor: 2 });
    const { page } = watched;
    await page.goto(`${podium.url}/me`);
    await page.waitForURL(/\/login\?next=%2Fme$/);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/me$/);
    await page.locator('.contest').first().waitFor();
    return watched;
  }

  /** Every text the api gives the rep (their contests and results): the company's data, not the app's words. */
  async function dataOfRep(): Promise<string[]> {
    const login = await request<{ accessToken: string }>(
      `${podium.url}/api/v1/auth/login`,
      'POST',
      { email, password: PASSWORD },
      undefined,
      null,
    );
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const path of ['/api/v1/me/contests', '/api/v1/me/results']) {
      const answer = await request<unknown>(
        `${podium.url}${path}`,
        'GET',
        undefined,
        undefined,
        login.body.accessToken,
      );
      expect(answer.status).toBe(200);
      collect(answer.body);
    }
    return texts.filter((text) => text.length >= 3);
  }

  const card = (page: Page, name: string) =>
    page.locator('.contest').filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });

  it('signs in by email and password, and says so when the password is wrong', async () => {
    const { page, errors, context } = await openPage(browser, { viewport: PHONE, deviceScaleFactor: 2 });
    await page.goto(`${podium.url}/login?next=/me`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // The keyboard alone: type, Tab, type, Enter.
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password at all');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe(
      'That email and password do not match. Check them and try again.',
    );
    await expect(page.locator('input[name=password]').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(page.url()).toMatch(/\/login\?next=\/me$/);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'login');

    await page.locator('input[name=password]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/me$/);
    await page.locator('.contest').first().waitFor();
    // The refused attempt answered 401, which the browser logs as a failed request; nothing else.
    expect(errors.filter((e) => !/401 \(Unauthorized\)/.test(e))).toEqual([]);
    await context.close();
  });

  it('says the account is locked after repeated wrong passwords, and for how long', async () => {
    const locked = `${uid('locked')}@podium.test`;
    const created = await request(`${podium.url}/api/v1/users`, 'POST', {
      email: locked,
      password: PASSWORD,
      role: 'rep',
      rep: team.bob.id,
    });
    expect(created.status).toBe(201);
    const { page, errors, context } = await openPage(browser, { viewport: PHONE });
    await page.goto(`${podium.url}/login`);
    await page.locator('input[name=email]').fill(locked);
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.locator('input[name=password]').fill(`wrong password ${attempt}`);
      await page.keyboard.press('Enter');
      await page.locator('button[type=submit]', { hasText: 'Sign in' }).waitFor();
      await expect(alert.textContent()).resolves.toBe(
        'That email and password do not match. Check them and try again.',
      );
    }
    // Locked now: even the right password waits.
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('this account is locked for now').waitFor();
    await expect(alert.textContent()).resolves.toBe(
      'Too many wrong passwords: this account is locked for now. Try again in 15 minutes.',
    );
    expect(page.url()).toMatch(/\/login$/);
    expect(errors.filter((e) => !/401|429/.test(e))).toEqual([]);
    await context.close();
  });

  it('shows a seeded rep their rank, the gap to the next rank, the pace and the goals at 390x844', async () => {
    const { page, errors, context } = await signedIn();
    const licensesCard = card(page, 'Most licenses this week');
    await expect(licensesCard.locator('.hero__rank .hero__big').textContent()).resolves.toBe('#2');
    await expect(licensesCard.locator('.hero__rank .hero__of').textContent()).resolves.toBe('of 6');
    await expect(licensesCard.getByTestId('gap').textContent()).resolves.toBe('3 licenses behind Sam Jansen');
    await expect(licensesCard.getByTestId('pace').textContent()).resolves.toMatch(
      /^On pace for \d+ licenses by \w+day$/,
    );
    await expect(
      licensesCard
        .getByRole('progressbar', { name: 'Team dinner at 12 licenses' })
        .getAttribute('aria-valuenow'),
    ).resolves.toBe('5');
    await expect(licensesCard.locator('.around__row--me').textContent()).resolves.toContain('Ana de Vries');
    await expect(licensesCard.locator('.around__name').allTextContents()).resolves.toEqual([
      'Sam Jansen',
      'Ana de VriesYou',
      'Bob Visser',
    ]);
    await expect(licensesCard.getByRole('timer').textContent()).resolves.toMatch(
      /^3 days \d\d:\d\d:\d\d left$/,
    );
    // Money in the contest's currency.
    await expect(
      card(page, 'Top deals this week').locator('.hero__score .hero__big').textContent(),
    ).resolves.toBe('€12,500');
    // Nothing wider than the phone (the page scrolls down, never sideways).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'me');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains the score: the events that count and the one that does not, with the reason', async () => {
    const { page, errors, context } = await signedIn();
    await card(page, 'Most licenses this week').getByRole('button', { name: 'Explain my score' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your score explained' });
    await dialog.locator('.explain__total').waitFor();
    await expect(dialog.locator('.explain__total').textContent()).resolves.toBe(
      '5 licenses, from 2 events that count.',
    );
    await expect(
      dialog.locator('.events:not(.events--excluded) .event__points').allTextContents(),
    ).resolves.toEqual(['+3 licenses', '+2 licenses']);
    await expect(dialog.locator('.events--excluded .event__reason').allTextContents()).resolves.toEqual([
      'Withdrawn in the CRM.',
    ]);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'me-explain');
    await page.keyboard.press('Escape');
    await expect(dialog.isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves live when a sale is posted, without a reload', async () => {
    const { page, errors, context } = await signedIn();
    const licensesCard = card(page, 'Most licenses this week');
    await expect(licensesCard.getByTestId('gap').textContent()).resolves.toBe('3 licenses behind Sam Jansen');
    await page.locator('.live-badge--live').waitFor();
    const big = sale(team.ana, 4, 1);
    await post([big]);
    await licensesCard.locator('.hero__rank .hero__big', { hasText: '#1' }).waitFor({ timeout: 2_000 });
    await expect(licensesCard.getByTestId('gap').textContent()).resolves.toBe(
      'You lead Sam Jansen by 1 license.',
    );
    // The CRM withdraws it again: back to second, live.
    await post([{ ...big, revision: 2, status: 'void' }]);
    await licensesCard.locator('.hero__rank .hero__big', { hasText: '#2' }).waitFor({ timeout: 2_000 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides the rep from the TV boards with their own switch, and shows them again', async () => {
    const screen = await request<ScreenResponse & { pairing: { code: string } }>(
      `${podium.url}/api/v1/screens`,
      'POST',
      { name: 'Sales floor', contestIds: [licenses.id] },
    );
    expect(screen.status).toBe(201);
    const paired = await request<PairedScreenResponse>(
      `${podium.url}/api/v1/screens/pair`,
      'POST',
      { code: screen.body.pairing.code },
      undefined,
      null,
    );
    expect(paired.status).toBe(200);
    const onTv = async () => {
      const board = await request<StandingsResponse>(
        `${podium.url}/api/v1/contests/${licenses.id}/standings`,
        'GET',
        undefined,
        undefined,
        paired.body.token,
      );
      expect(board.status).toBe(200);
      return board.body.entries.map((e) => e.rep?.externalId);
    };
    const until = async (accept: (reps: (string | undefined)[]) => boolean) => {
      const deadline = Date.now() + 5_000;
      let reps = await onTv();
      while (!accept(reps) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        reps = await onTv();
      }
      return reps;
    };
    await expect(onTv()).resolves.toContain(team.ana.id);

    const { page, errors, context } = await signedIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/me\/settings$/);
    const toggle = page.getByRole('switch', { name: 'Hide me from TV boards' });
    await expect(toggle.isChecked()).resolves.toBe(false);
    await expect(page.locator('.switch + p').textContent()).resolves.toContain(
      'the office TVs leave you out',
    );
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    await toggle.check();
    await page.getByText('You are hidden from the TV boards.').waitFor();
    await expect(until((reps) => !reps.includes(team.ana.id))).resolves.not.toContain(team.ana.id);
    // Still competing: her own view keeps her rank.
    await page.getByRole('link', { name: 'Contests' }).click();
    await expect(
      card(page, 'Most licenses this week').locator('.hero__rank .hero__big').textContent(),
    ).resolves.toBe('#2');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('switch', { name: 'Hide me from TV boards' }).uncheck();
    await page.getByText('You are shown on the TV boards.').waitFor();
    await expect(until((reps) => reps.includes(team.ana.id))).resolves.toContain(team.ana.id);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('speaks Dutch throughout in a Dutch browser', async () => {
    const { page, errors, context } = await signedIn('nl-NL');
    const licensesCard = card(page, 'Most licenses this week');
    await expect(licensesCard.getByTestId('gap').textContent()).resolves.toBe(
      '3 licenties achter Sam Jansen',
    );
    await expect(licensesCard.getByTestId('pace').textContent()).resolves.toMatch(
      /^Op koers voor \d+ licenties op \w+dag$/,
    );
    await expect(
      card(page, 'Top deals this week').locator('.hero__score .hero__big').textContent(),
    ).resolves.toMatch(/^€\s12\.500$/);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    // No English text of the app anywhere on any of the three pages or in the explanation.
    const english = [...EN]
      .filter(([k, text]) => /^(me|common|login)\./.test(k) && NL.get(k) !== text)
      .flatMap(([, text]) => text.split(/\{\{\s*\w+\s*\}\}/))
      .map((part) => part.trim().replace(/[.:!]$/, ''))
      .filter((part) => part.length >= 6);
    // The data is the company's own (contest, prize and rep names, whatever the rep's contests hold,
    // including those other suites made in the shared test database): only the app's words must be Dutch.
    const data = [
      licenses.name,
      deals.name,
      ...Object.values(team).map((r) => r.name),
      ...(await dataOfRep()),
    ].sort((a, b) => b.length - a.length);
    const leftovers = async () => {
      let shown = await page.locator('body').innerText();
      for (const name of data) shown = shown.split(name).join('');
      return english.filter((text) => shown.includes(text));
    };
    await expect(leftovers()).resolves.toEqual([]);
    await licensesCard.getByRole('button', { name: 'Leg mijn score uit' }).click();
    await page.getByRole('dialog').locator('.explain__total').waitFor();
    // The seeded withdrawn sale (and the one the live test withdrew, when it ran first).
    const reasons = await page.locator('.events--excluded .event__reason').allTextContents();
    expect(reasons.length).toBeGreaterThan(0);
    expect(new Set(reasons)).toEqual(new Set(['Ingetrokken in het CRM.']));
    await expect(leftovers()).resolves.toEqual([]);
    await page.keyboard.press('Escape');
    for (const tab of ['Geschiedenis', 'Instellingen']) {
      await page.getByRole('link', { name: tab }).click();
      await page.getByRole('heading', { level: 1, name: tab }).waitFor();
      await expect(leftovers()).resolves.toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is installable, and opens offline from its shell with the last standings it kept', async () => {
    const manifest = (await (await fetch(`${podium.url}/manifest.webmanifest`)).json()) as {
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect([manifest.start_url, manifest.display]).toEqual(['/me', 'standalone']);
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
      const png = Buffer.from(await (await fetch(`${podium.url}${icon?.src ?? '-'}`)).arrayBuffer());
      // The PNG header's width and height (bytes 16-23) are the size the manifest says.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(size);
    }
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    const { page, context } = await signedIn();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Loaded once more under the worker's control, so it has every file of the page.
    await page.reload();
    await page.locator('.contest').first().waitFor();
    await page.waitForFunction(async () => {
      const cache = await caches.open('podium-shell-v2');
      return (await cache.keys()).some((r) => new URL(r.url).pathname.startsWith('/assets/'));
    });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Offline: showing your standings of' }).waitFor();
    await expect(
      card(page, 'Most licenses this week').locator('.hero__rank .hero__big').textContent(),
    ).resolves.toBe('#2');
    // Back online: it fetches again by itself and goes live.
    await context.setOffline(false);
    await page.locator('.live-badge--live').waitFor();
    await expect(page.getByText('Offline: showing your standings of').count()).resolves.toBe(0);
    await context.close();
  });

  it("lists the rep's past results and the prizes won", async () => {
    const login = await request<{ accessToken: string }>(
      `${podium.url}/api/v1/auth/login`,
      'POST',
      { email, password: PASSWORD },
      undefined,
      null,
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const results = await request<{ contestId: string; prizes: string[] }[]>(
        `${podium.url}/api/v1/me/results`,
        'GET',
        undefined,
        undefined,
        login.body.accessToken,
      );
      // Finalised, with its prize awarded.
      if (results.body.some((r) => r.contestId === lastWeek.id && r.prizes.length > 0)) break;
      if (Date.now() > deadline)
        throw new Error(`last week never finalised: ${JSON.stringify(results.body)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const { page, errors, context } = await signedIn();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await page.getByRole('heading', { name: '1 prize won' }).waitFor();
    await expect(page.locator('.trophy strong').allTextContents()).resolves.toEqual(['A gift card']);
    const row = page.locator('.result', { hasText: 'Most demos last week' });
    await expect(row.locator('.result__rank').textContent()).resolves.toBe('#1');
    await expect(row.locator('.result__score').textContent()).resolves.toBe('3');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'me-history');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a signed-in rep from the start page to their contests', async () => {
    const { page, errors, context } = await signedIn();
    await page.goto(`${podium.url}/`);
    await page.getByText(`Signed in as ${email}`).waitFor();
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.getByRole('link', { name: /My contests/ }).click();
    await page.waitForURL(/\/me$/);
    await page.locator('.contest').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs out from the settings, and /me asks to sign in again', async () => {
    const { page, errors, context } = await signedIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    await expect(page.evaluate(() => Object.keys(localStorage))).resolves.toEqual([]);
    await page.goto(`${podium.url}/me`);
    await page.waitForURL(/\/login\?next=%2Fme$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
