import type { Participants } from './board-rules.js';

/** A person's role: what they may do. */
export type Role = 'admin' | 'manager' | 'rep';
export const ROLES: readonly Role[] = ['admin', 'manager', 'rep'];

/**
 * Who is calling.
 * - `user`: a person logged in. A manager manages `teams` (team keys); a rep user is the rep `repExternalId`
 *   in team `team`.
 * - `screen`: an office TV, read-only, bound to one board (a playlist of contests) showing its top `topN`.
 * - `ingest`: an API key that may only post events (of `eventTypes`, or any when null).
 * - `anonymous`: nobody (health and login only).
 */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly label: string;
      readonly role: Role;
      /** Team keys a manager manages (empty for admins and reps). */
      readonly teams: readonly string[];
      /** The rep a rep user is (external id); null for admins and managers. */
      readonly repExternalId: string | null;
      /** The rep user's team key; null when none (or not a rep). */
      readonly team: string | null;
    }
  | {
      readonly kind: 'screen';
      readonly screenId: string;
      readonly label: string;
      readonly contestIds: readonly string[];
      readonly topN: number;
    }
  | {
      readonly kind: 'ingest';
      readonly keyId: string;
      readonly label: string;
      readonly eventTypes: readonly string[] | null;
    };

/**
 * What a route needs. Every route of the api names exactly one; the guard checks the principal's kind
 * and role, and the services check the scope (team, contest, board) with the functions below.
 * A screen is admitted only to what its board shows: `contests.read` (its board's contests),
 * `standings.read` (their live boards) and `results.read` (their finished periods, prizes and hall of
 * fame), each cut to the public board; never to one rep's position, explanation or wins (`rep.results`,
 * `standings.explain`), to templates (`contests.write`) or to people.
 */
export type Permission =
  | 'public'
  | 'ingest'
  | 'contests.read'
  | 'contests.write'
  | 'standings.read'
  | 'standings.explain'
  | 'rep.results'
  | 'results.read'
  | 'results.manage'
  | 'people.read'
  | 'people.write'
  | 'self'
  | 'audit.read'
  | 'admin'
  /** A screen reading its own board (its settings and playlist). */
  | 'board'
  /** A rep user reading their own contests and results. */
  | 'rep';

/** Which principals a permission admits before any scope check. */
export function admits(permission: Permission, principal: Principal): boolean {
  const role = principal.kind === 'user' ? principal.role : null;
  switch (permission) {
    case 'public':
      return true;
    case 'ingest':
      return principal.kind === 'ingest' || role === 'admin';
    case 'contests.read':
    case 'standings.read':
    case 'results.read':
      return principal.kind === 'user' || principal.kind === 'screen';
    case 'standings.explain':
    case 'rep.results':
    case 'self':
      return principal.kind === 'user';
    case 'contests.write':
    case 'results.manage':
    case 'people.read':
    case 'people.write':
    case 'audit.read':
      return role === 'admin' || role === 'manager';
    case 'admin':
      return role === 'admin';
    case 'board':
      return principal.kind === 'screen';
    case 'rep':
      return role === 'rep';
  }
}

/** The teams a contest is for: its participant teams, or null for a company-wide contest. */
export function contestTeams(participants: Participants): readonly string[] | null {
  return participants.kind === 'teams' ? participants.teams : null;
}

/**
 * Whether a principal may create or change a contest for `teams` (null: company-wide). Admins may do
 * anything; a manager only contests whose every team they manage (company-wide ones are for admins).
 */
export function canManageContest(principal: Principal, teams: readonly string[] | null): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'manager' || teams === null || teams.length === 0) return false;
  return teams.every((t) => principal.teams.includes(t));
}

/** What a contest's definition says about who may see it. */
export interface ContestScope {
  readonly id: string;
  readonly participants: Participants;
}

/**
 * Whether a principal may see a contest at all: admins every one; managers company-wide ones and those
 * of a team they manage; reps the contests they take part in; a screen the contests of its board.
 */
