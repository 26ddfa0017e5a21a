import { describe, expect, it } from '@jest/globals';
import type { MomentMessage } from '#contracts';
import {
  advanceMoments,
  EMPTY_MOMENT_QUEUE,
  filterMoments,
  MOMENT_MAX_AGE_MS,
  MOMENT_REMEMBER_MAX,
  MOMENT_SHOW_MS,
  msUntilNextMoment,
  receiveMoment,
  type MomentFilter,
  type MomentQueue,
} from './moment-queue.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function moment(id: string, overrides: Partial<MomentMessage> = {}): MomentMessage {
  return {
    id,
    contestId: 'c1',
    kind: 'new_leader',
    at: new Date(T0).toISOString(),
    emittedAt: new Date(T0).toISOString(),
    rep: { externalId: 'ann', displayName: 'Ann Smith' },
    team: null,
    score: 5,
    amount: null,
    currency: null,
    eventType: 'license_sold',
    rank: 1,
    prize: null,
    ...overrides,
  };
}

const ALL: MomentFilter = {
  enabled: true,
  kinds: ['big_deal', 'new_leader', 'target_reached', 'prize_won'],
  contestIds: new Set(['c1', 'c2']),
};
const at = (now: number, serverOffsetMs = 0) => ({ now, serverOffsetMs });
const shownId = (q: MomentQueue) => q.showing?.moment.id ?? null;

