import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOARD_RULES, type BoardRules } from './board-rules.js';
import {
  buildBoards,
  compareEntries,
  finishTime,
  participates,
  targetOf,
  valueUnitOf,
  type Board,
  type BoardEntry,
  type BoardInput,
  type Member,
  type TeamInfo,
  type ValueUnit,
} from './build-board.js';
import type { TieRule } from './contest-rules.js';
import { rankStandings } from './rank-standings.js';
import type { Standing } from './standings.js';

const MINUTE = 60 * 1000;
const T0 = Date.parse('2026-03-23T09:00:00+01:00');
/** `n` minutes after 09:00 on Monday 2026-03-23 in Amsterdam. */
const t = (n: number): number => T0 + n * MINUTE;

const rules = (over: Partial<BoardRules> = {}): BoardRules => ({ ...DEFAULT_BOARD_RULES, ...over });
const s = (repId: string, score: number, reachedAt: number): Standing => ({ repId, score, reachedAt });
/** A rep whose external id is `x-<repId>` and whose name is the capitalised id. */
const m = (repId: string, team: string | null = null, role: string | null = null): Member => ({
  repId,
  externalId: `x-${repId}`,
  displayName: repId.charAt(0).toUpperCase() + repId.slice(1),
  team,
  role,
});
const NO_TEAMS: ReadonlyMap<string, TeamInfo> = new Map();
const input = (
  standings: Standing[],
  members: Member[] = standings.map((x) => m(x.repId)),
  extra: Partial<BoardInput> = {},
): BoardInput => ({
  standings,
  members: new Map(members.map((x) => [x.repId, x])),
  teams: NO_TEAMS,
  ...extra,
});
/** The one board of a contest without divisions. */
const only = (boards: Board[]): BoardEntry[] => {
  expect(boards).toHaveLength(1);
  expect(boards[0]!.division).toBeNull();
  return [...boards[0]!.entries];
};
const idRank = (entries: readonly BoardEntry[]) => entries.map((e) => [e.id, e.rank]);
const idRankValue = (entries: readonly BoardEntry[]) => entries.map((e) => [e.id, e.rank, e.value]);

