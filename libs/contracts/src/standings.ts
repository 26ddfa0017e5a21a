export interface StandingsPeriod {
  /** ISO-8601 instants in the contest's time zone, half-open: [start, end). */
  readonly start: string;
  readonly end: string;
}

export interface StandingEntry {
  readonly rank: number;
  readonly rep: { readonly id: string; readonly externalId: string; readonly displayName: string };
  readonly score: number;
  /** When the rep reached this score (the occurredAt of the event that brought them to it). */
  readonly reachedAt: string;
  /** Points behind the entry above; null for the first. */
  readonly gapToNext: number | null;
}

export interface StandingsResponse {
  readonly contestId: string;
  readonly version: number;
  readonly period: StandingsPeriod;
  /** Number of reps on the board. */
  readonly total: number;
  readonly entries: readonly StandingEntry[];
}
