import { canSeeContest, type ContestScope, type Principal } from './access.js';
import type { ContestRules, MetricRule } from './contest-rules.js';
import { periodContaining, windowContains, type Window } from './contest-window.js';
import { DomainError, type FieldProblem } from './domain-error.js';
import type { SalesEvent } from './sales-event.js';

/**
 * The ledger source of points a manager adds or removes by hand. Reserved: only the manual-adjustment
 * route writes it; the public ingest (API keys, admins posting events) is refused it, so nobody can
 * forge a manager's adjustment.
 */
export const MANUAL_SOURCE = 'manual';
/** The ledger event type of a manual adjustment; only with {@link MANUAL_SOURCE}. */
export const MANUAL_ADJUSTMENT = 'manual_adjustment';

/** Shortest and longest reason, counted after trimming. */
export const MANUAL_REASON_MIN = 3;
export const MANUAL_REASON_MAX = 500;
/**
 * Largest magnitude of one adjustment, in the contest's own unit: events, licenses and points up to a
 * million; money up to the largest amount one event may carry (10^11 minor units).
 */
export const MAX_MANUAL_POINTS = 1_000_000;
export const MAX_MANUAL_AMOUNT_MINOR = 100_000_000_000;

/**
 * What a manual adjustment carries in its ledger event's `attributes`: the one contest it is for, its
 * signed points in that contest's unit, the reason, and who made (or last changed) it.
 */
export interface ManualAdjustmentFacts {
  readonly contestId: string;
  readonly points: number;
  readonly reason: string;
  readonly byUserId: string;
  readonly byLabel: string;
}

/** Whether a ledger source is reserved for Podium itself (refused on the public ingest). */
export function isReservedSource(source: string): boolean {
  return source === MANUAL_SOURCE;
}

/**
 * The facts of a manual adjustment event, or null when the event is not one (or its attributes are
 * malformed: such an event counts nowhere rather than somewhere by accident).
 */
export function manualAdjustmentOf(
  event: Pick<SalesEvent, 'source' | 'type' | 'attributes'>,
): ManualAdjustmentFacts | null {
  if (event.source !== MANUAL_SOURCE || event.type !== MANUAL_ADJUSTMENT) return null;
  const a = event.attributes;
  const contestId = Object.hasOwn(a, 'contestId') ? a.contestId : undefined;
  const points = Object.hasOwn(a, 'points') ? a.points : undefined;
  const reason = Object.hasOwn(a, 'reason') ? a.reason : undefined;
  const byUserId = Object.hasOwn(a, 'byUserId') ? a.byUserId : undefined;
  const byLabel = Object.hasOwn(a, 'byLabel') ? a.byLabel : undefined;
  if (
    typeof contestId !== 'string' ||
    typeof points !== 'number' ||
    !Number.isSafeInteger(points) ||
    points === 0 ||
    typeof reason !== 'string' ||
    typeof byUserId !== 'string' ||
    typeof byLabel !== 'string'
  ) {
    return null;
  }
  return { contestId, points, reason, byUserId, byLabel };
}

/** The largest magnitude of an adjustment in a contest measured by `metric`. */
export function manualPointsBound(metric: MetricRule): number {
  return metric.kind === 'sum_amount' ? MAX_MANUAL_AMOUNT_MINOR : MAX_MANUAL_POINTS;
}

/**
 * Every problem with a manual adjustment's points and reason: points a whole, non-zero number within
 * {@link manualPointsBound} (negative removes points); a reason of {@link MANUAL_REASON_MIN} to
 * {@link MANUAL_REASON_MAX} characters after trimming. `undefined` fields are missing.
 */
export function checkManualAdjustment(
  input: { readonly points?: unknown; readonly reason?: unknown },
  metric: MetricRule,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bound = manualPointsBound(metric);
  const { points, reason } = input;
  if (typeof points !== 'number' || !Number.isInteger(points)) {
    problems.push({ path: 'points', reason: 'must be a whole number' });
  } else if (points === 0) {
    problems.push({ path: 'points', reason: 'must not be 0: add or remove at least one' });
  } else if (Math.abs(points) > bound) {
    problems.push({ path: 'points', reason: `must be from -${bound} to ${bound}` });
  }
  if (typeof reason !== 'string') {
    problems.push({ path: 'reason', reason: 'is required: say why the points change' });
  } else {
    const length = [...reason.trim()].length;
    if (length < MANUAL_REASON_MIN || length > MANUAL_REASON_MAX) {
      problems.push({
        path: 'reason',
        reason: `must be ${MANUAL_REASON_MIN} to ${MANUAL_REASON_MAX} characters (not counting spaces around it)`,
      });
    }
  }
  return problems;
}

/**
 * The period a new adjustment goes into and the instant it is recorded at in the ledger, which is what
 * puts it in that period: `chosen` (any instant inside the period, usually its start) or, when null, the
 * period containing `now`. The period must have started, and not before the contest's start; for a
 * one-off contest it is the contest's window. The instant is `now` while the period runs; in a past
 * period, its last millisecond, so a late adjustment never takes the lead in a tie from a rep who
 * reached the same score in time (`first_to_reach`).
 */
export function manualAdjustmentPeriod(
  rules: Pick<ContestRules, 'period' | 'startsAt'>,
  chosen: number | null,
  now: number,
): { readonly window: Window; readonly occurredAt: number } | { readonly problem: FieldProblem } {
  const anchor = chosen ?? (rules.period.kind === 'once' ? Math.min(now, rules.period.end - 1) : now);
  const window = periodContaining(rules.period, anchor);
  if (!windowContains(window, anchor)) {
    return { problem: { path: 'period', reason: 'is not a period of this contest' } };
  }
  if (window.start > now) return { problem: { path: 'period', reason: 'has not started yet' } };
  if (window.end <= rules.startsAt) {
    return { problem: { path: 'period', reason: 'is before the contest started' } };
  }
  const occurredAt = Math.max(window.start, rules.startsAt, Math.min(now, window.end - 1));
  return { window, occurredAt };
}

/**
 * Whether a principal may add, change or retract a manual adjustment for a rep of team `repTeam` (null:
 * no team) in a contest: admins always; a manager only for reps of a team they manage, in a contest they
 * can see. A rep, a screen or an API key never.
 */
export function canAdjustRep(principal: Principal, contest: ContestScope, repTeam: string | null): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'manager') return false;
  return repTeam !== null && principal.teams.includes(repTeam) && canSeeContest(principal, contest);
}

/** A retracted adjustment stays retracted: a new one is made instead of changing it. */
export class ManualAdjustmentRetractedError extends DomainError {
  readonly code = 'manual_adjustment.retracted';
  constructor() {
    super('this manual adjustment is retracted: make a new one instead');
  }
}
