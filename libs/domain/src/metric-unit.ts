import type { MetricRule } from './contest-rules.js';
import type { BoardRules } from './board-rules.js';

/** What a contest counts. The same shape as `MetricUnit` in libs/contracts (checked by value-lists.spec.ts). */
export type MetricUnit =
  | { readonly kind: 'count'; readonly eventType: string | null }
  | { readonly kind: 'money'; readonly currency: string | null }
  | { readonly kind: 'points' }
  | { readonly kind: 'percent' };

/**
 * The unit a board's numbers are read in, so a screen says "3 licenses", "€1,200.00" or "12 points":
 * counts and quantities of one event type name it (null for several types), amounts are money in the
 * metric's currency, weighted points are points, and a leaderboard ranked by percent of each rep's target
 * reads in percent (`board` with targets).
 */
export function metricUnitOf(metric: MetricRule, board?: Pick<BoardRules, 'kind' | 'targets'>): MetricUnit {
  if (board !== undefined && board.kind === 'leaderboard' && board.targets !== null)
    return { kind: 'percent' };
  switch (metric.kind) {
    case 'count':
    case 'sum_quantity':
      return {
        kind: 'count',
        eventType: metric.eventTypes.length === 1 ? (metric.eventTypes[0] ?? null) : null,
      };
    case 'sum_amount':
      return { kind: 'money', currency: metric.currency };
    case 'points':
      return { kind: 'points' };
  }
}
