import type { Participants } from './board-rules.js';
import { periodContaining, type PeriodRule, type Weekday } from './contest-window.js';
import type { MetricRule } from './contest-rules.js';
import { ownValue } from './own-value.js';
import type { EventType } from './sales-event.js';

/**
 * The coaching view: each rep of a team against the rep's own average, never against each other.
 * Everything here is pure: the ledger's weekly aggregates come in, the view and its prompts come out.
 */

/** A result (a deal, a license) or the work that leads to one. Same list as `EVENT_TYPE_NATURES` in contracts. */
export type MetricNature = 'outcome' | 'process';

export const EVENT_TYPE_NATURES: Readonly<Record<EventType, MetricNature>> = {
  deal_won: 'outcome',
  license_sold: 'outcome',
  lead_created: 'process',
  demo_booked: 'process',
  call_logged: 'process',
  meeting_held: 'process',
  crm_next_step_set: 'process',
  crm_contact_updated: 'process',
  crm_activity_logged: 'process',
};

/** See `CoachingTrend` in contracts. */
export type CoachingTrend = 'up' | 'down' | 'flat' | 'new' | 'none';

/** Weeks in view: the running week and the 7 complete weeks before it. */
export const COACHING_WEEKS = 8;
/** A change within this many percent of the rep's own average reads as flat. */
export const FLAT_BAND_PERCENT = 10;
/** Complete weeks of a rep's own history needed before the latest one for an average to compare with. */
export const MIN_BASELINE_WEEKS = 2;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A text in every language Podium speaks. */
export interface Localized {
  readonly en: string;
  readonly nl: string;
}

/** A calendar week `[start, end)` in epoch ms; `partial` for the week containing "now". */
export interface CoachingWeekWindow {
  readonly start: number;
  readonly end: number;
  readonly partial: boolean;
}

/** The calendar the weeks are counted in. */
export interface CoachingCalendar {
  readonly timeZone: string;
  readonly weekStartsOn: Weekday;
}

/**
 * The calendar of a team's coaching view from its contests' periods (in the order given): the first
 * weekly contest's time zone and first weekday, else the first contest's time zone with Monday, else UTC.
 */
export function coachingCalendar(periods: readonly PeriodRule[]): CoachingCalendar {
  const weekly = periods.find((p) => p.kind === 'weekly');
  if (weekly !== undefined && weekly.kind === 'weekly') {
    return { timeZone: weekly.timeZone, weekStartsOn: weekly.weekStartsOn };
  }
  return { timeZone: periods[0]?.timeZone ?? 'UTC', weekStartsOn: 1 };
}

/**
 * The `count` calendar weeks ending with the week that contains `now`, oldest first. Weeks run from
 * local midnight of `weekStartsOn` in the time zone, so a DST change makes one 167 or 169 hours long.
 */
export function coachingWeeks(
  calendar: CoachingCalendar,
  now: number,
  count: number = COACHING_WEEKS,
): CoachingWeekWindow[] {
  const rule: PeriodRule = { kind: 'weekly', ...calendar };
  const weeks: CoachingWeekWindow[] = [];
  let week = periodContaining(rule, now);
  weeks.push({ start: week.start, end: week.end, partial: true });
  while (weeks.length < count) {
    week = periodContaining(rule, week.start - 1);
    weeks.unshift({ start: week.start, end: week.end, partial: false });
  }
  return weeks;
}

/** Whether a contest is for (some of) a team: company-wide, naming the team, or naming one of its reps. */
export function contestCoversTeam(
  participants: Participants,
  teamKey: string,
  repExternalIds: readonly string[],
): boolean {
  switch (participants.kind) {
    case 'everyone':
      return true;
    case 'teams':
      return participants.teams.includes(teamKey);
    case 'reps':
      return participants.reps.some((r) => repExternalIds.includes(r));
  }
}

/** The event types a metric takes (for points: those weighted above 0). */
function countedTypes(metric: MetricRule): EventType[] {
  if (metric.kind !== 'points') return [...metric.eventTypes];
  return metric.eventTypes.filter((t) => (ownValue(metric.weights, t) ?? 0) > 0);
}

