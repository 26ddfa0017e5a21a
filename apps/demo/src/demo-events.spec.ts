import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { EVENT_TYPE_MEASURES, EVENT_TYPES } from '#contracts';
import {
  activityAt,
  backfillEvents,
  dealAmount,
  DEMO_DAY_MS,
  DemoEventStream,
  demoHourAt,
  licenseQuantity,
  MAX_WAIT_MS,
  MIN_WAIT_MS,
  waitAt,
  weekStartOf,
} from './demo-events.js';
import { DEMO_REPS, DEMO_TIME_ZONE } from './demo-organisation.js';
import { seededRandom } from './random.js';

describe('activityAt', () => {
  it.each([
    [7.5, 'before the day', 0, 0],
    [18.5, 'after the day', 0, 0],
    [10.5, 'mid-morning', 0.9, 1],
    [14.5, 'mid-afternoon', 0.8, 1],
    [12.5, 'over lunch', 0.15, 0.5],
    [8.1, 'early', 0.15, 0.45],
  ])('is about right at %s (%s)', (hour, _label, low, high) => {
    expect(activityAt(hour)).toBeGreaterThanOrEqual(low);
    expect(activityAt(hour)).toBeLessThanOrEqual(high);
  });

  it('peaks higher mid-morning and mid-afternoon than over lunch or at the edges', () => {
    expect(activityAt(10.5)).toBeGreaterThan(activityAt(12.5));
    expect(activityAt(14.5)).toBeGreaterThan(activityAt(12.5));
    expect(activityAt(12.5)).toBeGreaterThan(activityAt(8.1) - 0.2);
    expect(activityAt(10.5)).toBeGreaterThan(activityAt(17.8));
  });
});

describe('demoHourAt', () => {
  const start = new Date('2026-03-02T10:00:00Z');
  it.each([
    [0, 9],
    [DEMO_DAY_MS / 10, 10],
    [DEMO_DAY_MS * 0.9, 8],
    [DEMO_DAY_MS, 9],
  ])('is the compressed day: %d ms after the start is %d h', (ms, hour) => {
    expect(demoHourAt(new Date(start.getTime() + ms), start)).toBeCloseTo(hour, 6);
  });
});

describe('waitAt', () => {
  it('waits about a second at the peaks and longer when it is quiet', () => {
    const random = seededRandom(1);
    const peak = Array.from({ length: 200 }, () => waitAt(10.5, random));
    const quiet = Array.from({ length: 200 }, () => waitAt(8.05, random));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(peak)).toBeLessThan(1_300);
    expect(mean(quiet)).toBeGreaterThan(2_000);
  });

  it('always waits between one and three seconds', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 24, noNaN: true }), fc.integer(), (hour, seed) => {
        const wait = waitAt(hour, seededRandom(seed));
        return wait >= MIN_WAIT_MS && wait <= MAX_WAIT_MS;
      }),
    );
  });
});

describe('dealAmount', () => {
  it('makes big deals rarer than small ones: the median near €3,500, a long thin tail', () => {
    const random = seededRandom(7);
    const amounts = Array.from({ length: 5_000 }, () => dealAmount(random)).sort((a, b) => a - b);
    const median = amounts[2_500] ?? 0;
    const share = (min: number, max: number) =>
      amounts.filter((a) => a >= min && a < max).length / amounts.length;
    expect(median).toBeGreaterThan(250_000);
    expect(median).toBeLessThan(450_000);
    expect(share(0, 500_000)).toBeGreaterThan(share(1_000_000, Infinity) * 3);
    expect(share(1_000_000, Infinity)).toBeGreaterThan(0.05);
    expect(share(1_000_000, Infinity)).toBeLessThan(0.25);
    expect(share(5_000_000, Infinity)).toBeLessThan(0.01);
  });

  it('is whole euros in steps of €50 between €250 and €250,000', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.5, max: 2, noNaN: true }), (seed, drive) => {
        const minor = dealAmount(seededRandom(seed), drive);
        return Number.isInteger(minor) && minor % 5_000 === 0 && minor >= 25_000 && minor <= 25_000_000;
      }),
    );
  });
});

