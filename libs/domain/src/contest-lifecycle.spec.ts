import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import {
  contestStatusAt,
  DEFAULT_GRACE_MINUTES,
  periodPhase,
  periodsToFinalise,
  type ContestStatus,
  type PeriodPhase,
} from './contest-lifecycle.js';
import type { PeriodRule, Window } from './contest-window.js';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const GRACE = 15 * MINUTE;
const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO in test table: ${iso}`);
  return ms;
};
const w = (start: string, end: string): Window => ({ start: at(start), end: at(end) });
const hours = (window: Window): number => (window.end - window.start) / HOUR;

const amsterdamWeekly: PeriodRule = { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 };
const newYorkWeekly: PeriodRule = { kind: 'weekly', timeZone: 'America/New_York', weekStartsOn: 1 };
const amsterdamDaily: PeriodRule = { kind: 'daily', timeZone: 'Europe/Amsterdam' };
const newYorkDaily: PeriodRule = { kind: 'daily', timeZone: 'America/New_York' };
const amsterdamMonthly: PeriodRule = { kind: 'monthly', timeZone: 'Europe/Amsterdam' };
const newYorkMonthly: PeriodRule = { kind: 'monthly', timeZone: 'America/New_York' };
const ONCE_START = at('2026-03-02T09:00:00+01:00');
const ONCE_END = at('2026-03-20T17:00:00+01:00');
const once: PeriodRule = { kind: 'once', timeZone: 'Europe/Amsterdam', start: ONCE_START, end: ONCE_END };

describe('DEFAULT_GRACE_MINUTES', () => {
  it('is 15 minutes (900000 ms) when nothing else is configured', () => {
    expect(DEFAULT_GRACE_MINUTES * MINUTE).toBe(900_000);
  });
});

describe(periodPhase.name, () => {
  // The Amsterdam spring-forward week: 167 hours.
  const week = w('2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00');

  it.each<[string, number, number, PeriodPhase]>([
    ['at its start', week.start, GRACE, 'open'],
    ['in the middle', at('2026-03-29T03:00:00+02:00'), GRACE, 'open'],
    ['one millisecond before its end', week.end - 1, GRACE, 'open'],
    ['exactly at its end', week.end, GRACE, 'finalising'],
    ['inside the grace period', at('2026-03-30T00:10:00+02:00'), GRACE, 'finalising'],
    ['one millisecond before the grace period is over', week.end + GRACE - 1, GRACE, 'finalising'],
    ['exactly when the grace period is over', at('2026-03-30T00:15:00+02:00'), GRACE, 'due'],
    ['a day after the grace period', week.end + 24 * HOUR, GRACE, 'due'],
    ['one millisecond before its end with no grace', week.end - 1, 0, 'open'],
    ['exactly at its end with no grace', week.end, 0, 'due'],
    ['an hour into a two-hour grace period', week.end + HOUR, 2 * HOUR, 'finalising'],
    ['at the end of a two-hour grace period', week.end + 2 * HOUR, 2 * HOUR, 'due'],
  ])('is the right phase when the instant is %s', (_, now, graceMs, expected) => {
    expect(periodPhase(week, graceMs, now)).toBe(expected);
  });
});

describe(contestStatusAt.name, () => {
  const weekly = amsterdamWeekly;
  const weeklyStart = at('2026-03-18T10:00:00+01:00');

  it.each<[string, ContestStatus, PeriodRule, number, number, number, ContestStatus]>([
    ['a draft stays a draft during its period', 'draft', once, ONCE_START, GRACE, ONCE_START + HOUR, 'draft'],
    [
      'a draft stays a draft long after its end',
      'draft',
      once,
      ONCE_START,
      GRACE,
      ONCE_END + 99 * HOUR,
      'draft',
    ],
    ['a draft stays a draft before its start', 'draft', weekly, weeklyStart, GRACE, weeklyStart - 1, 'draft'],
    [
      'archived stays archived during its period',
      'archived',
      once,
      ONCE_START,
      GRACE,
      ONCE_START,
      'archived',
    ],
    ['archived stays archived before its start', 'archived', once, ONCE_START, GRACE, 0, 'archived'],
    ['archived recurring stays archived', 'archived', weekly, weeklyStart, GRACE, weeklyStart, 'archived'],
    ['scheduled before its start', 'scheduled', once, ONCE_START, GRACE, ONCE_START - 1, 'scheduled'],
    [
      'live becomes scheduled when its start is ahead',
      'live',
      once,
      ONCE_START,
      GRACE,
      ONCE_START - 1,
      'scheduled',
    ],
    ['scheduled becomes live at its start', 'scheduled', once, ONCE_START, GRACE, ONCE_START, 'live'],
    ['once is live one millisecond before its end', 'live', once, ONCE_START, GRACE, ONCE_END - 1, 'live'],
    ['once is finalising at its end', 'live', once, ONCE_START, GRACE, ONCE_END, 'finalising'],
    [
      'once is finalising just before grace is over',
      'live',
      once,
      ONCE_START,
      GRACE,
      ONCE_END + GRACE - 1,
      'finalising',
    ],
    ['once is final when grace is over', 'finalising', once, ONCE_START, GRACE, ONCE_END + GRACE, 'final'],
    ['once is final long after', 'final', once, ONCE_START, GRACE, ONCE_END + 99 * HOUR, 'final'],
    ['once is final at its end with no grace', 'live', once, ONCE_START, 0, ONCE_END, 'final'],
    [
      'recurring is scheduled before its start',
      'scheduled',
      weekly,
      weeklyStart,
      GRACE,
      weeklyStart - 1,
      'scheduled',
    ],
    ['recurring is live at its start', 'scheduled', weekly, weeklyStart, GRACE, weeklyStart, 'live'],
    [
      'recurring stays live across a period end',
      'live',
      weekly,
      weeklyStart,
      GRACE,
      at('2026-03-23T00:05:00+01:00'),
      'live',
    ],
    [
      'recurring stays live months later',
      'live',
      weekly,
      weeklyStart,
      GRACE,
      at('2026-09-01T00:00:00+02:00'),
      'live',
    ],
    ['daily stays live', 'live', amsterdamDaily, weeklyStart, 0, at('2026-04-01T00:00:00+02:00'), 'live'],
    [
      'monthly stays live',
      'live',
      amsterdamMonthly,
      weeklyStart,
      GRACE,
      at('2026-04-01T00:10:00+02:00'),
      'live',
    ],
  ])('is right when %s', (_, stored, period, startsAt, graceMs, now, expected) => {
    expect(contestStatusAt(stored, period, startsAt, graceMs, now)).toBe(expected);
  });
});

describe(periodsToFinalise.name, () => {
  // Wednesdays: the contest is created mid-week, so its first period is the week already under way.
  const amsterdamWednesday = at('2026-03-18T10:00:00+01:00');
  const newYorkSpringWednesday = at('2026-03-04T12:00:00-05:00');
  const newYorkFallWednesday = at('2026-10-28T09:00:00-04:00');

  it.each<[string, PeriodRule, number, number | null, string, number, [string, string][]]>([
    // Europe/Amsterdam weekly, across the spring-forward weekend of 2026-03-29
    [
      'the week the contest started in when it started on a Wednesday',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-23T00:15:00+01:00',
      10,
      [['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00']],
    ],
    [
      'nothing at the very end of the first week',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-23T00:00:00+01:00',
      10,
      [],
    ],
    [
      'nothing one millisecond before the grace period is over',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-23T00:14:59.999+01:00',
      10,
      [],
    ],
    [
      'both weeks, the second ending on CEST midnight, when the DST week is due',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-30T00:15:00+02:00',
      10,
      [
        ['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00'],
        ['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
      ],
    ],
    [
      'only the first week while the DST week is in its grace period',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-30T00:14:59.999+02:00',
      10,
      [['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00']],
    ],
    [
      'the weeks after the last finalised one',
      amsterdamWeekly,
      amsterdamWednesday,
      at('2026-03-16T00:00:00+01:00'),
      '2026-04-06T00:15:00+02:00',
      10,
      [
        ['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
        ['2026-03-30T00:00:00+02:00', '2026-04-06T00:00:00+02:00'],
      ],
    ],
    [
      'the week after the DST week when the DST week is the last finalised',
      amsterdamWeekly,
      amsterdamWednesday,
      at('2026-03-23T00:00:00+01:00'),
      '2026-04-06T00:15:00+02:00',
      10,
      [['2026-03-30T00:00:00+02:00', '2026-04-06T00:00:00+02:00']],
    ],
    [
      'nothing when the last finalised week is the latest one due',
      amsterdamWeekly,
      amsterdamWednesday,
      at('2026-03-30T00:00:00+02:00'),
      '2026-04-13T00:14:00+02:00',
      10,
      [],
    ],
    [
      'at most max periods, oldest first',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-04-06T00:15:00+02:00',
      2,
      [
        ['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00'],
        ['2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
      ],
    ],
    [
      'one period when max is 1',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-04-06T00:15:00+02:00',
      1,
      [['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00']],
    ],
    ['nothing when max is 0', amsterdamWeekly, amsterdamWednesday, null, '2026-04-06T00:15:00+02:00', 0, []],
    [
      'nothing before the contest starts',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-10T00:00:00+01:00',
      10,
      [],
    ],
    [
      'nothing while the first week is open',
      amsterdamWeekly,
      amsterdamWednesday,
      null,
      '2026-03-20T00:00:00+01:00',
      10,
      [],
    ],
    // America/New_York weekly, spring forward on 2026-03-08 and fall back on 2026-11-01
    [
      'the 167-hour week and the next in New York in spring',
      newYorkWeekly,
      newYorkSpringWednesday,
      null,
      '2026-03-16T00:15:00-04:00',
      10,
      [
        ['2026-03-02T00:00:00-05:00', '2026-03-09T00:00:00-04:00'],
        ['2026-03-09T00:00:00-04:00', '2026-03-16T00:00:00-04:00'],
      ],
    ],
    [
      'nothing in New York one millisecond before the spring week is due',
      newYorkWeekly,
      newYorkSpringWednesday,
      null,
      '2026-03-09T00:14:59.999-04:00',
      10,
      [],
    ],
    [
      'the 169-hour week and the next in New York in autumn',
      newYorkWeekly,
      newYorkFallWednesday,
      null,
      '2026-11-09T00:15:00-05:00',
      10,
      [
        ['2026-10-26T00:00:00-04:00', '2026-11-02T00:00:00-05:00'],
        ['2026-11-02T00:00:00-05:00', '2026-11-09T00:00:00-05:00'],
      ],
    ],
    [
      'the 169-hour week exactly when its grace period (in EST) is over',
      newYorkWeekly,
      newYorkFallWednesday,
      null,
      '2026-11-02T00:15:00-05:00',
      10,
      [['2026-10-26T00:00:00-04:00', '2026-11-02T00:00:00-05:00']],
    ],
    [
      'nothing one millisecond before the 169-hour week is due',
      newYorkWeekly,
      newYorkFallWednesday,
      null,
      '2026-11-02T00:14:59.999-05:00',
      10,
      [],
    ],
    // daily
    [
      'each day from the start day, the 23-hour Amsterdam day included',
      amsterdamDaily,
      at('2026-03-28T15:00:00+01:00'),
      null,
      '2026-03-31T00:15:00+02:00',
      10,
      [
        ['2026-03-28T00:00:00+01:00', '2026-03-29T00:00:00+01:00'],
        ['2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00'],
        ['2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00'],
      ],
    ],
    [
      'each day from the start day, the 25-hour New York day included',
      newYorkDaily,
      at('2026-10-31T08:00:00-04:00'),
      null,
      '2026-11-02T00:15:00-05:00',
      10,
      [
        ['2026-10-31T00:00:00-04:00', '2026-11-01T00:00:00-04:00'],
        ['2026-11-01T00:00:00-04:00', '2026-11-02T00:00:00-05:00'],
      ],
    ],
    [
      'the days after the last finalised day',
      amsterdamDaily,
      at('2026-03-28T15:00:00+01:00'),
      at('2026-03-29T00:00:00+01:00'),
      '2026-04-01T00:15:00+02:00',
      10,
      [
        ['2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00'],
        ['2026-03-31T00:00:00+02:00', '2026-04-01T00:00:00+02:00'],
      ],
    ],
    // monthly
    [
      'February 2026 (28 days) once its grace period is over',
      amsterdamMonthly,
      at('2026-02-10T12:00:00+01:00'),
      null,
      '2026-03-01T00:15:00+01:00',
      10,
      [['2026-02-01T00:00:00+01:00', '2026-03-01T00:00:00+01:00']],
    ],
    [
      'nothing for February 2026 one millisecond before its grace period is over',
      amsterdamMonthly,
      at('2026-02-10T12:00:00+01:00'),
      null,
      '2026-03-01T00:14:59.999+01:00',
      10,
      [],
    ],
    [
      'February 2028 (29 days, a leap year)',
      amsterdamMonthly,
      at('2028-02-15T00:00:00+01:00'),
      null,
      '2028-03-01T00:15:00+01:00',
      10,
      [['2028-02-01T00:00:00+01:00', '2028-03-01T00:00:00+01:00']],
    ],
    [
      'March (with the DST change) and April after a finalised February',
      amsterdamMonthly,
      at('2026-02-10T12:00:00+01:00'),
      at('2026-02-01T00:00:00+01:00'),
      '2026-05-01T00:15:00+02:00',
      10,
      [
        ['2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00'],
        ['2026-04-01T00:00:00+02:00', '2026-05-01T00:00:00+02:00'],
      ],
    ],
    [
      'February and March 2026 in New York',
      newYorkMonthly,
      at('2026-02-27T23:00:00-05:00'),
      null,
      '2026-04-02T00:00:00-04:00',
      10,
      [
        ['2026-02-01T00:00:00-05:00', '2026-03-01T00:00:00-05:00'],
        ['2026-03-01T00:00:00-05:00', '2026-04-01T00:00:00-04:00'],
      ],
    ],
  ])('returns %s', (_, period, startsAt, lastFinalised, now, max, expected) => {
    const due = periodsToFinalise(period, startsAt, GRACE, lastFinalised, at(now), max);
    expect(due).toEqual(expected.map(([start, end]) => w(start, end)));
  });

  it.each<[string, PeriodRule, string, string, number]>([
    [
      'the Amsterdam spring-forward week',
      amsterdamWeekly,
      '2026-03-23T00:00:00+01:00',
      '2026-03-30T00:15:00+02:00',
      167,
    ],
    [
      'the Amsterdam fall-back week',
      amsterdamWeekly,
      '2026-10-19T00:00:00+02:00',
      '2026-10-26T00:15:00+01:00',
      169,
    ],
    ['February 2026', amsterdamMonthly, '2026-02-01T00:00:00+01:00', '2026-03-01T00:15:00+01:00', 28 * 24],
    [
      'February 2028 (a leap year)',
      amsterdamMonthly,
      '2028-02-01T00:00:00+01:00',
      '2028-03-01T00:15:00+01:00',
      29 * 24,
    ],
    [
      'March 2026 in Amsterdam',
      amsterdamMonthly,
      '2026-03-01T00:00:00+01:00',
      '2026-04-01T00:15:00+02:00',
      31 * 24 - 1,
    ],
  ])('keeps the calendar length when finalising %s', (_, period, startsAt, now, expectedHours) => {
    const due = periodsToFinalise(period, at(startsAt), GRACE, null, at(now), 10);
    expect(due.map(hours)).toEqual([expectedHours]);
  });

  it.each<[string, number, string, [string, string][]]>([
    [
      'no grace',
      0,
      '2026-03-23T00:00:00+01:00',
      [['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00']],
    ],
    ['an hour of grace, 59 minutes after the end', HOUR, '2026-03-23T00:59:00+01:00', []],
    [
      'an hour of grace, an hour after the end',
      HOUR,
      '2026-03-23T01:00:00+01:00',
      [['2026-03-16T00:00:00+01:00', '2026-03-23T00:00:00+01:00']],
    ],
  ])('honours the grace period when it is %s', (_, graceMs, now, expected) => {
    const due = periodsToFinalise(amsterdamWeekly, amsterdamWednesday, graceMs, null, at(now), 10);
    expect(due).toEqual(expected.map(([start, end]) => w(start, end)));
  });

  describe('once', () => {
    const window = { start: ONCE_START, end: ONCE_END };

    it.each<[string, number, number | null, number, number, Window[]]>([
      ['the contest once its grace period is over', GRACE, null, ONCE_END + GRACE, 10, [window]],
      ['the contest long after its end', GRACE, null, ONCE_END + 30 * 24 * HOUR, 1, [window]],
      ['nothing while it is open', GRACE, null, ONCE_END - 1, 10, []],
      ['nothing during its grace period', GRACE, null, ONCE_END + GRACE - 1, 10, []],
      ['the contest at its end when there is no grace', 0, null, ONCE_END, 10, [window]],
      ['nothing when it has been finalised', GRACE, ONCE_START, ONCE_END + GRACE, 10, []],
      ['nothing long after it has been finalised', GRACE, ONCE_START, ONCE_END + 99 * HOUR, 10, []],
      ['nothing when max is 0', GRACE, null, ONCE_END + GRACE, 0, []],
    ])('returns %s', (_, graceMs, lastFinalised, now, max, expected) => {
      expect(periodsToFinalise(once, ONCE_START, graceMs, lastFinalised, now, max)).toEqual(expected);
    });

    it('finalises the contest exactly once when checked again and again', () => {
      let lastFinalised: number | null = null;
      const finalised: Window[] = [];
      for (let now = ONCE_END; now < ONCE_END + 2 * HOUR; now += 5 * MINUTE) {
        for (const due of periodsToFinalise(once, ONCE_START, GRACE, lastFinalised, now, 10)) {
          finalised.push(due);
          lastFinalised = due.start;
        }
      }
      expect(finalised).toEqual([window]);
    });
  });

  it('finalises every week once, in order and without gaps, when checked with a small max', () => {
    // Wednesday 2026-01-07; the last week due on Monday 2026-11-30 00:15 is [11-23, 11-30): 47 weeks.
    const startsAt = at('2026-01-07T12:00:00+01:00');
    const now = at('2026-11-30T00:15:00+01:00');
    let lastFinalised: number | null = null;
    const finalised: Window[] = [];
    for (let check = 0; check < 100; check++) {
      const due = periodsToFinalise(amsterdamWeekly, startsAt, GRACE, lastFinalised, now, 2);
      expect(due.length).toBeLessThanOrEqual(2);
      if (due.length === 0) break;
      finalised.push(...due);
      lastFinalised = due[due.length - 1]!.start;
    }
    expect(finalised).toHaveLength(47);
    expect(finalised[0]).toEqual(w('2026-01-05T00:00:00+01:00', '2026-01-12T00:00:00+01:00'));
    expect(finalised[46]).toEqual(w('2026-11-23T00:00:00+01:00', '2026-11-30T00:00:00+01:00'));
    finalised.forEach((window, i) => {
      expect(DateTime.fromMillis(window.start, { zone: 'Europe/Amsterdam' }).toFormat('c HH:mm')).toBe(
        '1 00:00',
      );
      if (i > 0) expect(window.start).toBe(finalised[i - 1]!.end);
    });
    expect(finalised.map(hours).filter((h) => h !== 168)).toEqual([167, 169]);
    expect(periodsToFinalise(amsterdamWeekly, startsAt, GRACE, null, now, 1000)).toEqual(finalised);
  });
});
