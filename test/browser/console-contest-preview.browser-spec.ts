import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { ContestResponse, ScreenResponse, UserResponse } from '#contracts';
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
 * A manager's contest in plain words and paused, in Debian's Chromium against a real Podium (api,
 * gateway and worker in one process): the form's preview sentence says the template's rules, and
 * pausing shows on the console and on a paired TV until it is resumed.
 */

const DESK = { width: 1440, height: 1000 };
const PASSWORD = 'a long manager password';

const EN = appTexts('en');
const en = (key: string) => {
  const text = EN.get(key);
  if (text === undefined) throw new Error(`no text ${key}`);
  return text;
};

describe('a contest in plain words, paused and resumed', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  const pages: WatchedPage[] = [];
  const created: string[] = [];
  const source = uid('crm');
  // The suite has a database of its own: plausible names, as the screenshots show them.
  const team = 'west';
  const rep = { id: 'sanne-de-vries', name: 'Sanne de Vries' };
  const managerEmail = 'lotte.bakker@podium.test';

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${podium.url}${path}`, method, body);

  async function open(viewport = DESK): Promise<WatchedPage> {
    const watched = await openPage(browser, { viewport });
    pages.push(watched);
    return watched;
  }

  async function loaded(page: Page): Promise<void> {
    await page.locator('#page-title').first().waitFor();
    await page.waitForFunction(() => document.querySelector('.c-state[role=status]') === null);
  }

  beforeAll(async () => {
    podium = await startPodium('all', {
      DATABASE_URL: await freshDatabase('preview'),
      RATE_LOGIN_PER_MINUTE: '500',
    });
    browser = await launchBrowser();
    expect((await call('POST', '/api/v1/teams', { key: team, name: 'West' })).status).toBe(201);
    expect((await call('PUT', `/api/v1/reps/${rep.id}`, { displayName: rep.name, team })).status).toBe(200);
    const manager = await call<UserResponse>('POST', '/api/v1/users', {
      email: managerEmail,
      password: PASSWORD,
      role: 'manager',
      teams: [team],
    });
    expect(manager.status).toBe(201);
    const sale = licenseSold(source, rep.id, 4, new Date(Date.now() - 60_000).toISOString(), {
      rep: { id: rep.id, name: rep.name },
    });
    expect((await new PodiumApi(podium.url).postEvents([sale])).status).toBe(202);
  }, 120_000);

  afterAll(async () => {
    // Other suites share the test database: archive what this one made.
    for (const id of created) await call('POST', `/api/v1/contests/${id}/archive`).catch(() => undefined);
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  it('says the rules of a weekly contest from a template, and shows a pause on the console and the TV', async () => {
    const { page, errors } = await open();
    await page.goto(`${podium.url}/login`);
    await page.locator('input[name=email]').fill(managerEmail);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${podium.url}/`);
    await loaded(page);

    await page
      .getByRole('link', { name: en('console.contests.new') })
      .first()
      .click();
    await loaded(page);
    await page.locator('[data-template="most-licenses-this-week"]').click();
    // A manager's contest is for their own teams: the sentence names the team.
    const expected =
      `Most licenses sold, Monday to Sunday, Amsterdam time, for team West; ` +
      'the winner gets Team lunch on us.';
    const preview = page.locator('[data-testid=contest-preview] .c-preview__text');
    await expect(preview.textContent({ timeout: 15_000 })).resolves.toBe(expected);
    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await screenshot(page, 'console-contest-preview');

    await page.locator('[data-action=publish]').click();
    await page.waitForURL(/\/console\/contests\/[0-9a-f-]{36}$/);
    const contestId = /contests\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    created.push(contestId);
    await page.locator('.c-page-header .c-badge[data-status=live]').waitFor();
    // The contest page leads with the same sentence, and the api says it in Dutch too.
    await expect(page.locator('.c-page-header').textContent()).resolves.toContain(expected);
    const stored = await call<ContestResponse>('GET', `/api/v1/contests/${contestId}`);
    expect(stored.body.preview.nl).toBe(
      `Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd, voor team West; ` +
        'de winnaar krijgt Team lunch on us.',
    );

    // A TV showing the contest, linked by the code it shows.
    const screen = await call<ScreenResponse>('POST', '/api/v1/screens', {
      name: 'West floor',
      contestIds: [contestId],
    });
    expect(screen.status).toBe(201);
    const tv = await open({ width: 1920, height: 1080 });
    await tv.page.goto(`${podium.url}/tv`);
    const code = await tv.page
      .locator('[data-user-code]')
      .getAttribute('data-user-code', { timeout: 15_000 });
    expect((await call('POST', `/api/v1/screens/${screen.body.id}/link`, { userCode: code })).status).toBe(
      200,
    );
    await tv.page.locator('.tv-slide__name').first().waitFor({ timeout: 15_000 });
    await expect(tv.page.locator('[data-testid=tv-paused]').count()).resolves.toBe(0);

    // Pause: the console says it is paused, and so does the TV, calmly.
    await page.locator('[data-action=pause]').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: en('console.contest.actions.pause') })
      .click();
    await page.locator('.c-page-header .c-badge--paused').waitFor();
    await expect(page.locator('.c-page-header .c-badge--paused').textContent()).resolves.toBe(
      en('console.status.paused'),
    );
    await expect(page.locator('.c-notice--warn').textContent()).resolves.toBe(
      en('console.contest.pausedNotice'),
    );
    const paused = tv.page.locator('[data-testid=tv-paused]');
    await paused.waitFor({ timeout: 15_000 });
    await expect(paused.textContent()).resolves.toBe(en('tv.slide.paused'));
    // Still the standings: the scores keep counting while paused.
    await tv.page.locator('.tv-line').first().waitFor({ timeout: 15_000 });
    await tv.page.waitForTimeout(300);
    await screenshot(tv.page, 'tv-paused');

    // Resume: both go back to live.
    await page.locator('[data-action=resume]').click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: en('console.contest.actions.resume') })
      .click();
    await page.locator('.c-page-header .c-badge[data-status=live]:not(.c-badge--paused)').waitFor();
    await expect(page.locator('.c-notice--warn').count()).resolves.toBe(0);
    await paused.waitFor({ state: 'detached', timeout: 15_000 });
    expect((await call<ContestResponse>('GET', `/api/v1/contests/${contestId}`)).body.paused).toBe(false);

    expect(errors).toEqual([]);
    expect(tv.errors).toEqual([]);
  });
});
