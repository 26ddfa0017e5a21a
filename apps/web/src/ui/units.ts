import { EVENT_TYPES, type MetricUnit } from '#contracts';
import { currencyDigits, formatMoney, formatNumber, formatPercent } from '../i18n/format.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * Money for a glance: whole units once it is 100 or more ("€12,500", "€29,166"), cents below
 * ("€12.50"). Exact amounts (an event's value in an explanation) use {@link formatMoney}.
 */
export function glanceMoney(lang: string, minor: number, currency: string): string {
  const major = minor / 10 ** currencyDigits(currency);
  if (Math.abs(major) < 100) return formatMoney(lang, minor, currency);
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      Math.floor(major),
    );
  } catch {
    return formatMoney(lang, minor, currency);
  }
}

/**
 * An amount in a contest's own unit, as a phrase: "3 licenses", "1 deal", "€1,200.00", "45%",
 * "12 points". The noun follows the language's plural rules (`common.units.*`); money arrives in
 * minor units and percent in percent.
 */
export function amountText(
  t: Translate,
  lang: string,
  unit: MetricUnit,
  value: number,
  exact = false,
): string {
  switch (unit.kind) {
    case 'money':
      if (unit.currency === null) return formatNumber(lang, value);
      return exact ? formatMoney(lang, value, unit.currency) : glanceMoney(lang, value, unit.currency);
    case 'percent':
      return formatPercent(lang, value);
    case 'points':
      return t('common.units.points', { count: value, value: formatNumber(lang, value, 2) });
    case 'count': {
      const type = unit.eventType !== null && KNOWN_TYPES.has(unit.eventType) ? unit.eventType : 'any';
      return t(`common.units.${type}`, { count: value, value: formatNumber(lang, value, 2) });
    }
  }
}

/** The same amount as a bare number, for a big figure with the noun beside it. */
export function amountNumber(lang: string, unit: MetricUnit, value: number): string {
  switch (unit.kind) {
    case 'money':
      return unit.currency === null ? formatNumber(lang, value) : glanceMoney(lang, value, unit.currency);
    case 'percent':
      return formatPercent(lang, value);
    case 'points':
    case 'count':
      return formatNumber(lang, value, 2);
  }
}

/** The noun beside a bare number ("licenses"), empty for money and percent. */
export function amountNoun(t: Translate, unit: MetricUnit, value: number): string {
  switch (unit.kind) {
    case 'money':
    case 'percent':
      return '';
    case 'points':
      return t('common.units.nouns.points', { count: value });
    case 'count': {
      const type = unit.eventType !== null && KNOWN_TYPES.has(unit.eventType) ? unit.eventType : 'any';
      return t(`common.units.nouns.${type}`, { count: value });
    }
  }
}
