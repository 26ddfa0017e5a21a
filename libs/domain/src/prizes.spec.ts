import { describe, expect, it } from '@jest/globals';
import type { Board, BoardEntry, ValueUnit } from './build-board.js';
import {
  awardPrizes,
  checkPrizes,
  diffAwards,
  MAX_PRIZES,
  NO_PRIZES,
  type Award,
  type Prize,
  type Prizes,
} from './prizes.js';

const prize = (name: string, over: Partial<Prize> = {}): Prize => ({
  name,
  description: null,
  imageUrl: null,
  ...over,
});
const GOLD = prize('Gold', { description: 'Dinner for two', imageUrl: 'https://example.com/gold.png' });
const SILVER = prize('Silver');
const BRONZE = prize('Bronze');
const CLUB = prize('Club');

/** A ranked rep entry; the tests give rank and value by hand, never from buildBoards. */
const entry = (id: string, rank: number, value: number, over: Partial<BoardEntry> = {}): BoardEntry => ({
  rank,
  kind: 'rep',
  id,
  externalId: `x-${id}`,
  name: id.toUpperCase(),
  score: value,
  value,
  reachedAt: 0,
  finishedAt: null,
  gapToNext: null,
  target: null,
  members: null,
  ...over,
});
const board = (entries: BoardEntry[], division: string | null = null): Board => ({ division, entries });
const prizes = (over: Partial<Prizes>): Prizes => ({ ...NO_PRIZES, ...over });
/** division, prize, winner id, winner rank: enough to tell awards apart. */
const summary = (awards: readonly Award[]) =>
  awards.map((a) => [a.division, a.kind, a.prize.name, a.winner.id, a.winnerRank]);

