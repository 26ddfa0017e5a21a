import { describe, expect, it } from '@jest/globals';
import type { BoardContest, StandingEntry, StandingsMessage } from '#contracts';
import {
  applyMessage,
  entryKey,
  goalOf,
  layoutFor,
  needsNewPeriod,
  newestActivity,
  slideMode,
} from './board-state.js';

const WEEK1 = { start: '2026-03-02T00:00:00+01:00', end: '2026-03-09T00:00:00+01:00' };
const WEEK2 = { start: '2026-03-09T00:00:00+01:00', end: '2026-03-16T00:00:00+01:00' };
const END1 = Date.parse(WEEK1.end);

function rep(id: string, rank: number, score: number, extra: Partial<StandingEntry> = {}): StandingEntry {
  return {
    rank,
    rep: { id, externalId: id, displayName: `Rep ${id}` },
    score,
    reachedAt: '2026-03-03T09:00:00Z',
    gapToNext: null,
    ...extra,
  };
}

function message(version: number, period: typeof WEEK1, top: StandingEntry[]): StandingsMessage {
  return { contestId: 'c1', version, previousVersion: version - 1, period, top };
}

const contest: BoardContest = {
  id: 'c1',
  name: 'Most licenses',
  description: null,
  kind: 'leaderboard',
  status: 'live',
  periodKind: 'weekly',
  timeZone: 'Europe/Amsterdam',
  unit: { kind: 'count', eventType: 'license_sold' },
  target: null,
  prizes: [],
  paused: false,
};

