import type { MetricNature } from './value-lists.js';

/**
 * The coaching view (`GET /api/v1/coaching?team=<key>`): each rep of a team, week by week, against the
 * rep's own average (never against each other), outcome metrics next to process metrics, and the reps
 * with no recent activity flagged for a 1:1.
 */

/** How many weeks the view shows: the current (partial) week and the 7 before it. */
export const COACHING_WEEKS = 8;

/** `stalledDays`: a rep with no activity for this many days is flagged (default, and its bounds). */
export const COACHING_STALLED_DAYS = { default: 7, min: 1, max: 90 } as const;

/**
 * How one rep's latest complete week compares with the rep's own average of the weeks before it:
 * - `up` / `down` / `flat`: more than 10% above, below, or within 10% of the average;
 * - `new`: fewer than 2 complete weeks of history before the latest one (no fair average yet);
 * - `none`: nothing on this metric in the rep's history in view.
 */
export type CoachingTrend = 'up' | 'down' | 'flat' | 'new' | 'none';

/** A text in every language Podium speaks. */
export interface CoachingText {
  readonly en: string;
  readonly nl: string;
}

/** One week, `[start, end)` as ISO instants; `partial` for the week that is still running. */
export interface CoachingWeek {
  readonly start: string;
  readonly end: string;
  readonly partial: boolean;
}

/** A metric of the team's contests; contests that count the same thing share one. */
export interface CoachingMetric {
  /** Stable within one answer, e.g. `count:demo_booked`, `amount:EUR:deal_won`. */
  readonly key: string;
  readonly label: CoachingText;
  readonly nature: MetricNature;
  readonly contestIds: readonly string[];
  /** Money metrics: the currency (values are in minor units); null otherwise. */
  readonly currency?: string | null;
}

/** One rep's weeks on one metric. */
export interface CoachingRepMetric {
  readonly key: string;
  /** One value per week of `weeks`, oldest first (money in minor units). */
  readonly values: readonly number[];
  /** The latest complete week (the one before the running week). */
  readonly latest: number;
  /** The rep's own average over their complete weeks before `latest` (from their first activity on). */
  readonly average: number;
  /** `latest` against `average` in whole percent; null when there is no average to compare with. */
  readonly changePercent: number | null;
  readonly trend: CoachingTrend;
}

export interface CoachingRep {
  readonly rep: { readonly externalId: string; readonly displayName: string };
  /** The rep's latest event of any type (ISO), or null when none. */
  readonly lastActivityAt: string | null;
  /** Whole days since `lastActivityAt`; null when there was none. */
  readonly daysSinceActivity: number | null;
  /** No activity for `stalledDays` days or more: a reason for a 1:1, not a ranking. */
  readonly stalled: boolean;
  readonly metrics: readonly CoachingRepMetric[];
  /** What to talk about, in plain words. */
  readonly prompt: CoachingText;
}

export interface CoachingResponse {
  readonly team: { readonly key: string; readonly name: string };
  /**
   * Weeks are calendar weeks in this time zone: the first weekly contest's (contests naming the team
   * before company-wide ones, oldest first), else the first contest's, else UTC.
   */
  readonly timeZone: string;
  readonly stalledDays: number;
  readonly weeks: readonly CoachingWeek[];
  readonly metrics: readonly CoachingMetric[];
  /** By display name. */
  readonly reps: readonly CoachingRep[];
}