describe(buildBoards.name, () => {
  describe('leaderboard', () => {
    // The board of rank-standings.spec.ts: three tied on 10 (two at the same instant), two tied on 2.
    const board = [
      s('dave', 5, 400),
      s('amy', 10, 300),
      s('carl', 10, 100),
      s('bob', 10, 100),
      s('erin', 2, 50),
      s('fay', 2, 50),
    ];

    it.each<[TieRule, [string, number, number | null][]]>([
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
    ])('ranks like rankStandings when the tie rule is %s', (tieRule, expected) => {
      const entries = only(buildBoards(rules({ tieRule }), input(board)));
      expect(entries.map((e) => [e.id, e.rank, e.gapToNext])).toEqual(expected);
      expect(entries.map((e) => [e.id, e.rank, e.gapToNext, e.score, e.reachedAt])).toEqual(
        rankStandings(board, tieRule).map((r) => [r.repId, r.rank, r.gapToNext, r.score, r.reachedAt]),
      );
    });

    it('fills every field of a rep entry when the board is a plain leaderboard', () => {
      const boards = buildBoards(rules(), input([s('amy', 7, t(3)), s('bob', 4, t(1))]));
      expect(boards).toEqual([
        {
          division: null,
          entries: [
            {
              rank: 1,
              kind: 'rep',
              id: 'amy',
              externalId: 'x-amy',
              name: 'Amy',
              score: 7,
              value: 7,
              reachedAt: t(3),
              finishedAt: null,
              gapToNext: null,
              target: null,
              members: null,
            },
            {
              rank: 2,
              kind: 'rep',
              id: 'bob',
              externalId: 'x-bob',
              name: 'Bob',
              score: 4,
              value: 4,
              reachedAt: t(1),
              finishedAt: null,
              gapToNext: 3,
              target: null,
              members: null,
            },
          ],
        },
      ]);
    });

    it('gives 1, 1, 3 when two of three share the top score under shared', () => {
      const entries = only(
        buildBoards(rules({ tieRule: 'shared' }), input([s('c', 3, t(1)), s('a', 7, t(2)), s('b', 7, t(1))])),
      );
      expect(idRank(entries)).toEqual([
        ['b', 1],
        ['a', 1],
        ['c', 3],
      ]);
    });

    it('orders equal scores by earlier reachedAt, then by id, when the tie rule is first_to_reach', () => {
      const entries = only(
        buildBoards(
          rules({ tieRule: 'first_to_reach' }),
          input([s('x', 5, t(3)), s('z', 5, t(1)), s('w', 5, t(2)), s('y', 5, t(1))]),
        ),
      );
      expect(idRank(entries)).toEqual([
        ['y', 1],
        ['z', 2],
        ['w', 3],
        ['x', 4],
      ]);
    });

    it('gives one empty board when nobody has scored and there are no divisions', () => {
      expect(buildBoards(rules(), input([]))).toEqual([{ division: null, entries: [] }]);
    });

    it('leaves out a standing when its rep is not among the members', () => {
      const entries = only(buildBoards(rules(), input([s('amy', 3, t(1)), s('ghost', 9, t(1))], [m('amy')])));
      expect(idRank(entries)).toEqual([['amy', 1]]);
    });

    it('ignores finish times when the contest is not a race', () => {
      const entries = only(
        buildBoards(
          rules(),
          input([s('amy', 3, t(1)), s('bob', 9, t(2))], undefined, { finishedAt: new Map([['amy', t(1)]]) }),
        ),
      );
      expect(entries.map((e) => [e.id, e.rank, e.finishedAt])).toEqual([
        ['bob', 1, null],
        ['amy', 2, null],
      ]);
    });

    it.each<[number, string[]]>([
      [0, ['six', 'five', 'four', 'one']],
      [1, ['six', 'five', 'four', 'one']],
      [4, ['six', 'five', 'four']],
      [5, ['six', 'five']],
      [6, ['six']],
      [7, []],
    ])('hides reps below the minimum score when minScore is %i', (minScore, expected) => {
      const entries = only(
        buildBoards(
          rules({ minScore }),
          input([s('four', 4, t(1)), s('six', 6, t(1)), s('one', 1, t(1)), s('five', 5, t(1))]),
        ),
      );
      expect(entries.map((e) => e.id)).toEqual(expected);
      expect(entries.map((e) => e.rank)).toEqual(expected.map((_, i) => i + 1));
    });
  });

  describe('percent of target', () => {
    it('ranks a junior at 100% above a senior at 75% when each has their own target', () => {
      const targets = { default: 20, perRep: { 'x-junior': 5 } };
      const entries = only(
        buildBoards(rules({ targets }), input([s('senior', 15, t(1)), s('junior', 5, t(9))])),
      );
      expect(entries.map((e) => [e.id, e.rank, e.score, e.target, e.value, e.gapToNext])).toEqual([
        ['junior', 1, 5, 5, 10_000, null],
        ['senior', 2, 15, 20, 7_500, 2_500],
      ]);
    });

    it.each<[number, number, number]>([
      [7, 9, 7_777],
      [2, 3, 6_666],
      [1, 3, 3_333],
      [1, 7, 1_428],
      [9, 9, 10_000],
      [10, 8, 12_500],
      [3, 1, 30_000],
      [1, 10_000, 1],
      [1, 20_000, 0],
      [333, 1_000, 3_330],
    ])('is %i of %i in hundredths of a percent rounded down: %i', (score, target, expected) => {
      const entries = only(
        buildBoards(rules({ targets: { default: target, perRep: {} } }), input([s('amy', score, t(1))])),
      );
      expect(entries.map((e) => [e.value, e.target])).toEqual([[expected, target]]);
    });

    it('shares a rank when two reps are at the same percent under shared', () => {
      const targets = { default: 10, perRep: { 'x-amy': 2 } };
      const entries = only(
        buildBoards(
          rules({ targets, tieRule: 'shared' }),
          input([s('bob', 5, t(1)), s('amy', 1, t(2)), s('cat', 4, t(0))]),
        ),
      );
      expect(idRankValue(entries)).toEqual([
        ['bob', 1, 5_000],
        ['amy', 1, 5_000],
        ['cat', 3, 4_000],
      ]);
    });

    it('applies the minimum score to points, not to percent, when targets are set', () => {
      const targets = { default: 100, perRep: { 'x-amy': 2 } };
      const entries = only(
        buildBoards(rules({ targets, minScore: 3 }), input([s('amy', 2, t(1)), s('bob', 3, t(1))])),
      );
      expect(idRankValue(entries)).toEqual([['bob', 1, 300]]);
    });
  });

  describe('participants', () => {
    const members = [m('amy', 'north'), m('bob', 'south'), m('cat', null), m('dan', 'east')];
    const standings = [s('amy', 4, t(1)), s('bob', 3, t(1)), s('cat', 2, t(1)), s('dan', 1, t(1))];

    it.each<[string, BoardRules['participants'], string[]]>([
      ['everyone', { kind: 'everyone' }, ['amy', 'bob', 'cat', 'dan']],
      ['the teams north and east', { kind: 'teams', teams: ['north', 'east'] }, ['amy', 'dan']],
      ['a team nobody is in', { kind: 'teams', teams: ['west'] }, []],
      [
        'the reps x-bob and x-cat (by external id)',
        { kind: 'reps', reps: ['x-bob', 'x-cat'] },
        ['bob', 'cat'],
      ],
      ['a rep listed by internal id, not external id', { kind: 'reps', reps: ['bob'] }, []],
    ])('lists only participants when they are %s', (_, participants, expected) => {
      const entries = only(buildBoards(rules({ participants }), input(standings, members)));
      expect(entries.map((e) => e.id)).toEqual(expected);
      expect(entries.map((e) => e.rank)).toEqual(expected.map((_, i) => i + 1));
    });
  });

  describe('divisions', () => {
    const members = [
      m('amy', 'west', 'senior'),
      m('bob', 'east', 'junior'),
      m('cat', null, null),
      m('dan', 'west', 'senior'),
      m('eve', 'east', 'junior'),
      m('fay', 'west', null),
    ];
    const standings = [
      s('amy', 10, t(1)),
      s('bob', 8, t(1)),
      s('cat', 9, t(1)),
      s('dan', 7, t(1)),
      s('eve', 12, t(1)),
      s('fay', 8, t(2)),
    ];
    const summary = (boards: Board[]) => boards.map((b) => [b.division, idRank(b.entries)]);

    it('gives one board per team, sorted by key, with team-less reps in unassigned', () => {
      expect(summary(buildBoards(rules({ divisions: 'team' }), input(standings, members)))).toEqual([
        [
          'east',
          [
            ['eve', 1],
            ['bob', 2],
          ],
        ],
        ['unassigned', [['cat', 1]]],
        [
          'west',
          [
            ['amy', 1],
            ['fay', 2],
            ['dan', 3],
          ],
        ],
      ]);
    });

    it('gives one board per role, sorted by key, with role-less reps in unassigned', () => {
      expect(summary(buildBoards(rules({ divisions: 'role' }), input(standings, members)))).toEqual([
        [
          'junior',
          [
            ['eve', 1],
            ['bob', 2],
          ],
        ],
        [
          'senior',
          [
            ['amy', 1],
            ['dan', 2],
          ],
        ],
        [
          'unassigned',
          [
            ['cat', 1],
            ['fay', 2],
          ],
        ],
      ]);
    });

    it('ranks each division on its own when the tie rule is shared', () => {
      const boards = buildBoards(
        rules({ divisions: 'team', tieRule: 'shared' }),
        input([s('amy', 5, t(1)), s('dan', 5, t(2)), s('fay', 2, t(0)), s('bob', 5, t(0))], members),
      );
      expect(summary(boards)).toEqual([
        ['east', [['bob', 1]]],
        [
          'west',
          [
            ['amy', 1],
            ['dan', 1],
            ['fay', 3],
          ],
        ],
      ]);
    });

    it('gives no board to a division whose reps are all below the minimum score', () => {
      const boards = buildBoards(rules({ divisions: 'team', minScore: 9 }), input(standings, members));
      expect(summary(boards)).toEqual([
        ['east', [['eve', 1]]],
        ['unassigned', [['cat', 1]]],
        ['west', [['amy', 1]]],
      ]);
    });

    it('keeps only participating reps in the divisions when participants are listed', () => {
      const boards = buildBoards(
        rules({ divisions: 'role', participants: { kind: 'teams', teams: ['west'] } }),
        input(standings, members),
      );
      expect(summary(boards)).toEqual([
        [
          'senior',
          [
            ['amy', 1],
            ['dan', 2],
          ],
        ],
        ['unassigned', [['fay', 1]]],
      ]);
    });

    it('gives no boards when nobody has scored', () => {
      expect(buildBoards(rules({ divisions: 'team' }), input([], members))).toEqual([]);
    });

    it('keeps per-rep targets inside divisions', () => {
      const targets = { default: 10, perRep: { 'x-bob': 4 } };
      const boards = buildBoards(rules({ divisions: 'role', targets }), input(standings, members));
      expect(boards.map((b) => [b.division, idRankValue(b.entries)])).toEqual([
        [
          'junior',
          [
            ['bob', 1, 20_000],
            ['eve', 2, 12_000],
          ],
        ],
        [
          'senior',
          [
            ['amy', 1, 10_000],
            ['dan', 2, 7_000],
          ],
        ],
        [
          'unassigned',
          [
            ['cat', 1, 9_000],
            ['fay', 2, 8_000],
          ],
        ],
      ]);
    });
  });

  describe('team', () => {
    const teams: ReadonlyMap<string, TeamInfo> = new Map([
      ['red', { key: 'red', name: 'Red Team' }],
      ['blue', { key: 'blue', name: 'Blue Team' }],
    ]);
    // red: 3 members (one without a standing), 16 points; blue: 2 members, 11 points; gold: nobody scored.
    const members = [
      m('a', 'red'),
      m('b', 'red'),
      m('c', 'red'),
      m('d', 'blue'),
      m('e', 'blue'),
      m('f', null),
      m('g', 'gold'),
    ];
    const standings = [s('a', 10, t(1)), s('b', 6, t(3)), s('d', 8, t(2)), s('e', 3, t(4)), s('f', 50, t(0))];
    const teamInput = (over: Partial<BoardInput> = {}) => input(standings, members, { teams, ...over });
    const teamEntry = (id: string, over: Partial<BoardEntry>): BoardEntry => ({
      rank: 1,
      kind: 'team',
      id,
      externalId: id,
      name: id,
      score: 0,
      value: 0,
      reachedAt: 0,
      finishedAt: null,
      gapToNext: null,
      target: null,
      members: null,
      ...over,
    });

    it('ranks teams by the sum of their members when teamScoring is sum', () => {
      expect(buildBoards(rules({ kind: 'team', teamScoring: 'sum' }), teamInput())).toEqual([
        {
          division: null,
          entries: [
            teamEntry('red', { name: 'Red Team', score: 16, value: 16, reachedAt: t(3), members: 3 }),
            teamEntry('blue', {
              rank: 2,
              name: 'Blue Team',
              score: 11,
              value: 11,
              reachedAt: t(4),
              members: 2,
              gapToNext: 5,
            }),
          ],
        },
      ]);
    });

    it('averages over every member, scored or not, in hundredths rounded down when teamScoring is average', () => {
      // red 16 / 3 = 5.333 -> 533; blue 11 / 2 = 5.5 -> 550: the smaller team wins on average.
      expect(buildBoards(rules({ kind: 'team', teamScoring: 'average' }), teamInput())).toEqual([
        {
          division: null,
          entries: [
            teamEntry('blue', { name: 'Blue Team', score: 11, value: 550, reachedAt: t(4), members: 2 }),
            teamEntry('red', {
              rank: 2,
              name: 'Red Team',
              score: 16,
              value: 533,
              reachedAt: t(3),
              members: 3,
              gapToNext: 17,
            }),
          ],
        },
      ]);
    });

    it('counts only the listed teams when participants are teams', () => {
      const entries = only(
        buildBoards(
          rules({ kind: 'team', teamScoring: 'average', participants: { kind: 'teams', teams: ['red'] } }),
          teamInput(),
        ),
      );
      expect(entries.map((e) => [e.id, e.rank, e.value, e.members])).toEqual([['red', 1, 533, 3]]);
    });

    it.each<[TieRule, [string, number, number, number][]]>([
      [
        'first_to_reach',
        [
          ['blue', 1, 800, 1],
          ['red', 2, 800, 2],
        ],
      ],
      [
        'shared',
        [
          ['blue', 1, 800, 1],
          ['red', 1, 800, 2],
        ],
      ],
    ])(
      'averages over the listed members only when participants are reps (tie rule %s)',
      (tieRule, expected) => {
        // red: a + b = 16 over 2 listed members; blue: d = 8 over 1. Blue reached 8 at t(2), red 16 at t(3).
        const entries = only(
          buildBoards(
            rules({
              kind: 'team',
              teamScoring: 'average',
              tieRule,
              participants: { kind: 'reps', reps: ['x-a', 'x-b', 'x-d'] },
            }),
            teamInput(),
          ),
        );
        expect(entries.map((e) => [e.id, e.rank, e.value, e.members])).toEqual(expected);
      },
    );

    it.each<[number, number, number]>([
      [2, 3, 66],
      [1, 3, 33],
      [10, 4, 250],
      [7, 1, 700],
    ])('averages %i points over %i members to %i hundredths', (score, size, expected) => {
      const squad = Array.from({ length: size }, (_, i) => m(`r${i}`, 'green'));
      const entries = only(
        buildBoards(rules({ kind: 'team', teamScoring: 'average' }), input([s('r0', score, t(1))], squad)),
      );
      expect(entries.map((e) => [e.id, e.name, e.value, e.members])).toEqual([
        ['green', 'green', expected, size],
      ]);
    });

    it('gives an empty board when no member of any team has scored', () => {
      expect(buildBoards(rules({ kind: 'team' }), input([s('f', 5, t(1))], members, { teams }))).toEqual([
        { division: null, entries: [] },
      ]);
    });
  });

  describe('target race', () => {
    // Target 10: bob finished first with 10, amy and eve at the same instant later, cat and dan did not.
    const standings = [
      s('amy', 12, t(7)),
      s('bob', 10, t(2)),
      s('cat', 9, t(1)),
      s('dan', 3, t(0)),
      s('eve', 15, t(6)),
    ];
    const finishedAt = new Map([
      ['amy', t(5)],
      ['bob', t(2)],
      ['eve', t(5)],
    ]);
    const race = (tieRule: TieRule) => rules({ kind: 'target_race', target: 10, tieRule });

    it.each<[TieRule, [string, number, number | null][]]>([
      [
        'first_to_reach',
        [
          ['bob', 1, t(2)],
          ['amy', 2, t(5)],
          ['eve', 3, t(5)],
          ['cat', 4, null],
          ['dan', 5, null],
        ],
      ],
      [
        'shared',
        [
          ['bob', 1, t(2)],
          ['amy', 2, t(5)],
          ['eve', 2, t(5)],
          ['cat', 4, null],
          ['dan', 5, null],
        ],
      ],
    ])(
      'lists finishers by finish time, then the others by score, when the tie rule is %s',
      (tieRule, expected) => {
        const entries = only(buildBoards(race(tieRule), input(standings, undefined, { finishedAt })));
        expect(entries.map((e) => [e.id, e.rank, e.finishedAt])).toEqual(expected);
      },
    );

    it('ranks everyone by score when nobody has finished', () => {
      const entries = only(
        buildBoards(race('first_to_reach'), input([s('cat', 9, t(1)), s('dan', 3, t(0))])),
      );
      expect(entries.map((e) => [e.id, e.rank, e.finishedAt])).toEqual([
        ['cat', 1, null],
        ['dan', 2, null],
      ]);
    });

    it('shares a rank between unfinished reps on equal scores but not with a finisher', () => {
      const entries = only(
        buildBoards(
          race('shared'),
          input([s('amy', 10, t(4)), s('bob', 6, t(1)), s('cat', 6, t(2))], undefined, {
            finishedAt: new Map([['amy', t(4)]]),
          }),
        ),
      );
      expect(idRank(entries)).toEqual([
        ['amy', 1],
        ['bob', 2],
        ['cat', 2],
      ]);
    });
  });
});

