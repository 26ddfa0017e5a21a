import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_INPUT_BOUNDS, ROUTE_INPUT_BOUNDS, WS_INPUT_BOUNDS, type InputBounds } from '#contracts';
import { compileRoutes, routeBounds } from './route-bounds.js';

/** The bounds table of docs/API.md, as `route -> bounds` (a row may name several routes). */
function documentedBounds(): Map<string, string> {
  const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/API.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Bounds on every body'), doc.indexOf('### Null'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| route'));
  const table = new Map<string, string>();
  for (const row of rows.filter((r) => !/^\|[\s-|]+$/.test(r))) {
    const [routes = '', ...cells] = row
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const routeNames = [...routes.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    for (const route of routeNames.length > 0 ? routeNames : [routes]) table.set(route, cells.join(' | '));
  }
  return table;
}

const size = (bytes: number | null) =>
  bytes === null
    ? '`BODY_LIMIT` (2 MiB)'
    : bytes >= 1024 * 1024
      ? `${bytes / 1024 / 1024} MiB`
      : `${bytes / 1024} KiB`;
const row = (b: InputBounds) =>
  [size(b.bodyBytes), b.depth, b.keys, b.items, b.chars]
    .map((v) => (typeof v === 'number' ? v.toLocaleString('en-US') : v))
    .join(' | ');

describe('the input bounds table', () => {
  it('is the one docs/API.md shows, route by route', () => {
    const documented = documentedBounds();
    const expected = new Map<string, string>([
      ...Object.entries(ROUTE_INPUT_BOUNDS).map(([route, bounds]): [string, string] => [route, row(bounds)]),
      ['every other route', row(DEFAULT_INPUT_BOUNDS)],
      ['websocket messages', row(WS_INPUT_BOUNDS)],
    ]);
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(expected));
  });
});

describe(compileRoutes.name, () => {
  const match = compileRoutes({ 'PATCH /api/v1/teams/{key}': 'team', 'POST /api/v1/auth/login': 'login' });

  it.each([
    ['PATCH', '/api/v1/teams/north', 'team'],
    ['patch', '/API/V1/TEAMS/north/', 'team'],
    ['POST', '/api/v1/auth/login', 'login'],
    ['POST', '/Api/V1/Auth/Login/', 'login'],
    ['GET', '/api/v1/auth/login', null],
    ['PATCH', '/api/v1/teams/north/extra', null],
    ['PATCH', '/api/v1/teams/', null],
    ['POST', '/api/v1/auth/loginx', null],
  ])('%s %s finds %s, as Express routes it', (method, path, found) => {
    expect(match(method, path)).toBe(found);
  });

  it('gives routes outside the table the default bounds', () => {
    expect(routeBounds('POST', '/api/v1/contests/abc/publish')).toBe(DEFAULT_INPUT_BOUNDS);
    expect(routeBounds('PUT', '/api/v1/reps/valueOf')).toBe(
      ROUTE_INPUT_BOUNDS['PUT /api/v1/reps/{externalId}'],
    );
  });
});
