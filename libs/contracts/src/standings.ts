export interface StandingsPeriod {
  /** ISO-8601 instants in the contest's time zone, half-open: [start, end). */
  readonly start: string;
  readonly end: string;
}

export interface StandingEntry {
  readonly rank: number;
  /** The rep on this line; null on a team contest's board. */
  readonly rep: { readonly id: string; readonly externalId: string; readonly displayName: string } | null;
  /** The team on this line of a team contest's board. */
  readonly team?: { readonly key: string; readonly name: string; readonly members: number };
  /** Points scored (a team: the sum of its members' points). */
  readonly score: number;
  /** Percent of the rep's target (two decimals, rounded down) when the contest ranks by targets. */
  readonly percentToTarget?: number;
  /** The rep's target when the contest ranks by targets. */
  readonly target?: number;
  /** A team's per-member average (two decimals, rounded down) when teams compete on averages. */
  readonly average?: number;
  /** Target races: when the rep reached the target; null when not yet. */
  readonly finishedAt?: string | null;
  /** When the rep reached this score (the occurredAt of the event that brought them to it). */
  readonly reachedAt: string;
  /** Behind the entry above, in what the board ranks by (points, percent, average); null for the first. */
  readonly gapToNext: number | null;
}

export interface StandingsResponse {
  readonly contestId: string;
  readonly version: number;
  readonly period: StandingsPeriod;
  /** The division shown (team key or role) on a contest with divisions; null otherwise. */
  readonly division?: string | null;
  /** Every division of this period, on a contest with divisions. */
  readonly divisions?: readonly string[];
  /** Number of entries on the board. */
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
    | 'no_points'
    | 'not_a_participant';
  /** A manual adjustment (source `manual`): why a manager changed the points, and who. */
  readonly manual?: { readonly reason: string; readonly by: string };
}

export interface ScoreExplanation {
  readonly contestId: string;
  readonly period: StandingsPeriod;
  readonly rep: { readonly externalId: string };
  /** The sum of the counted events' points: equal to the rep's score on the board. */
  readonly score: number;
  readonly events: readonly ExplainedEvent[];
}
