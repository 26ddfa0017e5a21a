import { periodContaining, windowContains } from './contest-window.js';
import type { Contest, MetricRule } from './contest-rules.js';
import { matchesFilters } from './event-filter.js';
import type { SalesEvent } from './sales-event.js';

/** What one event adds to one rep's score in one period of one contest. */
export interface Contribution {
  readonly eventId: string;
  readonly contestId: string;
  /** Start of the period (epoch ms): together with contestId it names the board. */
  readonly periodStart: number;
  readonly repId: string;
  /** Always > 0: an event that would add nothing is not a contribution. */
  readonly points: number;
  readonly occurredAt: number;
}

/**
 * Points an event earns under a metric, or 0 when the metric does not take it.
 * Measures are non-negative integers (validated at ingest), so points are never negative and a
 * rep's score only grows as events arrive; reversals are retractions, not negative events.
 */
export function pointsFor(metric: MetricRule, event: SalesEvent): number {
  if (!metric.eventTypes.includes(event.type)) return 0;
  switch (metric.kind) {
    case 'count':
      return 1;
    case 'sum_quantity':
      return event.quantity ?? 0;
    case 'sum_amount':
      return event.amount !== null && event.amount.currency === metric.currency ? event.amount.minor : 0;
  }
}

/**
 * Every contribution of the current version of `event` to `contests`: none when it is void,
 * before a contest starts, outside a one-off window, filtered out, or earns no points.
 */
export function scoreEvent(contests: readonly Contest[], event: SalesEvent): Contribution[] {
  if (event.status === 'void') return [];
  const contributions: Contribution[] = [];
  for (const contest of contests) {
    const { rules } = contest;
    if (event.occurredAt < rules.startsAt) continue;
    const window = periodContaining(rules.period, event.occurredAt);
    if (!windowContains(window, event.occurredAt)) continue;
    if (!matchesFilters(rules.filters, event)) continue;
    const points = pointsFor(rules.metric, event);
    if (points <= 0) continue;
    contributions.push({
      eventId: event.id,
      contestId: contest.id,
      periodStart: window.start,
      repId: event.repId,
      points,
      occurredAt: event.occurredAt,
    });
  }
  return contributions;
}