describe('licenseQuantity', () => {
  it('is mostly one or two, never more than 12', () => {
    const random = seededRandom(3);
    const quantities = Array.from({ length: 2_000 }, () => licenseQuantity(random));
    expect(quantities.filter((q) => q <= 2).length / quantities.length).toBeGreaterThan(0.7);
    expect(Math.max(...quantities)).toBeLessThanOrEqual(12);
    expect(Math.min(...quantities)).toBe(1);
  });
});

describe(DemoEventStream.name, () => {
  const start = new Date('2026-03-03T09:00:00Z');

  it('sends valid events, mostly new ones, with corrections and reversals of earlier sales', () => {
    const stream = new DemoEventStream(DEMO_REPS, seededRandom(11), 'run', start);
    const sent = new Map<string, { revision: number; void: boolean }>();
    const kinds = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      const { event, kind, waitMs } = stream.next(new Date(start.getTime() + i * 2_000));
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      expect(waitMs).toBeGreaterThanOrEqual(MIN_WAIT_MS);
      expect(EVENT_TYPES).toContain(event.type);
      const measure = EVENT_TYPE_MEASURES[event.type as (typeof EVENT_TYPES)[number]];
      if (measure === 'amount') expect(event.amount?.minor).toBeGreaterThan(0);
      if (measure === 'quantity') expect(event.quantity).toBeGreaterThan(0);
      const earlier = sent.get(event.id);
      if (kind === 'new') {
        expect(earlier).toBeUndefined();
      } else {
        // A correction or a reversal: the same sale, a higher revision, never after a reversal.
        expect(earlier).toBeDefined();
        expect(earlier?.void).toBe(false);
        expect(event.revision).toBeGreaterThan(earlier?.revision ?? 1);
        expect(event.status === 'void').toBe(kind === 'reversal');
      }
      sent.set(event.id, { revision: event.revision ?? 1, void: event.status === 'void' });
    }
    expect(kinds.get('new') ?? 0).toBeGreaterThan(1_700);
    expect(kinds.get('correction') ?? 0).toBeGreaterThan(50);
    expect(kinds.get('reversal') ?? 0).toBeGreaterThan(20);
  });

  it('gives the stars more of the sales', () => {
    const stream = new DemoEventStream(DEMO_REPS, seededRandom(5), 'run', start);
    const perRep = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) {
      const { event } = stream.next(start);
      perRep.set(event.rep.id, (perRep.get(event.rep.id) ?? 0) + 1);
    }
    expect(perRep.get('priya-sharma') ?? 0).toBeGreaterThan((perRep.get('milan-dekker') ?? 0) * 1.8);
  });
});

describe('backfillEvents', () => {
  const weekStart = DateTime.fromISO('2026-03-02T00:00:00', { zone: DEMO_TIME_ZONE });

  it('gives the same events for the same week, whenever it runs', () => {
    const wednesday = new Date('2026-03-04T12:00:00Z');
    const friday = new Date('2026-03-06T17:00:00Z');
    const early = backfillEvents(DEMO_REPS, weekStart, wednesday, seededRandom(42));
    const late = backfillEvents(DEMO_REPS, weekStart, friday, seededRandom(42));
    expect(early.length).toBeGreaterThan(100);
    expect(late.length).toBeGreaterThan(early.length);
    expect(late.slice(0, early.length)).toEqual(early);
  });

  it('has only events before now, in working hours, on weekdays', () => {
    const now = new Date('2026-03-05T10:30:00Z');
    const events = backfillEvents(DEMO_REPS, weekStart, now, seededRandom(1));
    for (const event of events) {
      const at = DateTime.fromISO(event.occurredAt, { zone: DEMO_TIME_ZONE });
      expect(at.toMillis()).toBeLessThan(now.getTime());
      expect(at.hour).toBeGreaterThanOrEqual(8);
      expect(at.hour).toBeLessThan(18);
      expect(at.weekday).toBeLessThanOrEqual(5);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('starts the week on Monday in Amsterdam', () => {
    expect(weekStartOf(new Date('2026-03-08T23:00:00Z')).toISO()).toBe('2026-03-09T00:00:00.000+01:00');
    expect(weekStartOf(new Date('2026-03-08T22:59:00Z')).toISO()).toBe('2026-03-02T00:00:00.000+01:00');
  });
});
