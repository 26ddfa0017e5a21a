export type MetricInput =
  | { readonly kind: 'count'; readonly eventTypes: readonly string[] }
  | { readonly kind: 'sum_quantity'; readonly eventTypes: readonly string[] }
  | { readonly kind: 'sum_amount'; readonly eventTypes: readonly string[]; readonly currency: string }
  /** Weighted points per event type, e.g. `{ "lead_created": 1, "demo_booked": 5, "deal_won": 20 }`. */
  | { readonly kind: 'points'; readonly weights: Readonly<Record<string, number>> };

export type PeriodInput =
  | { readonly kind: 'daily' | 'monthly'; readonly timeZone: string }
  | { readonly kind: 'weekly'; readonly timeZone: string; readonly weekStartsOn?: number }
  | { readonly kind: 'once'; readonly timeZone: string; readonly start: string; readonly end: string };

/** Only events meeting every filter count: `source`, `quantity`, `amount`, `currency` or `attributes.<name>`. */
export interface FilterInput {
  readonly field: string;
  readonly op: 'eq' | 'neq' | 'in' | 'gte' | 'lte';
  readonly value: string | number | boolean | readonly (string | number | boolean)[];
}

export interface CreateContestRequest {
  readonly name: string;
  readonly description?: string;
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly tieRule?: 'first_to_reach' | 'shared';
  readonly filters?: readonly FilterInput[];
}

export interface ContestResponse {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: string;
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly tieRule: 'first_to_reach' | 'shared';
  readonly filters: readonly FilterInput[];
  readonly startsAt: string;
  readonly createdAt: string;
}
