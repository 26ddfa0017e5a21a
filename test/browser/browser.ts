/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags that keep it
 * off the network. `CHROMIUM_PATH` overrides where it is.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors seen so far. */
  readonly errors: string[];
}

/** A new page (its own storage) that records console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; deviceScaleFactor?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

const AXE = readFileSync(resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}

/** Runs axe-core inside the page; returns the serious and critical violations (expected: none). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the devtools protocol: the page's own CSP (no inline scripts) stays in force.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context?: unknown) => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line per violation, for a readable assertion failure. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

export const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

/** A screenshot for the docs (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = resolve(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Whether the page shows scrollbars (its content is larger than the viewport). */
export async function hasScrollbars(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1;
  });
}

type TextTree = { [key: string]: string | TextTree };
function flatten(tree: TextTree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else flatten(value, path, out);
  }
  return out;
}

/** The web app's texts in one language by their dotted keys (`console.nav.contests` → "Contests"). */
export function appTexts(lang: 'en' | 'nl'): Map<string, string> {
  const file = resolve(import.meta.dirname, `../../apps/web/src/i18n/${lang}.json`);
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as TextTree);
}
