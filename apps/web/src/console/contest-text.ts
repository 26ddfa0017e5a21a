import type {
  ContestResponse,
  ContestStatus,
  LocalizedText,
  MetricInput,
  MetricUnit,
  PeriodInput,
} from '#contracts';
import { metricUnitOf } from '#domain';
import type { Language } from '../i18n/index.js';
import { metricRuleOf } from './contest-form-model.js';

type T = (key: string, options?: Record<string, unknown>) => string;

export type { LocalizedText } from '#contracts';

/** A contest as the console reads it: with its plain-words preview and whether it is paused. */
export type ConsoleContest = ContestResponse;

export function previewIn(text: LocalizedText | undefined, lang: Language): string | null {
  return text === undefined ? null : text[lang];
}

/** The statuses in the order a manager scans them: what runs now first, the past last. */
export const STATUS_ORDER: readonly ContestStatus[] = [
  'live',
  'scheduled',
  'draft',
  'finalising',
  'final',
  'archived',
];

/** The event types of a metric, as nouns ("licenses, demos"). */
export function eventTypesText(t: T, metric: MetricInput): string {
  const types = metric.kind === 'points' ? Object.keys(metric.weights) : metric.eventTypes;
  return types.map((type) => t(`common.units.nouns.${type}_other`)).join(', ');
}

/** "Licenses (sum of quantity)", "Points: demos ×5, leads ×1". */
export function metricText(t: T, metric: MetricInput): string {
  switch (metric.kind) {
    case 'count':
      return t('console.metric.countOf', { types: eventTypesText(t, metric) });
    case 'sum_quantity':
      return t('console.metric.sumQuantityOf', { types: eventTypesText(t, metric) });
    case 'sum_amount':
      return t('console.metric.sumAmountOf', { types: eventTypesText(t, metric), currency: metric.currency });
    case 'points':
      return t('console.metric.pointsFor', {
        types: Object.entries(metric.weights)
          .map(([type, weight]) => `${t(`common.units.nouns.${type}_other`)} ×${weight}`)
          .join(', '),
      });
  }
}

export function periodText(t: T, period: PeriodInput, lang: Language): string {
  switch (period.kind) {
    case 'daily':
      return t('console.period.dailyIn', { zone: period.timeZone });
    case 'weekly':
      return t('console.period.weeklyIn', {
        zone: period.timeZone,
        day: weekdayName(lang, period.weekStartsOn ?? 1),
      });
    case 'monthly':
      return t('console.period.monthlyIn', { zone: period.timeZone });
    case 'once': {
      const format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: period.timeZone });
      return t('console.period.onceIn', {
        start: format.format(new Date(period.start)),
        end: format.format(new Date(period.end)),
        zone: period.timeZone,
      });
    }
  }
}

/** ISO weekday 1 (Monday) to 7 (Sunday), in the language. */
export function weekdayName(lang: string, isoDay: number): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, isoDay));
  return new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(date);
}

/** Prizes in a few words: "1st: Team lunch · 50+: Badge". */
export function prizesText(t: T, contest: ContestResponse): string | null {
  const parts = [
    ...contest.prizes.ranks.map((p) => t('console.prizes.rankShort', { rank: p.rank, name: p.prize.name })),
    ...contest.prizes.thresholds.map((p) =>
      t('console.prizes.thresholdShort', { atLeast: p.atLeast, name: p.prize.name }),
    ),
  ];
  return parts.length === 0 ? null : parts.join(' · ');
}

/** What a contest's numbers are (licenses, euros, points, percent), by the domain's rule. */
/**
 * The unit of the contest's metric itself (never percent of a target): what a manual adjustment's
 * points are counted in (money in minor units).
 */
export function metricUnitOfContest(contest: ContestResponse): MetricUnit {
  return metricUnitOf(metricRuleOf(contest.metric));
}

export function unitOf(contest: ContestResponse): MetricUnit {
  return metricUnitOf(metricRuleOf(contest.metric), { kind: contest.kind, targets: contest.targets });
}
