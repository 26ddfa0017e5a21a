import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { ContestResponse, ManualAdjustment, UserResponse } from '#contracts';
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
 * Manual points from the manager's console, in Debian's Chromium against a real Podium (api, gateway and
 * worker in one process): refused at the reason field without a reason, then recorded with one, moving
 * the rep on the console's live board and showing, with the reason and who made it, in the rep's own
 * explanation on /me.
 */

const DESK = { width: 1440, height: 1000 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'a long enough password 42';

const EN = appTexts('en');
const en = (key: string) => EN.get(key) ?? `<missing ${key}>`;
const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe('manual points from the console', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  let api: PodiumApi;
  const pages: WatchedPage[] = [];
  const source = uid('crm');
  const team = uid('west').toLowerCase();
  const ana = { id: uid('ana'), name: 'Ana Kuipers' };
  const bob = { id: uid('bob'), name: 'Bob Hoekstra' };
  const managerEmail = `${uid('manager')}@podium.test`.toLowerCase();
  const repEmail = `${uid('bob')}@podium.test`.toLowerCase();
  let contest: ContestResponse;

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${podium.url}${path}`, method, body);

  async function open(viewport = DESK): Promise<WatchedPage> {
    const watched = await openPage(browser, {
      viewport,
      ...(viewport === PHONE ? { deviceScaleFactor: 2 } : {}),
    });
    pages.push(watched);
    return watched;
  }

  async function signIn(page: Page, email: string, next: string): Promise<void> {
    await page.goto(`${podium.url}/login?next=${encodeURIComponent(next)}`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${podium.url}${next}`);
  }

  const axe = async (page: Page) => describeViolations(await seriousViolations(page));

  beforeAll(async () => {
    podium = await startPodium('all', {
      DATABASE_URL: await freshDatabase('manual'),
      RATE_LOGIN_PER_MINUTE: '500',
    });
    api = new PodiumApi(podium.url);
    browser = await launchBrowser();
    expect((await call('POST', '/api/v1/teams', { key: team, name: 'West' })).status).toBe(201);
    for (const rep of [ana, bob]) {
      expect((await call('PUT', `/api/v1/reps/${rep.id}`, { displayName: rep.name, team })).status).toBe(200);
    }
    for (const user of [
      { email: managerEmail, role: 'manager', teams: [team] },
      { email: repEmail, role: 'rep', rep: bob.id },
    ]) {
      expect(
        (await call<UserResponse>('POST', '/api/v1/users', { ...user, password: PASSWORD })).status,
      ).toBe(201);
    }
    // A two-day contest around now, for this team, counting this suite's source only.
    contest = await api.createContest({
      name: 'Licenses at the fair',
      filters: [{ field: 'source', op: 'eq', value: source }],
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'once', timeZone: 'Europe/Amsterdam', start: hours(-24), end: hours(24) },
      participants: { kind: 'teams', teams: [team] },
    });
    const sales = await api.postEvents([
      licenseSold(source, ana.id, 5, hours(-2), { rep: ana }),
      licenseSold(source, bob.id, 3, hours(-1), { rep: bob }),
    ]);
    expect(sales.status).toBe(202);
    await api.waitForStandings(contest.id, (s) => s.total === 2);
  }, 120_000);

  afterAll(async () => {
    // Other suites share the test database: archive this suite's contest.
    if (contest !== undefined)
      await call('POST', `/api/v1/contests/${contest.id}/archive`).catch(() => undefined);
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  it('refuses points without a reason at the field, records them with one (the rep moves on the board and in /me), and retracts them', async () => {
    const { page, errors } = await open();
    await signIn(page, managerEmail, `/console/contests/${contest.id}/manual`);
    const form = page.locator('form').filter({ has: page.locator('textarea') });
    await form.waitFor();
    await page.getByRole('combobox', { name: en('console.people.rep'), exact: true }).selectOption(bob.id);
    await page.getByRole('textbox', { name: en('console.manual.points'), exact: true }).fill('4');
    // The hint says what the number means in the contest's unit.
    await page.getByText(en('console.manual.previewAdd').replace('{{amount}}', '4 licenses')).waitFor();
    const reason = page.getByRole('textbox', { name: en('console.manual.reason'), exact: true });
    await reason.fill('   ');
    await page.getByRole('button', { name: en('console.manual.add') }).click();
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.locator('.c-field--invalid').textContent()).resolves.toContain(
      en('console.manual.errors.reason'),
    );
    await expect(form.locator('.c-field--invalid').count()).resolves.toBe(1);
    // Refused at the field: nothing reached the ledger.
    await expect(
      call<ManualAdjustment[]>('GET', `/api/v1/contests/${contest.id}/manual-adjustments`).then(
        (a) => a.body,
      ),
    ).resolves.toEqual([]);
    expect(await axe(page)).toEqual([]);

    const why = 'Four licenses signed on paper at the fair';
    await reason.fill(why);
    await page.getByRole('button', { name: en('console.manual.add') }).click();
    await page.locator('.c-toast', { hasText: en('console.manual.done') }).waitFor();
    const item = page.locator('.c-feed__item', { hasText: why });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(bob.name);
    await expect(item.locator('strong').textContent()).resolves.toBe('+4 licenses');
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'console-manual');

    // The live board of the overview: Bob (3 + 4) passes Ana (5).
    await page.getByRole('link', { name: en('console.contest.tabs.overview') }).click();
    const names = page.locator('.c-board__row .c-board__name');
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('.c-board__row .c-board__name')].map((n) => n.textContent).join('|') ===
        expected,
      [bob.name, ana.name].join('|'),
    );
    await expect(names.allTextContents()).resolves.toEqual([bob.name, ana.name]);
    await expect(page.locator('.c-board__row .c-board__score').first().textContent()).resolves.toMatch(
      /^7\b/,
    );
    expect(errors).toEqual([]);

    // Bob's own explanation on his phone: the adjustment, its reason and who made it.
    const phone = await open(PHONE);
    await signIn(phone.page, repEmail, '/me');
    const card = phone.page
      .locator('.contest')
      .filter({ has: phone.page.getByRole('heading', { level: 2, name: contest.name, exact: true }) });
    await card.getByRole('button', { name: en('me.explain.open') }).click();
    const dialog = phone.page.getByRole('dialog', { name: en('me.explain.title') });
    await dialog.locator('.explain__total').waitFor();
    const manual = dialog.locator('.event', { hasText: en('me.explain.manual') });
    await expect(manual.locator('.event__points').textContent()).resolves.toBe('+4 licenses');
    await expect(manual.locator('.event__manual').textContent()).resolves.toBe(
      en('me.explain.manualBy').replace('{{reason}}', why).replace('{{by}}', managerEmail),
    );
    await expect(dialog.locator('.explain__total').textContent()).resolves.toMatch(/^7 licenses/);
    expect(await axe(phone.page)).toEqual([]);
    await screenshot(phone.page, 'me-explain-manual');
    expect(phone.errors).toEqual([]);

    // Retracted from the console: a void revision of the same event, and Ana leads again.
    await page.getByRole('link', { name: en('console.contest.tabs.manual') }).click();
    await page
      .getByRole('button', {
        name: en('console.manual.retractLabel').replace('{{name}}', bob.name).replace('{{reason}}', why),
      })
      .click();
    await page.locator('.c-feed__item--off', { hasText: why }).waitFor();
    await expect(
      call<ManualAdjustment[]>('GET', `/api/v1/contests/${contest.id}/manual-adjustments`).then((a) =>
        a.body.map((m) => [m.status, m.revision]),
      ),
    ).resolves.toEqual([['retracted', 2]]);
    await page.getByRole('link', { name: en('console.contest.tabs.overview') }).click();
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('.c-board__row .c-board__name')].map((n) => n.textContent).join('|') ===
        expected,
      [ana.name, bob.name].join('|'),
    );
    expect(errors).toEqual([]);
  });
});
