import { describe, expect, it } from '@jest/globals';
import type { Contribution } from './score-event.js';
import {
  addToStanding,
  diffContributions,
  standingFromContributions,
  standingKeyOf,
  type StandingDelta,
} from './standings.js';

const P1 = Date.parse('2026-03-23T00:00:00+01:00');
const P2 = Date.parse('2026-03-30T00:00:00+02:00');

const c = (over: Partial<Contribution> = {}): Contribution => ({
  eventId: 'e1',
  contestId: 'c1',
  periodStart: P1,
  repId: 'amy',
  points: 3,
  occurredAt: P1 + 1000,
  ...over,
});

describe(standingKeyOf.name, () => {
  it('joins contest, period and rep when given a key or a contribution', () => {
    expect(standingKeyOf({ contestId: 'c1', periodStart: 5, repId: 'amy' })).toBe('c1|5|amy');
    expect(standingKeyOf(c())).toBe(`c1|${P1}|amy`);
  });
});

describe(standingFromContributions.name, () => {
  it('returns null when there are no contributions', () => {
    expect(standingFromContributions('amy', [])).toBeNull();
  });

  it.each<[string, Contribution[], number, number]>([
    ['one contribution', [c()], 3, P1 + 1000],
    [
      'several, listed latest first',
      [c({ eventId: 'e2', points: 5, occurredAt: P1 + 9000 }), c({ points: 1, occurredAt: P1 + 10 })],
      6,
      P1 + 9000,
    ],
    [
      'several with the same time',
      [c({ eventId: 'e2', occurredAt: P1 }), c({ eventId: 'e3', occurredAt: P1 })],
      6,
      P1,
    ],
  ])('sums points and takes the latest occurredAt when given %s', (_, contributions, score, reachedAt) => {
    expect(standingFromContributions('amy', contributions)).toEqual({ repId: 'amy', score, reachedAt });
  });
});

describe(diffContributions.name, () => {
  it('adds every contribution with a cheap delta when the event is new', () => {
    const added = [c(), c({ contestId: 'c2', points: 1 })];
    const diff = diffContributions([], added);
    expect(diff.removed).toEqual([]);
    expect(diff.added).toEqual(added);
    expect(diff.deltas).toEqual([
      {
        key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
        scoreDelta: 3,
        latestAdded: P1 + 1000,
        recompute: false,
      },
      {
        key: { contestId: 'c2', periodStart: P1, repId: 'amy' },
        scoreDelta: 1,
        latestAdded: P1 + 1000,
        recompute: false,
      },
    ]);
  });

  it('yields no deltas when an unchanged event is re-scored', () => {
    const contributions = [c(), c({ contestId: 'c2' })];
    expect(
      diffContributions(
        contributions,
        contributions.map((x) => ({ ...x })),
      ),
    ).toEqual({
      removed: [],
      added: [],
      deltas: [],
    });
  });

  it('flags a recompute when a revision changes the quantity', () => {
    const before = c({ points: 3 });
    const after = c({ points: 5 });
    const diff = diffContributions([before], [after]);
    expect(diff.removed).toEqual([before]);
    expect(diff.added).toEqual([after]);
    expect(diff.deltas).toEqual([
      {
        key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
        scoreDelta: 2,
        latestAdded: after.occurredAt,
        recompute: true,
      },
    ]);
  });

  it('flags a recompute when a revision moves the event earlier in the same period', () => {
    const diff = diffContributions([c({ occurredAt: P1 + 5000 })], [c({ occurredAt: P1 + 10 })]);
    expect(diff.deltas).toEqual([
      {
        key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
        scoreDelta: 0,
        latestAdded: P1 + 10,
        recompute: true,
      },
    ]);
  });

  it('removes every contribution with a recompute when the event is retracted', () => {
    const before = [c(), c({ contestId: 'c2', points: 1 })];
    const diff = diffContributions(before, []);
    expect(diff.removed).toEqual(before);
    expect(diff.added).toEqual([]);
    expect(diff.deltas).toEqual([
      {
        key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
        scoreDelta: -3,
        latestAdded: null,
        recompute: true,
      },
      {
        key: { contestId: 'c2', periodStart: P1, repId: 'amy' },
        scoreDelta: -1,
        latestAdded: null,
        recompute: true,
      },
    ]);
  });

  it.each<[string, Partial<Contribution>, string]>([
    ['another period', { periodStart: P2, occurredAt: P2 + 1000 }, `c1|${P2}|amy`],
    ['another rep', { repId: 'bob' }, `c1|${P1}|bob`],
  ])('moves the points when a revision moves the event to %s', (_, change, newKey) => {
    const before = c();
    const after = c(change);
    const diff = diffContributions([before], [after]);
    expect(diff.removed).toEqual([before]);
    expect(diff.added).toEqual([after]);
    const byKey = new Map(diff.deltas.map((d) => [standingKeyOf(d.key), d]));
    expect(byKey.get(`c1|${P1}|amy`)).toEqual({
      key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
      scoreDelta: -3,
      latestAdded: null,
      recompute: true,
    });
    expect(byKey.get(newKey)).toEqual({
      key: { contestId: 'c1', periodStart: after.periodStart, repId: after.repId },
      scoreDelta: 3,
      latestAdded: after.occurredAt,
      recompute: false,
    });
    expect(diff.deltas).toHaveLength(2);
  });

  it('touches only the changed contest when a revision changes one contest of two', () => {
    const kept = c({ contestId: 'c1' });
    const diff = diffContributions(
      [kept, c({ contestId: 'c2', points: 1 })],
      [kept, c({ contestId: 'c2', points: 4 })],
    );
    expect(diff.deltas.map((d) => [d.key.contestId, d.scoreDelta, d.recompute])).toEqual([['c2', 3, true]]);
  });

  it('sorts deltas by standing key when they touch several boards', () => {
    const diff = diffContributions(
      [c({ contestId: 'c3' })],
      [c({ contestId: 'c2', repId: 'zed' }), c({ contestId: 'c1', repId: 'bob', eventId: 'e1' })],
    );
    const keys = diff.deltas.map((d) => standingKeyOf(d.key));
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(3);
  });
});

describe(addToStanding.name, () => {
  const delta = (over: Partial<StandingDelta> = {}): StandingDelta => ({
    key: { contestId: 'c1', periodStart: P1, repId: 'amy' },
    scoreDelta: 4,
    latestAdded: 200,
    recompute: false,
    ...over,
  });

  it('creates the standing when there is none', () => {
    expect(addToStanding(null, delta())).toEqual({ repId: 'amy', score: 4, reachedAt: 200 });
  });

  it.each([
    [100, 200],
    [300, 300],
  ])(
    'adds the score and keeps the later reachedAt when the standing was reached at %i',
    (reachedAt, expected) => {
      expect(addToStanding({ repId: 'amy', score: 6, reachedAt }, delta())).toEqual({
        repId: 'amy',
        score: 10,
        reachedAt: expected,
      });
    },
  );

  it('refuses when the delta needs a recompute', () => {
    expect(() => addToStanding({ repId: 'amy', score: 6, reachedAt: 1 }, delta({ recompute: true }))).toThrow(
      RangeError,
    );
  });
});