describe('the celebration queue', () => {
  it('shows a fresh moment at once', () => {
    const q = receiveMoment(EMPTY_MOMENT_QUEUE, moment('m1'), ALL, at(T0 + 500));
    expect(shownId(q)).toBe('m1');
    expect(q.showing?.since).toBe(T0 + 500);
    expect(msUntilNextMoment(q, T0 + 500)).toBe(MOMENT_SHOW_MS);
  });

  it('never overlaps: the next one waits until the first has shown its full time', () => {
    let q = receiveMoment(EMPTY_MOMENT_QUEUE, moment('m1'), ALL, at(T0));
    q = receiveMoment(q, moment('m2'), ALL, at(T0 + 1000));
    q = receiveMoment(q, moment('m3'), ALL, at(T0 + 1500));
    expect(shownId(q)).toBe('m1');
    expect(q.waiting.map((w) => w.moment.id)).toEqual(['m2', 'm3']);
    expect(advanceMoments(q, at(T0 + MOMENT_SHOW_MS - 1))).toBe(q);
    q = advanceMoments(q, at(T0 + MOMENT_SHOW_MS));
    expect(shownId(q)).toBe('m2');
    q = advanceMoments(q, at(T0 + 2 * MOMENT_SHOW_MS));
    expect(shownId(q)).toBe('m3');
    q = advanceMoments(q, at(T0 + 3 * MOMENT_SHOW_MS));
    expect(q.showing).toBeNull();
    expect(msUntilNextMoment(q, T0 + 3 * MOMENT_SHOW_MS)).toBeNull();
  });

  it('cheers a redelivered moment only once, whether it is on screen, waiting or long gone', () => {
    let q = receiveMoment(EMPTY_MOMENT_QUEUE, moment('m1'), ALL, at(T0));
    q = receiveMoment(q, moment('m2'), ALL, at(T0 + 100));
    const onScreen = receiveMoment(q, moment('m1'), ALL, at(T0 + 200));
    expect(onScreen).toBe(q);
    const waiting = receiveMoment(q, moment('m2'), ALL, at(T0 + 300));
    expect(waiting).toBe(q);
    q = advanceMoments(advanceMoments(q, at(T0 + MOMENT_SHOW_MS)), at(T0 + 2 * MOMENT_SHOW_MS));
    expect(q.showing).toBeNull();
    const later = T0 + 2 * MOMENT_SHOW_MS + 1000;
    const redelivered = receiveMoment(
      q,
      moment('m1', { emittedAt: new Date(later).toISOString() }),
      ALL,
      at(later),
    );
    expect(redelivered.showing).toBeNull();
    expect(redelivered.waiting).toEqual([]);
  });

  it.each([
    ['emitted just within the age limit', MOMENT_MAX_AGE_MS, 0, true],
    ['emitted a moment too long ago', MOMENT_MAX_AGE_MS + 1, 0, false],
    [
      'old by our clock but fresh by the server clock (the TV clock runs ahead)',
      MOMENT_MAX_AGE_MS + 30_000,
      -30_000,
      true,
    ],
    ['fresh by our clock but old by the server clock (the TV clock runs behind)', 10_000, 55_000, false],
  ])('a moment %s is shown: %s', (_label, ageMs, serverOffsetMs, shown) => {
    const emittedAt = new Date(T0).toISOString();
    const q = receiveMoment(
      EMPTY_MOMENT_QUEUE,
      moment('m1', { emittedAt }),
      ALL,
      at(T0 + ageMs, serverOffsetMs),
    );
    expect(shownId(q) === 'm1').toBe(shown);
  });

  it('drops a moment that waited in the queue until it went stale', () => {
    let q = EMPTY_MOMENT_QUEUE;
    // Ten moments in one second: at 7 s each the last ones would show more than a minute late.
    for (let i = 0; i < 10; i++) {
      q = receiveMoment(
        q,
        moment(`m${i}`, { emittedAt: new Date(T0 + i * 100).toISOString() }),
        ALL,
        at(T0 + i * 100),
      );
    }
    const shown: string[] = [];
    for (let now = T0; now < T0 + 200_000; now += 500) {
      q = advanceMoments(q, at(now));
      const id = shownId(q);
      if (id !== null && shown[shown.length - 1] !== id) shown.push(id);
    }
    expect(shown.length).toBeLessThan(10);
    expect(shown).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8'].slice(0, shown.length));
    expect(q.showing).toBeNull();
    expect(q.waiting).toEqual([]);
  });

  it.each([
    ['celebrations are off', { ...ALL, enabled: false }, moment('m1')],
    ['the kind is not celebrated', { ...ALL, kinds: ['big_deal'] as const }, moment('m1')],
    ['the contest is not on the playlist', ALL, moment('m1', { contestId: 'other' })],
  ])('ignores a moment when %s', (_label, filter, m) => {
    const q = receiveMoment(EMPTY_MOMENT_QUEUE, m, filter, at(T0));
    expect(q.showing).toBeNull();
    expect(q.waiting).toEqual([]);
    expect(q.seen.has('m1')).toBe(true);
  });

  it('forgets what the board no longer celebrates when its settings change', () => {
    let q = receiveMoment(EMPTY_MOMENT_QUEUE, moment('m1'), ALL, at(T0));
    q = receiveMoment(
      q,
      moment('m2', { kind: 'big_deal', amount: 500_000, currency: 'EUR' }),
      ALL,
      at(T0 + 1),
    );
    q = receiveMoment(q, moment('m3', { contestId: 'c2' }), ALL, at(T0 + 2));
    const onlyDeals = filterMoments(q, { ...ALL, kinds: ['big_deal'] });
    expect(onlyDeals.showing).toBeNull();
    expect(onlyDeals.waiting.map((w) => w.moment.id)).toEqual(['m2']);
    expect(filterMoments(q, ALL)).toBe(q);
    const oneContest = filterMoments(q, { ...ALL, contestIds: new Set(['c1']) });
    expect(shownId(oneContest)).toBe('m1');
    expect(oneContest.waiting.map((w) => w.moment.id)).toEqual(['m2']);
    expect(filterMoments(q, { ...ALL, enabled: false })).toMatchObject({ showing: null, waiting: [] });
  });

  it('remembers a bounded number of ids, forgetting the oldest first', () => {
    let q = EMPTY_MOMENT_QUEUE;
    for (let i = 0; i < MOMENT_REMEMBER_MAX + 10; i++) {
      q = receiveMoment(q, moment(`m${i}`, { contestId: 'other' }), ALL, at(T0 + i));
    }
    expect(q.seen.size).toBe(MOMENT_REMEMBER_MAX);
    expect(q.seen.has('m0')).toBe(false);
    expect(q.seen.has(`m${MOMENT_REMEMBER_MAX + 9}`)).toBe(true);
  });

  it('property: whatever arrives, nothing shows twice, nothing shows stale, and shows never overlap', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 50; run++) {
      let q = EMPTY_MOMENT_QUEUE;
      const shows: { id: string; since: number }[] = [];
      let now = T0;
      for (let step = 0; step < 200; step++) {
        now += Math.floor(random() * 3000);
        if (random() < 0.4) {
          const id = `m${Math.floor(random() * 30)}`;
          const emittedAt = new Date(now - Math.floor(random() * 90_000)).toISOString();
          q = receiveMoment(q, moment(id, { emittedAt }), ALL, at(now));
        } else {
          q = advanceMoments(q, at(now));
        }
        const current = q.showing;
        if (current !== null && shows[shows.length - 1]?.since !== current.since) {
          shows.push({ id: current.moment.id, since: current.since });
          expect(now + 0 - Date.parse(current.moment.emittedAt)).toBeLessThanOrEqual(MOMENT_MAX_AGE_MS);
        }
      }
      const ids = shows.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 1; i < shows.length; i++) {
        expect(shows[i]!.since - shows[i - 1]!.since).toBeGreaterThanOrEqual(MOMENT_SHOW_MS);
      }
    }
  });
});
