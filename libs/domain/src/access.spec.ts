import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  admits,
  canManageContest,
  canManageRep,
  canSeeContest,
  canSeeRep,
  contestBoardView,
  contestTeams,
  isOwnLine,
  mayIngest,
  NO_OWN_LINES,
  ownLinesOf,
  publicLength,
  publicViewOf,
  showsLine,
  showsOnBoard,
  targetsFor,
  type BoardView,
  type ContestScope,
  type LineSubject,
  type Permission,
  type Principal,
  type Role,
} from './access.js';
import type { Participants } from './board-rules.js';

type UserFields = { teams?: string[]; repExternalId?: string | null; team?: string | null };
const user = (role: Role, over: UserFields = {}): Principal => ({
  kind: 'user',
  userId: `u-${role}`,
  label: role,
  role,
  teams: over.teams ?? [],
  repExternalId: over.repExternalId ?? null,
  team: over.team ?? null,
});
const screen = (contestIds: string[], topN: number): Principal => ({
  kind: 'screen',
  screenId: 's-lobby',
  label: 'Lobby TV',
  contestIds,
  topN,
});
const ingestKey = (eventTypes: string[] | null): Principal => ({
  kind: 'ingest',
  keyId: 'k-crm',
  label: 'CRM',
  eventTypes,
});

const anonymous: Principal = { kind: 'anonymous' };
const admin = user('admin');
/** Manages north and south. */
const manager = user('manager', { teams: ['north', 'south'] });
/** A manager of no team. */
const managerOfNone = user('manager');
/** Amy, a rep of team north. */
const rep = user('rep', { repExternalId: 'rep-amy', team: 'north' });
/** Tom, a rep without a team. */
const teamlessRep = user('rep', { repExternalId: 'rep-tom', team: null });
/** The lobby TV: the board of contests c-board-1 and c-board-2, showing the top 5. */
const lobby = screen(['c-board-1', 'c-board-2'], 5);
const anyKey = ingestKey(null);
const saleKey = ingestKey(['sale', 'demo_booked']);

const contest = (id: string, participants: Participants): ContestScope => ({ id, participants });
const everyone: Participants = { kind: 'everyone' };
const teams = (...t: string[]): Participants => ({ kind: 'teams', teams: t });
const reps = (...r: string[]): Participants => ({ kind: 'reps', reps: r });

describe(admits.name, () => {
  // Columns: anonymous, admin, manager, rep, screen, ingest key. Written out by hand from the product rules.
  const Y = true;
  const N = false;
  const matrix: Record<Permission, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
    public: [Y, Y, Y, Y, Y, Y],
    ingest: [N, Y, N, N, N, Y],
    'contests.read': [N, Y, Y, Y, Y, N],
    'standings.read': [N, Y, Y, Y, Y, N],
    'results.read': [N, Y, Y, Y, Y, N],
    'standings.explain': [N, Y, Y, Y, N, N],
    'rep.results': [N, Y, Y, Y, N, N],
    self: [N, Y, Y, Y, N, N],
    'contests.write': [N, Y, Y, N, N, N],
    'results.manage': [N, Y, Y, N, N, N],
    'people.read': [N, Y, Y, N, N, N],
    'people.write': [N, Y, Y, N, N, N],
    'audit.read': [N, Y, Y, N, N, N],
    admin: [N, Y, N, N, N, N],
    board: [N, N, N, N, Y, N],
    rep: [N, N, N, Y, N, N],
  };
  const columns: [string, Principal][] = [
    ['anonymous', anonymous],
    ['an admin', admin],
    ['a manager', manager],
    ['a rep', rep],
    ['a screen', lobby],
    ['an ingest key', anyKey],
  ];
  const cases = Object.entries(matrix).flatMap(([permission, row]) =>
    columns.map(([who, principal], i): [string, string, string, Principal, boolean] => [
      permission,
      row[i]! ? 'admits' : 'refuses',
      who,
      principal,
      row[i]!,
    ]),
  );

  it('has a row for each of the 16 permissions', () => {
    expect(Object.keys(matrix)).toHaveLength(16);
    expect(cases).toHaveLength(16 * 6);
  });

  it.each(cases)('%s %s %s', (permission, _, __, principal, expected) => {
    expect(admits(permission as Permission, principal)).toBe(expected);
  });

  it.each<[string, Permission, Principal, boolean]>([
    ['a manager of no team for people.write', 'people.write', managerOfNone, true],
    ['a rep without a team for self', 'self', teamlessRep, true],
    ['a key limited to some event types for ingest', 'ingest', saleKey, true],
    ['a screen bound to no contest for contests.read', 'contests.read', screen([], 5), true],
  ])('admits %s (scope is checked later)', (_, permission, principal, expected) => {
    expect(admits(permission, principal)).toBe(expected);
  });
});

