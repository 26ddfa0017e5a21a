import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { TieRule } from './contest-rules.js';
import { aroundRep, compareStandings, rankStandings, type RankedStanding } from './rank-standings.js';
import type { Standing } from './standings.js';

const s = (repId: string, score: number, reachedAt: number): Standing => ({ repId, score, reachedAt });
const summary = (ranked: readonly RankedStanding[]) => ranked.map((r) => [r.repId, r.rank, r.gapToNext]);

describe(compareStandings.name, () => {
  it.each<[string, Standing, Standing]>([
    ['the higher score', s('b', 10, 500), s('a', 9, 100)],
    ['the earlier reachedAt when scores are equal', s('b', 10, 100), s('a', 10, 200)],
    ['the lower repId when score and reachedAt are equal', s('a', 10, 100), s('b', 10, 100)],
    ['the higher score even when reached later', s('z', 2, 9_999_999_999_999), s('a', 1, 0)],
  ])('orders first %s', (_, first, second) => {
    expect(compareStandings(first, second)).toBeLessThan(0);
    expect(compareStandings(second, first)).toBeGreaterThan(0);
  });

  it('is zero when the standings are the same', () => {
    expect(compareStandings(s('a', 1, 1), s('a', 1, 1))).toBe(0);
  });
});

describe(rankStandings.name, () => {
  const board = [
    s('dave', 5, 400),
    s('amy', 10, 300),
    s('carl', 10, 100),
    s('bob', 10, 100),
    s('erin', 2, 50),
    s('fay', 2, 50),
  ];

  it.each<[TieRule, (string | number | null)[][]]>([
    [
      'first_to_reach',
      [
        ['bob', 1, null],
        ['carl', 2, 0],
        ['amy', 3, 0],
        ['dave', 4, 5],
        ['erin', 5, 3],
        ['fay', 6, 0],
      ],
    ],
    [
      'shared',
      [
        ['bob', 1, null],
        ['carl', 1, 0],
        ['amy', 1, 0],
        ['dave', 4, 5],
        ['erin', 5, 3],
        ['fay', 5, 0],
      ],
    ],
  ])('ranks and computes gaps when the tie rule is %s', (tieRule, expected) => {
    expect(summary(rankStandings(board, tieRule))).toEqual(expected);
  });

  it('gives 1, 1, 3 when two of three share the top score under shared', () => {
    const ranked = rankStandings([s('c', 3, 1), s('a', 7, 2), s('b', 7, 1)], 'shared');
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3]);
    expect(ranked.map((r) => r.repId)).toEqual(['b', 'a', 'c']);
  });

  it('keeps the standing fields when ranking', () => {
    expect(rankStandings([s('a', 7, 2)], 'first_to_reach')).toEqual([
      { repId: 'a', score: 7, reachedAt: 2, rank: 1, gapToNext: null },
    ]);
  });

  it('returns nothing when the board is empty', () => {
    expect(rankStandings([], 'shared')).toEqual([]);
  });

  it('does not reorder its input when ranking', () => {
    const input = [s('b', 1, 1), s('a', 2, 1)];
    rankStandings(input, 'first_to_reach');
    expect(input.map((x) => x.repId)).toEqual(['b', 'a']);
  });

  it.each<[TieRule, number, number]>([
    ['first_to_reach', 2, 4],
    ['shared', 1, 3],
    ['shared', 2, 2],
    ['shared', 3, 3],
    ['shared', 5, 1],
  ])(
    'ranks a slice like the whole board when the tie rule is %s (offset %i, size %i)',
    (tieRule, offset, size) => {
      const whole = rankStandings(board, tieRule);
      const ordered = [...board].sort(compareStandings);
      const previous = offset > 0 ? (ordered[offset - 1] ?? null) : null;
      const previousRank = offset > 0 ? (whole[offset - 1]?.rank ?? null) : null;
      const page = rankStandings(ordered.slice(offset, offset + size), tieRule, {
        offset,
        previous,
        previousRank,
      });
      expect(page).toEqual(whole.slice(offset, offset + size));
    },
  );

  it('ranks any page like the whole board when boards and pages are random', () => {
    const standings = fc.uniqueArray(
      fc.record({
        repId: fc.string({ minLength: 1, maxLength: 3 }),
        score: fc.integer({ min: 1, max: 5 }),
        reachedAt: fc.integer({ min: 0, max: 3 }),
      }),
      { selector: (x) => x.repId, maxLength: 15 },
    );
    fc.assert(
      fc.property(
        standings,
        fc.constantFrom<TieRule>('first_to_reach', 'shared'),
        fc.nat(15),
        fc.integer({ min: 1, max: 5 }),
        (all, tieRule, offset, size) => {
          const whole = rankStandings(all, tieRule);
          const ordered = [...all].sort(compareStandings);
          const page = rankStandings(ordered.slice(offset, offset + size), tieRule, {
            offset,
            previous: offset > 0 ? (ordered[offset - 1] ?? null) : null,
            previousRank: offset > 0 ? (whole[offset - 1]?.rank ?? null) : null,
          });
          expect(page).toEqual(whole.slice(offset, offset + size));
          whole.forEach((r, i) => {
            if (tieRule === 'first_to_reach') expect(r.rank).toBe(i + 1);
            const above = whole[i - 1];
            if (above === undefined) {
              expect(r.rank).toBe(1);
              expect(r.gapToNext).toBeNull();
            } else {
              expect(compareStandings(above, r)).toBeLessThan(0);
              expect(r.gapToNext).toBe(above.score - r.score);
              if (tieRule === 'shared') expect(r.rank).toBe(above.score === r.score ? above.rank : i + 1);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe(aroundRep.name, () => {
  const ranked = rankStandings(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((repId, i) => s(repId, 100 - i, 0)),
    'first_to_reach',
  );
  const ids = (rows: readonly { repId: string }[]) => rows.map((r) => r.repId).join('');

  it.each([
    ['d', 'bcdef'],
    ['c', 'abcde'],
    ['a', 'abc'],
    ['b', 'abcd'],
    ['f', 'defg'],
    ['g', 'efg'],
    ['nobody', ''],
  ])('returns 2 above and 2 below, clipped at the edges, when the rep is %s', (repId, expected) => {
    expect(ids(aroundRep(ranked, repId))).toBe(expected);
  });

  it.each([
    [0, 0, 'd'],
    [1, 3, 'cdefg'],
    [5, 0, 'abcd'],
  ])('honours %i above and %i below when they are given', (above, below, expected) => {
    expect(ids(aroundRep(ranked, 'd', above, below))).toBe(expected);
  });

  it('returns nothing when the board is empty', () => {
    expect(aroundRep([], 'a')).toEqual([]);
  });
});
