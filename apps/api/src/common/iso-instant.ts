import { registerDecorator, type ValidationOptions } from 'class-validator';

/** ISO-8601 date-time that states its offset: a time without one is ambiguous across time zones. */
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  // The Gregorian calendar repeats every 400 years; 2000 + (year % 400) avoids Date.UTC's 0-99 quirk.
  return new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
}

/**
 * Epoch ms of an ISO-8601 instant with an offset that exists on the calendar, or null. Checked by
 * hand (this runs three times per ingested event; a full date library parse cost more than the
 * rest of the validation).
 */
export function parseIsoInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_WITH_OFFSET.exec(value);
  if (m === null) return null;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 18 * 60) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * An ISO-8601 date-time with an explicit offset that exists on the calendar (`2026-02-31` does not:
 * `Date.parse` would silently roll it over to March).
 */
export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIsoInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-27T09:30:00+01:00',
        ...options,
      },
      validator: { validate: (value: unknown) => parseIsoInstant(value) !== null },
    });
  };
}
