import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import {
  CHANNEL_MOMENTS,
  WS_MOMENT,
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  type ContestResponse,
  type MomentMessage,
  type MomentsNotice,
  type SalesEventInput,
  type ScreenResponse,
  type SubscribeAck,
} from '#contracts';
import { runMigrations } from '#persistence';
import {
  deleteRedisKeys,
  freePort,
  PodiumApi,
  request,
  startPodium,
  freshDatabase,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  type PodiumProcess,
} from '#testing';
import { describeViolations, launchBrowser, openPage, screenshot, seriousViolations } from './browser.js';

/**
 * Celebrations on the TV, end to end: an api and a worker sharing Redis, a deal posted over HTTP, the
 * worker's moment carried on the bus to the gateway and the TV. A redelivered moment (the same notice
 * published on the bus again, as a scoring job that ran twice would) reaches the browser but is not
 * cheered a second time.
 */
describe('celebrations on the office TV', () => {
  const prefix = uniquePrefix('tvmoments');
  const source = uid('src');
  let server: PodiumProcess;
  let port: number;
  // A database of its own: the boards (and their screenshots) show this suite's sales team only.
  let database: string;
  const env = () => ({
    DATABASE_URL: database,
    REDIS_URL: TEST_REDIS_URL,
    PODIUM_KEY_PREFIX: prefix,
    PORT: String(port),
  });
  let worker: PodiumProcess;
  let api: PodiumApi;
  let browser: Browser;
  let bus: Redis;
  let publisher: Redis;
  let contest: ContestResponse;
  let screen: ScreenResponse;
  const published: string[] = [];

  const call = <T>(method: string, path: string, body?: unknown) =>
    request<T>(`${server.url}${path}`, method, body);

  const deal = (rep: { id: string; name: string }, euros: number, secondsAgo = 1): SalesEventInput => ({
    id: uid('deal'),
    source,
    type: 'deal_won',
    rep,
    occurredAt: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    amount: { minor: euros * 100, currency: 'EUR' },
  });

  const reps = [
    'Sanne de Vries',
    'Daan Jansen',
    'Emma Bakker',
    'Lucas Visser',
    'Julia Smit',
    'Noah Meijer',
  ].map((name) => ({ id: uid('rep'), name }));

  beforeAll(async () => {
    port = await freePort();
    database = await freshDatabase('tv_moments');
    // The api and the worker run as separate roles here, and neither migrates: migrate it first.
    await runMigrations(database);
    [server, worker] = await Promise.all([startPodium('api', env()), startPodium('worker', env())]);
    api = new PodiumApi(server.url);
    // Listen to the bus as the gateways do, to hand the same notice over once more later.
    bus = new Redis(TEST_REDIS_URL);
    publisher = new Redis(TEST_REDIS_URL);
    await bus.subscribe(`${prefix}:${CHANNEL_MOMENTS}`);
    bus.on('message', (_channel: string, message: string) => published.push(message));
    contest = await api.createContest(
      weeklyContest(source, {
        name: 'Biggest revenue this week',
        metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      }),
    );
    const seeds = reps.map((rep, i) => deal(rep, 4_800 - i * 700, 600 - i));
    expect((await api.postEvents(seeds)).status).toBe(202);
    await api.waitForStandings(contest.id, (s) => s.total === reps.length);
    const created = await call<ScreenResponse>('POST', '/api/v1/screens', {
      name: 'Sales floor',
      contestIds: [contest.id],
      topN: 10,
    });
    expect(created.status).toBe(201);
    screen = created.body;
    const patched = await call<ScreenResponse>('PATCH', `/api/v1/screens/${screen.id}`, {
      settings: { bigDeal: { amount: 1_000_000, currency: 'EUR' }, celebrations: { sound: true } },
    });
    expect(patched.status).toBe(200);
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    bus?.disconnect();
    publisher?.disconnect();
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  /** Every celebration that appeared on the page, in order (a new element per showing). */
  const shown = (page: Page) =>
    page.evaluate(() => (window as unknown as { celebrations: string[] }).celebrations.slice());

  it('cheers a big deal full screen, once, even when the moment is delivered again', async () => {
    const { page, errors, context } = await openPage(browser, { viewport: { width: 1920, height: 1080 } });
    await page.addInitScript(() => {
      const seen = new WeakSet<Element>();
      const w = window as unknown as { celebrations: string[] };
      w.celebrations = [];
      new MutationObserver(() => {
        for (const element of document.querySelectorAll('[data-celebration]')) {
          if (seen.has(element)) continue;
          seen.add(element);
          w.celebrations.push(element.getAttribute('data-celebration') ?? '');
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}/tv`);
    const code = await page.locator('[data-user-code]').getAttribute('data-user-code', { timeout: 15_000 });
    expect((await call('POST', `/api/v1/screens/${screen.id}/link`, { userCode: code })).status).toBe(200);
    await page.locator('.tv-line').first().waitFor({ timeout: 15_000 });

    // A second client on the screen's token sees what the gateway sends, duplicates included.
    const token = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('podium.screen'))) ?? 'null',
    ) as string;
    const raw: Socket = io(`${server.url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token },
      reconnectionDelay: 200,
    });
    const delivered: MomentMessage[] = [];
    const acks: SubscribeAck[] = [];
    raw.on(WS_MOMENT, (m: MomentMessage) => delivered.push(m));
    raw.on('connect', () => {
      raw.emit(WS_SUBSCRIBE, { contestId: contest.id }, (ack: SubscribeAck) => acks.push(ack));
    });
    await waitFor(() => acks.some((a) => a.ok), 10_000);

    // The fourth closes a deal of €12,500: a big deal, and the lead.
    const hero = reps[3]!;
    expect((await api.postEvents([deal(hero, 12_500)])).status).toBe(202);
    const celebration = page.locator('[data-celebration]');
    await celebration.waitFor({ timeout: 5_000 });
    await expect(celebration.getAttribute('data-kind')).resolves.toBe('big_deal');
    const text = await celebration.innerText();
    expect(text).toContain(hero.name);
    expect(text).toMatch(/€12,500/);
    await page.waitForTimeout(1200);
    await screenshot(page, 'tv-celebration');
    expect(describeViolations(await seriousViolations(page))).toEqual([]);

    // Wait until everything the deal brought has been cheered and the board is back.
    await page.waitForFunction(() => document.querySelector('[data-celebration]') === null, undefined, {
      timeout: 30_000,
    });
    const first = await shown(page);
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(new Set(first).size).toBe(first.length);
    const kinds = new Set(delivered.map((m) => m.kind));
    expect(kinds.has('big_deal')).toBe(true);

    // A redelivery after the TV's connection was renewed: the api restarts (the worker stays), so the
    // gateway's memory of what each socket was sent is gone; then the same moments come once more on the
    // bus, as a scoring job that ran twice would send them. They reach the browser, and the TV, which
    // remembers what it cheered, does not cheer them again.
    await server.kill();
    await page.locator('[data-status="reconnecting"]').waitFor({ timeout: 10_000 });
    const acked = acks.length;
    server = await startPodium('api', env());
    await page.locator('[data-status="live"]').waitFor({ timeout: 20_000 });
    await waitFor(() => acks.length > acked, 15_000);
    expect(published.length).toBeGreaterThan(0);
    const before = delivered.length;
    for (const message of published.slice()) {
      const notice = JSON.parse(message) as MomentsNotice;
      expect(notice.moments.length).toBeGreaterThan(0);
      await publisher.publish(`${prefix}:${CHANNEL_MOMENTS}`, message);
    }
    await waitFor(() => delivered.length > before, 5_000);
    expect(delivered.slice(before).map((m) => m.id)).toEqual(expect.arrayContaining([...new Set(first)]));
    await page.waitForTimeout(1500);
    await expect(page.locator('[data-celebration]').count()).resolves.toBe(0);
    expect(await shown(page)).toEqual(first);
    raw.disconnect();
    // The only errors: the browser's own notes of the connection refused while the api was down.
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED/.test(e))).toEqual([]);
    await context.close();
  }, 90_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await new Promise((r) => setTimeout(r, 25));
  }
}