describe(contestTeams.name, () => {
  it.each<[string, Participants, readonly string[] | null]>([
    ['null for a contest of everyone', everyone, null],
    ['null for a contest of listed reps', reps('rep-amy', 'rep-bob'), null],
    ['the one team of a one-team contest', teams('north'), ['north']],
    ['every team of a contest of teams, in order', teams('west', 'north', 'east'), ['west', 'north', 'east']],
  ])('gives %s', (_, participants, expected) => {
    expect(contestTeams(participants)).toEqual(expected);
  });
});

describe(canManageContest.name, () => {
  it.each<[string, Principal, readonly string[] | null]>([
    ['an admin a company-wide contest', admin, null],
    ['an admin a contest of teams they do not manage', admin, ['east', 'west']],
    ['an admin a contest of an empty list of teams', admin, []],
    ['a manager a contest of one of their teams', manager, ['north']],
    ['a manager a contest of all their teams', manager, ['north', 'south']],
    ['a manager a contest listing their team twice', manager, ['south', 'south']],
  ])('allows %s', (_, principal, contestTeamList) => {
    expect(canManageContest(principal, contestTeamList)).toBe(true);
  });

  it.each<[string, Principal, readonly string[] | null]>([
    ['a manager when the contest is company-wide', manager, null],
    ['a manager when the contest has an empty list of teams', manager, []],
    ['a manager when the contest is of another team', manager, ['east']],
    ['a manager when one of the teams is not theirs', manager, ['north', 'east']],
    ['a manager when the first team is not theirs', manager, ['east', 'north']],
    ['a manager of no team a team contest', managerOfNone, ['north']],
    ['a manager of no team a company-wide contest', managerOfNone, null],
    ['a rep a contest of their own team', rep, ['north']],
    ['a rep a company-wide contest', rep, null],
    ['a screen a contest of any team', lobby, ['north']],
    ['a screen a company-wide contest', lobby, null],
    ['an ingest key a contest of any team', anyKey, ['north']],
    ['an ingest key a company-wide contest', anyKey, null],
    ['anonymous a contest of any team', anonymous, ['north']],
    ['anonymous a company-wide contest', anonymous, null],
  ])('refuses %s', (_, principal, contestTeamList) => {
    expect(canManageContest(principal, contestTeamList)).toBe(false);
  });
});

describe(canSeeContest.name, () => {
  const ofEveryone = contest('c-all', everyone);
  const ofNorth = contest('c-north', teams('north'));
  const ofEastWest = contest('c-east-west', teams('east', 'west'));
  const ofWestNorth = contest('c-west-north', teams('west', 'north'));
  const ofAmyBob = contest('c-amy-bob', reps('rep-bob', 'rep-amy'));
  const ofCid = contest('c-cid', reps('rep-cid'));
  const onBoardOfEveryone = contest('c-board-1', everyone);
  const onBoardOfEast = contest('c-board-2', teams('east'));
  const onBoardOfCid = contest('c-board-2', reps('rep-cid'));

  it.each<[string, Principal, ContestScope]>([
    // admins
    ['an admin a contest of everyone', admin, ofEveryone],
    ['an admin a contest of teams they do not manage', admin, ofEastWest],
    ['an admin a contest of listed reps', admin, ofCid],
    // managers
    ['a manager a contest of everyone', manager, ofEveryone],
    ['a manager a contest of listed reps', manager, ofCid],
    ['a manager a contest of one of their teams', manager, ofNorth],
    ['a manager a contest sharing one of their teams with another', manager, ofWestNorth],
    ['a manager of no team a contest of everyone', managerOfNone, ofEveryone],
    ['a manager of no team a contest of listed reps', managerOfNone, ofAmyBob],
    // reps
    ['a rep a contest of everyone', rep, ofEveryone],
    ['a rep a contest of their team', rep, ofNorth],
    ['a rep a contest of several teams including theirs', rep, ofWestNorth],
    ['a rep a contest listing them', rep, ofAmyBob],
    ['a rep without a team a contest of everyone', teamlessRep, ofEveryone],
    ['a rep without a team a contest listing them', teamlessRep, contest('c-tom', reps('rep-tom'))],
    // screens
    ['a screen the first contest of its board', lobby, onBoardOfEveryone],
    ['a screen a team contest on its board', lobby, onBoardOfEast],
    ['a screen a rep-list contest on its board', lobby, onBoardOfCid],
  ])('lets %s', (_, principal, scope) => {
    expect(canSeeContest(principal, scope)).toBe(true);
  });

  it.each<[string, Principal, ContestScope]>([
    // managers
    ['a manager a contest of a team they do not manage', manager, contest('c-east', teams('east'))],
    ['a manager a contest of several teams none theirs', manager, ofEastWest],
    ['a manager of no team a team contest', managerOfNone, ofNorth],
    // reps
    ['a rep a contest of another team', rep, contest('c-south', teams('south'))],
    ['a rep a contest of several teams not including theirs', rep, ofEastWest],
    ['a rep a contest of listed reps not listing them', rep, ofCid],
    ['a rep without a team a team contest', teamlessRep, ofNorth],
    ['a rep without a team a contest of listed reps not listing them', teamlessRep, ofAmyBob],
    // screens
    ['a screen a contest of everyone not on its board', lobby, ofEveryone],
    ['a screen a team contest not on its board', lobby, ofNorth],
    ['a screen bound to no contest any contest', screen([], 5), onBoardOfEveryone],
    // ingest keys and anonymous
    ['an ingest key a contest of everyone', anyKey, ofEveryone],
    ['an ingest key a team contest', anyKey, ofNorth],
    ['an ingest key a contest on the lobby board', anyKey, onBoardOfEveryone],
    ['anonymous a contest of everyone', anonymous, ofEveryone],
    ['anonymous a rep-list contest', anonymous, ofAmyBob],
  ])('refuses %s', (_, principal, scope) => {
    expect(canSeeContest(principal, scope)).toBe(false);
  });
});