export function canSeeContest(principal: Principal, contest: ContestScope): boolean {
  switch (principal.kind) {
    case 'anonymous':
    case 'ingest':
      return false;
    case 'screen':
      return principal.contestIds.includes(contest.id);
    case 'user': {
      const { participants } = contest;
      if (principal.role === 'admin') return true;
      if (principal.role === 'manager') {
        return participants.kind !== 'teams' || participants.teams.some((t) => principal.teams.includes(t));
      }
      switch (participants.kind) {
        case 'everyone':
          return true;
        case 'teams':
          return principal.team !== null && participants.teams.includes(principal.team);
        case 'reps':
          return principal.repExternalId !== null && participants.reps.includes(principal.repExternalId);
      }
    }
  }
}

/**
 * The lines of any board a viewer sees wherever they rank, beyond the public part: a rep their own line
 * and, on team contests, the line of their own team; a manager the lines of the reps of the teams they
 * manage and of those teams. A rep's full position is for that rep and their managers.
 */
export interface OwnLines {
  /** The viewer's own rep (external id): a rep user. */
  readonly rep: string | null;
  /** The viewer's own team (key), whose team line they see: a rep user in a team. */
  readonly team: string | null;
  /** Teams (keys) whose reps' lines and team lines the viewer sees: a manager's teams. */
  readonly teams: readonly string[];
}

export const NO_OWN_LINES: OwnLines = { rep: null, team: null, teams: [] };

/**
 * How much of one contest's ranking a viewer sees ({@link contestBoardView} decides it).
 * - `full`: every line (admins, and managers for contests they manage).
 * - `public`: the board as the TV shows it: at most the top `topN`, never the lower half of the
 *   ranking (nobody is listed at the bottom), on screens without the reps who hide from TVs
 *   (`hideHidden`); plus, wherever they rank, the viewer's {@link OwnLines}.
 * - `none`: nothing (a contest the viewer may not see; ingest keys; anonymous callers).
 */
export type BoardView = { readonly kind: 'full' } | PublicView | { readonly kind: 'none' };

export interface PublicView {
  readonly kind: 'public';
  readonly topN: number;
  readonly hideHidden: boolean;
  readonly own: OwnLines;
}

/** Who or what stands on one line of a board. */
export type LineSubject =
  | {
      readonly kind: 'rep';
      readonly externalId: string;
      /** The rep's team (key) now; null without one. */
      readonly team: string | null;
      /** Whether the rep hides from office TVs. */
      readonly hidden: boolean;
    }
  | { readonly kind: 'team'; readonly key: string };

/** One line of a ranking, live or frozen: its 1-based position among the `total` lines of its board. */
export interface BoardLine {
  readonly position: number;
  readonly total: number;
  readonly subject: LineSubject;
}

/** The {@link OwnLines} of a principal: managers their teams, reps themselves and their team. */
export function ownLinesOf(principal: Principal): OwnLines {
  if (principal.kind !== 'user') return NO_OWN_LINES;
  switch (principal.role) {
    case 'admin':
      // Admins see every board in full; they need no own lines.
      return NO_OWN_LINES;
    case 'manager':
      return { rep: null, team: null, teams: principal.teams };
    case 'rep':
      return { rep: principal.repExternalId, team: principal.team, teams: [] };
  }
}

/**
 * The public view of a principal's boards: a screen's own top N without the reps who hide; for
 * everyone else `defaultTopN` (`PUBLIC_TOP_N`) with their {@link OwnLines}.
 */
export function publicViewOf(principal: Principal, defaultTopN: number): PublicView {
  if (principal.kind === 'screen') {
    return { kind: 'public', topN: principal.topN, hideHidden: true, own: NO_OWN_LINES };
  }
  return { kind: 'public', topN: defaultTopN, hideHidden: false, own: ownLinesOf(principal) };
}

/**
 * The view of one contest's ranking, for every view of results (live boards, around-me, the websocket,
 * finished periods, prizes, hall of fame, a rep's wins): nothing for those who may not see the contest
 * ({@link canSeeContest}); the full board for those who may manage it (admins; managers whose teams are
 * all its participants); the public board for everyone else. A manager sees a contest they do not
 * manage (company-wide, or shared with other teams) as the public board with their own teams' lines:
 * other teams' reps' full positions are for those reps and their own managers.
 */