/** Outcome when any event type the metric counts is an outcome (a deal, a license); process otherwise. */
export function metricNature(metric: MetricRule): MetricNature {
  return countedTypes(metric).some((t) => EVENT_TYPE_NATURES[t] === 'outcome') ? 'outcome' : 'process';
}

/** A key naming what a metric counts, equal for contests that count the same thing. */
export function coachingMetricKey(metric: MetricRule): string {
  const types = [...metric.eventTypes].sort();
  switch (metric.kind) {
    case 'count':
      return `count:${types.join('+')}`;
    case 'sum_quantity':
      return `quantity:${types.join('+')}`;
    case 'sum_amount':
      return `amount:${metric.currency}:${types.join('+')}`;
    case 'points':
      return `points:${types.map((t) => `${t}*${ownValue(metric.weights, t) ?? 0}`).join('+')}`;
  }
}

/** Plural nouns of the event types, in both languages (the web's `common.units.nouns`, lower case). */
const NOUNS: Readonly<Record<EventType, Localized>> = {
  deal_won: { en: 'deals', nl: 'gewonnen deals' },
  license_sold: { en: 'licenses', nl: 'licenties' },
  lead_created: { en: 'leads', nl: 'nieuwe leads' },
  demo_booked: { en: 'demos', nl: "geboekte demo's" },
  call_logged: { en: 'calls', nl: 'gesprekken' },
  meeting_held: { en: 'meetings', nl: 'afspraken' },
  crm_next_step_set: { en: 'next steps', nl: 'volgende stappen' },
  crm_contact_updated: { en: 'contact updates', nl: 'contactupdates' },
  crm_activity_logged: { en: 'CRM activities', nl: 'CRM-activiteiten' },
};

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Demos", "Calls + meetings", "Deals (EUR)", "Points: demos ×5 + leads ×1", in both languages. */
export function coachingMetricLabel(metric: MetricRule): Localized {
  const nouns = (lang: keyof Localized, types: readonly EventType[]) =>
    types.map((t) => NOUNS[t][lang]).join(' + ');
  switch (metric.kind) {
    case 'count':
    case 'sum_quantity':
      return {
        en: capitalise(nouns('en', metric.eventTypes)),
        nl: capitalise(nouns('nl', metric.eventTypes)),
      };
    case 'sum_amount':
      return {
        en: `${capitalise(nouns('en', metric.eventTypes))} (${metric.currency})`,
        nl: `${capitalise(nouns('nl', metric.eventTypes))} (${metric.currency})`,
      };
    case 'points': {
      const weighted = (lang: keyof Localized) =>
        metric.eventTypes.map((t) => `${NOUNS[t][lang]} ×${ownValue(metric.weights, t) ?? 0}`).join(' + ');
      return { en: `Points: ${weighted('en')}`, nl: `Punten: ${weighted('nl')}` };
    }
  }
}

/** A metric of the team's contests in the view; contests counting the same thing share it. */
export interface CoachingMetricDefinition {
  readonly key: string;
  readonly label: Localized;
  readonly nature: MetricNature;
  readonly contestIds: readonly string[];
  readonly currency: string | null;
  readonly rule: MetricRule;
}

/** The distinct metrics of some contests: outcome metrics first, each group in the contests' order. */
export function coachingMetrics(
  contests: readonly { readonly id: string; readonly metric: MetricRule }[],
): CoachingMetricDefinition[] {
  const byKey = new Map<string, { definition: CoachingMetricDefinition; contestIds: string[] }>();
  for (const contest of contests) {
    const key = coachingMetricKey(contest.metric);
    const known = byKey.get(key);
    if (known !== undefined) {
      if (!known.contestIds.includes(contest.id)) known.contestIds.push(contest.id);
      continue;
    }
    const contestIds = [contest.id];
    byKey.set(key, {
      contestIds,
      definition: {
        key,
        label: coachingMetricLabel(contest.metric),
        nature: metricNature(contest.metric),
        contestIds,
        currency: contest.metric.kind === 'sum_amount' ? contest.metric.currency : null,
        rule: contest.metric,
      },
    });
  }
  const all = [...byKey.values()].map((x) => x.definition);
  return [...all.filter((m) => m.nature === 'outcome'), ...all.filter((m) => m.nature === 'process')];
}

