/**
 * The value `record` holds under `key` itself, or undefined. Records keyed by what users type (rep ids,
 * event types, attribute names) must be read through this: `record[key]` finds inherited members, so a
 * rep id `valueOf` or `constructor` would read a function from Object.prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
