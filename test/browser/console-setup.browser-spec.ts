import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { RepResponse, SessionResponse, TeamResponse, UserResponse } from '#contracts';
import { freshDatabase, licenseSold, request, startPodium, uid, type PodiumProcess } from '#testing';
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
 * The first run and the people pages of the console in Debian's Chromium against a real Podium started
 * on a database of its own with no admin: the setup link the api printed creates the admin in the
 * browser (and is refused in a second tab afterwards), the admin resets a manager's password, and the
 * review queue puts a rep an incoming event created into a team. axe-core on the setup page.
 */

const DESK = { width: 1440, height: 1000 };
const ADMIN = { email: 'first.admin@podium.test', password: 'the very first admin password' };
const LINK = /(http:\/\/[^\s"]+\/setup\?code=[A-Za-z0-9_-]{43})/;

const EN = appTexts('en');
const en = (key: string) => EN.get(key) ?? `<missing ${key}>`;

describe('the first run and the people pages of the console', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  const pages: WatchedPage[] = [];
  let adminToken = '';

  const call = <T>(method: string, path: string, body?: unknown, token: string | null = adminToken) =>
    request<T>(`${podium.url}${path}`, method, body, undefined, token);

  async function desk(): Promise<WatchedPage> {
    const watched = await openPage(browser, { viewport: DESK });
    pages.push(watched);
    return watched;
  }

  async function loaded(page: Page): Promise<void> {
    await page.locator('#page-title').first().waitFor();
    await page.waitForFunction(() => document.querySelector('.c-state[role=status]') === null);
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${podium.url}/login`);
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${podium.url}/`);
    await page.locator('.c-nav').waitFor();
  }

  async function apiLogin(email: string, password: string): Promise<string> {
    const answer = await call<SessionResponse>('POST', '/api/v1/auth/login', { email, password }, null);
    if (answer.status !== 200) throw new Error(`login of ${email}: ${answer.status}`);
    return answer.body.accessToken;
  }

  beforeAll(async () => {
    const database = await freshDatabase('browser_setup');
    podium = await startPodium('all', {
      DATABASE_URL: database,
      PODIUM_ADMIN_EMAIL: '',
      PODIUM_ADMIN_PASSWORD: '',
      RATE_LOGIN_PER_MINUTE: '500',
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  it('creates the first admin with the printed link, and refuses the link after that', async () => {
    const link = LINK.exec(podium.output())?.[1];
    expect(link).toBeDefined();
    const url = link!.replace('localhost', '127.0.0.1');
    const { page, errors } = await desk();
    const late = await desk();
    // Two tabs open the link; the first creates the admin, the second tries afterwards.
    await late.page.goto(url);
    await page.goto(url);
    await loaded(page);
    await expect(page.locator('#page-title').textContent()).resolves.toBe(en('console.setup.title'));
    const form = page.locator('form');
    await form.waitFor();
    await page.waitForTimeout(200);
    await screenshot(page, 'console-setup');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // The page checks the fields before sending anything.
    await page.getByLabel(en('login.email')).fill(ADMIN.email);
    await page.getByLabel(en('login.password'), { exact: true }).fill(ADMIN.password);
    await page.getByLabel(en('console.setup.repeat')).fill('something else entirely');
    await page.getByRole('button', { name: en('console.setup.create') }).click();
    await expect(page.locator('.c-field__error').first().textContent()).resolves.toBe(
      en('console.setup.mismatch'),
    );
    await expect(call('GET', '/api/v1/setup', undefined, null)).resolves.toMatchObject({
      body: { open: true },
    });

    await page.getByLabel(en('console.setup.repeat')).fill(ADMIN.password);
    await page.getByRole('button', { name: en('console.setup.create') }).click();
    // Created and signed in: the console.
    await page.waitForURL(`${podium.url}/`);
    await page.locator('.c-nav').waitFor();
    await expect(call('GET', '/api/v1/setup', undefined, null)).resolves.toMatchObject({
      body: { open: false },
    });
    adminToken = await apiLogin(ADMIN.email, ADMIN.password);
    const users = await call<UserResponse[]>('GET', '/api/v1/users');
    expect(users.body.map((u) => [u.email, u.role])).toEqual([[ADMIN.email, 'admin']]);

    // The second tab still shows the form: its use is refused, and nothing is created.
    await loaded(late.page);
    await late.page.getByLabel(en('login.email')).fill('second@podium.test');
    await late.page.getByLabel(en('login.password'), { exact: true }).fill(ADMIN.password);
    await late.page.getByLabel(en('console.setup.repeat')).fill(ADMIN.password);
    await late.page.getByRole('button', { name: en('console.setup.create') }).click();
    await expect(late.page.locator('[role=alert]').first().textContent()).resolves.toBe(
      en('console.setup.refused'),
    );
    expect((await call<UserResponse[]>('GET', '/api/v1/users')).body).toHaveLength(1);
    // Opened again, the link says Podium is set up.
    await late.page.goto(url);
    await loaded(late.page);
    await expect(late.page.getByText(en('console.setup.closed')).textContent()).resolves.toBe(
      en('console.setup.closed'),
    );
    expect(describeViolations(await seriousViolations(late.page))).toEqual([]);
    expect(errors.filter((e) => !/status of 40\d/.test(e))).toEqual([]);
  });

  it("resets a manager's password from the users page: their sessions end, the new one works", async () => {
    const email = `${uid('manager')}@podium.test`.toLowerCase();
    const password = 'the manager password before';
    const created = await call<UserResponse>('POST', '/api/v1/users', { email, password, role: 'manager' });
    expect(created.status).toBe(201);
    const managerToken = await apiLogin(email, password);

    const { page } = await desk();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${podium.url}/console/users`);
    await loaded(page);
    await page.getByRole('button', { name: `${en('console.common.edit')} ${email}` }).click();
    await page.getByRole('button', { name: en('console.users.resetPassword') }).click();
    const shown = page.locator('[data-testid=new-password]');
    await shown.waitFor();
    const next = (await shown.textContent()) ?? '';
    expect(next).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    expect((await call('GET', '/api/v1/me', undefined, managerToken)).status).toBe(401);
    expect((await call('POST', '/api/v1/auth/login', { email, password }, null)).status).toBe(401);
    await expect(apiLogin(email, next)).resolves.toMatch(/^pod_at_/);
  });

  it('puts a rep an incoming event created into a team from the review queue', async () => {
    const team = { key: uid('north').toLowerCase(), name: 'North' };
    expect((await call<TeamResponse>('POST', '/api/v1/teams', team)).status).toBe(201);
    const repId = uid('sanne');
    const posted = await call('POST', '/api/v1/events', {
      events: [
        licenseSold(uid('crm'), repId, 3, new Date().toISOString(), {
          rep: { id: repId, name: 'Sanne de Vries' },
        }),
      ],
    });
    expect(posted.status).toBe(202);

    const { page } = await desk();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${podium.url}/console/people/review`);
    await loaded(page);
    const row = page.locator('.c-review__row', { hasText: 'Sanne de Vries' });
    await row.waitFor();
    // The tab counts what waits.
    await expect(page.locator('.c-tabs__count').textContent()).resolves.toBe('1');
    await row.locator('select').first().selectOption(team.key);
    await row.locator('input.c-input').first().fill('AE');
    await page.waitForTimeout(200);
    await screenshot(page, 'console-review-queue');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await row.getByRole('button', { name: `${en('console.review.save')} Sanne de Vries` }).click();
    await page.getByText(en('console.review.done').replace('{{name}}', 'Sanne de Vries')).waitFor();
    await page.getByText(en('console.review.emptyTitle')).waitFor();

    const reps = (await call<RepResponse[]>('GET', '/api/v1/reps')).body;
    expect(reps.find((r) => r.externalId === repId)).toEqual({
      externalId: repId,
      displayName: 'Sanne de Vries',
      team: team.key,
      role: 'AE',
      isNew: false,
    });
  });
});