/** One group of the ledger's weekly aggregate: a rep's active events of one type (and currency) in one week. */
export interface WeeklyActivity {
  readonly repId: string;
  /** 0-based index into the weeks of the view. */
  readonly week: number;
  readonly eventType: EventType;
  readonly currency: string | null;
  readonly events: number;
  /** Sum of the events' quantities (0 when none carry one). */
  readonly quantity: number;
  /** Sum of the events' amounts in minor units (0 when none carry one). */
  readonly amountMinor: number;
}

/** What a metric adds up to over some aggregate groups: the same rule as scoring's `pointsFor`, per group. */
export function metricValue(metric: MetricRule, groups: readonly WeeklyActivity[]): number {
  let value = 0;
  for (const g of groups) {
    if (!metric.eventTypes.includes(g.eventType)) continue;
    switch (metric.kind) {
      case 'count':
        value += g.events;
        break;
      case 'sum_quantity':
        value += g.quantity;
        break;
      case 'sum_amount':
        if (g.currency === metric.currency) value += g.amountMinor;
        break;
      case 'points':
        value += g.events * (ownValue(metric.weights, g.eventType) ?? 0);
        break;
    }
  }
  return value;
}

/** A rep's latest complete week on one metric against the rep's own average. */
export interface OwnTrend {
  readonly latest: number;
  readonly average: number;
  readonly changePercent: number | null;
  readonly trend: CoachingTrend;
}

/**
 * One rep's weekly `values` (oldest first, the last one the running week) against the rep's own average.
 * `latest` is the last complete week (the running week would always look low); the average is over the
 * complete weeks before it from `firstWeek` on (the week of the rep's first activity: weeks before it
 * were not the rep's, and would drag a new rep's average down). `firstWeek` null: the rep has no
 * activity at all. The average is rounded to 2 decimals; the change to whole percent, from the exact
 * average. Within {@link FLAT_BAND_PERCENT} percent is flat; an average of 0 is no base for a percent.
 */
export function ownTrend(values: readonly number[], firstWeek: number | null): OwnTrend {
  const latestIndex = values.length - 2;
  const latest = values[latestIndex] ?? 0;
  if (firstWeek === null || latestIndex < 0) {
    return { latest, average: 0, changePercent: null, trend: 'none' };
  }
  const from = Math.max(0, firstWeek);
  const inView = values.slice(from);
  const baseline = values.slice(from, latestIndex);
  const exact = baseline.length === 0 ? 0 : baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const average = Math.round(exact * 100) / 100;
  if (inView.every((v) => v === 0)) return { latest, average, changePercent: null, trend: 'none' };
  if (baseline.length < MIN_BASELINE_WEEKS) return { latest, average, changePercent: null, trend: 'new' };
  if (exact === 0) return { latest, average, changePercent: null, trend: latest > 0 ? 'up' : 'flat' };
  const changePercent = Math.round(((latest - exact) / exact) * 100);
  const trend = Math.abs(changePercent) <= FLAT_BAND_PERCENT ? 'flat' : changePercent > 0 ? 'up' : 'down';
  return { latest, average, changePercent, trend };
}

/** The index of the week of `weeks` containing `instant`: 0 before the first, the last after the last. */
export function weekIndexOf(weeks: readonly CoachingWeekWindow[], instant: number): number {
  for (let i = weeks.length - 1; i >= 0; i -= 1) {
    const week = weeks[i];
    if (week !== undefined && instant >= week.start) return i;
  }
  return 0;
}

/** How long a rep has been quiet, and whether that is long enough for a 1:1. */
export interface ActivityState {
  readonly daysSinceActivity: number | null;
  readonly stalled: boolean;
}

