import type { MetricUnit, MyContestResponse, StandingEntry } from '#contracts';
import { projectPace } from '#domain';
import { formatDate, formatNumber } from '../i18n/format.js';
import { amountText } from '../ui/units.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The name on a line: the rep's, or the team's on a team contest. */
export function nameOf(entry: StandingEntry): string {
  return entry.rep?.displayName ?? entry.team?.name ?? '';
}

/** What the board ranks by, for a line: percent of target, a team's average, or the score. */
export function boardValue(entry: StandingEntry, unit: MetricUnit): number {
  if (unit.kind === 'percent') return entry.percentToTarget ?? 0;
  return entry.average ?? entry.score;
}

/** Whether a line is the rep's own (or, on a team contest, the rep's team's). */
export function isMine(entry: StandingEntry, data: MyContestResponse): boolean {
  if (data.me === null) return false;
  if (data.contest.kind === 'team') return entry.team?.key === data.me.team?.key;
  return entry.rep?.externalId === data.me.rep?.externalId;
}

/** The lines just above and just below the rep (or the rep's team). */
export function neighbours(data: MyContestResponse): {
  above: StandingEntry | null;
  below: StandingEntry | null;
} {
  const index = data.around.findIndex((e) => isMine(e, data));
  if (index < 0) return { above: null, below: null };
  return { above: data.around[index - 1] ?? null, below: data.around[index + 1] ?? null };
}

/**
 * The sentence under the rank: how far the next rank is, in the contest's own unit ("3 licenses behind
 * Sam"), or the lead. The gap is the server's `gapToNext` (behind the line above, in what the board
 * ranks by); a tie reads as a tie, because an equal score does not pass anyone (the first to reach it
 * stays ahead, or the rank is shared).
 */
export function gapSentence(t: Translate, lang: string, data: MyContestResponse): string {
  const me = data.me;
  if (me === null) return t('me.gap.noPoints');
  const unit = data.contest.unit;
  const { above, below } = neighbours(data);
  if (above === null || me.rank === 1) {
    if (below === null || below.gapToNext === null) return t('me.gap.leading');
    const name = nameOf(below);
    if (below.rank === me.rank) return t('me.gap.sharing', { rank: me.rank, name });
    if (below.gapToNext === 0) return t('me.gap.levelFirst', { name });
    return t('me.gap.lead', { amount: amountText(t, lang, unit, below.gapToNext), name });
  }
  const name = nameOf(above);
  if (above.rank === me.rank) return t('me.gap.sharing', { rank: me.rank, name });
  if (me.gapToNext === null || me.gapToNext === 0) return t('me.gap.levelBehind', { name });
  return t('me.gap.behind', { amount: amountText(t, lang, unit, me.gapToNext), name });
}

/** "by Sunday" within a week, "by 30 September" further away, "by the end of today" on the last day. */
export function byWhen(t: Translate, lang: string, periodEnd: string, timeZone: string, now: number): string {
  const lastMoment = new Date(Date.parse(periodEnd) - 1).toISOString();
  const day = (iso: string) =>
    formatDate(lang, iso, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day(lastMoment) === day(new Date(now).toISOString())) return t('me.pace.byToday');
  const withinAWeek = Date.parse(periodEnd) - now <= 7 * 86_400_000;
  const when = formatDate(
    lang,
    lastMoment,
    timeZone,
    withinAWeek ? { weekday: 'long' } : { day: 'numeric', month: 'long' },
  );
  return t('me.pace.by', { when });
}

export interface PaceText {
  /** "On pace for 14 licenses by Sunday", "Too early to tell", or null (no score yet, not live). */
  readonly main: string | null;
  /** About the target, when there is one: on pace to reach it or not. */
  readonly target: string | null;
  readonly onPace: boolean | null;
}

/**
 * Pacing in words, from the domain's `projectPace` (linear over the elapsed share of the period; early
 * in the period it says "too early to tell" rather than a number that means little).
 */
export function paceText(t: Translate, lang: string, data: MyContestResponse, now: number): PaceText {
  const me = data.me;
  const none = { main: null, target: null, onPace: null };
  if (data.contest.status !== 'live') return none;
  if (me?.finishedAt !== undefined && me.finishedAt !== null) return none;
  const target = data.target ?? data.contest.target;
  const pace = projectPace({
    score: me?.score ?? 0,
    periodStart: Date.parse(data.period.start),
    periodEnd: Date.parse(data.period.end),
    now,
    target,
  });
  if (pace.confidence === 'early') return { main: t('me.pace.early'), target: null, onPace: null };
  if (me === null) return none;
  const when = byWhen(t, lang, data.period.end, data.contest.timeZone, now);
  const unit = data.contest.unit;
  // A board by percent of target speaks of the target only: the raw score has no unit of its own there.
  const main =
    unit.kind === 'percent'
      ? null
      : t('me.pace.onPaceFor', { amount: amountText(t, lang, unit, pace.projected), when });
  const targetText =
    target === null || pace.onPaceForTarget === null
      ? null
      : pace.onPaceForTarget
        ? t('me.pace.reachesTarget', { target: targetAmount(t, lang, unit, target), when })
        : t('me.pace.shortOfTarget', { target: targetAmount(t, lang, unit, target) });
  return { main, target: targetText, onPace: pace.onPaceForTarget };
}

/** A target in what the score counts (a percent board's targets are in the metric's own measure: a bare number). */
export function targetAmount(t: Translate, lang: string, unit: MetricUnit, target: number): string {
  return unit.kind === 'percent' ? formatNumber(lang, target) : amountText(t, lang, unit, target);
}
