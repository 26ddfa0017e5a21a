import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import type { ContestResponse, SalesEventInput, UserResponse } from '#contracts';
import { PodiumApi, request, startPodium, freshDatabase, uid, type PodiumProcess } from '#testing';
import {
  describeViolations,
  launchBrowser,
  openPage,
  screenshot,
  seriousViolations,
  type WatchedPage,
} from './browser.js';

/**
 * The coaching view of the console in Debian's Chromium against a real Podium: a manager's team, each
 * rep's weeks against their own average, the stalled rep flagged for a 1:1, axe-core, the screenshot.
 */

const DESK = { width: 1440, height: 1000 };
const PASSWORD = 'a long manager password';
const ZONE = 'Europe/Amsterdam';

describe('the coaching view of the console', () => {
  let podium: PodiumProcess;
  let browser: Browser;
  let api: PodiumApi;
  const pages: WatchedPage[] = [];
  const created: string[] = [];
  const source = uid('crm');
  const team = { key: uid('coach').toLowerCase(), name: 'North' };
  const managerEmail = `lotte.${uid('m').slice(2, 8)}@podium.test`;
  const rep = (name: string) => ({ id: uid(name.split(' ')[0]?.toLowerCase() ?? 'rep'), name });
  const sanne = rep('Sanne de Vries');
  const daan = rep('Daan Jansen');
  const emma = rep('Emma Bakker');
  const lucas = rep('Lucas Visser');
  const julia = rep('Julia Smit');
  const everyone = [sanne, daan, emma, lucas, julia];

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${podium.url}${path}`, method, body);

  /** The Monday 00:00 (Amsterdam) that starts week `k` of the view: 0 the oldest, 7 the running one. */
  const weekStart = (k: number) =>
    DateTime.now()
      .setZone(ZONE)
      .startOf('week')
      .minus({ weeks: 7 - k });

  beforeAll(async () => {
    podium = await startPodium('all', {
      DATABASE_URL: await freshDatabase('coaching'),
      RATE_LOGIN_PER_MINUTE: '500',
    });
    api = new PodiumApi(podium.url);
    browser = await launchBrowser();
    expect((await call('POST', '/api/v1/teams', team)).status).toBe(201);
    for (const r of everyone) {
      expect(
        (await call('PUT', `/api/v1/reps/${r.id}`, { displayName: r.name, team: team.key })).status,
      ).toBe(200);
    }
    const manager = await call<UserResponse>('POST', '/api/v1/users', {
      email: managerEmail,
      password: PASSWORD,
      role: 'manager',
      teams: [team.key],
    });
    expect(manager.status).toBe(201);
    const contests: ContestResponse[] = [
      await api.createContest({
        name: uid('Demos booked'),
        metric: { kind: 'count', eventTypes: ['demo_booked'] },
        period: { kind: 'weekly', timeZone: ZONE, weekStartsOn: 1 },
        participants: { kind: 'teams', teams: [team.key] },
      }),
      await api.createContest({
        name: uid('Licenses'),
        metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
        period: { kind: 'weekly', timeZone: ZONE, weekStartsOn: 1 },
        participants: { kind: 'teams', teams: [team.key] },
      }),
      await api.createContest({
        name: uid('CRM hygiene'),
        metric: { kind: 'count', eventTypes: ['crm_next_step_set', 'crm_contact_updated'] },
        period: { kind: 'weekly', timeZone: ZONE, weekStartsOn: 1 },
        participants: { kind: 'teams', teams: [team.key] },
      }),
    ];
    created.push(...contests.map((c) => c.id));

    const events: SalesEventInput[] = [];
    const add = (r: { id: string; name: string }, type: string, at: DateTime, extra = {}) =>
      events.push({
        id: uid('e'),
        source,
        type,
        rep: { id: r.id, name: r.name },
        occurredAt: at.toUTC().toISO() ?? '',
        ...extra,
      });
    /** `n` events of a type on the Tuesday to Thursday of week `k`, during office hours. */
    const week = (r: { id: string; name: string }, k: number, type: string, n: number, extra = {}) => {
      for (let i = 0; i < n; i += 1)
        add(r, type, weekStart(k).plus({ days: 1 + (i % 3), hours: 9 + i }), extra);
    };
    // Sanne: 5 demos a week, 7 last week (+40%); 2 licenses a week, flat; tidy in the CRM.
    for (let k = 0; k < 7; k += 1) {
      week(sanne, k, 'demo_booked', k === 6 ? 7 : 5);
      week(sanne, k, 'license_sold', 1, { quantity: 2 });
      week(sanne, k, 'crm_next_step_set', 4);
    }
    week(sanne, 7, 'demo_booked', 1);
    // Daan: licenses up, demos down, CRM updates slipping.
    for (let k = 0; k < 7; k += 1) {
      week(daan, k, 'demo_booked', k === 6 ? 2 : 4);
      week(daan, k, 'license_sold', 1, { quantity: k === 6 ? 6 : 3 });
      week(daan, k, 'crm_contact_updated', k === 6 ? 1 : 5);
    }
    // Julia: steady demos and CRM, licenses down.
    for (let k = 0; k < 7; k += 1) {
      week(julia, k, 'demo_booked', 3);
      week(julia, k, 'license_sold', 1, { quantity: k === 6 ? 1 : 4 });
      week(julia, k, 'crm_next_step_set', 3);
    }
    // Emma: busy until 12 days ago, nothing since.
    for (let k = 0; k < 5; k += 1) {
      week(emma, k, 'demo_booked', 4);
      week(emma, k, 'license_sold', 1, { quantity: 3 });
    }
    add(emma, 'crm_next_step_set', DateTime.now().minus({ days: 12, hours: 2 }));
    // Lucas: started last week.
    week(lucas, 6, 'demo_booked', 3);
    week(lucas, 6, 'crm_next_step_set', 2);
    add(lucas, 'demo_booked', DateTime.now().minus({ hours: 3 }));
    const posted = await api.postEvents(events.filter((e) => Date.parse(e.occurredAt) < Date.now()));
    expect(posted.status).toBe(202);
  }, 120_000);

  afterAll(async () => {
    for (const id of created) await call('POST', `/api/v1/contests/${id}/archive`).catch(() => undefined);
    for (const { context } of pages) await context.close().catch(() => undefined);
    await browser?.close();
    await podium?.stop();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${podium.url}/login`);
    await page.locator('input[name=email]').fill(managerEmail);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${podium.url}/`);
    await page.locator('.c-nav').waitFor();
  }

  it("shows the stalled rep for a 1:1 and each rep's trend against their own average", async () => {
    const watched = await openPage(browser, { viewport: DESK });
    pages.push(watched);
    const { page, errors } = watched;
    await signIn(page);
    await page.goto(`${podium.url}/console/coaching`);
    await page.locator('.c-coach').waitFor();

    const stalled = page.getByTestId('stalled');
    await expect(stalled.textContent()).resolves.toContain('Emma Bakker: no activity for 12 days');
    await expect(page.locator(`[data-rep="${emma.id}"] .c-badge`).textContent()).resolves.toBe(
      'Time for a 1:1',
    );

    const card = page.locator(`[data-rep="${sanne.id}"]`);
    await expect(card.locator('.c-coach__prompt').textContent()).resolves.toBe(
      'Sanne de Vries: demos up 40% on their own average, licenses flat: ask what blocks the close.',
    );
    const demos = card.locator('.c-metric', { hasText: 'Demos' });
    await expect(demos.locator('.c-trend').textContent()).resolves.toContain('+40%');
    await expect(demos.locator('.c-metric__numbers strong').textContent()).resolves.toBe('7');
    await expect(demos.locator('svg').getAttribute('aria-label')).resolves.toBe(
      'Demos per week for Sanne de Vries',
    );
    await expect(page.locator(`[data-rep="${lucas.id}"] .c-coach__prompt`).textContent()).resolves.toMatch(
      /^Lucas Visser: new/,
    );
    // Reps by name, never ranked.
    const names = await page.locator('.c-coach__head strong').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));

    expect(describeViolations(await seriousViolations(page))).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'console-coaching');
    expect(errors).toEqual([]);
  }, 120_000);
});