describe(checkPrizes.name, () => {
  const paths = (p: Prizes, prefix?: string) => checkPrizes(p, prefix).map((x) => x.path);

  it.each<[string, Prizes]>([
    ['no prizes', NO_PRIZES],
    [
      'three rank prizes and a threshold',
      prizes({
        ranks: [
          { rank: 1, prize: GOLD },
          { rank: 2, prize: SILVER },
          { rank: 3, prize: BRONZE },
        ],
        thresholds: [{ atLeast: 100, prize: CLUB }],
      }),
    ],
    [
      'ranks given out of order',
      prizes({
        ranks: [
          { rank: 3, prize: BRONZE },
          { rank: 1, prize: GOLD },
        ],
      }),
    ],
    [
      'an http image',
      prizes({ ranks: [{ rank: 1, prize: prize('Mug', { imageUrl: 'http://example.com/m.png' }) }] }),
    ],
    ['a rank of 1000', prizes({ ranks: [{ rank: 1000, prize: SILVER }] })],
    [
      'two thresholds at the same value',
      prizes({
        thresholds: [
          { atLeast: 5, prize: CLUB },
          { atLeast: 5, prize: SILVER },
        ],
      }),
    ],
    ['a name of 120 characters', prizes({ ranks: [{ rank: 1, prize: prize('n'.repeat(120)) }] })],
    [
      'exactly the maximum number of prizes',
      prizes({ thresholds: Array.from({ length: MAX_PRIZES }, (_, i) => ({ atLeast: i + 1, prize: CLUB })) }),
    ],
  ])('finds no problem when the prizes are %s', (_, valid) => {
    expect(checkPrizes(valid)).toEqual([]);
  });

  it.each<[string, Prizes, string[]]>([
    [
      'a duplicate rank',
      prizes({
        ranks: [
          { rank: 1, prize: GOLD },
          { rank: 2, prize: SILVER },
          { rank: 1, prize: BRONZE },
        ],
      }),
      ['prizes.ranks[2].rank'],
    ],
    ['rank 0', prizes({ ranks: [{ rank: 0, prize: GOLD }] }), ['prizes.ranks[0].rank']],
    ['a fractional rank', prizes({ ranks: [{ rank: 1.5, prize: GOLD }] }), ['prizes.ranks[0].rank']],
    ['rank 1001', prizes({ ranks: [{ rank: 1001, prize: GOLD }] }), ['prizes.ranks[0].rank']],
    [
      'a javascript: image URL',
      prizes({ ranks: [{ rank: 1, prize: prize('Gold', { imageUrl: 'javascript:alert(1)' }) }] }),
      ['prizes.ranks[0].prize.imageUrl'],
    ],
    [
      'a data: image URL',
      prizes({ ranks: [{ rank: 1, prize: prize('Gold', { imageUrl: 'data:image/png;base64,AAAA' }) }] }),
      ['prizes.ranks[0].prize.imageUrl'],
    ],
    [
      'an ftp image URL',
      prizes({ thresholds: [{ atLeast: 1, prize: prize('Club', { imageUrl: 'ftp://example.com/c.png' }) }] }),
      ['prizes.thresholds[0].prize.imageUrl'],
    ],
    [
      'an image that is not a URL',
      prizes({ ranks: [{ rank: 1, prize: prize('Gold', { imageUrl: 'gold.png' }) }] }),
      ['prizes.ranks[0].prize.imageUrl'],
    ],
    [
      'an image URL longer than 2000 characters',
      prizes({
        ranks: [{ rank: 1, prize: prize('Gold', { imageUrl: `https://e.com/${'a'.repeat(2000)}` }) }],
      }),
      ['prizes.ranks[0].prize.imageUrl'],
    ],
    ['an empty name', prizes({ ranks: [{ rank: 1, prize: prize('') }] }), ['prizes.ranks[0].prize.name']],
    [
      'a blank name',
      prizes({ thresholds: [{ atLeast: 3, prize: prize('   ') }] }),
      ['prizes.thresholds[0].prize.name'],
    ],
    [
      'a name of 121 characters',
      prizes({ ranks: [{ rank: 1, prize: prize('n'.repeat(121)) }] }),
      ['prizes.ranks[0].prize.name'],
    ],
    [
      'a description of 2001 characters',
      prizes({ ranks: [{ rank: 1, prize: prize('Gold', { description: 'd'.repeat(2001) }) }] }),
      ['prizes.ranks[0].prize.description'],
    ],
    [
      'a threshold of 0',
      prizes({ thresholds: [{ atLeast: 0, prize: CLUB }] }),
      ['prizes.thresholds[0].atLeast'],
    ],
    [
      'a negative threshold',
      prizes({ thresholds: [{ atLeast: -5, prize: CLUB }] }),
      ['prizes.thresholds[0].atLeast'],
    ],
    [
      'a fractional threshold',
      prizes({ thresholds: [{ atLeast: 2.5, prize: CLUB }] }),
      ['prizes.thresholds[0].atLeast'],
    ],
    [
      'more than the maximum number of prizes',
      prizes({
        ranks: [{ rank: 1, prize: GOLD }],
        thresholds: Array.from({ length: MAX_PRIZES }, (_, i) => ({ atLeast: i + 1, prize: CLUB })),
      }),
      ['prizes'],
    ],
    [
      'several mistakes',
      prizes({
        ranks: [
          { rank: 2, prize: prize('', { imageUrl: 'javascript:alert(1)' }) },
          { rank: 2, prize: SILVER },
        ],
        thresholds: [{ atLeast: 0, prize: prize(' ') }],
      }),
      [
        'prizes.ranks[0].prize.name',
        'prizes.ranks[0].prize.imageUrl',
        'prizes.ranks[1].rank',
        'prizes.thresholds[0].atLeast',
        'prizes.thresholds[0].prize.name',
      ],
    ],
  ])('refuses %s', (_, invalid, expected) => {
    expect(paths(invalid)).toEqual(expected);
  });

  it('prefixes every path when a prefix is given', () => {
    expect(paths(prizes({ ranks: [{ rank: 1, prize: prize('') }] }), 'contest.prizes')).toEqual([
      'contest.prizes.ranks[0].prize.name',
    ]);
  });

  it('says which rank already has a prize when a rank is listed twice', () => {
    expect(
      checkPrizes(
        prizes({
          ranks: [
            { rank: 4, prize: GOLD },
            { rank: 4, prize: SILVER },
          ],
        }),
      ),
    ).toEqual([{ path: 'prizes.ranks[1].rank', reason: 'rank 4 already has a prize' }]);
  });
});

