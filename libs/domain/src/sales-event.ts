import type { FieldProblem } from './domain-error.js';

/**
 * The sales event types Podium understands, with the measures each one must carry.
 * `license_sold` counts licenses, so it needs a quantity; `deal_won` is money, so it needs an amount.
 * Process events (`crm_*`) carry no measure: they are counted.
 */
export const EVENT_TYPE_SHAPES = {
  deal_won: { requires: ['amount'] },
  license_sold: { requires: ['quantity'] },
  lead_created: { requires: [] },
  demo_booked: { requires: [] },
  call_logged: { requires: [] },
  meeting_held: { requires: [] },
  crm_next_step_set: { requires: [] },
  crm_contact_updated: { requires: [] },
  crm_activity_logged: { requires: [] },
} as const satisfies Record<string, { requires: readonly ('amount' | 'quantity')[] }>;

export type EventType = keyof typeof EVENT_TYPE_SHAPES;
export const EVENT_TYPES = Object.keys(EVENT_TYPE_SHAPES) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPE_SHAPES, value);
}

/**
 * Every type the ledger holds: the ingestible {@link EventType}s, and `manual_adjustment`, which only
 * the manual-adjustment route writes (libs/domain `manual-adjustment.ts`); no contest lists it.
 */
export type LedgerEventType = EventType | 'manual_adjustment';

export type EventStatus = 'active' | 'void';

/** Money as integer minor units (cents) and an ISO-4217 code; never a float. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

/**
 * The current version of one ledger entry, as scoring sees it.
 * `id` is the ledger's stable id; times are epoch milliseconds.
 */
export interface SalesEvent {
  readonly id: string;
  /** Where the event came from (e.g. `hubspot`); with the client's id, the ledger key. */
  readonly source: string;
  readonly type: LedgerEventType;
  readonly repId: string;
  readonly occurredAt: number;
  readonly quantity: number | null;
  readonly amount: Money | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly revision: number;
  readonly status: EventStatus;
}

/** How far ahead of the receiving clock an `occurredAt` may be (clock skew between CRMs and us). */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;
/** Nothing in a sales ledger predates this; older timestamps are typos (e.g. year 0202). */
export const EARLIEST_OCCURRED_AT = Date.UTC(2000, 0, 1);

/**
 * Rules an event must satisfy beyond its wire types: the measure its type requires, and a plausible time.
 * Returns every problem with `prefix` prepended to the field path.
 */
export function checkEventShape(
  event: { type: string; occurredAt: number; quantity?: number | null; amount?: Money | null },
  now: number,
  prefix = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isEventType(event.type)) {
    problems.push({ path: `${prefix}type`, reason: `must be one of ${EVENT_TYPES.join(', ')}` });
  } else {
    for (const measure of EVENT_TYPE_SHAPES[event.type].requires) {
      if (event[measure] === undefined || event[measure] === null) {
        problems.push({ path: `${prefix}${measure}`, reason: `is required for ${event.type} events` });
      }
    }
  }
  if (!Number.isFinite(event.occurredAt)) {
    // NaN (e.g. Date.parse of a bad string) fails both comparisons below and would pass unnoticed.
    problems.push({ path: `${prefix}occurredAt`, reason: 'is not a valid instant' });
  }
  if (event.occurredAt > now + MAX_FUTURE_SKEW_MS) {
    problems.push({ path: `${prefix}occurredAt`, reason: 'is more than 24 hours in the future' });
  }
  if (event.occurredAt < EARLIEST_OCCURRED_AT) {
    problems.push({ path: `${prefix}occurredAt`, reason: 'is before the year 2000' });
  }
  return problems;
}
