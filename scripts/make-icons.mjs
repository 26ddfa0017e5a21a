// Draws the app's PNG icons from apps/web/public/icon.svg in Debian's Chromium (playwright-core, never a
// downloaded browser): 192 and 512 px for the install prompt and home screens, plus a 512 px "maskable"
// one whose artwork sits inside the safe zone (the inner 80 %) on a full-bleed background, because
// Android crops it to a circle or a squircle. Run: node scripts/make-icons.mjs (commit the PNGs).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const publicDir = resolve(import.meta.dirname, '../apps/web/public');
const svg = readFileSync(join(publicDir, 'icon.svg'), 'utf8');
const background = /<rect[^>]*fill="(#[0-9a-fA-F]{3,8})"/.exec(svg)?.[1] ?? '#0b1020';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  for (const { file, size, maskable } of [
    { file: 'icon-192.png', size: 192, maskable: false },
    { file: 'icon-512.png', size: 512, maskable: false },
    { file: 'icon-maskable-512.png', size: 512, maskable: true },
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const art = maskable ? Math.round(size * 0.78) : size;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;` +
        `background:${maskable ? background : 'transparent'}">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${art}" height="${art}">` +
        `</body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: join(publicDir, file), omitBackground: !maskable });
    await page.close();
    process.stdout.write(`${file} (${size}x${size})\n`);
  }
} finally {
  await browser.close();
}
