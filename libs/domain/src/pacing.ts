/** A pace projection. The same shape as `Pace` in libs/contracts. */
export interface Pace {
  readonly projected: number;
  readonly onPaceForTarget: boolean | null;
  readonly confidence: 'early' | 'normal';
}

/** Below this share of the period elapsed, a projection says more about chance than about pace. */
export const EARLY_SHARE = 0.1;

/**
 * Where a score is heading by the end of its period, assuming the rest of the period goes like the part
 * already elapsed: `projected = score / elapsed share`, rounded down (a rep with 6 licenses on Wednesday
 * noon of a Monday-to-Sunday week is on pace for 6 / (2.5 / 7) = 16). Times are epoch ms; `now` is a
 * parameter, never read from a clock.
 * - Before the period starts nothing has elapsed: the projection is the score itself.
 * - From the end on the score is final: the projection is the score.
 * - While less than {@link EARLY_SHARE} (10 %) of the period has elapsed the confidence is `early`: the
 *   number is still given, but a board should say "too early to tell" (one sale in the first hour of a
 *   week would "project" to 168).
 * - `onPaceForTarget`: whether the projection (or the score already) reaches `target`; null without one.
 */
export function projectPace(input: {
  readonly score: number;
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly now: number;
  readonly target: number | null;
}): Pace {
  const { score, periodStart, periodEnd, now, target } = input;
  const length = periodEnd - periodStart;
  const elapsed = Math.min(Math.max(now - periodStart, 0), Math.max(length, 0));
  const share = length > 0 ? elapsed / length : 1;
  const projected = share <= 0 ? score : Math.max(score, Math.floor(score / share + 1e-9));
  return {
    projected,
    onPaceForTarget: target === null ? null : projected >= target,
    confidence: share < EARLY_SHARE ? 'early' : 'normal',
  };
}
