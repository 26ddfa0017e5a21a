import { describe, expect, it } from '@jest/globals';
import { checkBoardRules, DEFAULT_BOARD_RULES, MAX_TARGET, type BoardRules } from './board-rules.js';

const rules = (over: Partial<BoardRules>): BoardRules => ({ ...DEFAULT_BOARD_RULES, ...over });
/** Board rules as an untyped JSON body could hold them (a missing or non-numeric field). */
const loose = (over: Record<string, unknown>): BoardRules => ({ ...DEFAULT_BOARD_RULES, ...over });
const paths = (r: BoardRules, prefix?: string) => checkBoardRules(r, prefix).map((p) => p.path);

describe(checkBoardRules.name, () => {
  it.each<[string, BoardRules]>([
    ['the defaults (an open leaderboard)', DEFAULT_BOARD_RULES],
    ['a leaderboard with the shared tie rule', rules({ tieRule: 'shared' })],
    ['a target race with target 1', rules({ kind: 'target_race', target: 1 })],
    ['a target race with the largest target', rules({ kind: 'target_race', target: MAX_TARGET })],
    ['a target race with divisions by role', rules({ kind: 'target_race', target: 50, divisions: 'role' })],
    [
      'a leaderboard with per-rep targets',
      rules({ targets: { default: 20, perRep: { 'rep-junior': 5, 'rep-senior': 40 } } }),
    ],
    [
      'a leaderboard with a default target and no per-rep ones',
      rules({ targets: { default: 1, perRep: {} } }),
    ],
    ['a team contest scored by sum', rules({ kind: 'team', teamScoring: 'sum' })],
    ['a team contest scored by average', rules({ kind: 'team', teamScoring: 'average' })],
    [
      'a team contest of some teams',
      rules({
        kind: 'team',
        teamScoring: 'average',
        participants: { kind: 'teams', teams: ['north', 'south'] },
      }),
    ],
    ['a minimum score of 0', rules({ minScore: 0 })],
    ['a minimum score of 5', rules({ minScore: 5 })],
    ['a minimum score of the largest target', rules({ minScore: MAX_TARGET })],
    ['a team contest with no minimum score', rules({ kind: 'team', minScore: 0 })],
    ['divisions by team', rules({ divisions: 'team' })],
    [
      'divisions by role with per-rep targets',
      rules({ divisions: 'role', targets: { default: 3, perRep: {} } }),
    ],
    ['participants by team', rules({ participants: { kind: 'teams', teams: ['north'] } })],
    ['participants by rep', rules({ participants: { kind: 'reps', reps: ['rep-1', 'rep-2'] } })],
  ])('finds no problem when the rules are %s', (_, valid) => {
    expect(checkBoardRules(valid)).toEqual([]);
  });

  it.each<[string, BoardRules, string[]]>([
    // target races
    ['a target race with target 0', rules({ kind: 'target_race', target: 0 }), ['target']],
    ['a target race with a negative target', rules({ kind: 'target_race', target: -5 }), ['target']],
    ['a target race with a fractional target', rules({ kind: 'target_race', target: 2.5 }), ['target']],
    ['a target race with no target', rules({ kind: 'target_race', target: null }), ['target']],
    ['a target race whose target is missing', loose({ kind: 'target_race', target: undefined }), ['target']],
    ['a target race whose target is a string', loose({ kind: 'target_race', target: '10' }), ['target']],
    ['a target race whose target is NaN', rules({ kind: 'target_race', target: Number.NaN }), ['target']],
    [
      'a target race with a target above the largest',
      rules({ kind: 'target_race', target: MAX_TARGET + 1 }),
      ['target'],
    ],
    ['a leaderboard with a target', rules({ target: 10 }), ['target']],
    ['a team contest with a target', rules({ kind: 'team', target: 10 }), ['target']],
    // per-rep targets
    [
      'a target race with per-rep targets',
      rules({ kind: 'target_race', target: 10, targets: { default: 5, perRep: {} } }),
      ['targets'],
    ],
    [
      'a team contest with per-rep targets',
      rules({ kind: 'team', targets: { default: 5, perRep: {} } }),
      ['targets'],
    ],
    ['a default target of 0', rules({ targets: { default: 0, perRep: {} } }), ['targets.default']],
    ['a negative default target', rules({ targets: { default: -1, perRep: {} } }), ['targets.default']],
    ['a fractional default target', rules({ targets: { default: 1.5, perRep: {} } }), ['targets.default']],
    [
      'a per-rep target of 0',
      rules({ targets: { default: 10, perRep: { 'rep-ok': 4, 'rep-zero': 0 } } }),
      ['targets.perRep.rep-zero'],
    ],
    [
      'two bad per-rep targets',
      rules({ targets: { default: 10, perRep: { a: -3, b: 7, c: 0.5 } } }),
      ['targets.perRep.a', 'targets.perRep.c'],
    ],
    [
      'a default of 0 and a per-rep target of 0 on a target race',
      rules({ kind: 'target_race', target: 3, targets: { default: 0, perRep: { amy: 0 } } }),
      ['targets', 'targets.default', 'targets.perRep.amy'],
    ],
    // teams, divisions and team scoring
    ['a team contest with divisions by team', rules({ kind: 'team', divisions: 'team' }), ['divisions']],
    ['a team contest with divisions by role', rules({ kind: 'team', divisions: 'role' }), ['divisions']],
    ['a leaderboard scored by team average', rules({ teamScoring: 'average' }), ['teamScoring']],
    [
      'a target race scored by team average',
      rules({ kind: 'target_race', target: 5, teamScoring: 'average' }),
      ['teamScoring'],
    ],
    // minimum score
    ['a negative minimum score', rules({ minScore: -1 }), ['minScore']],
    ['a minimum score on a team contest', rules({ kind: 'team', minScore: 3 }), ['minScore']],
    ['a fractional minimum score', rules({ minScore: 0.5 }), ['minScore']],
    ['a minimum score above the largest', rules({ minScore: MAX_TARGET + 1 }), ['minScore']],
    // participants
    [
      'participants from an empty list of teams',
      rules({ participants: { kind: 'teams', teams: [] } }),
      ['participants.teams'],
    ],
    [
      'participants from an empty list of reps',
      rules({ participants: { kind: 'reps', reps: [] } }),
      ['participants.reps'],
    ],
    [
      'a participant with an empty id',
      rules({ participants: { kind: 'reps', reps: ['amy', ''] } }),
      ['participants.reps[1]'],
    ],
    [
      'a team participant id longer than 200 characters',
      rules({ participants: { kind: 'teams', teams: ['t'.repeat(201)] } }),
      ['participants.teams[0]'],
    ],
    [
      'more than 1000 listed reps',
      rules({ participants: { kind: 'reps', reps: Array.from({ length: 1001 }, (_, i) => `rep-${i}`) } }),
      ['participants.reps'],
    ],
    // everything at once
    [
      'a team contest with every mistake',
      rules({
        kind: 'team',
        target: 5,
        targets: { default: 0, perRep: {} },
        divisions: 'role',
        minScore: -2,
        participants: { kind: 'teams', teams: [] },
      }),
      ['target', 'targets', 'targets.default', 'divisions', 'minScore', 'participants.teams'],
    ],
  ])('refuses %s', (_, invalid, expected) => {
    expect(paths(invalid)).toEqual(expected);
  });

  it('names the field and the allowed range when a target race target is 0', () => {
    expect(checkBoardRules(rules({ kind: 'target_race', target: 0 }))).toEqual([
      { path: 'target', reason: `must be a whole number from 1 to ${MAX_TARGET}` },
    ]);
  });

  it('refuses more than 1000 per-rep targets when they are listed', () => {
    const perRep = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`rep-${i}`, 5]));
    expect(paths(rules({ targets: { default: 5, perRep } }))).toEqual(['targets.perRep']);
  });

  it('prefixes every path when a prefix is given', () => {
    expect(
      paths(
        rules({
          kind: 'target_race',
          target: 0,
          targets: { default: 5, perRep: { amy: 0 } },
          participants: { kind: 'reps', reps: [] },
        }),
        'board.',
      ),
    ).toEqual(['board.target', 'board.targets', 'board.targets.perRep.amy', 'board.participants.reps']);
  });
});
