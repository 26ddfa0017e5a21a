import { DateTime, IANAZone } from 'luxon';

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * When a contest's scoring windows fall. Recurring periods are computed in the contest's IANA time zone,
 * on the calendar (local midnight to local midnight), so a DST change makes a week 167 or 169 hours long
 * instead of shifting its boundary by an hour.
 */
export type PeriodRule =
  | { readonly kind: 'daily'; readonly timeZone: string }
  | { readonly kind: 'weekly'; readonly timeZone: string; readonly weekStartsOn: Weekday }
  | { readonly kind: 'monthly'; readonly timeZone: string }
  | { readonly kind: 'once'; readonly timeZone: string; readonly start: number; readonly end: number };

/** A half-open interval [start, end) of epoch milliseconds. */
export interface Window {
  readonly start: number;
  readonly end: number;
}

export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

/**
 * The period of `rule` that contains `instant` (epoch ms). For a one-off period, the period itself
 * (whether or not it contains the instant: callers check with {@link windowContains}).
 */
export function periodContaining(rule: PeriodRule, instant: number): Window {
  const local = DateTime.fromMillis(instant, { zone: rule.timeZone });
  switch (rule.kind) {
    case 'daily': {
      const start = startOfDay(local);
      return toWindow(start, startOfDay(start.plus({ days: 1 })));
    }
    case 'weekly': {
      const daysBack = (local.weekday - rule.weekStartsOn + 7) % 7;
      // minus({days}) is calendar arithmetic in luxon (keeps the wall-clock time), then back to midnight.
      const start = startOfDay(local.minus({ days: daysBack }));
      return toWindow(start, startOfDay(start.plus({ weeks: 1 })));
    }
    case 'monthly': {
      const start = startOfDay(local.startOf('month'));
      return toWindow(start, startOfDay(start.plus({ months: 1 }).startOf('month')));
    }
    case 'once':
      return { start: rule.start, end: rule.end };
  }
}

export function windowContains(window: Window, instant: number): boolean {
  return instant >= window.start && instant < window.end;
}

/**
 * The first instant of `local`'s calendar day. luxon's `startOf('day')` resolves a local midnight that
 * occurs twice (a fall-back from 01:00 to 00:00, as in America/Havana) with the offset of the instant it
 * starts from, so instants after the transition would get the second midnight and the hour before it
 * would start a period of its own: two boards for one day. The hour just before the later midnight then
 * still has the same date, and starting from it finds the earlier midnight.
 */
function startOfDay(local: DateTime): DateTime {
  const start = local.startOf('day');
  const justBefore = start.minus({ milliseconds: 1 });
  // Compare calendar fields, not hasSame(): luxon's hasSame() uses startOf/endOf and shares the flaw.
  return justBefore.toISODate() === start.toISODate() ? justBefore.startOf('day') : start;
}

function toWindow(start: DateTime, end: DateTime): Window {
  return { start: start.toMillis(), end: end.toMillis() };
}