describe(awardPrizes.name, () => {
  const podium = prizes({
    ranks: [
      { rank: 1, prize: GOLD },
      { rank: 2, prize: SILVER },
      { rank: 3, prize: BRONZE },
    ],
  });

  it('gives rank prizes in a race only to reps who reached the target when some did not finish', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 12, { finishedAt: 100 }), entry('bob', 2, 9), entry('cat', 3, 4)])],
      podium,
      'points',
      true,
    );
    expect(summary(awards)).toEqual([[null, 'rank', 'Gold', 'amy', 1]]);
  });

  it('gives no rank prize in a race when nobody reached the target', () => {
    expect(awardPrizes([board([entry('amy', 1, 3), entry('bob', 2, 2)])], podium, 'points', true)).toEqual(
      [],
    );
  });

  it('gives each rank prize to the entry holding that rank', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 30), entry('bob', 2, 20), entry('cat', 3, 10), entry('dan', 4, 5)])],
      podium,
      'points',
    );
    expect(summary(awards)).toEqual([
      [null, 'rank', 'Gold', 'amy', 1],
      [null, 'rank', 'Silver', 'bob', 2],
      [null, 'rank', 'Bronze', 'cat', 3],
    ]);
  });

  it('records the prize, the winner and their result when a prize is awarded', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 7_500, { score: 15, target: 20 })], 'senior')],
      prizes({ ranks: [{ rank: 1, prize: GOLD }] }),
      'percent_hundredths',
    );
    expect(awards).toEqual([
      {
        division: 'senior',
        kind: 'rank',
        rank: 1,
        atLeast: null,
        prize: GOLD,
        winner: { kind: 'rep', id: 'amy', externalId: 'x-amy', name: 'AMY' },
        winnerRank: 1,
        winnerPosition: 1,
        boardTotal: 1,
        score: 15,
        value: 7_500,
      },
    ]);
  });

  it('gives both tied reps the 1st prize and nobody the 2nd when ranks are 1, 1, 3', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 30), entry('bob', 1, 30), entry('cat', 3, 10), entry('dan', 4, 5)])],
      podium,
      'points',
    );
    expect(summary(awards)).toEqual([
      [null, 'rank', 'Gold', 'amy', 1],
      [null, 'rank', 'Gold', 'bob', 1],
      [null, 'rank', 'Bronze', 'cat', 3],
    ]);
  });

  it('records each winner’s line on the board, which can be below its rank when ranks are shared', () => {
    const awards = awardPrizes(
      [
        board([entry('amy', 1, 30), entry('bob', 1, 30), entry('cat', 3, 10)], 'north'),
        board([entry('dan', 1, 8), entry('eve', 2, 5)], 'south'),
      ],
      prizes({ ranks: [{ rank: 1, prize: GOLD }], thresholds: [{ atLeast: 10, prize: CLUB }] }),
      'points',
    );
    expect(
      awards.map((a) => [a.prize.name, a.winner.id, a.winnerRank, a.winnerPosition, a.boardTotal]),
    ).toEqual([
      ['Gold', 'amy', 1, 1, 3],
      ['Gold', 'bob', 1, 2, 3],
      ['Club', 'amy', 1, 1, 3],
      ['Club', 'bob', 1, 2, 3],
      ['Club', 'cat', 3, 3, 3],
      ['Gold', 'dan', 1, 1, 2],
    ]);
  });

  it('gives the 2nd prize to both when two reps share 2nd (1, 2, 2, 4)', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 30), entry('bob', 2, 20), entry('cat', 2, 20), entry('dan', 4, 5)])],
      podium,
      'points',
    );
    expect(summary(awards)).toEqual([
      [null, 'rank', 'Gold', 'amy', 1],
      [null, 'rank', 'Silver', 'bob', 2],
      [null, 'rank', 'Silver', 'cat', 2],
    ]);
  });

  it('awards only the ranks the board has when it has fewer entries than prizes', () => {
    expect(summary(awardPrizes([board([entry('amy', 1, 3)])], podium, 'points'))).toEqual([
      [null, 'rank', 'Gold', 'amy', 1],
    ]);
  });

  it('awards rank prizes in rank order when they are listed out of order', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 30), entry('bob', 2, 20), entry('cat', 3, 10)])],
      prizes({
        ranks: [
          { rank: 3, prize: BRONZE },
          { rank: 1, prize: GOLD },
        ],
      }),
      'points',
    );
    expect(awards.map((a) => [a.rank, a.winner.id])).toEqual([
      [1, 'amy'],
      [3, 'cat'],
    ]);
  });

  it('awards nothing when there are no prizes or no entries', () => {
    expect(awardPrizes([board([entry('amy', 1, 30)])], NO_PRIZES, 'points')).toEqual([]);
    expect(awardPrizes([board([])], podium, 'points')).toEqual([]);
    expect(awardPrizes([], podium, 'points')).toEqual([]);
  });

  it.each<[ValueUnit, number, [string, number][], string[]]>([
    [
      'points',
      10,
      [
        ['amy', 12],
        ['bob', 10],
        ['cat', 9],
      ],
      ['amy', 'bob'],
    ],
    [
      'percent_hundredths',
      100,
      [
        ['amy', 12_500],
        ['bob', 10_000],
        ['cat', 9_999],
        ['dan', 100],
      ],
      ['amy', 'bob'],
    ],
    [
      'percent_hundredths',
      75,
      [
        ['amy', 7_500],
        ['bob', 7_499],
      ],
      ['amy'],
    ],
    [
      'average_hundredths',
      5,
      [
        ['red', 550],
        ['blue', 500],
        ['gold', 499],
        ['teal', 5],
      ],
      ['red', 'blue'],
    ],
  ])(
    'gives a threshold prize to every entry at or above it when the unit is %s and atLeast %i',
    (unit, atLeast, values, expected) => {
      const entries = values.map(([id, value], i) => entry(id, i + 1, value));
      const awards = awardPrizes([board(entries)], prizes({ thresholds: [{ atLeast, prize: CLUB }] }), unit);
      expect(awards.map((a) => [a.kind, a.atLeast, a.rank, a.winner.id])).toEqual(
        expected.map((id) => ['threshold', atLeast, null, id]),
      );
    },
  );

  it('gives rank and threshold prizes side by side, smaller thresholds first', () => {
    const awards = awardPrizes(
      [board([entry('amy', 1, 30), entry('bob', 2, 20), entry('cat', 3, 10)])],
      prizes({
        ranks: [{ rank: 1, prize: GOLD }],
        thresholds: [
          { atLeast: 25, prize: prize('Star') },
          { atLeast: 15, prize: CLUB },
        ],
      }),
      'points',
    );
    expect(summary(awards)).toEqual([
      [null, 'rank', 'Gold', 'amy', 1],
      [null, 'threshold', 'Club', 'amy', 1],
      [null, 'threshold', 'Club', 'bob', 2],
      [null, 'threshold', 'Star', 'amy', 1],
    ]);
  });

  it('lets each division award its own prizes', () => {
    const awards = awardPrizes(
      [
        board([entry('eve', 1, 12), entry('bob', 2, 8)], 'junior'),
        board([entry('amy', 1, 10), entry('dan', 1, 10), entry('fay', 3, 9)], 'senior'),
        board([entry('cat', 1, 9)], 'unassigned'),
      ],
      prizes({
        ranks: [
          { rank: 1, prize: GOLD },
          { rank: 2, prize: SILVER },
        ],
        thresholds: [{ atLeast: 10, prize: CLUB }],
      }),
      'points',
    );
    expect(summary(awards)).toEqual([
      ['junior', 'rank', 'Gold', 'eve', 1],
      ['junior', 'rank', 'Silver', 'bob', 2],
      ['junior', 'threshold', 'Club', 'eve', 1],
      ['senior', 'rank', 'Gold', 'amy', 1],
      ['senior', 'rank', 'Gold', 'dan', 1],
      ['senior', 'threshold', 'Club', 'amy', 1],
      ['senior', 'threshold', 'Club', 'dan', 1],
      ['unassigned', 'rank', 'Gold', 'cat', 1],
    ]);
  });

  it('names a team winner by its key when the board is a team board', () => {
    const awards = awardPrizes(
      [
        board([
          entry('red', 1, 550, { kind: 'team', externalId: 'red', name: 'Red Team', score: 11, members: 2 }),
        ]),
      ],
      prizes({ ranks: [{ rank: 1, prize: GOLD }] }),
      'average_hundredths',
    );
    expect(awards.map((a) => [a.winner, a.score, a.value])).toEqual([
      [{ kind: 'team', id: 'red', externalId: 'red', name: 'Red Team' }, 11, 550],
    ]);
  });
});

