/**
 * The value lists the server and the browser share. They are the wire vocabulary: contracts is their one
 * definition for everything that speaks to the outside (REST validation, OpenAPI enums, the web app).
 * libs/domain keeps its own copies for its rules (it imports nothing outside itself); a test checks, at the
 * type level and at runtime, that both say the same (libs/domain/src/value-lists.spec.ts).
 */

/** The sales event types Podium understands. Process events (`crm_*`) carry no measure: they are counted. */
export const EVENT_TYPES = [
  'deal_won',
  'license_sold',
  'lead_created',
  'demo_booked',
  'call_logged',
  'meeting_held',
  'crm_next_step_set',
  'crm_contact_updated',
  'crm_activity_logged',
] as const;
export type EventTypeName = (typeof EVENT_TYPES)[number];

/** The measure an event type must carry: `deal_won` needs an amount, `license_sold` a quantity. */
export const EVENT_TYPE_MEASURES = {
  deal_won: 'amount',
  license_sold: 'quantity',
  lead_created: null,
  demo_booked: null,
  call_logged: null,
  meeting_held: null,
  crm_next_step_set: null,
  crm_contact_updated: null,
  crm_activity_logged: null,
} as const satisfies Record<EventTypeName, 'amount' | 'quantity' | null>;

/**
 * Whether an event type is a result (`outcome`: a deal, a license) or the work that leads to one
 * (`process`: leads, demos, calls, meetings, and the CRM hygiene events `crm_*`). A metric is an
 * outcome metric when any event type it counts (with a weight above 0) is an outcome; otherwise process.
 */
export const EVENT_TYPE_NATURES = {
  deal_won: 'outcome',
  license_sold: 'outcome',
  lead_created: 'process',
  demo_booked: 'process',
  call_logged: 'process',
  meeting_held: 'process',
  crm_next_step_set: 'process',
  crm_contact_updated: 'process',
  crm_activity_logged: 'process',
} as const satisfies Record<EventTypeName, 'outcome' | 'process'>;

export type MetricNature = 'outcome' | 'process';

export const CONTEST_KINDS = ['leaderboard', 'target_race', 'team'] as const;
export type ContestKind = (typeof CONTEST_KINDS)[number];

export const CONTEST_STATUSES = ['draft', 'scheduled', 'live', 'finalising', 'final', 'archived'] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];

export const PERIOD_KINDS = ['daily', 'weekly', 'monthly', 'once'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const METRIC_KINDS = ['count', 'sum_quantity', 'sum_amount', 'points'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
