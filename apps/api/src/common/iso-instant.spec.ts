import { describe, expect, it } from '@jest/globals';
import { parseIsoInstant } from './iso-instant.js';

describe(parseIsoInstant.name, () => {
  it.each([
    ['2026-11-27T09:30:00+01:00', Date.UTC(2026, 10, 27, 8, 30)],
    ['2026-11-27T09:30Z', Date.UTC(2026, 10, 27, 9, 30)],
    ['2028-02-29T00:00:00.123456-05:00', Date.UTC(2028, 1, 29, 5, 0, 0, 123)],
    ['2026-12-31T23:59:59.999Z', Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
    ['0400-02-29T00:00:00Z', Date.parse('0400-02-29T00:00:00Z')],
  ])('reads %s', (text, expected) => {
    expect(parseIsoInstant(text)).toBe(expected);
  });

  it.each([
    ['no offset', '2026-11-27T09:30:00'],
    ['a date only', '2026-11-27'],
    ['a day that does not exist', '2026-02-29T00:00:00Z'],
    ['the 31st of April', '2026-04-31T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-01-01T24:00:00Z'],
    ['a bad offset', '2026-01-01T10:00:00+25:00'],
    ['an offset past 18:00', '2026-01-01T10:00:00+18:59'],
    ['words', 'yesterday'],
    ['a number', 1764230400000],
  ])('refuses %s', (_name, value) => {
    expect(parseIsoInstant(value)).toBeNull();
  });
});