describe('the TV board state', () => {
  it('takes a first snapshot as it is', () => {
    const m = message(1, WEEK1, [rep('a', 1, 3)]);
    const s = applyMessage(undefined, m, 'snapshot', 10, 300);
    expect(s).toEqual({ current: m, finished: null, receivedAt: 10, gains: new Map() });
    expect(slideMode(s, contest, END1 - 1)).toEqual({ mode: 'live', message: m });
  });

  it('notes who gained how much in an update, by rep, wherever they moved', () => {
    const s1 = applyMessage(
      undefined,
      message(1, WEEK1, [rep('a', 1, 3), rep('b', 2, 2)]),
      'snapshot',
      0,
      300,
    );
    const s2 = applyMessage(
      s1,
      message(2, WEEK1, [rep('b', 1, 5), rep('a', 2, 3), rep('c', 3, 1)]),
      'update',
      1,
      300,
    );
    expect([...s2.gains]).toEqual([
      ['rep:b', 3],
      ['rep:c', 1],
    ]);
    // A snapshot (a resync) is a fresh start: nothing to flash.
    const s3 = applyMessage(s2, message(9, WEEK1, [rep('b', 1, 6)]), 'snapshot', 2, 300);
    expect(s3.gains.size).toBe(0);
    expect(s3.current.top.map(entryKey)).toEqual(['rep:b']);
  });

  it('keeps the finished period on screen until the hold after its end, then the new period', () => {
    const last = message(5, WEEK1, [rep('a', 1, 9), rep('b', 2, 4)]);
    const s1 = applyMessage(undefined, last, 'update', 0, 300);
    // The period is over but the new one is not known yet: the board shows who won.
    expect(slideMode(s1, contest, END1)).toEqual({ mode: 'winners', message: last, final: false });
    expect(needsNewPeriod(s1, contest, END1 - 1)).toBe(false);
    expect(needsNewPeriod(s1, contest, END1)).toBe(true);
    const fresh = message(1, WEEK2, []);
    const s2 = applyMessage(s1, fresh, 'snapshot', END1 + 2000, 300);
    expect(s2.finished).toEqual({ message: last, until: END1 + 300_000 });
    expect(slideMode(s2, contest, END1 + 299_999)).toEqual({ mode: 'winners', message: last, final: false });
    expect(slideMode(s2, contest, END1 + 300_000)).toEqual({ mode: 'live', message: fresh });
    // Updates of the new period during the hold keep the hold.
    const s3 = applyMessage(s2, message(2, WEEK2, [rep('c', 1, 1)]), 'update', END1 + 3000, 300);
    expect(s3.finished).toBe(s2.finished);
    expect(needsNewPeriod(s3, contest, END1 + 3000)).toBe(false);
  });

  it.each([
    ['no hold configured', [rep('a', 1, 9)], 0],
    ['nobody scored in the finished period', [], 300],
  ])('shows the new period at once when %s', (_label, top, hold) => {
    const s1 = applyMessage(undefined, message(5, WEEK1, top), 'update', 0, hold);
    const s2 = applyMessage(s1, message(1, WEEK2, []), 'snapshot', END1 + 1, hold);
    expect(s2.finished).toBeNull();
    expect(slideMode(s2, contest, END1 + 1).mode).toBe('live');
  });

  it('shows only what is left of the hold to a TV that learns of the rollover late', () => {
    const s1 = applyMessage(undefined, message(5, WEEK1, [rep('a', 1, 9)]), 'update', 0, 300);
    const s2 = applyMessage(s1, message(1, WEEK2, []), 'snapshot', END1 + 600_000, 300);
    expect(slideMode(s2, contest, END1 + 600_000).mode).toBe('live');
  });

  it('calls a one-off contest that ended final, and never asks for a next period', () => {
    const once: BoardContest = { ...contest, periodKind: 'once' };
    const s = applyMessage(undefined, message(5, WEEK1, [rep('a', 1, 9)]), 'snapshot', 0, 300);
    expect(slideMode(s, once, END1 + 1)).toMatchObject({ mode: 'winners', final: true });
    expect(needsNewPeriod(s, once, END1 + 1)).toBe(false);
  });

  it('says how recent the newest score on any board is, never in the future', () => {
    const a = applyMessage(
      undefined,
      message(1, WEEK1, [rep('a', 1, 3, { reachedAt: '2026-03-03T09:00:00Z' })]),
      'snapshot',
      0,
      0,
    );
    const b = applyMessage(
      undefined,
      message(1, WEEK1, [rep('b', 1, 1, { reachedAt: '2026-03-03T09:05:00Z' })]),
      'snapshot',
      0,
      0,
    );
    const now = Date.parse('2026-03-03T09:06:00Z');
    expect(newestActivity([a, b], now)).toBe(Date.parse('2026-03-03T09:05:00Z'));
    expect(newestActivity([a, b], Date.parse('2026-03-03T09:01:00Z'))).toBe(
      Date.parse('2026-03-03T09:01:00Z'),
    );
    expect(
      newestActivity([applyMessage(undefined, message(1, WEEK1, []), 'snapshot', 0, 0)], now),
    ).toBeNull();
  });

  it.each([
    [1, 'podium'],
    [3, 'podium'],
    [4, 'list'],
    [12, 'list'],
    [13, 'grid'],
    [50, 'grid'],
  ] as const)('lays out %i lines as a %s', (count, kind) => {
    const layout = layoutFor(count);
    expect(layout.kind).toBe(kind);
    if (layout.kind === 'grid') {
      expect(layout.columns * layout.rows).toBeGreaterThanOrEqual(count);
      expect(layout.rows).toBeLessThanOrEqual(13);
    }
  });

  it.each([
    ['no target and no threshold prize', {}, rep('a', 1, 3), null],
    ['a race target', { target: 10 }, rep('a', 1, 3), { value: 3, max: 10, marks: [] }],
    [
      'threshold prizes (the highest is the goal, the others marks)',
      {
        prizes: [
          { name: 'Lunch', description: null, imageUrl: null, threshold: 5 },
          { name: 'Trip', description: null, imageUrl: null, threshold: 20 },
        ],
      },
      rep('a', 1, 3),
      { value: 3, max: 20, marks: [5] },
    ],
    ["a rep's own target", { target: 10 }, rep('a', 1, 3, { target: 4 }), { value: 3, max: 4, marks: [] }],
    [
      'percent of target',
      { unit: { kind: 'percent' } as const },
      rep('a', 1, 3, { percentToTarget: 62.5 }),
      { value: 62.5, max: 100, marks: [] },
    ],
  ])('fills a progress bar toward %s', (_label, over, entry, goal) => {
    expect(goalOf({ ...contest, ...over }, entry)).toEqual(goal);
  });
});