describe(diffAwards.name, () => {
  const award = (
    prizeName: string,
    winner: string,
    over: Partial<Omit<Award, 'winner' | 'prize'>> = {},
  ): Award => ({
    division: null,
    kind: 'rank',
    rank: 1,
    atLeast: null,
    prize: prize(prizeName),
    winner: { kind: 'rep', id: winner, externalId: `x-${winner}`, name: winner },
    winnerRank: 1,
    winnerPosition: 1,
    boardTotal: 2,
    score: 10,
    value: 10,
    ...over,
  });
  const names = (awards: readonly Award[]) => awards.map((a) => `${a.prize.name}:${a.winner.id}`);

  it('finds nothing when the awards are the same', () => {
    const before = [award('Gold', 'amy'), award('Silver', 'bob', { rank: 2 })];
    expect(diffAwards(before, [...before].reverse())).toEqual({ lost: [], won: [] });
  });

  it('ignores a changed score or value when the same winner keeps the same prize', () => {
    expect(
      diffAwards([award('Gold', 'amy', { score: 10 })], [award('Gold', 'amy', { score: 12, value: 12 })]),
    ).toEqual({ lost: [], won: [] });
  });

  it('finds the lost and won prizes when two reps swap places', () => {
    const diff = diffAwards(
      [award('Gold', 'amy'), award('Silver', 'bob', { rank: 2 })],
      [award('Gold', 'bob'), award('Silver', 'amy', { rank: 2 })],
    );
    expect(names(diff.lost)).toEqual(['Gold:amy', 'Silver:bob']);
    expect(names(diff.won)).toEqual(['Gold:bob', 'Silver:amy']);
  });

  it('finds a 1st prize won when a tie for 1st appears (and the 2nd prize lost)', () => {
    const diff = diffAwards(
      [award('Gold', 'amy'), award('Silver', 'bob', { rank: 2 })],
      [award('Gold', 'amy'), award('Gold', 'bob', { winnerRank: 1 })],
    );
    expect(names(diff.lost)).toEqual(['Silver:bob']);
    expect(names(diff.won)).toEqual(['Gold:bob']);
  });

  it('finds a threshold prize lost when the winner falls below it', () => {
    const club = (winner: string) => award('Club', winner, { kind: 'threshold', rank: null, atLeast: 10 });
    const diff = diffAwards([club('amy'), club('bob')], [club('amy')]);
    expect(names(diff.lost)).toEqual(['Club:bob']);
    expect(diff.won).toEqual([]);
  });

  it('tells the same prize in another division apart', () => {
    const diff = diffAwards(
      [award('Gold', 'amy', { division: 'junior' })],
      [award('Gold', 'amy', { division: 'senior' })],
    );
    expect(diff.lost.map((a) => a.division)).toEqual(['junior']);
    expect(diff.won.map((a) => a.division)).toEqual(['senior']);
  });

  it('tells a rep and a team with the same id apart', () => {
    const team = award('Gold', 'red');
    const rep: Award = { ...team, winner: { ...team.winner, kind: 'rep' } };
    const asTeam: Award = { ...team, winner: { ...team.winner, kind: 'team' } };
    const diff = diffAwards([rep], [asTeam]);
    expect(diff.lost).toEqual([rep]);
    expect(diff.won).toEqual([asTeam]);
  });
});
