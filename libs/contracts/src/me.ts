import type { BoardContest } from './boards.js';
import type { StandingEntry, StandingsPeriod } from './standings.js';

/** GET /api/v1/me/contests (a rep user): the live contests the rep takes part in, one entry each. */
export interface MyContestResponse {
  readonly contest: BoardContest;
  readonly period: StandingsPeriod;
  /** The contest's standings version: a websocket update with a higher one replaces this. */
  readonly version: number;
  /** Entries on the rep's board (the division's, on a contest with divisions). */
  readonly total: number;
  /** The rep's own entry, in full; null: no points yet. On a team contest: the rep's team. */
  readonly me: StandingEntry | null;
  /** The rep with up to 2 above and 2 below (the rep's own position is never hidden from the rep). */
  readonly around: readonly StandingEntry[];
  /** The public top N (without reps hiding from TVs, never the bottom half). */
  readonly top: readonly StandingEntry[];
  /** The rep's own target in this contest (race target or per-rep target); null without one. */
  readonly target: number | null;
  /** On a contest with divisions: the rep's division; null otherwise. */
  readonly division: string | null;
}

/** GET /api/v1/me/results: the rep's finished periods and prizes, newest first. */
export interface MyResultResponse {
  readonly contestId: string;
  readonly contestName: string;
  readonly period: StandingsPeriod;
  /** The rep's final rank; null: not on the final board. */
  readonly rank: number | null;
  readonly score: number;
  /** Names of the prizes the rep won in that period. */
  readonly prizes: readonly string[];
}