/**
 * Whole days since the rep's last activity, and stalled when that is `stalledDays` or more. A rep with
 * no activity at all is stalled once known for `stalledDays` (`knownSince`: when the roster got them),
 * so a rep added today is not flagged for having done nothing yet.
 */
export function activityState(
  now: number,
  lastActivityAt: number | null,
  knownSince: number,
  stalledDays: number,
): ActivityState {
  if (lastActivityAt === null) {
    return { daysSinceActivity: null, stalled: now - knownSince >= stalledDays * DAY_MS };
  }
  const days = Math.max(0, Math.floor((now - lastActivityAt) / DAY_MS));
  return { daysSinceActivity: days, stalled: days >= stalledDays };
}

/** What the prompt needs of one metric of one rep. */
export interface PromptMetric {
  readonly label: Localized;
  readonly nature: MetricNature;
  readonly trend: CoachingTrend;
  readonly changePercent: number | null;
}

export interface PromptInput {
  readonly name: string;
  readonly stalled: boolean;
  readonly daysSinceActivity: number | null;
  readonly stalledDays: number;
  /** Whether the rep has any activity at all. */
  readonly hasActivity: boolean;
  readonly metrics: readonly PromptMetric[];
}

type Direction = 'up' | 'down' | 'flat';
type Side = Direction | null;

/** What to do, by how the rep's headline outcome and process metrics move (null: no such metric). */
const ADVICE: Readonly<Record<`${Direction | 'none'}/${Direction | 'none'}`, Localized>> = {
  'up/up': { en: 'recognise it and ask what is working', nl: 'geef erkenning en vraag wat werkt' },
  'up/flat': {
    en: 'ask what is working and how to repeat it',
    nl: 'vraag wat werkt en hoe dat te herhalen is',
  },
  'up/down': {
    en: 'ask how the pipeline stays filled',
    nl: 'vraag hoe de pijplijn gevuld blijft',
  },
  'up/none': {
    en: 'ask what is working and how to repeat it',
    nl: 'vraag wat werkt en hoe dat te herhalen is',
  },
  'flat/up': { en: 'ask what blocks the close', nl: 'vraag wat het afsluiten tegenhoudt' },
  'flat/flat': {
    en: 'steady: ask what would move one number',
    nl: 'stabiel: vraag wat één cijfer in beweging zet',
  },
  'flat/down': {
    en: 'ask what takes time away from the pipeline',
    nl: 'vraag wat tijd van de pijplijn afhaalt',
  },
  'flat/none': { en: 'ask what would move the number', nl: 'vraag wat het cijfer in beweging zet' },
  'down/up': { en: 'ask what blocks the close', nl: 'vraag wat het afsluiten tegenhoudt' },
  'down/flat': { en: 'review the open deals together', nl: 'loop samen de open deals door' },
  'down/down': {
    en: 'ask what changed and agree on one next step',
    nl: 'vraag wat er veranderd is en spreek één volgende stap af',
  },
  'down/none': { en: 'review the open deals together', nl: 'loop samen de open deals door' },
  'none/up': {
    en: 'recognise the effort and ask what would turn it into results',
    nl: 'geef erkenning voor de inzet en vraag wat er resultaat van maakt',
  },
  'none/flat': { en: 'ask what would move the number', nl: 'vraag wat het cijfer in beweging zet' },
  'none/down': {
    en: 'ask what takes time away from the pipeline',
    nl: 'vraag wat tijd van de pijplijn afhaalt',
  },
  'none/none': {
    en: 'plan a 1:1 to set goals together',
    nl: 'plan een 1-op-1 om samen doelen te stellen',
  },
};

/** The metric of one nature that moved most (a rise from an average of 0 counts as the largest). */
function headline(metrics: readonly PromptMetric[], nature: MetricNature): PromptMetric | null {
  let best: PromptMetric | null = null;
  let bestSize = -1;
  for (const m of metrics) {
    if (m.nature !== nature || (m.trend !== 'up' && m.trend !== 'down' && m.trend !== 'flat')) continue;
    const change = finiteOrNull(m.changePercent);
    const size = change === null ? (m.trend === 'flat' ? 0 : Number.MAX_SAFE_INTEGER) : Math.abs(change);
    if (size > bestSize) {
      best = m;
      bestSize = size;
    }
  }
  return best;
}