describe(finishTime.name, () => {
  const p = (points: number, occurredAt: number) => ({ points, occurredAt });

  it.each<[string, { points: number; occurredAt: number }[], number, number | null]>([
    ['the single event that reaches the target', [p(10, t(4))], 10, t(4)],
    ['the single event that passes the target', [p(20, t(4))], 10, t(4)],
    ['the event that brings the total exactly to the target', [p(3, t(1)), p(4, t(2)), p(5, t(3))], 7, t(2)],
    ['the event that first passes the target', [p(3, t(1)), p(4, t(2)), p(5, t(3))], 8, t(3)],
    ['the first event when it alone is enough', [p(3, t(1)), p(4, t(2)), p(5, t(3))], 3, t(1)],
    ['the last event when only the total reaches the target', [p(3, t(1)), p(4, t(2)), p(5, t(3))], 12, t(3)],
    ['null when the total falls short', [p(3, t(1)), p(4, t(2)), p(5, t(3))], 13, null],
    ['null when there are no events', [], 1, null],
    ['an earlier late event, not the arrival order', [p(5, t(3)), p(5, t(1)), p(5, t(2))], 10, t(2)],
    ['the time of the big late event that crossed it', [p(1, t(9)), p(1, t(8)), p(9, t(1))], 10, t(8)],
  ])('returns %s', (_, contributions, target, expected) => {
    expect(finishTime(contributions, target)).toBe(expected);
  });

  it.each<[number, number | null]>([
    [3, t(1)],
    [5, t(2)],
    [7, t(2)],
    [9, t(2)],
    [10, t(3)],
    [14, t(3)],
    [15, null],
  ])('gives the same time for every input order when the target is %i', (target, expected) => {
    const events = [p(3, t(1)), p(4, t(2)), p(2, t(2)), p(5, t(3))];
    const orders = permutations(events);
    expect(orders).toHaveLength(24);
    for (const order of orders) expect(finishTime(order, target)).toBe(expected);
  });

  it('does not reorder its input when sorting by time', () => {
    const events = [p(5, t(3)), p(5, t(1))];
    finishTime(events, 10);
    expect(events).toEqual([p(5, t(3)), p(5, t(1))]);
  });
});

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe(compareEntries.name, () => {
  type Comparable = Parameters<typeof compareEntries>[0];
  const e = (id: string, value: number, reachedAt: number, finishedAt: number | null = null): Comparable => ({
    id,
    value,
    reachedAt,
    finishedAt,
  });

  it.each<[string, Comparable, Comparable]>([
    ['the higher value', e('b', 10, t(5)), e('a', 9, t(1))],
    ['the earlier reachedAt when values are equal', e('b', 10, t(1)), e('a', 10, t(2))],
    ['the lower id when value and reachedAt are equal', e('a', 10, t(1)), e('b', 10, t(1))],
    ['a finisher over a higher value that did not finish', e('b', 10, t(9), t(9)), e('a', 99, t(1))],
    ['the earlier finisher even with a lower value', e('b', 10, t(8), t(3)), e('a', 15, t(1), t(4))],
    ['the lower id when finish times are equal', e('a', 10, t(8), t(3)), e('b', 30, t(1), t(3))],
  ])('orders first %s', (_, first, second) => {
    expect(compareEntries(first, second)).toBeLessThan(0);
    expect(compareEntries(second, first)).toBeGreaterThan(0);
  });

  it('is zero when the entries are the same', () => {
    expect(compareEntries(e('a', 1, 1, 2), e('a', 1, 1, 2))).toBe(0);
    expect(compareEntries(e('a', 1, 1), e('a', 1, 1))).toBe(0);
  });
});

