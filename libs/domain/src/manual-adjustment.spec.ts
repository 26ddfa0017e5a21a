import { describe, expect, it } from '@jest/globals';
import type { Principal } from './access.js';
import type { Contest, ContestRules, MetricRule } from './contest-rules.js';
import {
  canAdjustRep,
  checkManualAdjustment,
  isReservedSource,
  MANUAL_ADJUSTMENT,
  MANUAL_SOURCE,
  manualAdjustmentOf,
  manualAdjustmentPeriod,
  MAX_MANUAL_AMOUNT_MINOR,
  MAX_MANUAL_POINTS,
} from './manual-adjustment.js';
import { recomputeStandings } from './recompute-standings.js';
import type { SalesEvent } from './sales-event.js';
import { judgeEvent, scoreEvent } from './score-event.js';

const at = (iso: string): number => Date.parse(iso);
const NOW = at('2026-03-25T10:00:00+01:00');
const WEEK_START = at('2026-03-23T00:00:00+01:00');
const LAST_WEEK_START = at('2026-03-16T00:00:00+01:00');

const LICENSES: MetricRule = { kind: 'sum_quantity', eventTypes: ['license_sold'] };
const EUR_DEALS: MetricRule = { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' };

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

const adjustment = (
  over: Partial<SalesEvent> = {},
  attributes: Record<string, unknown> = {},
): SalesEvent => ({
  id: '17',
  source: MANUAL_SOURCE,
  type: MANUAL_ADJUSTMENT,
  repId: 'amy',
  occurredAt: NOW,
  quantity: null,
  amount: null,
  attributes: {
    contestId: 'c1',
    points: -3,
    reason: 'Double-booked deal',
    byUserId: 'u1',
    byLabel: 'Mara',
    ...attributes,
  },
  revision: 1,
  status: 'active',
  ...over,
});

describe(manualAdjustmentOf.name, () => {
  it('reads the facts of a manual adjustment when its attributes are complete', () => {
    expect(manualAdjustmentOf(adjustment())).toEqual({
      contestId: 'c1',
      points: -3,
      reason: 'Double-booked deal',
      byUserId: 'u1',
      byLabel: 'Mara',
    });
  });

  it.each<[string, Partial<SalesEvent>, Record<string, unknown>]>([
    ['another source', { source: 'hubspot' }, {}],
    ['another type', { type: 'deal_won' }, {}],
    ['zero points', {}, { points: 0 }],
    ['fractional points', {}, { points: 1.5 }],
    ['points as text', {}, { points: '3' }],
    ['no contest', {}, { contestId: undefined }],
  ])('is null for %s', (_name, over, attributes) => {
    expect(manualAdjustmentOf(adjustment(over, attributes))).toBeNull();
  });

  it('never reads inherited keys as facts when attributes are a bare object', () => {
    const event = adjustment({
      attributes: Object.create({ contestId: 'c1', points: 3 }) as Record<string, unknown>,
    });
    expect(manualAdjustmentOf(event)).toBeNull();
  });
});

describe(judgeEvent.name, () => {
  const mine = contest('c1', LICENSES);

  it('counts a manual adjustment in its own contest with its signed points when active', () => {
    expect(judgeEvent(mine, adjustment())).toEqual({
      counted: true,
      contribution: {
        eventId: '17',
        contestId: 'c1',
        periodStart: WEEK_START,
        repId: 'amy',
        points: -3,
        occurredAt: NOW,
      },
    });
  });

  it('counts it in no other contest, whatever that contest measures, when made for another', () => {
    expect(judgeEvent(contest('c2', LICENSES), adjustment())).toEqual({
      counted: false,
      reason: 'type_not_counted',
    });
    expect(scoreEvent([mine, contest('c2', EUR_DEALS), contest('c3', LICENSES)], adjustment())).toHaveLength(
      1,
    );
  });

  it('ignores the contest filters and metric types when the manager made it for that contest', () => {
    const filtered = contest('c1', LICENSES, { filters: [{ field: 'source', op: 'eq', value: 'hubspot' }] });
    expect(judgeEvent(filtered, adjustment()).counted).toBe(true);
  });

  it('counts nothing when retracted', () => {
    expect(judgeEvent(mine, adjustment({ status: 'void' }))).toEqual({ counted: false, reason: 'retracted' });
  });

  it('puts it in the period its time falls in when that is a past period', () => {
    const verdict = judgeEvent(mine, adjustment({ occurredAt: WEEK_START - 1 }));
    expect(verdict.counted && verdict.contribution.periodStart).toBe(LAST_WEEK_START);
  });

  it('counts nothing before the contest starts', () => {
    const late = contest('c1', LICENSES, { startsAt: WEEK_START });
    expect(judgeEvent(late, adjustment({ occurredAt: WEEK_START - 1 }))).toEqual({
      counted: false,
      reason: 'before_contest_start',
    });
  });

  it('gives a forged ordinary event of type manual_adjustment no points when its source is not manual', () => {
    expect(judgeEvent(mine, adjustment({ source: 'hubspot' })).counted).toBe(false);
  });
});

describe(recomputeStandings.name, () => {
  it('sums manual adjustments with the ordinary events of the rep when recomputing the board', () => {
    const sale: SalesEvent = {
      ...adjustment(),
      id: '1',
      source: 'hubspot',
      type: 'license_sold',
      quantity: 5,
      attributes: {},
    };
    const standings = [...recomputeStandings([contest('c1', LICENSES)], [sale, adjustment()]).values()];
    expect(standings).toEqual([{ repId: 'amy', score: 2, reachedAt: NOW }]);
  });
});

describe(checkManualAdjustment.name, () => {
  it.each<[string, { points?: unknown; reason?: unknown }, MetricRule, string[]]>([
    ['accepts a negative whole number with a reason', { points: -5, reason: 'Refunded' }, LICENSES, []],
    ['accepts the bound', { points: MAX_MANUAL_POINTS, reason: 'Big' }, LICENSES, []],
    ['refuses zero', { points: 0, reason: 'Nothing' }, LICENSES, ['points']],
    ['refuses a fraction', { points: 1.5, reason: 'Half' }, LICENSES, ['points']],
    [
      'refuses beyond the bound',
      { points: -MAX_MANUAL_POINTS - 1, reason: 'Too much' },
      LICENSES,
      ['points'],
    ],
    ['allows money up to its own bound', { points: MAX_MANUAL_AMOUNT_MINOR, reason: 'Deal' }, EUR_DEALS, []],
    ['refuses a missing reason', { points: 2 }, LICENSES, ['reason']],
    ['refuses a blank reason', { points: 2, reason: '      ' }, LICENSES, ['reason']],
    ['refuses two characters after trimming', { points: 2, reason: '  ok  ' }, LICENSES, ['reason']],
    ['accepts three characters after trimming', { points: 2, reason: '  yes ' }, LICENSES, []],
    ['refuses 501 characters', { points: 2, reason: 'x'.repeat(501) }, LICENSES, ['reason']],
    ['counts an emoji as one character', { points: 2, reason: '🎉'.repeat(500) }, LICENSES, []],
  ])('%s', (_name, input, metric, paths) => {
    expect(checkManualAdjustment(input, metric).map((p) => p.path)).toEqual(paths);
  });
});

describe(manualAdjustmentPeriod.name, () => {
  const weekly = rules(LICENSES);

  it('takes the current period at the present instant when none is chosen', () => {
    expect(manualAdjustmentPeriod(weekly, null, NOW)).toEqual({
      window: { start: WEEK_START, end: at('2026-03-30T00:00:00+02:00') },
      occurredAt: NOW,
    });
  });

  it('puts a past period at its last millisecond when it is chosen', () => {
    expect(manualAdjustmentPeriod(weekly, LAST_WEEK_START, NOW)).toEqual({
      window: { start: LAST_WEEK_START, end: WEEK_START },
      occurredAt: WEEK_START - 1,
    });
  });

  it('refuses a period that has not started', () => {
    expect(manualAdjustmentPeriod(weekly, at('2026-04-01T00:00:00+02:00'), NOW)).toEqual({
      problem: { path: 'period', reason: 'has not started yet' },
    });
  });

  it('refuses a period before the contest started', () => {
    expect(manualAdjustmentPeriod(rules(LICENSES, { startsAt: WEEK_START }), LAST_WEEK_START, NOW)).toEqual({
      problem: { path: 'period', reason: 'is before the contest started' },
    });
  });

  it('takes a one-off contest window by default, even after it ended', () => {
    const once = rules(LICENSES, {
      period: { kind: 'once', timeZone: 'UTC', start: LAST_WEEK_START, end: WEEK_START },
      startsAt: LAST_WEEK_START,
    });
    expect(manualAdjustmentPeriod(once, null, NOW)).toEqual({
      window: { start: LAST_WEEK_START, end: WEEK_START },
      occurredAt: WEEK_START - 1,
    });
    expect(manualAdjustmentPeriod(once, NOW, NOW)).toEqual({
      problem: { path: 'period', reason: 'is not a period of this contest' },
    });
  });
});

describe(canAdjustRep.name, () => {
  const user = (role: 'admin' | 'manager' | 'rep', teams: string[] = []): Principal => ({
    kind: 'user',
    userId: 'u',
    label: 'u',
    role,
    teams,
    repExternalId: role === 'rep' ? 'amy' : null,
    team: role === 'rep' ? 'north' : null,
  });
  const everyone = { id: 'c1', participants: { kind: 'everyone' as const } };
  const south = { id: 'c1', participants: { kind: 'teams' as const, teams: ['south'] } };

  it.each<[string, Principal, typeof everyone | typeof south, string | null, boolean]>([
    ['admits an admin for any rep', user('admin'), everyone, null, true],
    ['admits the manager of the rep’s team', user('manager', ['north']), everyone, 'north', true],
    ['refuses a manager of another team', user('manager', ['south']), everyone, 'north', false],
    ['refuses a manager for a rep with no team', user('manager', ['north']), everyone, null, false],
    ['refuses a manager for a contest they cannot see', user('manager', ['north']), south, 'north', false],
    ['refuses the rep themselves', user('rep'), everyone, 'north', false],
    [
      'refuses an API key',
      { kind: 'ingest', keyId: 'k', label: 'k', eventTypes: null },
      everyone,
      'north',
      false,
    ],
  ])('%s', (_name, principal, scope, team, expected) => {
    expect(canAdjustRep(principal, scope, team)).toBe(expected);
  });
});

describe(isReservedSource.name, () => {
  it('reserves manual and nothing else', () => {
    expect([MANUAL_SOURCE, 'hubspot', 'Manual', 'manual-import'].map(isReservedSource)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
