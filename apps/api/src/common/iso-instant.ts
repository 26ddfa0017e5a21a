import { registerDecorator, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

/** ISO-8601 date-time that states its offset: a time without one is ambiguous across time zones. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO-8601 instant with an offset that exists on the calendar, or null. */
export function parseIsoInstant(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_WITH_OFFSET.test(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
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