describe(targetOf.name, () => {
  const targets = { default: 20, perRep: { 'x-junior': 5, senior: 40 } };

  it.each<[string, BoardRules, Member, number | null]>([
    ['null when the contest has no targets', rules(), m('junior'), null],
    ['the rep’s own target when it is listed by external id', rules({ targets }), m('junior'), 5],
    ['the default when the rep is not listed', rules({ targets }), m('other'), 20],
    ['the default when the rep is listed by internal id only', rules({ targets }), m('senior'), 20],
  ])('is %s', (_, r, member, expected) => {
    expect(targetOf(r, member)).toBe(expected);
  });
});

describe(valueUnitOf.name, () => {
  it.each<[string, BoardRules, ValueUnit]>([
    ['a leaderboard', rules(), 'points'],
    ['a leaderboard with targets', rules({ targets: { default: 1, perRep: {} } }), 'percent_hundredths'],
    ['a target race', rules({ kind: 'target_race', target: 5 }), 'points'],
    ['a team contest by sum', rules({ kind: 'team' }), 'points'],
    ['a team contest by average', rules({ kind: 'team', teamScoring: 'average' }), 'average_hundredths'],
  ])('is right for %s', (_, r, expected) => {
    expect(valueUnitOf(r)).toBe(expected);
  });
});

describe(participates.name, () => {
  it.each<[string, BoardRules['participants'], Member, boolean]>([
    ['everyone takes in a rep without a team', { kind: 'everyone' }, m('amy'), true],
    ['a listed team takes in its member', { kind: 'teams', teams: ['north'] }, m('amy', 'north'), true],
    ['a listed team leaves out another team', { kind: 'teams', teams: ['north'] }, m('amy', 'south'), false],
    ['a listed team leaves out a rep without a team', { kind: 'teams', teams: ['north'] }, m('amy'), false],
    ['listed reps take in a rep by external id', { kind: 'reps', reps: ['x-amy'] }, m('amy'), true],
    ['listed reps leave out a rep listed by internal id', { kind: 'reps', reps: ['amy'] }, m('amy'), false],
  ])('is right when %s', (_, participants, member, expected) => {
    expect(participates(rules({ participants }), member)).toBe(expected);
  });
});