describe(contestBoardView.name, () => {
  const ofNorth = contest('c-north', teams('north'));
  const ofNorthEast = contest('c-north-east', teams('north', 'east'));
  const ofEveryone = contest('c-all', everyone);
  const onBoard = contest('c-board-1', everyone);
  const ofAmy = contest('c-board-2', reps('rep-amy'));
  const amyOwn = { rep: 'rep-amy', team: 'north', teams: [] };
  const managerOwn = { rep: null, team: null, teams: ['north', 'south'] };
  const publicFor = (own: typeof amyOwn | typeof managerOwn, topN = 10) =>
    ({ kind: 'public', topN, hideHidden: false, own }) as const;

  it.each<[string, Principal, ContestScope, BoardView]>([
    ['the full board to an admin on a company-wide contest', admin, ofEveryone, { kind: 'full' }],
    ['the full board to an admin on a contest of teams', admin, ofNorthEast, { kind: 'full' }],
    ['the full board to a manager of every participant team', manager, ofNorth, { kind: 'full' }],
    [
      'the public board with their teams to a manager on a company-wide contest',
      manager,
      ofEveryone,
      publicFor(managerOwn),
    ],
    [
      'the public board with their teams to a manager on a contest shared with another team',
      manager,
      ofNorthEast,
      publicFor(managerOwn),
    ],
    [
      'the public board with their teams to a manager on a contest of listed reps',
      manager,
      ofAmy,
      publicFor(managerOwn),
    ],
    [
      'nothing to a manager on a contest of teams they do not manage',
      managerOfNone,
      ofNorth,
      { kind: 'none' },
    ],
    ['the public board with their own lines to a participant rep', rep, ofNorth, publicFor(amyOwn)],
    ['the public board with their own lines to a listed rep', rep, ofAmy, publicFor(amyOwn)],
    ['nothing to a rep who does not take part', teamlessRep, ofNorth, { kind: 'none' }],
    [
      "the public board with the screen's top 5, hidden reps left out, to a screen on its board",
      lobby,
      onBoard,
      { kind: 'public', topN: 5, hideHidden: true, own: NO_OWN_LINES },
    ],
    [
      "the screen's own top 25 even when the default is 10",
      screen(['c-all'], 25),
      ofEveryone,
      { kind: 'public', topN: 25, hideHidden: true, own: NO_OWN_LINES },
    ],
    ['nothing to a screen on a contest off its board', lobby, ofEveryone, { kind: 'none' }],
    ['nothing to an ingest key', anyKey, ofEveryone, { kind: 'none' }],
    ['nothing to anonymous', anonymous, ofEveryone, { kind: 'none' }],
  ])('gives %s', (_, principal, scope, expected) => {
    expect(contestBoardView(principal, scope, 10)).toEqual(expected);
  });

  it('uses the default top N for people and the screen’s own for screens', () => {
    expect(publicViewOf(rep, 3)).toEqual({ kind: 'public', topN: 3, hideHidden: false, own: amyOwn });
    expect(publicViewOf(screen(['c-1'], 7), 3)).toEqual({
      kind: 'public',
      topN: 7,
      hideHidden: true,
      own: NO_OWN_LINES,
    });
  });
});

