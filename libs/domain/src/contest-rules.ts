import { isValidTimeZone, type PeriodRule, type Weekday } from './contest-window.js';
import type { FieldProblem } from './domain-error.js';
import { checkFilters, sourcesAllowed, type FilterRule } from './event-filter.js';
import { EARLIEST_OCCURRED_AT, EVENT_TYPES, isEventType, type EventType } from './sales-event.js';

/**
 * What a contest measures.
 * - `count`: one point per matching event.
 * - `sum_quantity`: the sum of `quantity` (e.g. licenses sold).
 * - `sum_amount`: the sum of `amount` in minor units, only events in `currency`.
 * - `points`: weighted points per event type (e.g. lead 1, demo 5, deal 20); `eventTypes` are the
 *   weighted types.
 */
export type MetricRule =
  | { readonly kind: 'count'; readonly eventTypes: readonly EventType[] }
  | { readonly kind: 'sum_quantity'; readonly eventTypes: readonly EventType[] }
  | { readonly kind: 'sum_amount'; readonly eventTypes: readonly EventType[]; readonly currency: string }
  | {
      readonly kind: 'points';
      readonly eventTypes: readonly EventType[];
      readonly weights: Readonly<Partial<Record<EventType, number>>>;
    };

/** Largest weight of one event type: points stay far inside exact integer arithmetic. */
export const MAX_WEIGHT = 10_000;

/**
 * How equal scores are ordered.
 * - `first_to_reach`: the rep who reached the score first ranks higher; same instant, lower rep id first.
 * - `shared`: equal scores share a rank (1, 1, 3); listing order inside the tie is still first-to-reach.
 */
export type TieRule = 'first_to_reach' | 'shared';

export interface ContestRules {
  readonly metric: MetricRule;
  readonly period: PeriodRule;
  readonly tieRule: TieRule;
  /** Conditions every counted event meets (all of them); empty: every event of the metric's types. */
  readonly filters: readonly FilterRule[];
  /** Events before this instant never count (epoch ms): the start of the contest's first period. */
  readonly startsAt: number;
}

export interface Contest {
  readonly id: string;
  readonly rules: ContestRules;
}

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** A one-off contest lasts at most this long (a quarter, a fiscal year and a bit). */
export const MAX_ONCE_MS = 400 * 24 * 60 * 60 * 1000;
const CURRENCY = /^[A-Z]{3}$/;

/** Every problem with a set of contest rules, with paths relative to `prefix`. */
export function checkContestRules(rules: ContestRules, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { metric, period } = rules;
  if (metric.eventTypes.length === 0) {
    problems.push(
      metric.kind === 'points'
        ? { path: `${prefix}metric.weights`, reason: 'must weigh at least one event type' }
        : { path: `${prefix}metric.eventTypes`, reason: 'must name at least one event type' },
    );
  }
  metric.eventTypes.forEach((type, i) => {
    if (!isEventType(type)) {
      problems.push({
        path: `${prefix}metric.eventTypes[${i}]`,
        reason: `must be one of ${EVENT_TYPES.join(', ')}`,
      });
    }
  });
  if (metric.kind === 'points') {
    for (const [type, weight] of Object.entries(metric.weights as Record<string, unknown>)) {
      if (!isEventType(type)) {
        problems.push({
          path: `${prefix}metric.weights.${type}`,
          reason: `is not an event type: must be one of ${EVENT_TYPES.join(', ')}`,
        });
      } else if (
        typeof weight !== 'number' ||
        !Number.isInteger(weight) ||
        weight < 1 ||
        weight > MAX_WEIGHT
      ) {
        problems.push({
          path: `${prefix}metric.weights.${type}`,
          reason: `must be a whole number of points from 1 to ${MAX_WEIGHT}`,
        });
      }
    }
  }
  if (metric.kind === 'sum_amount' && !CURRENCY.test(metric.currency)) {
    problems.push({ path: `${prefix}metric.currency`, reason: 'must be a three-letter ISO-4217 code' });
  }
  if (!isValidTimeZone(period.timeZone)) {
    problems.push({
      path: `${prefix}period.timeZone`,
      reason: `is not an IANA time zone: ${period.timeZone}`,
    });
  }
  if (period.kind === 'weekly' && !WEEKDAYS.includes(period.weekStartsOn)) {
    problems.push({ path: `${prefix}period.weekStartsOn`, reason: 'must be 1 (Monday) to 7 (Sunday)' });
  }
  if (period.kind === 'once') {
    if (!(period.end > period.start)) {
      problems.push({ path: `${prefix}period.end`, reason: 'must be after period.start' });
    } else if (period.end - period.start > MAX_ONCE_MS) {
      problems.push({ path: `${prefix}period.end`, reason: 'must be at most 400 days after period.start' });
    }
    if (!(period.start >= EARLIEST_OCCURRED_AT)) {
      problems.push({ path: `${prefix}period.start`, reason: 'must not be before the year 2000' });
    }
  }
  if (!Number.isFinite(rules.startsAt)) {
    problems.push({ path: `${prefix}startsAt`, reason: 'must be a valid instant' });
  }
  problems.push(...checkFilters(rules.filters, `${prefix}filters`));
  return problems;
}

/**
 * The events a contest could count, as storage can narrow them down before the rules apply: from its
 * start, of its metric's types, and from the sources its filters pin (null: any source); plus the
 * manual adjustments made for this contest (`manualFor`, its id), whatever its types and filters.
 */
export function candidateScope(contest: Contest): {
  from: number;
  types: readonly EventType[];
  sources: string[] | null;
  manualFor: string;
} {
  const { rules } = contest;
  return {
    from: rules.startsAt,
    types: rules.metric.eventTypes,
    sources: sourcesAllowed(rules.filters),
    manualFor: contest.id,
  };
}
