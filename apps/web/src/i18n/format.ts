import type { MetricUnit } from '#contracts';

/**
 * Numbers, money, dates and durations, always through Intl, in the viewer's language and, for dates, the
 * contest's time zone. Money arrives in integer minor units; the currency says how many decimals it has.
 */
export function formatNumber(lang: string, value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: fractionDigits }).format(value);
}

export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

export function formatMoney(lang: string, minor: number, currency: string, compact = false): string {
  const digits = currencyDigits(currency);
  const major = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency,
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
    }).format(major);
  } catch {
    return `${formatNumber(lang, major, digits)} ${currency}`;
  }
}

export function formatPercent(lang: string, percent: number): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** A score in the contest's unit, as a bare number (the unit's noun comes from i18n with plural rules). */
export function formatScore(lang: string, unit: MetricUnit, value: number, compact = false): string {
  switch (unit.kind) {
    case 'money':
      return unit.currency === null
        ? formatNumber(lang, value)
        : formatMoney(lang, value, unit.currency, compact);
    case 'percent':
      return formatPercent(lang, value);
    case 'count':
    case 'points':
      return compact
        ? new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(value)
        : formatNumber(lang, value);
  }
}

export function formatDate(
  lang: string,
  iso: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): string {
  return new Intl.DateTimeFormat(lang, { timeZone, ...options }).format(new Date(iso));
}

/** The parts of a remaining duration, for a countdown: days, hours, minutes, seconds. */
export function durationParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** Two digits, locale digits. */
export function pad2(lang: string, n: number): string {
  return new Intl.NumberFormat(lang, { minimumIntegerDigits: 2 }).format(n);
}
