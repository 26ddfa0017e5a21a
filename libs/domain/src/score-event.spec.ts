import { describe, expect, it } from '@jest/globals';
import type { Contest, ContestRules, MetricRule } from './contest-rules.js';
import type { SalesEvent } from './sales-event.js';
import { judgeEvent, pointsFor, scoreEvent } from './score-event.js';

const at = (iso: string): number => Date.parse(iso);
const WEEK_START = at('2026-03-23T00:00:00+01:00');
const NEXT_WEEK_START = at('2026-03-30T00:00:00+02:00');

const event = (over: Partial<SalesEvent> = {}): SalesEvent => ({
  id: 'e1',
  source: 'hubspot',
  type: 'license_sold',
  repId: 'amy',
  occurredAt: at('2026-03-29T12:00:00+02:00'),
  quantity: 4,
  amount: null,
  attributes: {},
  revision: 1,
  status: 'active',
  ...over,
});

const rules = (metric: MetricRule, over: Partial<ContestRules> = {}): ContestRules => ({
  metric,
  period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
  tieRule: 'first_to_reach',
  filters: [],
  startsAt: at('2026-01-05T00:00:00+01:00'),
  ...over,
});

const contest = (id: string, metric: MetricRule, over: Partial<ContestRules> = {}): Contest => ({
  id,
  rules: rules(metric, over),
});

