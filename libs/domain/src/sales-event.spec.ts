import { describe, expect, it } from '@jest/globals';
import type { FieldProblem } from './domain-error.js';
import {
  checkEventShape,
  EARLIEST_OCCURRED_AT,
  EVENT_TYPES,
  isEventType,
  MAX_FUTURE_SKEW_MS,
  type Money,
} from './sales-event.js';

const NOW = Date.parse('2026-03-30T12:00:00Z');
const EUR_10: Money = { minor: 1000, currency: 'EUR' };

type ShapeInput = Parameters<typeof checkEventShape>[0];

describe(checkEventShape.name, () => {
  it.each<[string, ShapeInput]>([
    ['a deal with an amount', { type: 'deal_won', occurredAt: NOW, amount: EUR_10 }],
    ['a license sale with a quantity', { type: 'license_sold', occurredAt: NOW, quantity: 3 }],
    ['a call with no measures', { type: 'call_logged', occurredAt: NOW }],
    [
      'a process event with null measures',
      { type: 'crm_next_step_set', occurredAt: NOW, quantity: null, amount: null },
    ],
    ['an event exactly 24 hours ahead', { type: 'demo_booked', occurredAt: NOW + MAX_FUTURE_SKEW_MS }],
    ['an event on 2000-01-01T00:00Z', { type: 'lead_created', occurredAt: EARLIEST_OCCURRED_AT }],
  ])('reports nothing when the event is %s', (_, event) => {
    expect(checkEventShape(event, NOW)).toEqual([]);
  });

  it.each<[string, ShapeInput, FieldProblem[]]>([
    [
      'an unknown type',
      { type: 'deal_lost', occurredAt: NOW },
      [{ path: 'type', reason: `must be one of ${EVENT_TYPES.join(', ')}` }],
    ],
    [
      'an inherited property name as type',
      { type: 'toString', occurredAt: NOW },
      [{ path: 'type', reason: `must be one of ${EVENT_TYPES.join(', ')}` }],
    ],
    [
      'a license sale without quantity',
      { type: 'license_sold', occurredAt: NOW },
      [{ path: 'quantity', reason: 'is required for license_sold events' }],
    ],
    [
      'a license sale with a null quantity',
      { type: 'license_sold', occurredAt: NOW, quantity: null, amount: EUR_10 },
      [{ path: 'quantity', reason: 'is required for license_sold events' }],
    ],
    [
      'a deal without amount',
      { type: 'deal_won', occurredAt: NOW, quantity: 2 },
      [{ path: 'amount', reason: 'is required for deal_won events' }],
    ],
    [
      'a deal with a null amount',
      { type: 'deal_won', occurredAt: NOW, amount: null },
      [{ path: 'amount', reason: 'is required for deal_won events' }],
    ],
    [
      'an event more than 24 hours ahead',
      { type: 'call_logged', occurredAt: NOW + MAX_FUTURE_SKEW_MS + 1 },
      [{ path: 'occurredAt', reason: 'is more than 24 hours in the future' }],
    ],
    [
      'an event before the year 2000',
      { type: 'call_logged', occurredAt: EARLIEST_OCCURRED_AT - 1 },
      [{ path: 'occurredAt', reason: 'is before the year 2000' }],
    ],
    [
      'an event in the year 0202',
      { type: 'call_logged', occurredAt: Date.UTC(202, 2, 30) },
      [{ path: 'occurredAt', reason: 'is before the year 2000' }],
    ],
    [
      'an event whose time is NaN',
      { type: 'call_logged', occurredAt: Number.NaN },
      [{ path: 'occurredAt', reason: 'is not a valid instant' }],
    ],
    [
      'a deal without amount, far in the future',
      { type: 'deal_won', occurredAt: NOW + 2 * MAX_FUTURE_SKEW_MS },
      [
        { path: 'amount', reason: 'is required for deal_won events' },
        { path: 'occurredAt', reason: 'is more than 24 hours in the future' },
      ],
    ],
    [
      'an unknown type before the year 2000',
      { type: 'nope', occurredAt: 0 },
      [
        { path: 'type', reason: `must be one of ${EVENT_TYPES.join(', ')}` },
        { path: 'occurredAt', reason: 'is before the year 2000' },
      ],
    ],
  ])('reports every problem when the event is %s', (_, event, problems) => {
    expect(checkEventShape(event, NOW)).toEqual(problems);
  });

  it('prefixes every path when a prefix is given', () => {
    expect(checkEventShape({ type: 'deal_won', occurredAt: 0 }, NOW, 'events[3].')).toEqual([
      { path: 'events[3].amount', reason: 'is required for deal_won events' },
      { path: 'events[3].occurredAt', reason: 'is before the year 2000' },
    ]);
  });
});

describe(isEventType.name, () => {
  it.each([
    ...EVENT_TYPES.map((type) => [type, true] as const),
    ['deal_lost', false] as const,
    ['', false] as const,
    ['__proto__', false] as const,
    ['constructor', false] as const,
    ['DEAL_WON', false] as const,
  ])('returns %s -> %s when asked', (value, expected) => {
    expect(isEventType(value)).toBe(expected);
  });
});
