import { describe, expect, it } from '@jest/globals';
import type { CreateContestRequest } from '#contracts';
import {
  checkRequest,
  emptyForm,
  formOf,
  localInZone,
  requestOf,
  rowKey,
  zonedToIso,
  type ContestForm,
} from './contest-form-model.js';

const WEEKLY: CreateContestRequest = {
  name: 'Most licenses this week',
  kind: 'leaderboard',
  metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
  period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
  prizes: { ranks: [{ rank: 1, prize: { name: 'Team lunch on us' } }] },
};

const paths = (form: ContestForm) => checkRequest(requestOf(form)).map((p) => p.path);

describe('the contest form model', () => {
  it('turns a template into a form and back into the same request when nothing is changed', () => {
    const request = requestOf(formOf(WEEKLY));
    expect(request).toMatchObject({
      name: WEEKLY.name,
      kind: 'leaderboard',
      metric: WEEKLY.metric,
      period: WEEKLY.period,
      prizes: {
        ranks: [{ rank: 1, prize: { name: 'Team lunch on us', description: null, imageUrl: null } }],
        thresholds: [],
      },
    });
    expect(checkRequest(request)).toEqual([]);
  });

  it('sends only the fields the chosen kinds use when kinds change', () => {
    const race = requestOf({
      ...formOf(WEEKLY),
      kind: 'target_race',
      target: '10',
      metricKind: 'count',
      eventTypes: ['demo_booked'],
    });
    expect(race).toMatchObject({
      kind: 'target_race',
      target: 10,
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
    });
    expect(race).not.toHaveProperty('teamScoring');
    const team = requestOf({ ...formOf(WEEKLY), kind: 'team', teamScoring: 'average' });
    expect(team).toMatchObject({ kind: 'team', teamScoring: 'average' });
    expect(team).not.toHaveProperty('target');
    expect(team).not.toHaveProperty('minScore');
    expect(team).not.toHaveProperty('divisions');
    const points = requestOf({
      ...formOf(WEEKLY),
      metricKind: 'points',
      weights: new Map([['demo_booked', '5']]),
    });
    expect(points.metric).toEqual({ kind: 'points', weights: { demo_booked: 5 } });
  });

  it.each<[string, Partial<ContestForm>, string]>([
    ['an empty name', { name: '   ' }, 'name'],
    ['a name of 121 characters', { name: 'x'.repeat(121) }, 'name'],
    ['no event type', { eventTypes: [] }, 'metric.eventTypes'],
    ['no weight at all', { metricKind: 'points', weights: new Map() }, 'metric.weights'],
    [
      'a weight of 0',
      { metricKind: 'points', weights: new Map([['lead_created', '0']]) },
      'metric.weights.lead_created',
    ],
    [
      'a fractional weight',
      { metricKind: 'points', weights: new Map([['lead_created', '1.5']]) },
      'metric.weights.lead_created',
    ],
    ['a time zone that does not exist', { timeZone: 'Mars/Olympus' }, 'period.timeZone'],
    ['a race without a target', { kind: 'target_race', target: '' }, 'target'],
    ['a race target of 0', { kind: 'target_race', target: '0' }, 'target'],
    [
      'a lower-case currency kept as typed',
      { metricKind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EU' },
      'metric.currency',
    ],
    [
      'a one-off contest ending before it starts',
      { periodKind: 'once', onceStart: '2026-05-10T09:00', onceEnd: '2026-05-09T09:00' },
      'period.end',
    ],
    [
      'a one-off contest of 401 days',
      { periodKind: 'once', onceStart: '2026-01-01T00:00', onceEnd: '2027-02-06T00:00' },
      'period.end',
    ],
    ['a grace of more than a week', { gracePeriodMinutes: '10081' }, 'gracePeriodMinutes'],
    ['a negative minimum score', { minScore: '-1' }, 'minScore'],
    ['per-rep targets without a default', { useTargets: true, targetDefault: '' }, 'targets.default'],
  ])('names the field the api would name for %s', (_, change, path) => {
    expect(paths({ ...formOf(WEEKLY), ...change })).toContain(path);
  });

  it('names each prize row under the api path when prizes break a rule', () => {
    const row = (at: string, name: string, imageUrl = '') => ({
      key: rowKey(),
      at,
      name,
      description: '',
      imageUrl,
    });
    const form: ContestForm = {
      ...formOf(WEEKLY),
      rankPrizes: [row('1', 'Trip'), row('1', 'Dinner'), row('2', ''), row('3', 'Cinema', 'ftp://x')],
      thresholdPrizes: [row('0', 'Badge')],
    };
    expect(paths(form)).toEqual(
      expect.arrayContaining([
        'prizes.ranks[1].rank',
        'prizes.ranks[2].prize.name',
        'prizes.ranks[3].prize.imageUrl',
        'prizes.thresholds[0].atLeast',
      ]),
    );
    expect(paths(form)).not.toContain('prizes.ranks[0].rank');
  });

  it('starts from scratch with a form that only lacks a name', () => {
    expect(paths(emptyForm('Europe/Amsterdam'))).toEqual(['name']);
  });

  it('reads a wall-clock time in the contest time zone, summer and winter, and back', () => {
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Amsterdam')).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedToIso('2026-01-05T09:00', 'Europe/Amsterdam')).toBe('2026-01-05T08:00:00.000Z');
    expect(zonedToIso('2026-01-05T09:00', 'America/New_York')).toBe('2026-01-05T14:00:00.000Z');
    expect(localInZone('2026-07-01T07:00:00.000Z', 'Europe/Amsterdam')).toBe('2026-07-01T09:00');
    expect(zonedToIso('', 'Europe/Amsterdam')).toBe('');
  });
});