const COUNT_CALLS: MetricRule = { kind: 'count', eventTypes: ['call_logged', 'meeting_held'] };
const LICENSES: MetricRule = { kind: 'sum_quantity', eventTypes: ['license_sold'] };
const EUR_DEALS: MetricRule = { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' };

describe(pointsFor.name, () => {
  it.each<[string, MetricRule, Partial<SalesEvent>, number]>([
    ['counts a matching event', COUNT_CALLS, { type: 'meeting_held', quantity: null }, 1],
    ['counts a matching event whatever its quantity', COUNT_CALLS, { type: 'call_logged', quantity: 9 }, 1],
    ['gives nothing to a type the count does not take', COUNT_CALLS, { type: 'demo_booked' }, 0],
    ['sums the quantity', LICENSES, { quantity: 4 }, 4],
    ['gives nothing for a missing quantity', LICENSES, { quantity: null }, 0],
    ['gives nothing to a type the sum does not take', LICENSES, { type: 'deal_won' }, 0],
    [
      'sums the amount in the currency',
      EUR_DEALS,
      { type: 'deal_won', amount: { minor: 125_00, currency: 'EUR' } },
      125_00,
    ],
    [
      'gives nothing for another currency',
      EUR_DEALS,
      { type: 'deal_won', amount: { minor: 125_00, currency: 'USD' } },
      0,
    ],
    ['gives nothing for a missing amount', EUR_DEALS, { type: 'deal_won', amount: null }, 0],
    [
      'gives nothing to a type the amount sum does not take',
      EUR_DEALS,
      { amount: { minor: 1, currency: 'EUR' } },
      0,
    ],
  ])('%s', (_, metric, over, points) => {
    expect(pointsFor(metric, event(over))).toBe(points);
  });
});

describe(scoreEvent.name, () => {
  it.each<[string, MetricRule, Partial<SalesEvent>, number]>([
    ['count', COUNT_CALLS, { type: 'call_logged', quantity: null }, 1],
    ['sum_quantity', LICENSES, { quantity: 7 }, 7],
    [
      'sum_amount',
      EUR_DEALS,
      { type: 'deal_won', quantity: null, amount: { minor: 999, currency: 'EUR' } },
      999,
    ],
  ])('contributes to the period containing the event when the metric is %s', (_, metric, over, points) => {
    const e = event(over);
    expect(scoreEvent([contest('c1', metric)], e)).toEqual([
      {
        eventId: 'e1',
        contestId: 'c1',
        periodStart: WEEK_START,
        repId: 'amy',
        points,
        occurredAt: e.occurredAt,
      },
    ]);
  });

  it('contributes to every contest that takes the event and only those', () => {
    const contests = [
      contest('licenses', LICENSES),
      contest('calls', COUNT_CALLS),
      contest(
        'license-count',
        { kind: 'count', eventTypes: ['license_sold'] },
        {
          period: { kind: 'monthly', timeZone: 'America/New_York' },
        },
      ),
    ];
    expect(scoreEvent(contests, event()).map((x) => [x.contestId, x.periodStart, x.points])).toEqual([
      ['licenses', WEEK_START, 4],
      ['license-count', at('2026-03-01T00:00:00-05:00'), 1],
    ]);
  });

  it('contributes nothing when the event is void', () => {
    expect(scoreEvent([contest('c1', LICENSES)], event({ status: 'void', revision: 2 }))).toEqual([]);
  });

  it.each([
    ['before startsAt', at('2026-03-29T12:00:00+02:00') + 1, false],
    ['at startsAt', at('2026-03-29T12:00:00+02:00'), true],
  ])('respects startsAt when the event is %s', (_, startsAt, counts) => {
    expect(scoreEvent([contest('c1', LICENSES, { startsAt })], event())).toHaveLength(counts ? 1 : 0);
  });

  it.each([
    ['before the window', '2026-02-28T23:59:59.999+01:00', false],
    ['at its start', '2026-03-01T00:00:00+01:00', true],
    ['inside it', '2026-03-29T12:00:00+02:00', true],
    ['at its end', '2026-04-01T00:00:00+02:00', false],
  ])('counts only events inside a once window when the event is %s', (_, occurredAt, counts) => {
    const start = at('2026-03-01T00:00:00+01:00');
    const once = contest('sprint', LICENSES, {
      period: { kind: 'once', timeZone: 'Europe/Amsterdam', start, end: at('2026-04-01T00:00:00+02:00') },
      startsAt: start,
    });
    const contributions = scoreEvent([once], event({ occurredAt: at(occurredAt) }));
    expect(contributions).toEqual(counts ? [expect.objectContaining({ periodStart: start, points: 4 })] : []);
  });

  it.each([
    ['Sunday 23:59:59.999', '2026-03-29T23:59:59.999+02:00', WEEK_START],
    ['Monday 00:00', '2026-03-30T00:00:00+02:00', NEXT_WEEK_START],
  ])('uses the local week when the event is at %s Amsterdam time', (_, occurredAt, periodStart) => {
    expect(scoreEvent([contest('c1', LICENSES)], event({ occurredAt: at(occurredAt) }))[0]?.periodStart).toBe(
      periodStart,
    );
  });

  it.each([
    ['a zero quantity', { quantity: 0 }],
    ['a negative quantity', { quantity: -2 }],
  ])('contributes nothing when the event has %s', (_, over) => {
    expect(scoreEvent([contest('c1', LICENSES)], event(over))).toEqual([]);
  });

  it('contributes nothing when there are no contests', () => {
    expect(scoreEvent([], event())).toEqual([]);
  });
});

describe(judgeEvent.name, () => {
  const contest: Contest = {
    id: 'c',
    rules: {
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'once', timeZone: 'UTC', start: Date.UTC(2026, 5, 1), end: Date.UTC(2026, 6, 1) },
      tieRule: 'first_to_reach',
      filters: [{ field: 'attributes.product', op: 'eq', value: 'enterprise' }],
      startsAt: Date.UTC(2026, 5, 1),
    },
  };
  const sale = (over: Partial<SalesEvent> = {}): SalesEvent => ({
    id: 'e1',
    source: 'crm',
    type: 'license_sold',
    repId: 'r1',
    occurredAt: Date.UTC(2026, 5, 10),
    quantity: 3,
    amount: null,
    attributes: { product: 'enterprise' },
    revision: 1,
    status: 'active',
    ...over,
  });

  it.each([
    ['retracted', sale({ status: 'void' })],
    ['type_not_counted', sale({ type: 'lead_created' })],
    ['before_contest_start', sale({ occurredAt: Date.UTC(2026, 4, 31) })],
    ['outside_window', { ...sale(), occurredAt: Date.UTC(2026, 6, 1) }],
    ['filtered_out', sale({ attributes: { product: 'starter' } })],
    ['no_points', sale({ quantity: 0 })],
  ] as const)('gives the reason %s', (reason, event) => {
    expect(judgeEvent(contest, event)).toEqual({ counted: false, reason });
  });

  it('counts an event that meets every rule, exactly as scoreEvent does', () => {
    const verdict = judgeEvent(contest, sale());
    expect(verdict).toEqual({ counted: true, contribution: scoreEvent([contest], sale())[0] });
  });
});

describe('weighted points', () => {
  const metric: MetricRule = {
    kind: 'points',
    eventTypes: ['lead_created', 'demo_booked', 'deal_won'],
    weights: { lead_created: 1, demo_booked: 5, deal_won: 20 },
  };

  it.each([
    ['lead_created', 1],
    ['demo_booked', 5],
    ['deal_won', 20],
    ['license_sold', 0],
  ] as const)('gives a %s event its weight (%i points)', (type, points) => {
    expect(pointsFor(metric, event({ type, amount: { minor: 100, currency: 'EUR' } }))).toBe(points);
  });
});