function finiteOrNull(n: number | null): number | null {
  return n !== null && Number.isFinite(n) ? n : null;
}

/** "demos up 40%", "licenties 30% onder", "calls flat". */
function movement(m: PromptMetric, lang: keyof Localized): string {
  const label = m.label[lang].trim() === '' ? (lang === 'en' ? 'a metric' : 'een cijfer') : m.label[lang];
  const noun = label.charAt(0).toLowerCase() + label.slice(1);
  const change = finiteOrNull(m.changePercent);
  const size = change === null ? null : Math.abs(change);
  if (lang === 'en') {
    if (m.trend === 'flat') return `${noun} flat`;
    if (size === null) return `${noun} ${m.trend === 'up' ? 'up from zero' : 'down'}`;
    return `${noun} ${m.trend} ${size}%`;
  }
  if (m.trend === 'flat') return `${noun} stabiel`;
  if (size === null) return `${noun} ${m.trend === 'up' ? 'omhoog vanaf nul' : 'omlaag'}`;
  return `${noun} ${size}% ${m.trend === 'up' ? 'boven' : 'onder'}`;
}

/**
 * A short plain-words prompt for a manager's 1:1 with one rep, in English and Dutch, e.g.
 * "Sam: demos up 40% on their own average, licenses flat: ask what blocks the close." Compares the rep
 * only with their own average. Stalled reps get the 1:1 prompt whatever their numbers; a rep without any
 * activity, or with too little history for an average, gets one saying so. Always names the rep
 * ("This rep" for an empty name), never empty, never a number that is not one.
 */
export function coachingPrompt(input: PromptInput): Localized {
  const name = input.name.trim();
  const who: Localized = name === '' ? { en: 'This rep', nl: 'Deze verkoper' } : { en: name, nl: name };
  const days =
    input.daysSinceActivity !== null && Number.isFinite(input.daysSinceActivity)
      ? Math.max(0, Math.floor(input.daysSinceActivity))
      : null;
  const threshold = Number.isFinite(input.stalledDays) ? Math.max(1, Math.floor(input.stalledDays)) : 1;
  if (!input.hasActivity) {
    return {
      en: `${who.en}: no activity recorded yet: check the CRM sends their events and plan a first 1:1.`,
      nl: `${who.nl}: nog geen activiteit: kijk of het CRM de gegevens doorstuurt en plan een eerste 1-op-1.`,
    };
  }
  if (input.stalled) {
    const en = days === null ? `at least ${threshold} days` : `${days} ${days === 1 ? 'day' : 'days'}`;
    const nl = days === null ? `minstens ${threshold} dagen` : `${days} ${days === 1 ? 'dag' : 'dagen'}`;
    return {
      en: `${who.en}: no activity for ${en}: plan a 1:1 and ask what is in the way.`,
      nl: `${who.nl}: ${nl} geen activiteit: plan een 1-op-1 en vraag wat in de weg zit.`,
    };
  }
  const outcome = headline(input.metrics, 'outcome');
  const process = headline(input.metrics, 'process');
  if (outcome === null && process === null) {
    const isNew = input.metrics.some((m) => m.trend === 'new');
    return isNew
      ? {
          en: `${who.en}: new, too few weeks for an own average yet: agree on weekly goals together.`,
          nl: `${who.nl}: nieuw, nog te weinig weken voor een eigen gemiddelde: spreek samen weekdoelen af.`,
        }
      : {
          en: `${who.en}: nothing on the contest metrics in these weeks: ${ADVICE['none/none'].en}.`,
          nl: `${who.nl}: niets op de wedstrijdcijfers in deze weken: ${ADVICE['none/none'].nl}.`,
        };
  }
  const side = (m: PromptMetric | null): Side =>
    m === null ? null : m.trend === 'up' || m.trend === 'down' ? m.trend : 'flat';
  const advice = ADVICE[`${side(outcome) ?? 'none'}/${side(process) ?? 'none'}`];
  // Process first: the work comes before its result ("demos up, licenses flat: what blocks the close").
  const parts = [process, outcome].filter((m): m is PromptMetric => m !== null);
  const sentence = (lang: keyof Localized): string =>
    parts
      .map((m, i) => {
        const text = movement(m, lang);
        if (i > 0 || m.trend === 'flat' || finiteOrNull(m.changePercent) === null) return text;
        return lang === 'en' ? `${text} on their own average` : `${text} het eigen gemiddelde`;
      })
      .join(', ');
  return {
    en: `${who.en}: ${sentence('en')}: ${advice.en}.`,
    nl: `${who.nl}: ${sentence('nl')}: ${advice.nl}.`,
  };
}