describe(ownLinesOf.name, () => {
  it.each<[string, Principal, ReturnType<typeof ownLinesOf>]>([
    ['a rep their own line and their team', rep, { rep: 'rep-amy', team: 'north', teams: [] }],
    ['a rep without a team their own line', teamlessRep, { rep: 'rep-tom', team: null, teams: [] }],
    ['a manager their teams', manager, { rep: null, team: null, teams: ['north', 'south'] }],
    ['a manager of no team nothing', managerOfNone, NO_OWN_LINES],
    ['an admin nothing (they see every board in full)', admin, NO_OWN_LINES],
    ['a screen nothing', lobby, NO_OWN_LINES],
    ['an ingest key nothing', anyKey, NO_OWN_LINES],
    ['anonymous nothing', anonymous, NO_OWN_LINES],
  ])('gives %s', (_, principal, expected) => {
    expect(ownLinesOf(principal)).toEqual(expected);
  });

  it.each<[string, LineSubject, boolean]>([
    ['the rep themself', { kind: 'rep', externalId: 'rep-amy', team: 'north', hidden: false }, true],
    ['a teammate', { kind: 'rep', externalId: 'rep-bob', team: 'north', hidden: false }, false],
    ['their team line', { kind: 'team', key: 'north' }, true],
    ['another team line', { kind: 'team', key: 'south' }, false],
  ])('counts for a rep %s: %s', (_, subject, expected) => {
    expect(isOwnLine(ownLinesOf(rep), subject)).toBe(expected);
  });
});

