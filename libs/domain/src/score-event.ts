import { periodContaining, windowContains } from './contest-window.js';
import type { Contest, MetricRule } from './contest-rules.js';
import { matchesFilters } from './event-filter.js';
import type { SalesEvent } from './sales-event.js';
import { ownValue } from './own-value.js';
import { MANUAL_ADJUSTMENT, manualAdjustmentOf } from './manual-adjustment.js';

/** What one event adds to one rep's score in one period of one contest. */
export interface Contribution {
  readonly eventId: string;
  readonly contestId: string;
  /** Start of the period (epoch ms): together with contestId it names the board. */
  readonly periodStart: number;
  readonly repId: string;
  /**
   * Never 0: an event that would add nothing is not a contribution. Only a manual adjustment (a
   * manager removing points, with a reason) is negative; every other event adds.
   */
  readonly points: number;
  readonly occurredAt: number;
}

/**
 * Points an event earns under a metric, or 0 when the metric does not take it.
 * Measures are non-negative integers (validated at ingest), so points are never negative and a
 * CRM's events only ever add; reversals are retractions, not negative events. The one way a score goes
 * down by an event is a manager's manual adjustment with negative points ({@link judgeEvent}).
 */
export function pointsFor(metric: MetricRule, event: SalesEvent): number {
  // A manual adjustment is judged by its own rule (judgeEvent), never by a metric.
  if (event.type === MANUAL_ADJUSTMENT || !metric.eventTypes.includes(event.type)) return 0;
  switch (metric.kind) {
    case 'count':
      return 1;
    case 'sum_quantity':
      return event.quantity ?? 0;
    case 'sum_amount':
      return event.amount !== null && event.amount.currency === metric.currency ? event.amount.minor : 0;
    case 'points':
      return ownValue(metric.weights, event.type) ?? 0;
  }
}

/**
 * Why an event adds nothing to a contest, in the order the rules are checked:
 * - `retracted`: its current version is void (the CRM reversed it);
 * - `type_not_counted`: the contest's metric does not count this event type;
 * - `before_contest_start`: it happened before the contest's first period;
 * - `outside_window`: it happened outside the one-off contest's window;
 * - `filtered_out`: it fails one of the contest's filters;
 * - `no_points`: it earns nothing (a quantity of 0, an amount in another currency).
 */
export type ExclusionReason =
  'retracted' | 'type_not_counted' | 'before_contest_start' | 'outside_window' | 'filtered_out' | 'no_points';

/** What the current version of one event does in one contest: a contribution, or why not. */
export type EventVerdict =
  | { readonly counted: true; readonly contribution: Contribution }
  | { readonly counted: false; readonly reason: ExclusionReason };

/**
 * The single rule of what an event contributes to a contest; {@link scoreEvent} and the score
 * explanation both rest on it, so the board and its explanation cannot disagree.
 *
 * A manual adjustment counts in the one contest it was made for and nowhere else (elsewhere its type is
 * not counted), with its own signed points in that contest's unit, in the period its time falls in; the
 * contest's metric types and filters do not apply to it: the manager made it for this board.
 */
export function judgeEvent(contest: Contest, event: SalesEvent): EventVerdict {
  const { rules } = contest;
  if (event.status === 'void') return { counted: false, reason: 'retracted' };
  if (event.type === MANUAL_ADJUSTMENT) return judgeManualAdjustment(contest, event);
  if (!rules.metric.eventTypes.includes(event.type)) return { counted: false, reason: 'type_not_counted' };
  if (event.occurredAt < rules.startsAt) return { counted: false, reason: 'before_contest_start' };
  const window = periodContaining(rules.period, event.occurredAt);
  if (!windowContains(window, event.occurredAt)) return { counted: false, reason: 'outside_window' };
  if (!matchesFilters(rules.filters, event)) return { counted: false, reason: 'filtered_out' };
  const points = pointsFor(rules.metric, event);
  if (points <= 0) return { counted: false, reason: 'no_points' };
  return {
    counted: true,
    contribution: {
      eventId: event.id,
      contestId: contest.id,
      periodStart: window.start,
      repId: event.repId,
      points,
      occurredAt: event.occurredAt,
    },
  };
}

function judgeManualAdjustment(contest: Contest, event: SalesEvent): EventVerdict {
  const { rules } = contest;
  const facts = manualAdjustmentOf(event);
  if (facts === null || facts.contestId !== contest.id) return { counted: false, reason: 'type_not_counted' };
  if (event.occurredAt < rules.startsAt) return { counted: false, reason: 'before_contest_start' };
  const window = periodContaining(rules.period, event.occurredAt);
  if (!windowContains(window, event.occurredAt)) return { counted: false, reason: 'outside_window' };
  return {
    counted: true,
    contribution: {
      eventId: event.id,
      contestId: contest.id,
      periodStart: window.start,
      repId: event.repId,
      points: facts.points,
      occurredAt: event.occurredAt,
    },
  };
}

/**
 * Every contribution of the current version of `event` to `contests`: none when it is void,
 * before a contest starts, outside a one-off window, filtered out, or earns no points.
 */
export function scoreEvent(contests: readonly Contest[], event: SalesEvent): Contribution[] {
  const contributions: Contribution[] = [];
  for (const contest of contests) {
    const verdict = judgeEvent(contest, event);
    if (verdict.counted) contributions.push(verdict.contribution);
  }
  return contributions;
}
