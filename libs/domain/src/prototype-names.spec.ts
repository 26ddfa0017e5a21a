import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BOARD_RULES, type BoardRules } from './board-rules.js';
import { buildBoards, targetOf, type BoardInput, type Member, type TeamInfo } from './build-board.js';
import type { Contest } from './contest-rules.js';
import { matchesFilters } from './event-filter.js';
import { ownValue } from './own-value.js';
import { awardPrizes } from './prizes.js';
import type { SalesEvent } from './sales-event.js';
import { pointsFor } from './score-event.js';

/**
 * Names that a plain object used as a map finds on Object.prototype. Reps, teams and roles are named
 * by whoever posts events or manages people, so each of these is a legitimate id.
 */
const NAMES = ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty'] as const;

const T = Date.parse('2026-03-02T10:00:00Z');
const rules = (over: Partial<BoardRules> = {}): BoardRules => ({ ...DEFAULT_BOARD_RULES, ...over });
/** Every rep's external id, team key and role is one of the names; scores 50, 40, 30, ... */
const members: Member[] = NAMES.map((name) => ({
  repId: `id-${name}`,
  externalId: name,
  displayName: `Rep ${name}`,
  team: name,
  role: name,
}));
const input = (over: Partial<BoardInput> = {}): BoardInput => ({
  standings: members.map((m, i) => ({ repId: m.repId, score: 50 - i * 10, reachedAt: T + i })),
  members: new Map(members.map((m) => [m.repId, m])),
  teams: new Map<string, TeamInfo>(NAMES.map((name) => [name, { key: name, name: `Team ${name}` }])),
  ...over,
});
const order = NAMES.map((name) => name as string);

describe('ids that are names of Object.prototype', () => {
  it('read per-rep targets only from the rep’s own entry', () => {
    // A JSON object (as parsed from a request or a jsonb column) with its own entries for two names.
    const perRep = JSON.parse('{"toString": 10, "__proto__": 25}') as Record<string, number>;
    const board = rules({ targets: { default: 100, perRep } });
    expect(members.map((m) => targetOf(board, m))).toEqual([100, 100, 10, 25, 100]);
    const [only] = buildBoards(board, input());
    // Percent of target in hundredths: 30 of 10, 20 of 25, 50 of 100, 40 of 100, 10 of 100.
    expect(only?.entries.map((e) => [e.externalId, e.rank, e.value])).toEqual([
      ['toString', 1, 30_000],
      ['__proto__', 2, 8_000],
      ['valueOf', 3, 5_000],
      ['constructor', 4, 4_000],
      ['hasOwnProperty', 5, 1_000],
    ]);
  });

  it('rank a plain leaderboard, a target race and reps listed as participants', () => {
    expect(buildBoards(rules(), input())[0]?.entries.map((e) => e.externalId)).toEqual(order);
    const race = buildBoards(
      rules({ kind: 'target_race', target: 40 }),
      input({
        finishedAt: new Map([
          ['id-constructor', T + 1],
          ['id-valueOf', T + 5],
        ]),
      }),
    );
    expect(race[0]?.entries.map((e) => [e.externalId, e.finishedAt])).toEqual([
      ['constructor', T + 1],
      ['valueOf', T + 5],
      ['toString', null],
      ['__proto__', null],
      ['hasOwnProperty', null],
    ]);
    const listed = buildBoards(
      rules({ participants: { kind: 'reps', reps: ['__proto__', 'valueOf'] } }),
      input(),
    );
    expect(listed[0]?.entries.map((e) => e.externalId)).toEqual(['valueOf', '__proto__']);
  });

  it('rank teams, and divide boards by team and by role', () => {
    const teams = buildBoards(
      rules({ kind: 'team', participants: { kind: 'teams', teams: [...NAMES] } }),
      input(),
    );
    expect(teams[0]?.entries.map((e) => [e.id, e.name, e.score])).toEqual(
      NAMES.map((name, i) => [name, `Team ${name}`, 50 - i * 10]),
    );
    for (const divisions of ['team', 'role'] as const) {
      const boards = buildBoards(rules({ divisions }), input());
      expect(boards.map((b) => [b.division, b.entries.map((e) => e.externalId)])).toEqual(
        [...NAMES].sort().map((name) => [name, [name]]),
      );
    }
  });

  it('award rank prizes on every division board', () => {
    const boards = buildBoards(rules({ divisions: 'team' }), input());
    const awards = awardPrizes(
      boards,
      { ranks: [{ rank: 1, prize: { name: 'Trip', description: null, imageUrl: null } }], thresholds: [] },
      'points',
    );
    expect(awards.map((a) => a.winner.externalId).sort()).toEqual([...NAMES].sort());
  });

  it('score points metrics and filters by their own entries only', () => {
    const event: SalesEvent = {
      id: 'e1',
      source: 'crm',
      type: 'demo_booked',
      repId: 'id-valueOf',
      occurredAt: T,
      quantity: null,
      amount: null,
      attributes: JSON.parse('{"__proto__": "x"}') as Record<string, unknown>,
      revision: 1,
      status: 'active',
    };
    const points: Contest['rules']['metric'] = {
      kind: 'points',
      eventTypes: ['lead_created'],
      weights: { lead_created: 3 },
    };
    expect(pointsFor(points, event)).toBe(0);
    expect(pointsFor({ ...points, eventTypes: ['demo_booked'] }, event)).toBe(0);
    expect(matchesFilters([{ field: 'attributes.constructor', op: 'neq', value: 'x' }], event)).toBe(false);
    expect(matchesFilters([{ field: 'attributes.toString', op: 'eq', value: 'x' }], event)).toBe(false);
    expect(matchesFilters([{ field: 'attributes.__proto__', op: 'eq', value: 'x' }], event)).toBe(true);
  });

  it.each(NAMES)('%s is no own value of an empty record', (name) => {
    expect(ownValue({}, name)).toBeUndefined();
    expect(ownValue(JSON.parse(`{"${name}": 7}`) as Record<string, number>, name)).toBe(7);
  });
});
