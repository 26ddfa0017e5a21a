import { describe, expect, it } from '@jest/globals';
import { boardKeyOf, postCloseAdjustments, type AdjustmentRecord } from './post-close.js';
import type { Contribution } from './score-event.js';
import { diffContributions } from './standings.js';

// Two Amsterdam weeks: P1 is final (its grace period is over), P2 is still open.
const P1 = Date.parse('2026-03-23T00:00:00+01:00');
const P2 = Date.parse('2026-03-30T00:00:00+02:00');
const FINAL = new Set([boardKeyOf('c1', P1)]);
const REVISIONS = new Map([
  ['e1', 3],
  ['e2', 1],
]);

const c = (over: Partial<Contribution> = {}): Contribution => ({
  eventId: 'e1',
  contestId: 'c1',
  periodStart: P1,
  repId: 'amy',
  points: 5,
  occurredAt: Date.parse('2026-03-29T23:50:00+02:00'),
  ...over,
});
const adjustment = (over: Partial<AdjustmentRecord>): AdjustmentRecord => ({
  contestId: 'c1',
  periodStart: P1,
  eventId: 'e1',
  revision: 3,
  repId: 'amy',
  pointsBefore: 0,
  pointsAfter: 0,
  ...over,
});

describe(boardKeyOf.name, () => {
  it('joins contest and period start when naming a board', () => {
    expect(boardKeyOf('c1', P1)).toBe(`c1|${P1}`);
    expect(boardKeyOf('c1', P1)).not.toBe(boardKeyOf('c1', P2));
    expect(boardKeyOf('c1', P1)).not.toBe(boardKeyOf('c2', P1));
  });
});

describe(postCloseAdjustments.name, () => {
  it.each<[string, Contribution[], Contribution[], AdjustmentRecord[]]>([
    ['points to 0 when the event is retracted', [c()], [], [adjustment({ pointsBefore: 5, pointsAfter: 0 })]],
    [
      '0 to points when a late event arrives',
      [],
      [c({ eventId: 'e2', points: 3 })],
      [adjustment({ eventId: 'e2', revision: 1, pointsBefore: 0, pointsAfter: 3 })],
    ],
    [
      'before and after when a revision changes the points',
      [c()],
      [c({ points: 8 })],
      [adjustment({ pointsBefore: 5, pointsAfter: 8 })],
    ],
    [
      'before and after when a revision lowers the points',
      [c({ points: 8 })],
      [c({ points: 2 })],
      [adjustment({ pointsBefore: 8, pointsAfter: 2 })],
    ],
    [
      'only the final board when a revision moves the event into an open period',
      [c()],
      [c({ periodStart: P2, occurredAt: Date.parse('2026-03-30T00:10:00+02:00') })],
      [adjustment({ pointsBefore: 5, pointsAfter: 0 })],
    ],
    [
      'only the final board when a revision moves the event in from an open period',
      [c({ periodStart: P2, occurredAt: Date.parse('2026-03-30T00:10:00+02:00') })],
      [c({ points: 4 })],
      [adjustment({ pointsBefore: 0, pointsAfter: 4 })],
    ],
    [
      'one record per rep when a revision moves the event to another rep',
      [c()],
      [c({ repId: 'bob' })],
      [
        adjustment({ pointsBefore: 5, pointsAfter: 0 }),
        adjustment({ repId: 'bob', pointsBefore: 0, pointsAfter: 5 }),
      ],
    ],
    [
      'a correction of the time alone when a revision keeps the points on the same board',
      [c()],
      [c({ occurredAt: Date.parse('2026-03-24T10:00:00+01:00') })],
      [adjustment({ pointsBefore: 5, pointsAfter: 5 })],
    ],
    ['nothing when the contribution is unchanged', [c()], [c()], []],
    [
      'nothing when only an open board changes',
      [c({ periodStart: P2 })],
      [c({ periodStart: P2, points: 9 })],
      [],
    ],
    ['nothing for another contest in the same period', [c({ contestId: 'c2' })], [], []],
    ['nothing when there is no change', [], [], []],
    [
      'revision 0 when the event has no revision in the map',
      [],
      [c({ eventId: 'e9', points: 2 })],
      [adjustment({ eventId: 'e9', revision: 0, pointsAfter: 2 })],
    ],
    [
      'one record per event when several events change',
      [c(), c({ eventId: 'e2', repId: 'bob', points: 1 })],
      [c({ eventId: 'e2', repId: 'bob', points: 6 })],
      [
        adjustment({ pointsBefore: 5, pointsAfter: 0 }),
        adjustment({ eventId: 'e2', revision: 1, repId: 'bob', pointsBefore: 1, pointsAfter: 6 }),
      ],
    ],
  ])('records %s', (_, removed, added, expected) => {
    expect(postCloseAdjustments(removed, added, FINAL, REVISIONS)).toEqual(expected);
  });

  it('records every final board when several are final', () => {
    const finals = new Set([boardKeyOf('c1', P1), boardKeyOf('c2', P1)]);
    const adjustments = postCloseAdjustments(
      [c(), c({ contestId: 'c2', points: 20 })],
      [],
      finals,
      REVISIONS,
    );
    expect(adjustments.map((a) => [a.contestId, a.pointsBefore, a.pointsAfter])).toEqual([
      ['c1', 5, 0],
      ['c2', 20, 0],
    ]);
  });

  it('records nothing when no board is final', () => {
    expect(postCloseAdjustments([c()], [c({ points: 7 })], new Set(), REVISIONS)).toEqual([]);
  });

  it.each<[string, Contribution[], Contribution[], [string, number, number, number][]]>([
    ['a retraction', [c()], [], [['e1', 3, 5, 0]]],
    ['a late event', [], [c({ eventId: 'e2', points: 4 })], [['e2', 1, 0, 4]]],
    ['a revision of the points', [c()], [c({ points: 1 })], [['e1', 3, 5, 1]]],
    ['a redelivery', [c()], [c()], []],
    ['a move out of the final period', [c()], [c({ periodStart: P2 })], [['e1', 3, 5, 0]]],
  ])(
    'matches the contribution diff when the change is %s',
    (_, before, after, expected: [string, number, number, number][]) => {
      const { removed, added } = diffContributions(before, after);
      const adjustments = postCloseAdjustments(removed, added, FINAL, REVISIONS);
      expect(adjustments.map((a) => [a.eventId, a.revision, a.pointsBefore, a.pointsAfter])).toEqual(
        expected,
      );
    },
  );
});
