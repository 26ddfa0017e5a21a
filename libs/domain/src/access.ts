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
 */
export type Permission =
  | 'public'
  | 'ingest'
  | 'contests.read'
  | 'contests.write'
  | 'standings.read'
  | 'standings.explain'
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
 * How much of a board a principal sees.
 * - `full`: every rank (admins, and managers for contests in their scope).
 * - `public`: the board as the TV shows it: at most the top `topN`, never the lower half of the
 *   ranking (nobody is listed at the bottom), and, on screens, without the reps who hide from TVs.
 */
export type BoardView =
  | { readonly kind: 'full' }
  | { readonly kind: 'public'; readonly topN: number; readonly hideHidden: boolean };

export function boardViewOf(principal: Principal, defaultTopN: number): BoardView {
  if (principal.kind === 'user' && (principal.role === 'admin' || principal.role === 'manager')) {
    return { kind: 'full' };
  }
  if (principal.kind === 'screen') return { kind: 'public', topN: principal.topN, hideHidden: true };
  return { kind: 'public', topN: defaultTopN, hideHidden: false };
}

/**
 * How many entries from the top a public board may list: at most `topN`, and never the lower half of
 * a board of `total` entries (a board of 5 lists at most 3; a board of 1 lists its one entry).
 */
export function publicLength(total: number, topN: number): number {
  return Math.min(topN, Math.ceil(total / 2));
}

/**
 * Whether a principal may see one rep's explanation or full position: admins any rep, managers the
 * reps of their teams, a rep themself.
 */
export function canSeeRep(principal: Principal, rep: { externalId: string; team: string | null }): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'admin') return true;
  if (principal.role === 'manager') return rep.team !== null && principal.teams.includes(rep.team);
  return principal.repExternalId === rep.externalId;
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
 * The view of one contest's board: {@link boardViewOf}, except that a manager sees a contest they do
 * not manage (company-wide, or shared with other teams) as the public board: other teams' reps' full
 * positions are for those reps and their own managers.
 */
export function contestBoardView(
  principal: Principal,
  teams: readonly string[] | null,
  defaultTopN: number,
): BoardView {
  if (principal.kind === 'user' && principal.role === 'manager' && !canManageContest(principal, teams)) {
    return { kind: 'public', topN: defaultTopN, hideHidden: false };
  }
  return boardViewOf(principal, defaultTopN);
}

/**
 * Whether the line at 1-based `position` of a board of `total` lines shows in `view`: always in a full
 * view; on the public board only within {@link publicLength}, and on screens not a rep who hides from
 * TVs (`hidden`; the others keep their true ranks). Live boards, finished periods and prizes all follow it.
 */
export function showsOnBoard(view: BoardView, position: number, total: number, hidden: boolean): boolean {
  if (view.kind === 'full') return true;
  return position <= publicLength(total, view.topN) && !(view.hideHidden && hidden);
}
