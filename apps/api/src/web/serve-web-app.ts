import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';

/** The built web app (`npm run build` writes it): dist/web, next to dist/apps. */
export const WEB_DIR = resolve(import.meta.dirname, '../../../../web');

/** The paths that open a face of the web app; each gets the same page, which picks its face. */
const PAGES = [
  /^\/$/,
  /^\/login\/?$/,
  /^\/me(\/.*)?$/,
  /^\/tv(\/.*)?$/,
  /^\/console(\/.*)?$/,
  /^\/setup\/?$/,
];

/**
 * Serves the web app from the api's own origin: hashed assets cached for a year, the page itself never
 * (a new build is picked up at the next load). Without a build, the pages answer 503 naming the fix.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_DIR): void {
  const indexFile = resolve(dir, 'index.html');
  let index: string | null = null;
  const page = (): string | null => {
    if (index === null && existsSync(indexFile)) index = readFileSync(indexFile, 'utf8');
    return index;
  };
  app.use(
    '/assets',
    express.static(resolve(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!PAGES.some((pattern) => pattern.test(request.path))) return next();
    const html = page();
    response.setHeader('Cache-Control', 'no-cache');
    if (html === null) {
      response.status(503).type('text/plain').send('The web app is not built: run `npm run build`.\n');
      return;
    }
    response.type('html').send(html);
  });
  // The files of public/ (icons, manifest, service worker): revalidated at each load.
  app.use(
    express.static(dir, {
      index: false,
      maxAge: 0,
      setHeaders: (r) => r.setHeader('Cache-Control', 'no-cache'),
    }),
  );
}