describe(publicLength.name, () => {
  it.each<[number, number, number]>([
    // [total, topN, listed]
    [0, 10, 0],
    [1, 10, 1],
    [2, 10, 1],
    [3, 10, 2],
    [4, 10, 2],
    [5, 10, 3],
    [6, 10, 3],
    [19, 10, 10],
    [20, 10, 10],
    [21, 10, 10],
    [100, 10, 10],
    [5, 2, 2],
    [5, 3, 3],
    [1, 1, 1],
    [0, 1, 0],
    [100, 1, 1],
    [7, 100, 4],
  ])('lets a board of %i with top %i list %i', (total, topN, expected) => {
    expect(publicLength(total, topN)).toBe(expected);
  });

  it('never exceeds topN or half the board rounded up, and never shrinks as the board grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 100 }),
        (total, more, topN) => {
          const listed = publicLength(total, topN);
          expect(Number.isInteger(listed)).toBe(true);
          expect(listed).toBeGreaterThanOrEqual(0);
          expect(listed).toBeLessThanOrEqual(topN);
          // At most half the board, rounded up: twice the listed entries is at most total + 1.
          expect(2 * listed).toBeLessThanOrEqual(total + 1);
          // A non-empty board always lists its top entry.
          if (total > 0) expect(listed).toBeGreaterThanOrEqual(1);
          expect(publicLength(Math.min(500, total + more), topN)).toBeGreaterThanOrEqual(listed);
          expect(publicLength(total + 1, topN)).toBeGreaterThanOrEqual(listed);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe(canSeeRep.name, () => {
  const amy = { externalId: 'rep-amy', team: 'north' };
  const sam = { externalId: 'rep-sam', team: 'south' };
  const eve = { externalId: 'rep-eve', team: 'east' };
  const tom = { externalId: 'rep-tom', team: null };

  it.each<[string, Principal, { externalId: string; team: string | null }]>([
    ['an admin a rep of any team', admin, eve],
    ['an admin a rep without a team', admin, tom],
    ['a manager a rep of their first team', manager, amy],
    ['a manager a rep of their second team', manager, sam],
    ['a rep themself', rep, amy],
    ['a rep without a team themself', teamlessRep, tom],
  ])('lets %s', (_, principal, target) => {
    expect(canSeeRep(principal, target)).toBe(true);
  });

  it.each<[string, Principal, { externalId: string; team: string | null }]>([
    ['a manager a rep of a team they do not manage', manager, eve],
    ['a manager a rep without a team', manager, tom],
    ['a manager of no team a rep without a team', managerOfNone, tom],
    ['a rep a teammate', rep, { externalId: 'rep-bob', team: 'north' }],
    ['a rep a rep of another team', rep, sam],
    ['a rep without a team another rep without a team', teamlessRep, { externalId: 'rep-ula', team: null }],
    ['a screen a rep of any team', lobby, amy],
    ['a screen a rep without a team', lobby, tom],
    ['an ingest key a rep', anyKey, amy],
    ['anonymous a rep', anonymous, amy],
  ])('refuses %s', (_, principal, target) => {
    expect(canSeeRep(principal, target)).toBe(false);
  });
});

describe(canManageRep.name, () => {
  type Current = { team: string | null } | null;
  type Next = { team: string | null | undefined };

  it.each<[string, Principal, Current, Next]>([
    ['an admin changing a rep of any team', admin, { team: 'east' }, { team: undefined }],
    ['an admin moving a rep between teams', admin, { team: 'east' }, { team: 'west' }],
    ['an admin keeping a rep without a team teamless', admin, { team: null }, { team: null }],
    ['an admin creating a rep without a team', admin, null, { team: null }],
    ['an admin creating a rep of any team', admin, null, { team: 'east' }],
    [
      'a manager changing a rep of their team, team unchanged',
      manager,
      { team: 'north' },
      { team: undefined },
    ],
    ['a manager changing a rep of their team, team restated', manager, { team: 'north' }, { team: 'north' }],
    ['a manager moving their rep to another of their teams', manager, { team: 'north' }, { team: 'south' }],
    ['a manager releasing their rep to no team', manager, { team: 'south' }, { team: null }],
    ['a manager taking a rep without a team into one of theirs', manager, { team: null }, { team: 'south' }],
    ['a manager creating a rep in one of their teams', manager, null, { team: 'north' }],
  ])('allows %s', (_, principal, current, next) => {
    expect(canManageRep(principal, current, next)).toBe(true);
  });

  it.each<[string, Principal, Current, Next]>([
    // managers
    ['a manager changing a rep of another team', manager, { team: 'east' }, { team: undefined }],
    ['a manager taking a rep of another team into theirs', manager, { team: 'east' }, { team: 'north' }],
    ['a manager releasing a rep of another team to no team', manager, { team: 'east' }, { team: null }],
    [
      'a manager moving their rep into a team they do not manage',
      manager,
      { team: 'north' },
      { team: 'east' },
    ],
    [
      'a manager changing a rep without a team, keeping it teamless',
      manager,
      { team: null },
      { team: undefined },
    ],
    ['a manager keeping a rep without a team teamless explicitly', manager, { team: null }, { team: null }],
    ['a manager taking a rep without a team into another team', manager, { team: null }, { team: 'east' }],
    ['a manager creating a rep without a team', manager, null, { team: null }],
    ['a manager creating a rep with the team left out', manager, null, { team: undefined }],
    ['a manager creating a rep in a team they do not manage', manager, null, { team: 'east' }],
    ['a manager of no team creating a rep without a team', managerOfNone, null, { team: null }],
    [
      'a manager of no team changing a rep without a team',
      managerOfNone,
      { team: null },
      { team: undefined },
    ],
    // everyone else
    ['a rep changing themself', rep, { team: 'north' }, { team: undefined }],
    ['a rep creating a rep of their team', rep, null, { team: 'north' }],
    ['a screen changing a rep', lobby, { team: 'north' }, { team: undefined }],
    ['an ingest key creating a rep', anyKey, null, { team: 'north' }],
    ['anonymous changing a rep', anonymous, { team: 'north' }, { team: 'north' }],
  ])('refuses %s', (_, principal, current, next) => {
    expect(canManageRep(principal, current, next)).toBe(false);
  });
});

describe(mayIngest.name, () => {
  it.each<[string, Principal, string]>([
    ['an admin a sale', admin, 'sale'],
    ['an admin any other type', admin, 'call_logged'],
    ['a key for any type a sale', anyKey, 'sale'],
    ['a key for any type any other type', anyKey, 'call_logged'],
    ['a key for sales and demos a sale', saleKey, 'sale'],
    ['a key for sales and demos a demo', saleKey, 'demo_booked'],
  ])('lets %s', (_, principal, type) => {
    expect(mayIngest(principal, type)).toBe(true);
  });

  it.each<[string, Principal, string]>([
    ['a key for sales and demos a type it does not list', saleKey, 'call_logged'],
    ['a key for sales and demos a type differing only in case', saleKey, 'Sale'],
    ['a key for no type any type', ingestKey([]), 'sale'],
    ['a manager a sale', manager, 'sale'],
    ['a rep a sale', rep, 'sale'],
    ['a screen a sale', lobby, 'sale'],
    ['anonymous a sale', anonymous, 'sale'],
  ])('refuses %s', (_, principal, type) => {
    expect(mayIngest(principal, type)).toBe(false);
  });
});

describe(showsOnBoard.name, () => {
  const full = { kind: 'full' } as const;
  const none = { kind: 'none' } as const;
  const rep = { kind: 'public', topN: 3, hideHidden: false, own: NO_OWN_LINES } as const;
  const screen = { kind: 'public', topN: 3, hideHidden: true, own: NO_OWN_LINES } as const;
  it.each([
    ['a full view shows the last line', full, 10, 10, false, true],
    ['a full view shows a hidden rep', full, 1, 10, true, true],
    ['no view shows nothing, not even the first line', none, 1, 10, false, false],
    ['the public board shows the top N', rep, 3, 10, false, true],
    ['the public board stops after the top N', rep, 4, 10, false, false],
    ['the public board never shows the lower half', rep, 3, 4, false, false],
    ['the public board of one line shows it', rep, 1, 1, false, true],
    ['a rep sees a colleague who hides from TVs', rep, 1, 10, true, true],
    ['a screen leaves out a rep who hides', screen, 1, 10, true, false],
    ['a screen shows a rep who does not hide', screen, 2, 10, false, true],
  ] as const)('%s', (_, view, position, total, hidden, expected) => {
    expect(showsOnBoard(view, position, total, hidden)).toBe(expected);
  });
});

/**
 * The rule for every view of a ranking, against the product rules written out independently: who sees
 * which contest how (a table by hand), and which lines of a board a public view lists (a brute force
 * over the board: in the top N, never below the middle, on screens no rep who hides).
 */
describe(showsLine.name, () => {
  const contests = {
    north: contest('c-north', teams('north')),
    everyone: contest('c-all', everyone),
    board: contest('c-board-1', everyone),
    amyAndCid: contest('c-board-2', reps('rep-amy', 'rep-cid')),
  } as const;
  type ContestName = keyof typeof contests;
  /** A public view's own lines, by hand: reps seen by id, reps seen by team, team lines seen. */
  interface Sees {
    readonly reps: readonly string[];
    readonly repsOfTeams: readonly string[];
    readonly teamLines: readonly string[];
    readonly screen: boolean;
  }
  type Expected = 'full' | 'none' | Sees;
  const managerSees: Sees = {
    reps: [],
    repsOfTeams: ['north', 'south'],
    teamLines: ['north', 'south'],
    screen: false,
  };
  const amySees: Sees = { reps: ['rep-amy'], repsOfTeams: [], teamLines: ['north'], screen: false };
  const tomSees: Sees = { reps: ['rep-tom'], repsOfTeams: [], teamLines: [], screen: false };
  const samSees: Sees = { reps: ['rep-sam'], repsOfTeams: [], teamLines: ['south'], screen: false };
  const screenSees: Sees = { reps: [], repsOfTeams: [], teamLines: [], screen: true };
  const sam = user('rep', { repExternalId: 'rep-sam', team: 'south' });
  const viewers: [string, Principal, Record<ContestName, Expected>][] = [
    ['an admin', admin, { north: 'full', everyone: 'full', board: 'full', amyAndCid: 'full' }],
    [
      'a manager of north and south',
      manager,
      { north: 'full', everyone: managerSees, board: managerSees, amyAndCid: managerSees },
    ],
    [
      'a manager of no team',
      managerOfNone,
      {
        north: 'none',
        everyone: { ...managerSees, repsOfTeams: [], teamLines: [] },
        board: { ...managerSees, repsOfTeams: [], teamLines: [] },
        amyAndCid: { ...managerSees, repsOfTeams: [], teamLines: [] },
      },
    ],
    ['Amy, a rep of north', rep, { north: amySees, everyone: amySees, board: amySees, amyAndCid: amySees }],
    ['Sam, a rep of south', sam, { north: 'none', everyone: samSees, board: samSees, amyAndCid: 'none' }],
    [
      'Tom, a rep without a team',
      teamlessRep,
      { north: 'none', everyone: tomSees, board: tomSees, amyAndCid: 'none' },
    ],
    [
      'the lobby screen',
      lobby,
      { north: 'none', everyone: 'none', board: screenSees, amyAndCid: screenSees },
    ],
    ['an ingest key', anyKey, { north: 'none', everyone: 'none', board: 'none', amyAndCid: 'none' }],
    ['anonymous', anonymous, { north: 'none', everyone: 'none', board: 'none', amyAndCid: 'none' }],
  ];

  const repLine = (externalId: string, team: string | null, hidden: boolean): LineSubject => ({
    kind: 'rep',
    externalId,
    team,
    hidden,
  });
  /** Everyone who can stand on a line: the principals' own reps, their teammates, strangers, teams. */
  const subjects: LineSubject[] = [
    repLine('rep-amy', 'north', false),
    repLine('rep-amy', 'north', true),
    repLine('rep-bob', 'north', false),
    repLine('rep-bob', 'north', true),
    repLine('rep-sam', 'south', true),
    repLine('rep-eve', 'east', false),
    repLine('rep-eve', 'east', true),
    repLine('rep-tom', null, false),
    repLine('rep-ula', null, true),
    { kind: 'team', key: 'north' },
    { kind: 'team', key: 'east' },
  ];

  /** Brute force from the product rules: does the line at `index` (0-based) of `total` lines show? */
  function expected(
    view: Expected,
    index: number,
    total: number,
    subject: LineSubject,
    topN: number,
  ): boolean {
    if (view === 'none') return false;
    if (view === 'full') return true;
    const own =
      subject.kind === 'team'
        ? view.teamLines.includes(subject.key)
        : view.reps.includes(subject.externalId) ||
          (subject.team !== null && view.repsOfTeams.includes(subject.team));
    if (own) return true;
    const above = index;
    const below = total - index - 1;
    const inTop = index < (view.screen ? 5 : topN);
    const hiddenHere = view.screen && subject.kind === 'rep' && subject.hidden;
    return inTop && below >= above && !hiddenHere;
  }

  const totals = [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 21];
  const cases = viewers.flatMap(([who, principal, views]) =>
    (Object.keys(contests) as ContestName[]).flatMap((name) =>
      totals.flatMap((total) =>
        Array.from({ length: total }, (_, index) =>
          subjects.map((subject): [string, Principal, ContestName, number, number, LineSubject, boolean] => [
            who,
            principal,
            name,
            index + 1,
            total,
            subject,
            expected(views[name], index, total, subject, 3),
          ]),
        ).flat(),
      ),
    ),
  );

  it('checks every principal, contest, position, board size and subject (hidden or not)', () => {
    expect(cases.length).toBe(viewers.length * 4 * totals.reduce((a, b) => a + b, 0) * subjects.length);
    const wrong = cases.filter(
      ([, principal, name, position, total, subject, shows]) =>
        showsLine(contestBoardView(principal, contests[name], 3), { position, total, subject }) !== shows,
    );
    expect(
      wrong.map(
        ([who, , name, position, total, subject]) =>
          `${who} ${name} ${position}/${total} ${JSON.stringify(subject)}`,
      ),
    ).toEqual([]);
    // Not vacuous: each outcome occurs for public views, for lines above and below the cut.
    expect(cases.some(([, , , p, t, , shows]) => p > publicLength(t, 3) && shows)).toBe(true);
    expect(cases.some(([, , , p, t, , shows]) => p <= publicLength(t, 3) && !shows)).toBe(true);
  });

  it.each<[string, Principal, ContestName, number, number, LineSubject, boolean]>([
    [
      'an admin the last line, of a rep who hides',
      admin,
      'everyone',
      10,
      10,
      repLine('rep-eve', 'east', true),
      true,
    ],
    [
      'a manager of the contest its last line',
      manager,
      'north',
      10,
      10,
      repLine('rep-bob', 'north', true),
      true,
    ],
    [
      'a manager of a company-wide contest a rep of their team in the lower half',
      manager,
      'everyone',
      9,
      10,
      repLine('rep-bob', 'north', false),
      true,
    ],
    [
      'a manager of a company-wide contest their team’s line in the lower half',
      manager,
      'everyone',
      9,
      10,
      { kind: 'team', key: 'north' },
      true,
    ],
    ['a rep their own line in the lower half', rep, 'north', 9, 10, repLine('rep-amy', 'north', false), true],
    [
      'a rep their team’s line in the lower half',
      rep,
      'everyone',
      9,
      10,
      { kind: 'team', key: 'north' },
      true,
    ],
    [
      'a rep a colleague who hides from TVs in the top N',
      rep,
      'north',
      2,
      10,
      repLine('rep-bob', 'north', true),
      true,
    ],
    ['a screen the last line of its top N', lobby, 'board', 5, 10, repLine('rep-eve', 'east', false), true],
  ])('shows %s', (_, principal, name, position, total, subject, shows) => {
    expect(showsLine(contestBoardView(principal, contests[name], 3), { position, total, subject })).toBe(
      shows,
    );
  });

  it.each<[string, Principal, ContestName, number, number, LineSubject]>([
    [
      'a manager of a company-wide contest another team’s rep below the top N',
      manager,
      'everyone',
      4,
      10,
      repLine('rep-eve', 'east', false),
    ],
    [
      'a manager of a company-wide contest another team’s line in the lower half',
      manager,
      'everyone',
      6,
      10,
      { kind: 'team', key: 'east' },
    ],
    [
      'a manager a contest of a team they do not manage, even its first line',
      managerOfNone,
      'north',
      1,
      10,
      repLine('rep-bob', 'north', false),
    ],
    ['a rep a teammate below the top N', rep, 'north', 4, 10, repLine('rep-bob', 'north', false)],
    [
      'a rep a line in the lower half of a short board',
      rep,
      'north',
      3,
      4,
      repLine('rep-bob', 'north', false),
    ],
    [
      'a rep who does not take part even their own line',
      sam,
      'north',
      1,
      10,
      repLine('rep-sam', 'south', false),
    ],
    ['a screen a rep who hides, even first', lobby, 'board', 1, 10, repLine('rep-amy', 'north', true)],
    ['a screen the line after its top N', lobby, 'board', 6, 10, repLine('rep-eve', 'east', false)],
    ['a screen a contest off its board', lobby, 'everyone', 1, 10, repLine('rep-eve', 'east', false)],
    ['an ingest key any line', anyKey, 'everyone', 1, 10, repLine('rep-eve', 'east', false)],
  ])('hides from %s', (_, principal, name, position, total, subject) => {
    expect(showsLine(contestBoardView(principal, contests[name], 3), { position, total, subject })).toBe(
      false,
    );
  });

  it('lists no more than the public length of other people’s lines, never from the lower half, whatever the board', () => {
    const team = fc.constantFrom('north', 'south', 'east', null);
    const line = fc.oneof(
      fc.record({
        kind: fc.constant('rep' as const),
        externalId: fc.constantFrom('rep-amy', 'rep-bob', 'rep-sam', 'rep-tom', 'rep-x', 'rep-y'),
        team,
        hidden: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('team' as const), key: fc.constantFrom('north', 'south', 'east') }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...viewers),
        fc.constantFrom(...(Object.keys(contests) as ContestName[])),
        fc.array(line, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        ([, principal, views], name, board, topN) => {
          const view = contestBoardView(principal, contests[name], topN);
          const shown = board.map((subject, i) =>
            showsLine(view, { position: i + 1, total: board.length, subject }),
          );
          // The brute force agrees line by line.
          expect(shown).toEqual(
            board.map((subject, i) => expected(views[name], i, board.length, subject, topN)),
          );
          if (view.kind !== 'public') return;
          const others = board.flatMap((subject, i) =>
            shown[i] && !isOwnLine(view.own, subject) ? [i] : [],
          );
          expect(others.length).toBeLessThanOrEqual(publicLength(board.length, view.topN));
          for (const i of others) expect(board.length - i - 1).toBeGreaterThanOrEqual(i);
          if (view.hideHidden) {
            expect(board.some((s, i) => shown[i] && s.kind === 'rep' && s.hidden)).toBe(false);
          }
          // A line that shows keeps showing when more lines join the bottom of the board.
          const longer = [...board, ...board];
          board.forEach((subject, i) => {
            if (shown[i])
              expect(showsLine(view, { position: i + 1, total: longer.length, subject })).toBe(true);
          });
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe(targetsFor.name, () => {
  const perRep = new Map([
    ['rep-amy', 10],
    ['rep-bob', 12],
    ['rep-sam', 8],
    ['rep-tom', 5],
  ]);
  const teamOf = new Map<string, string | null>([
    ['rep-amy', 'north'],
    ['rep-bob', 'north'],
    ['rep-sam', 'south'],
    ['rep-tom', null],
  ]);
  const ofEveryone = contest('c-all', everyone);
  it.each<[string, Principal, ContestScope, string[]]>([
    ['an admin every target', admin, ofEveryone, ['rep-amy', 'rep-bob', 'rep-sam', 'rep-tom']],
    [
      'a manager of the contest every target',
      manager,
      contest('c-north', teams('north')),
      ['rep-amy', 'rep-bob', 'rep-sam', 'rep-tom'],
    ],
    [
      'a manager of a company-wide contest their teams’ reps’ targets',
      manager,
      ofEveryone,
      ['rep-amy', 'rep-bob', 'rep-sam'],
    ],
    ['a rep their own target only', rep, ofEveryone, ['rep-amy']],
    ['a rep without a team their own target only', teamlessRep, ofEveryone, ['rep-tom']],
    ['a screen no target', lobby, contest('c-board-1', everyone), []],
    ['an ingest key no target', anyKey, ofEveryone, []],
  ])('gives %s', (_, principal, scope, expected) => {
    expect([...targetsFor(contestBoardView(principal, scope, 10), perRep, teamOf).keys()]).toEqual(expected);
  });
});