/** One rep of the team, as the ledger knows them. */
export interface CoachingRepActivity {
  readonly repId: string;
  readonly externalId: string;
  readonly displayName: string;
  /** When the roster got the rep (epoch ms). */
  readonly knownSince: number;
  readonly firstActivityAt: number | null;
  readonly lastActivityAt: number | null;
}

export interface CoachingRepView {
  readonly rep: { readonly externalId: string; readonly displayName: string };
  readonly lastActivityAt: number | null;
  readonly daysSinceActivity: number | null;
  readonly stalled: boolean;
  readonly metrics: readonly ({ readonly key: string; readonly values: readonly number[] } & OwnTrend)[];
  readonly prompt: Localized;
}

/**
 * The coaching view of a team's reps: per rep and metric the weekly values, the trend against the rep's
 * own average and the prompt; stalled reps flagged. Reps by display name (then external id): the view
 * is a list of people, not a ranking.
 */
export function buildCoaching(input: {
  readonly now: number;
  readonly stalledDays: number;
  readonly weeks: readonly CoachingWeekWindow[];
  readonly metrics: readonly CoachingMetricDefinition[];
  readonly reps: readonly CoachingRepActivity[];
  readonly activity: readonly WeeklyActivity[];
}): CoachingRepView[] {
  const groups = new Map<string, WeeklyActivity[][]>();
  for (const row of input.activity) {
    if (row.week < 0 || row.week >= input.weeks.length) continue;
    let perWeek = groups.get(row.repId);
    if (perWeek === undefined) {
      perWeek = input.weeks.map(() => []);
      groups.set(row.repId, perWeek);
    }
    perWeek[row.week]?.push(row);
  }
  const reps = [...input.reps].sort(
    (a, b) => a.displayName.localeCompare(b.displayName, 'en') || (a.externalId < b.externalId ? -1 : 1),
  );
  return reps.map((rep) => {
    const perWeek = groups.get(rep.repId) ?? input.weeks.map(() => []);
    const firstWeek = rep.firstActivityAt === null ? null : weekIndexOf(input.weeks, rep.firstActivityAt);
    const metrics = input.metrics.map((metric) => {
      const values = perWeek.map((week) => metricValue(metric.rule, week));
      return { key: metric.key, values, ...ownTrend(values, firstWeek) };
    });
    const state = activityState(input.now, rep.lastActivityAt, rep.knownSince, input.stalledDays);
    const prompt = coachingPrompt({
      name: rep.displayName,
      stalled: state.stalled,
      daysSinceActivity: state.daysSinceActivity,
      stalledDays: input.stalledDays,
      hasActivity: rep.lastActivityAt !== null,
      metrics: input.metrics.map((metric, i) => ({
        label: metric.label,
        nature: metric.nature,
        trend: metrics[i]?.trend ?? 'none',
        changePercent: metrics[i]?.changePercent ?? null,
      })),
    });
    return {
      rep: { externalId: rep.externalId, displayName: rep.displayName },
      lastActivityAt: rep.lastActivityAt,
      ...state,
      metrics,
      prompt,
    };
  });
}
