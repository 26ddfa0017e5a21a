import type { MetricUnit } from '#contracts';
import { currencyDigits, formatNumber, formatPercent } from '../i18n/format.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A score as the TV shows it: the number large, the unit's noun small ("12" "licenses"). */
export interface ScoreText {
  readonly number: string;
  readonly noun: string;
}

/** Event types the TV has a noun for ("3 licenses"); others read "3 activities". */
const NOUNS = new Set([
  'deal_won',
  'license_sold',
  'lead_created',
  'demo_booked',
  'call_logged',
  'meeting_held',
  'crm_next_step_set',
  'crm_contact_updated',
  'crm_activity_logged',
]);

/**
 * Money on a wall reads best without cents once it is large; `compact` (a 50-line board) says "€12K".
 * Amounts arrive in minor units.
 */
export function formatTvMoney(lang: string, minor: number, currency: string, compact = false): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      ...(compact
        ? { notation: 'compact', maximumFractionDigits: 1 }
        : { maximumFractionDigits: Math.abs(major) >= 1000 ? 0 : digits, minimumFractionDigits: 0 }),
    }).format(major);
  } catch {
    return `${formatNumber(lang, major, digits)} ${currency}`;
  }
}

export function scoreText(
  t: Translate,
  lang: string,
  unit: MetricUnit,
  value: number,
  compact = false,
): ScoreText {
  switch (unit.kind) {
    case 'money':
      return unit.currency === null
        ? { number: formatNumber(lang, value), noun: '' }
        : { number: formatTvMoney(lang, value, unit.currency, compact), noun: '' };
    case 'percent':
      return { number: formatPercent(lang, value), noun: '' };
    case 'points':
      return { number: formatNumber(lang, value, 1), noun: t('tv.units.points', { count: value }) };
    case 'count': {
      const type = unit.eventType !== null && NOUNS.has(unit.eventType) ? unit.eventType : 'any';
      return { number: formatNumber(lang, value, 1), noun: t(`tv.units.${type}`, { count: value }) };
    }
  }
}

/** A score in one string: "12 licenses", "€1,200". */
export function scoreString(t: Translate, lang: string, unit: MetricUnit, value: number): string {
  const { number, noun } = scoreText(t, lang, unit, value);
  return noun === '' ? number : `${number} ${noun}`;
}

/** "Last sale" when the contest counts sales, "Last activity" otherwise. */
export function countsSales(unit: MetricUnit): boolean {
  return (
    unit.kind === 'money' ||
    (unit.kind === 'count' && (unit.eventType === 'license_sold' || unit.eventType === 'deal_won'))
  );
}
