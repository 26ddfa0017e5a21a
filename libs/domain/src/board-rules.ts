import type { TieRule } from './contest-rules.js';
import type { FieldProblem } from './domain-error.js';

/**
 * The kind of game.
 * - `leaderboard`: most points wins.
 * - `target_race`: first to reach `target` wins; the others follow by score.
 * - `team`: teams compete with the sum or the per-member average of their members' scores.
 */
export type ContestKind = 'leaderboard' | 'target_race' | 'team';
export const CONTEST_KINDS: readonly ContestKind[] = ['leaderboard', 'target_race', 'team'];

/** Who competes: everyone, the members of some teams (by team key), or listed reps (by external id). */
export type Participants =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'teams'; readonly teams: readonly string[] }
  | { readonly kind: 'reps'; readonly reps: readonly string[] };

/** Separate boards (and prizes) per team or per role inside one contest. */
export type Divisions = 'none' | 'team' | 'role';
export const DIVISIONS: readonly Divisions[] = ['none', 'team', 'role'];

/**
 * Per-rep targets: each rep is ranked by percent of their own target, so a junior with a smaller quota
 * can win. `perRep` is keyed by the rep's external id; everyone else has `default`.
 */
export interface Targets {
  readonly default: number;
  readonly perRep: Readonly<Record<string, number>>;
}

/**
 * The rules that turn standings (each rep's score) into the boards people see. They apply when a board
 * is read or finalised, never to scoring, so the standings stay a function of the event ledger alone.
 */
export interface BoardRules {
  readonly kind: ContestKind;
  readonly tieRule: TieRule;
  /** target_race only: the score to reach. */
  readonly target: number | null;
  /** team only: a team's score is its members' sum, or the average over all its participating members. */
  readonly teamScoring: 'sum' | 'average';
  readonly participants: Participants;
  /** leaderboard only: rank by percent of each rep's target. */
  readonly targets: Targets | null;
  /** A rep appears on the public board only with at least this score (0: everyone with a score). */
  readonly minScore: number;
  readonly divisions: Divisions;
}

export const DEFAULT_BOARD_RULES: BoardRules = {
  kind: 'leaderboard',
  tieRule: 'first_to_reach',
  target: null,
  teamScoring: 'sum',
  participants: { kind: 'everyone' },
  targets: null,
  minScore: 0,
  divisions: 'none',
};

/** Largest target or minimum score: far inside exact integer arithmetic, even as percent. */
export const MAX_TARGET = 1_000_000_000_000;
const MAX_LISTED = 1_000;

function isCount(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= MAX_TARGET;
}

/** Every problem with a contest's board rules, with paths relative to `prefix`. */
export function checkBoardRules(rules: BoardRules, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { kind } = rules;
  if (kind === 'target_race') {
    if (!isCount(rules.target, 1)) {
      problems.push({ path: `${prefix}target`, reason: `must be a whole number from 1 to ${MAX_TARGET}` });
    }
  } else if (rules.target !== null) {
    problems.push({ path: `${prefix}target`, reason: 'applies only to target_race contests' });
  }
  if (rules.targets !== null) {
    if (kind !== 'leaderboard') {
      problems.push({
        path: `${prefix}targets`,
        reason: 'per-rep targets apply only to leaderboard contests',
      });
    }
    if (!isCount(rules.targets.default, 1)) {
      problems.push({
        path: `${prefix}targets.default`,
        reason: `must be a whole number from 1 to ${MAX_TARGET}`,
      });
    }
    const perRep = Object.entries(rules.targets.perRep);
    if (perRep.length > MAX_LISTED) {
      problems.push({ path: `${prefix}targets.perRep`, reason: `must list at most ${MAX_LISTED} reps` });
    }
    for (const [rep, target] of perRep) {
      if (!isCount(target, 1)) {
        problems.push({
          path: `${prefix}targets.perRep.${rep}`,
          reason: `must be a whole number from 1 to ${MAX_TARGET}`,
        });
      }
    }
  }
  if (kind === 'team' && rules.divisions !== 'none') {
    problems.push({
      path: `${prefix}divisions`,
      reason: 'a team contest has one board of teams: use participants to pick the teams',
    });
  }
  if (kind !== 'team' && rules.teamScoring !== 'sum') {
    problems.push({ path: `${prefix}teamScoring`, reason: 'applies only to team contests' });
  }
  if (kind === 'team' && rules.minScore !== 0) {
    problems.push({
      path: `${prefix}minScore`,
      reason: 'applies to reps: a team board shows every team with a score',
    });
  } else if (!isCount(rules.minScore, 0)) {
    problems.push({ path: `${prefix}minScore`, reason: `must be a whole number from 0 to ${MAX_TARGET}` });
  }
  const { participants } = rules;
  if (participants.kind !== 'everyone') {
    const listed = participants.kind === 'teams' ? participants.teams : participants.reps;
    const field = participants.kind;
    if (listed.length === 0 || listed.length > MAX_LISTED) {
      problems.push({
        path: `${prefix}participants.${field}`,
        reason: `must list from 1 to ${MAX_LISTED} ${field}`,
      });
    }
    listed.forEach((id, i) => {
      if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
        problems.push({ path: `${prefix}participants.${field}[${i}]`, reason: 'must be a non-empty id' });
      }
    });
  }
  return problems;
}
