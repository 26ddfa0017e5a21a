import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { startPodium, freshDatabase, type PodiumProcess } from '#testing';
import { describeViolations, launchBrowser, openPage, seriousViolations } from './browser.js';

describe('the start page', () => {
  let podium: PodiumProcess;
  let browser: Browser;

  beforeAll(async () => {
    podium = await startPodium('all', { DATABASE_URL: await freshDatabase('home') });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await podium?.stop();
  });

  it('tells a new visitor where to start, in English and in Dutch, accessibly and without errors', async () => {
    for (const [locale, heading] of [
      ['en-US', 'Getting started'],
      ['nl-NL', 'Aan de slag'],
    ] as const) {
      const { page, errors, context } = await openPage(browser, { locale });
      const response = await page.goto(`${podium.url}/`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { name: heading }).isVisible()).resolves.toBe(true);
      expect(describeViolations(await seriousViolations(page))).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('serves the same page at every face and a 404 page elsewhere', async () => {
    for (const path of ['/tv', '/tv/pair?code=X', '/me', '/login']) {
      const response = await fetch(`${podium.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
    const api = await fetch(`${podium.url}/api/v1/nothing-here`);
    expect(api.status).toBe(404);
  });
});
