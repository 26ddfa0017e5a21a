import { describe, expect, it } from '@jest/globals';
import type { PeriodRule, Weekday } from './contest-window.js';
import { checkContestRules, WEEKDAYS, type ContestRules, type MetricRule } from './contest-rules.js';
import type { FieldProblem } from './domain-error.js';
import { EVENT_TYPES, type EventType } from './sales-event.js';

const START = Date.parse('2026-03-30T00:00:00+02:00');
const ONE_OF = `must be one of ${EVENT_TYPES.join(', ')}`;

const rules = (over: { metric?: MetricRule; period?: PeriodRule; startsAt?: number } = {}): ContestRules => ({
  metric: over.metric ?? { kind: 'sum_quantity', eventTypes: ['license_sold'] },
  period: over.period ?? { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
  tieRule: 'first_to_reach',
  filters: [],
  startsAt: over.startsAt ?? START,
});

// Values that break the types on purpose: the wire may send anything.
const badType = (value: string): EventType => value as EventType;
const badWeekday = (value: number): Weekday => value as Weekday;

describe(checkContestRules.name, () => {
  it.each<[string, ContestRules]>([
    ['a weekly quantity contest', rules()],
    [
      'a count over several types',
      rules({ metric: { kind: 'count', eventTypes: ['call_logged', 'meeting_held'] } }),
    ],
    [
      'an amount contest in EUR',
      rules({ metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' } }),
    ],
    ['a daily contest in UTC', rules({ period: { kind: 'daily', timeZone: 'UTC' } })],
    ['a monthly contest in Kolkata', rules({ period: { kind: 'monthly', timeZone: 'Asia/Kolkata' } })],
    ...WEEKDAYS.map((weekStartsOn): [string, ContestRules] => [
      `a week starting on day ${weekStartsOn}`,
      rules({ period: { kind: 'weekly', timeZone: 'America/New_York', weekStartsOn } }),
    ]),
    ['a once window', rules({ period: { kind: 'once', timeZone: 'UTC', start: START, end: START + 1 } })],
  ])('reports nothing when the rules are %s', (_, valid) => {
    expect(checkContestRules(valid)).toEqual([]);
  });

  it.each<[string, ContestRules, FieldProblem[]]>([
    [
      'no event types',
      rules({ metric: { kind: 'count', eventTypes: [] } }),
      [{ path: 'metric.eventTypes', reason: 'must name at least one event type' }],
    ],
    [
      'an unknown event type',
      rules({ metric: { kind: 'count', eventTypes: ['call_logged', badType('deal_lost')] } }),
      [{ path: 'metric.eventTypes[1]', reason: ONE_OF }],
    ],
    [
      'two unknown event types',
      rules({ metric: { kind: 'count', eventTypes: [badType('a'), 'call_logged', badType('b')] } }),
      [
        { path: 'metric.eventTypes[0]', reason: ONE_OF },
        { path: 'metric.eventTypes[2]', reason: ONE_OF },
      ],
    ],
    ...['eur', 'EURO', 'E1R', ''].map((currency): [string, ContestRules, FieldProblem[]] => [
      `the currency "${currency}"`,
      rules({ metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency } }),
      [{ path: 'metric.currency', reason: 'must be a three-letter ISO-4217 code' }],
    ]),
    [
      'a time zone that does not exist',
      rules({ period: { kind: 'daily', timeZone: 'Mars/Olympus' } }),
      [{ path: 'period.timeZone', reason: 'is not an IANA time zone: Mars/Olympus' }],
    ],
    ...[0, 8, 1.5, -1].map((weekStartsOn): [string, ContestRules, FieldProblem[]] => [
      `weekStartsOn ${weekStartsOn}`,
      rules({ period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn: badWeekday(weekStartsOn) } }),
      [{ path: 'period.weekStartsOn', reason: 'must be 1 (Monday) to 7 (Sunday)' }],
    ]),
    ...[
      ['an end equal to the start', START],
      ['an end before the start', START - 1],
      ['a NaN end', Number.NaN],
    ].map(([label, end]): [string, ContestRules, FieldProblem[]] => [
      `a once window with ${String(label)}`,
      rules({ period: { kind: 'once', timeZone: 'UTC', start: START, end: Number(end) } }),
      [{ path: 'period.end', reason: 'must be after period.start' }],
    ]),
    [
      'several problems at once',
      rules({
        metric: { kind: 'sum_amount', eventTypes: [badType('nope')], currency: 'euro' },
        period: { kind: 'weekly', timeZone: 'Europe/Atlantis', weekStartsOn: badWeekday(0) },
      }),
      [
        { path: 'metric.eventTypes[0]', reason: ONE_OF },
        { path: 'metric.currency', reason: 'must be a three-letter ISO-4217 code' },
        { path: 'period.timeZone', reason: 'is not an IANA time zone: Europe/Atlantis' },
        { path: 'period.weekStartsOn', reason: 'must be 1 (Monday) to 7 (Sunday)' },
      ],
    ],
  ])('reports the problem when the rules have %s', (_, invalid, problems) => {
    expect(checkContestRules(invalid)).toEqual(problems);
  });

  it('prefixes every path when a prefix is given', () => {
    expect(
      checkContestRules(
        rules({ period: { kind: 'once', timeZone: 'Mars/Olympus', start: START + 2, end: START + 1 } }),
        'rules.',
      ),
    ).toEqual([
      { path: 'rules.period.timeZone', reason: 'is not an IANA time zone: Mars/Olympus' },
      { path: 'rules.period.end', reason: 'must be after period.start' },
    ]);
  });

  it.each([
    [
      'a one-off window over 400 days',
      { kind: 'once', timeZone: 'UTC', start: START, end: START + 401 * 86_400_000 } as const,
      [{ path: 'period.end', reason: 'must be at most 400 days after period.start' }],
    ],
    [
      'a one-off window before the year 2000',
      { kind: 'once', timeZone: 'UTC', start: Date.UTC(1999, 0, 1), end: Date.UTC(1999, 1, 1) } as const,
      [{ path: 'period.start', reason: 'must not be before the year 2000' }],
    ],
  ])('bounds the work a contest can ask for: %s', (_, period, problems) => {
    expect(checkContestRules(rules({ period }))).toEqual(problems);
  });

  it('refuses a contest whose start is not a valid instant', () => {
    expect(checkContestRules(rules({ startsAt: Number.NaN }))).toEqual([
      { path: 'startsAt', reason: 'must be a valid instant' },
    ]);
  });
});

describe('checkContestRules for weighted points', () => {
  const base: ContestRules = {
    metric: { kind: 'points', eventTypes: ['demo_booked'], weights: { demo_booked: 5 } },
    period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn: 1 },
    tieRule: 'first_to_reach',
    filters: [],
    startsAt: Date.parse('2026-03-30T00:00:00Z'),
  };
  const withWeights = (weights: Record<string, unknown>): ContestRules => ({
    ...base,
    metric: {
      kind: 'points',
      eventTypes: Object.keys(weights) as EventType[],
      weights: weights,
    },
  });

  it('accepts whole positive weights', () => {
    expect(checkContestRules(withWeights({ lead_created: 1, demo_booked: 5, deal_won: 20 }))).toEqual([]);
  });

  it.each([
    ['a weight that is not a number', { demo_booked: 'five' }, 'metric.weights.demo_booked', /whole number/],
    ['a fractional weight', { demo_booked: 2.5 }, 'metric.weights.demo_booked', /whole number/],
    ['a zero weight', { demo_booked: 0 }, 'metric.weights.demo_booked', /whole number/],
    ['an unknown type', { demo_dreamt: 3 }, 'metric.weights.demo_dreamt', /not an event type/],
    ['no weights at all', {}, 'metric.weights', /at least one/],
  ])('names %s', (_, weights, path, reason) => {
    expect(checkContestRules(withWeights(weights))).toContainEqual({
      path,
      reason: expect.stringMatching(reason),
    });
  });
});