export function contestBoardView(
  principal: Principal,
  contest: ContestScope,
  defaultTopN: number,
): BoardView {
  if (!canSeeContest(principal, contest)) return { kind: 'none' };
  if (canManageContest(principal, contestTeams(contest.participants))) return { kind: 'full' };
  return publicViewOf(principal, defaultTopN);
}

/**
 * How many entries from the top a public board may list: at most `topN`, and never the lower half of
 * a board of `total` entries (a board of 5 lists at most 3; a board of 1 lists its one entry).
 */
export function publicLength(total: number, topN: number): number {
  return Math.min(topN, Math.ceil(total / 2));
}

/** Whether a line is one of the viewer's {@link OwnLines}. */
export function isOwnLine(own: OwnLines, subject: LineSubject): boolean {
  if (subject.kind === 'team') return subject.key === own.team || own.teams.includes(subject.key);
  return subject.externalId === own.rep || (subject.team !== null && own.teams.includes(subject.team));
}

/**
 * Whether the line at 1-based `position` of a board of `total` lines is within the public board: within
 * {@link publicLength}, and, where the view hides them (screens), not a rep who hides from TVs
 * (`hidden`; the others keep their true ranks). Always true in a full view, never in `none`.
 * {@link showsLine} adds the viewer's own lines.
 */
export function showsOnBoard(view: BoardView, position: number, total: number, hidden: boolean): boolean {
  if (view.kind !== 'public') return view.kind === 'full';
  return position <= publicLength(total, view.topN) && !(view.hideHidden && hidden);
}

/**
 * The rule for every view of a ranking, live or frozen (lines, prizes, hall of fame, wins): a line shows
 * when the view is full, or, in a public view, when it is one of the viewer's own lines or on the public
 * board ({@link showsOnBoard}). Nothing else of a ranking is shown to anyone.
 */
export function showsLine(view: BoardView, line: BoardLine): boolean {
  if (view.kind !== 'public') return view.kind === 'full';
  if (isOwnLine(view.own, line.subject)) return true;
  return showsOnBoard(view, line.position, line.total, line.subject.kind === 'rep' && line.subject.hidden);
}

/**
 * Whether a principal may see one rep's explanation or full position: admins any rep, managers the
 * reps of their teams, a rep themself ({@link OwnLines}).
 */
export function canSeeRep(principal: Principal, rep: { externalId: string; team: string | null }): boolean {
  if (principal.kind === 'user' && principal.role === 'admin') return true;
  return isOwnLine(ownLinesOf(principal), { kind: 'rep', ...rep, hidden: false });
}

/**
 * Whether a principal may create or change a rep (name, team, role): admins any; a manager the reps of
 * their teams, including taking a rep without a team into one of theirs and releasing one of theirs to
 * no team, never a rep of another team. `next.team` undefined: the team does not change.
 */
export function canManageRep(
  principal: Principal,
  current: { team: string | null } | null,
  next: { team: string | null | undefined },
): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'manager') return false;
  const mine = (team: string | null) => team !== null && principal.teams.includes(team);
  const from = current?.team ?? null;
  const to = next.team === undefined ? from : next.team;
  return (mine(from) || (from === null && mine(to))) && (mine(to) || to === null);
}

/** Whether an ingest principal may post an event of `type`. */
export function mayIngest(principal: Principal, type: string): boolean {
  if (principal.kind === 'user') return principal.role === 'admin';
  if (principal.kind !== 'ingest') return false;
  return principal.eventTypes === null || principal.eventTypes.includes(type);
}

/**
 * A contest's per-rep targets as a viewer may read them in its definition: a target is a rep's own
 * quota, so all of them in a full view, otherwise only those of the viewer's own lines (a rep their
 * own; a manager their teams' reps'), none for a screen. Public lines show their target on the board.
 * `teamOf`: each listed rep's team now (reps not in it count as without a team).
 */
export function targetsFor(
  view: BoardView,
  perRep: ReadonlyMap<string, number>,
  teamOf: ReadonlyMap<string, string | null>,
): Map<string, number> {
  if (view.kind === 'full') return new Map(perRep);
  if (view.kind === 'none') return new Map();
  const own = view.own;
  return new Map(
    [...perRep].filter(([externalId]) =>
      isOwnLine(own, { kind: 'rep', externalId, team: teamOf.get(externalId) ?? null, hidden: false }),
    ),
  );
}
