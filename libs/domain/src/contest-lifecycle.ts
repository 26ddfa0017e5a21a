import { periodContaining, type PeriodRule, type Window } from './contest-window.js';

/**
 * Where a contest is in its life.
 * - `draft`: being set up; scores nothing and is on no board.
 * - `scheduled`: published, but its start is still ahead (events before the start never count).
 * - `live`: counting. A recurring contest stays live; each of its periods is finalised on its own.
 * - `finalising`: a one-off contest whose end has passed, inside its grace period for late events.
 * - `final`: a one-off contest whose results and winners are frozen.
 * - `archived`: retired by a manager; scores nothing.
 */
export type ContestStatus = 'draft' | 'scheduled' | 'live' | 'finalising' | 'final' | 'archived';

export const CONTEST_STATUSES: readonly ContestStatus[] = [
  'draft',
  'scheduled',
  'live',
  'finalising',
  'final',
  'archived',
];

/** Statuses whose contests events are scored into (a final contest still records post-close adjustments). */
export const SCORING_STATUSES: readonly ContestStatus[] = ['scheduled', 'live', 'finalising', 'final'];

/** Default grace period after a period ends, for late events whose `occurredAt` is inside it. */
export const DEFAULT_GRACE_MINUTES = 15;
/** Longest grace period: a week. */
export const MAX_GRACE_MINUTES = 7 * 24 * 60;

/** What one period of a contest is doing at an instant. */
export type PeriodPhase = 'open' | 'finalising' | 'due';

/**
 * A period is `open` until its end, `finalising` during the grace period after it, and `due` for
 * finalisation once the grace period is over.
 */
export function periodPhase(window: Window, graceMs: number, now: number): PeriodPhase {
  if (now < window.end) return 'open';
  return now < window.end + graceMs ? 'finalising' : 'due';
}

/**
 * The status a published contest has at `now`, from its schedule alone. Drafts and archived contests
 * keep their stored status: only a manager moves them.
 */
export function contestStatusAt(
  stored: ContestStatus,
  period: PeriodRule,
  startsAt: number,
  graceMs: number,
  now: number,
): ContestStatus {
  if (stored === 'draft' || stored === 'archived') return stored;
  if (now < startsAt) return 'scheduled';
  if (period.kind !== 'once') return 'live';
  const phase = periodPhase({ start: period.start, end: period.end }, graceMs, now);
  return phase === 'open' ? 'live' : phase === 'finalising' ? 'finalising' : 'final';
}

/**
 * The periods of a contest that are due for finalisation at `now`, oldest first, at most `max`:
 * from the period after `lastFinalised` (the start of the last finalised period, or null for none),
 * or else from the contest's first period, up to the last one whose grace period is over.
 */
export function periodsToFinalise(
  period: PeriodRule,
  startsAt: number,
  graceMs: number,
  lastFinalised: number | null,
  now: number,
  max: number,
): Window[] {
  if (period.kind === 'once') {
    const window = { start: period.start, end: period.end };
    return lastFinalised === null && periodPhase(window, graceMs, now) === 'due' && max > 0 ? [window] : [];
  }
  const due: Window[] = [];
  let window =
    lastFinalised === null
      ? periodContaining(period, startsAt)
      : periodContaining(period, periodContaining(period, lastFinalised).end);
  while (due.length < max && periodPhase(window, graceMs, now) === 'due') {
    due.push(window);
    window = periodContaining(period, window.end);
  }
  return due;
}
