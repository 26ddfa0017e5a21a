import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  isValidTimeZone,
  periodContaining,
  windowContains,
  type PeriodRule,
  type Weekday,
  type Window,
} from './contest-window.js';

const HOUR = 60 * 60 * 1000;
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO in test table: ${iso}`);
  return ms;
};
const weekly = (timeZone: string, weekStartsOn: Weekday = 1): PeriodRule => ({
  kind: 'weekly',
  timeZone,
  weekStartsOn,
});
const hours = (w: Window): number => (w.end - w.start) / HOUR;

describe(periodContaining.name, () => {
  describe('weekly', () => {
    it.each([
      // zone, instant, expected start, expected end, hours
      [
        'Europe/Amsterdam',
        '2026-03-29T12:00:00+02:00',
        '2026-03-23T00:00:00+01:00',
        '2026-03-30T00:00:00+02:00',
        167,
      ],
      [
        'Europe/Amsterdam',
        '2026-10-25T12:00:00+01:00',
        '2026-10-19T00:00:00+02:00',
        '2026-10-26T00:00:00+01:00',
        169,
      ],
      [
        'America/New_York',
        '2026-03-08T12:00:00-04:00',
        '2026-03-02T00:00:00-05:00',
        '2026-03-09T00:00:00-04:00',
        167,
      ],
      [
        'America/New_York',
        '2026-11-01T12:00:00-05:00',
        '2026-10-26T00:00:00-04:00',
        '2026-11-02T00:00:00-05:00',
        169,
      ],
      // in the very hour the clocks change
      [
        'Europe/Amsterdam',
        '2026-03-29T03:00:00+02:00',
        '2026-03-23T00:00:00+01:00',
        '2026-03-30T00:00:00+02:00',
        167,
      ],
      [
        'Europe/Amsterdam',
        '2026-10-25T02:30:00+02:00',
        '2026-10-19T00:00:00+02:00',
        '2026-10-26T00:00:00+01:00',
        169,
      ],
      [
        'Europe/Amsterdam',
        '2026-10-25T02:30:00+01:00',
        '2026-10-19T00:00:00+02:00',
        '2026-10-26T00:00:00+01:00',
        169,
      ],
      // an ordinary week
      [
        'Europe/Amsterdam',
        '2026-06-10T09:00:00+02:00',
        '2026-06-08T00:00:00+02:00',
        '2026-06-15T00:00:00+02:00',
        168,
      ],
      // the year boundary
      [
        'Europe/Amsterdam',
        '2026-12-31T23:59:59.999+01:00',
        '2026-12-28T00:00:00+01:00',
        '2027-01-04T00:00:00+01:00',
        168,
      ],
      [
        'Europe/Amsterdam',
        '2027-01-01T00:00:00+01:00',
        '2026-12-28T00:00:00+01:00',
        '2027-01-04T00:00:00+01:00',
        168,
      ],
      [
        'America/New_York',
        '2027-01-03T23:59:59.999-05:00',
        '2026-12-28T00:00:00-05:00',
        '2027-01-04T00:00:00-05:00',
        168,
      ],
      // zones with odd offsets and the southern hemisphere
      [
        'Asia/Kolkata',
        '2026-03-29T12:00:00+05:30',
        '2026-03-23T00:00:00+05:30',
        '2026-03-30T00:00:00+05:30',
        168,
      ],
      [
        'Pacific/Auckland',
        '2026-04-05T12:00:00+12:00',
        '2026-03-30T00:00:00+13:00',
        '2026-04-06T00:00:00+12:00',
        169,
      ],
      [
        'Pacific/Auckland',
        '2026-09-27T12:00:00+13:00',
        '2026-09-21T00:00:00+12:00',
        '2026-09-28T00:00:00+13:00',
        167,
      ],
      ['UTC', '2026-03-29T12:00:00Z', '2026-03-23T00:00:00Z', '2026-03-30T00:00:00Z', 168],
    ])(
      'is [Monday 00:00, next Monday 00:00) local when the zone is %s and the instant %s',
      (timeZone, instant, start, end, length) => {
        const window = periodContaining(weekly(timeZone), at(instant));
        expect(window).toEqual({ start: at(start), end: at(end) });
        expect(hours(window)).toBe(length);
        expect(windowContains(window, at(instant))).toBe(true);
      },
    );

    it.each([
      ['Europe/Amsterdam', '2026-03-29T23:59:59.999+02:00', '2026-03-30T00:00:00+02:00'],
      ['Europe/Amsterdam', '2026-10-25T23:59:59.999+01:00', '2026-10-26T00:00:00+01:00'],
      ['America/New_York', '2026-03-08T23:59:59.999-04:00', '2026-03-09T00:00:00-04:00'],
      ['America/New_York', '2026-11-01T23:59:59.999-05:00', '2026-11-02T00:00:00-05:00'],
      ['Asia/Kolkata', '2026-01-04T23:59:59.999+05:30', '2026-01-05T00:00:00+05:30'],
      ['Pacific/Auckland', '2026-04-05T23:59:59.999+12:00', '2026-04-06T00:00:00+12:00'],
    ])(
      'puts Sunday 23:59:59.999 in the earlier week and Monday 00:00 in the next when the zone is %s (%s)',
      (timeZone, lastInstant, boundary) => {
        const rule = weekly(timeZone);
        const earlier = periodContaining(rule, at(lastInstant));
        const later = periodContaining(rule, at(boundary));
        expect(earlier.end).toBe(at(boundary));
        expect(later.start).toBe(at(boundary));
        expect(windowContains(earlier, at(lastInstant))).toBe(true);
        expect(windowContains(earlier, at(boundary))).toBe(false);
        expect(windowContains(later, at(boundary))).toBe(true);
      },
    );

    it.each<[Weekday, string, string, string, number]>([
      // Sunday-start weeks around the Amsterdam spring-forward Sunday
      [7, '2026-03-28T23:59:59.999+01:00', '2026-03-22T00:00:00+01:00', '2026-03-29T00:00:00+01:00', 168],
      [7, '2026-03-29T00:00:00+01:00', '2026-03-29T00:00:00+01:00', '2026-04-05T00:00:00+02:00', 167],
      [7, '2026-03-30T02:30:00+02:00', '2026-03-29T00:00:00+01:00', '2026-04-05T00:00:00+02:00', 167],
      [7, '2026-10-25T02:30:00+01:00', '2026-10-25T00:00:00+02:00', '2026-11-01T00:00:00+01:00', 169],
      // Saturday-start weeks
      [6, '2026-03-28T00:00:00+01:00', '2026-03-28T00:00:00+01:00', '2026-04-04T00:00:00+02:00', 167],
      [6, '2026-03-27T23:59:59.999+01:00', '2026-03-21T00:00:00+01:00', '2026-03-28T00:00:00+01:00', 168],
      [6, '2026-10-30T12:00:00+01:00', '2026-10-24T00:00:00+02:00', '2026-10-31T00:00:00+01:00', 169],
      // Wednesday-start week across the year boundary
      [3, '2027-01-01T12:00:00+01:00', '2026-12-30T00:00:00+01:00', '2027-01-06T00:00:00+01:00', 168],
    ])(
      'starts the week on the configured day when weekStartsOn is %i and the instant %s',
      (weekStartsOn, instant, start, end, length) => {
        const window = periodContaining(weekly('Europe/Amsterdam', weekStartsOn), at(instant));
        expect(window).toEqual({ start: at(start), end: at(end) });
        expect(hours(window)).toBe(length);
        expect(DateTime.fromMillis(window.start, { zone: 'Europe/Amsterdam' }).weekday).toBe(weekStartsOn);
      },
    );

    it.each([
      ['America/New_York', '2026-03-08T12:00:00-04:00', '2026-03-08T00:00:00-05:00', 167],
      ['America/New_York', '2026-11-01T12:00:00-05:00', '2026-11-01T00:00:00-04:00', 169],
      ['Asia/Kolkata', '2026-03-08T12:00:00+05:30', '2026-03-08T00:00:00+05:30', 168],
    ])(
      'starts a Sunday week at local midnight when the zone is %s (%s)',
      (timeZone, instant, start, length) => {
        const window = periodContaining(weekly(timeZone, 7), at(instant));
        expect(window.start).toBe(at(start));
        expect(hours(window)).toBe(length);
      },
    );

    it('gives the same week to the first and the later hours of a day whose midnight occurs twice', () => {
      // America/Havana falls back from 01:00 CDT to 00:00 CST on Sunday 2026-11-01: midnight happens twice.
      const rule = weekly('America/Havana', 7);
      const firstHour = periodContaining(rule, at('2026-11-01T00:30:00-04:00'));
      const laterHour = periodContaining(rule, at('2026-11-01T12:00:00-05:00'));
      const previous = periodContaining(rule, at('2026-10-31T23:59:59.999-04:00'));
      expect(laterHour).toEqual(firstHour);
      expect(firstHour.start).toBe(at('2026-11-01T00:00:00-04:00'));
      expect(previous.end).toBe(firstHour.start);
    });
  });

  describe('daily', () => {
    it.each([
      [
        'Europe/Amsterdam',
        '2026-03-29T12:00:00+02:00',
        '2026-03-29T00:00:00+01:00',
        '2026-03-30T00:00:00+02:00',
        23,
      ],
      [
        'Europe/Amsterdam',
        '2026-10-25T12:00:00+01:00',
        '2026-10-25T00:00:00+02:00',
        '2026-10-26T00:00:00+01:00',
        25,
      ],
      [
        'America/New_York',
        '2026-03-08T01:59:59.999-05:00',
        '2026-03-08T00:00:00-05:00',
        '2026-03-09T00:00:00-04:00',
        23,
      ],
      [
        'America/New_York',
        '2026-11-01T01:30:00-05:00',
        '2026-11-01T00:00:00-04:00',
        '2026-11-02T00:00:00-05:00',
        25,
      ],
      [
        'Asia/Kolkata',
        '2026-03-29T00:00:00+05:30',
        '2026-03-29T00:00:00+05:30',
        '2026-03-30T00:00:00+05:30',
        24,
      ],
      ['UTC', '2026-03-29T23:59:59.999Z', '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z', 24],
      // midnight does not exist (00:00 -> 01:00): the day starts at 01:00
      [
        'America/Havana',
        '2026-03-08T12:00:00-04:00',
        '2026-03-08T01:00:00-04:00',
        '2026-03-09T00:00:00-04:00',
        23,
      ],
      // midnight occurs twice (01:00 -> 00:00): the day starts at the first one
      [
        'America/Havana',
        '2026-11-01T00:30:00-04:00',
        '2026-11-01T00:00:00-04:00',
        '2026-11-02T00:00:00-05:00',
        25,
      ],
      [
        'America/Havana',
        '2026-11-01T00:30:00-05:00',
        '2026-11-01T00:00:00-04:00',
        '2026-11-02T00:00:00-05:00',
        25,
      ],
    ])(
      'is local midnight to local midnight when the zone is %s and the instant %s',
      (timeZone, instant, start, end, length) => {
        const window = periodContaining({ kind: 'daily', timeZone }, at(instant));
        expect(window).toEqual({ start: at(start), end: at(end) });
        expect(hours(window)).toBe(length);
      },
    );
  });

  describe('monthly', () => {
    it.each([
      [
        'Europe/Amsterdam',
        '2028-02-29T23:59:59.999+01:00',
        '2028-02-01T00:00:00+01:00',
        '2028-03-01T00:00:00+01:00',
        29 * 24,
      ],
      [
        'Europe/Amsterdam',
        '2028-03-01T00:00:00+01:00',
        '2028-03-01T00:00:00+01:00',
        '2028-04-01T00:00:00+02:00',
        31 * 24 - 1,
      ],
      [
        'Europe/Amsterdam',
        '2027-02-28T23:59:59.999+01:00',
        '2027-02-01T00:00:00+01:00',
        '2027-03-01T00:00:00+01:00',
        28 * 24,
      ],
      [
        'America/New_York',
        '2027-02-14T12:00:00-05:00',
        '2027-02-01T00:00:00-05:00',
        '2027-03-01T00:00:00-05:00',
        28 * 24,
      ],
      [
        'America/New_York',
        '2026-11-15T12:00:00-05:00',
        '2026-11-01T00:00:00-04:00',
        '2026-12-01T00:00:00-05:00',
        30 * 24 + 1,
      ],
      [
        'Asia/Kolkata',
        '2026-12-31T23:59:59.999+05:30',
        '2026-12-01T00:00:00+05:30',
        '2027-01-01T00:00:00+05:30',
        31 * 24,
      ],
      [
        'Pacific/Auckland',
        '2026-04-30T12:00:00+12:00',
        '2026-04-01T00:00:00+13:00',
        '2026-05-01T00:00:00+12:00',
        30 * 24 + 1,
      ],
    ])(
      'is the calendar month in local time when the zone is %s and the instant %s',
      (timeZone, instant, start, end, length) => {
        const window = periodContaining({ kind: 'monthly', timeZone }, at(instant));
        expect(window).toEqual({ start: at(start), end: at(end) });
        expect(hours(window)).toBe(length);
      },
    );
  });

  describe('once', () => {
    const rule: PeriodRule = {
      kind: 'once',
      timeZone: 'Europe/Amsterdam',
      start: at('2026-03-01T00:00:00+01:00'),
      end: at('2026-04-01T00:00:00+02:00'),
    };

    it.each([
      ['2026-03-15T12:00:00+01:00', true],
      ['2026-03-01T00:00:00+01:00', true],
      ['2026-02-28T23:59:59.999+01:00', false],
      ['2026-04-01T00:00:00+02:00', false],
      ['2030-01-01T00:00:00Z', false],
    ])(
      'is the configured window whatever the instant when the instant is %s (contained: %s)',
      (instant, inside) => {
        const window = periodContaining(rule, at(instant));
        expect(window).toEqual({ start: rule.start, end: rule.end });
        expect(windowContains(window, at(instant))).toBe(inside);
      },
    );
  });

  it('tiles time without gaps or overlaps when the rule recurs', () => {
    const zones = [
      'Europe/Amsterdam',
      'America/New_York',
      'UTC',
      'Asia/Kolkata',
      'Pacific/Auckland',
      'America/Havana',
    ];
    const rules = fc.oneof(
      fc.record({ kind: fc.constant('daily' as const), timeZone: fc.constantFrom(...zones) }),
      fc.record({ kind: fc.constant('monthly' as const), timeZone: fc.constantFrom(...zones) }),
      fc.record({
        kind: fc.constant('weekly' as const),
        timeZone: fc.constantFrom(...zones),
        weekStartsOn: fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7),
      }),
    );
    const instants = fc.integer({ min: at('2025-12-01T00:00:00Z'), max: at('2028-03-01T00:00:00Z') });
    fc.assert(
      fc.property(rules, instants, (rule, instant) => {
        const window = periodContaining(rule, instant);
        expect(windowContains(window, instant)).toBe(true);
        expect(periodContaining(rule, window.start)).toEqual(window);
        expect(periodContaining(rule, window.end - 1)).toEqual(window);
        expect(periodContaining(rule, window.end).start).toBe(window.end);
        expect(periodContaining(rule, window.start - 1).end).toBe(window.start);
        const local = DateTime.fromMillis(window.start, { zone: rule.timeZone });
        if (rule.kind === 'weekly') expect(local.weekday).toBe(rule.weekStartsOn);
        if (rule.kind === 'monthly') expect(local.day).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe(windowContains.name, () => {
  const window: Window = { start: 1000, end: 2000 };

  it.each([
    [999, false],
    [1000, true],
    [1999, true],
    [2000, false],
  ])('is half-open when the instant is %i (contained: %s)', (instant, inside) => {
    expect(windowContains(window, instant)).toBe(inside);
  });
});

describe(isValidTimeZone.name, () => {
  it.each([
    ['UTC', true],
    ['Europe/Amsterdam', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['Pacific/Auckland', true],
    ['Mars/Olympus', false],
    ['', false],
    ['Europe/Atlantis', false],
  ])('returns the right answer when the zone is "%s" (valid: %s)', (timeZone, valid) => {
    expect(isValidTimeZone(timeZone)).toBe(valid);
  });
});
