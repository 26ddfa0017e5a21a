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

/** One event in the explanation of a rep's score. */
export interface ExplainedEvent {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  /** The version that counts; earlier revisions were superseded by it. */
  readonly revision: number;
  readonly points: number;
  /** Why it adds nothing (see docs/RULES.md); null when it counts. */
  readonly excluded:
    | null
    | 'retracted'
    | 'type_not_counted'
    | 'before_contest_start'
    | 'outside_window'
    | 'filtered_out'
    | 'no_points';
}

export interface ScoreExplanation {
  readonly contestId: string;
  readonly period: StandingsPeriod;
  readonly rep: { readonly externalId: string };
  /** The sum of the counted events' points: equal to the rep's score on the board. */
  readonly score: number;
  readonly events: readonly ExplainedEvent[];
}
