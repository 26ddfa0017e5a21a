import type { FieldProblem } from './domain-error.js';
import type { SalesEvent } from './sales-event.js';
import { ownValue } from './own-value.js';

/**
 * A condition an event must meet to count in a contest, e.g. only HubSpot deals
 * (`source eq "hubspot"`), only enterprise licenses (`attributes.product eq "enterprise"`), only deals of
 * 5,000.00 or more (`amount gte 500000`).
 */
export interface FilterRule {
  /** `source`, `quantity`, `amount` (minor units), `currency`, or `attributes.<name>`. */
  readonly field: string;
  readonly op: FilterOp;
  readonly value: FilterValue;
}

export type FilterOp = 'eq' | 'neq' | 'in' | 'gte' | 'lte';
export type FilterScalar = string | number | boolean;
export type FilterValue = FilterScalar | readonly FilterScalar[];

export const FILTER_OPS: readonly FilterOp[] = ['eq', 'neq', 'in', 'gte', 'lte'];
const MAX_IN_VALUES = 100;

function isScalar(value: unknown): value is FilterScalar {
  return (
    (typeof value === 'string' && value.length <= 200) ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean'
  );
}
const FIXED_FIELDS = ['source', 'quantity', 'amount', 'currency'] as const;
const ATTRIBUTE = /^attributes\.[A-Za-z0-9_-]{1,64}$/;

function fieldValue(event: SalesEvent, field: string): unknown {
  switch (field) {
    case 'source':
      return event.source;
    case 'quantity':
      return event.quantity;
    case 'amount':
      return event.amount?.minor ?? null;
    case 'currency':
      return event.amount?.currency ?? null;
    default: {
      // Own keys only: `attributes.constructor` must not read Object.prototype and match `neq`.
      const name = field.slice('attributes.'.length);
      return ownValue(event.attributes, name);
    }
  }
}

function matches(actual: unknown, rule: FilterRule): boolean {
  const { op, value } = rule;
  switch (op) {
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
    case 'in':
      return Array.isArray(value) && (value as readonly unknown[]).includes(actual);
    case 'gte':
      return typeof actual === 'number' && typeof value === 'number' && actual >= value;
    case 'lte':
      return typeof actual === 'number' && typeof value === 'number' && actual <= value;
  }
}

/** True when the event meets every filter (no filters: every event). A missing field never matches. */
export function matchesFilters(filters: readonly FilterRule[], event: SalesEvent): boolean {
  return filters.every((rule) => {
    const actual = fieldValue(event, rule.field);
    return actual !== undefined && actual !== null && matches(actual, rule);
  });
}

/** Every problem with a list of filters, with paths relative to `prefix` (e.g. `filters`). */
export function checkFilters(filters: readonly FilterRule[], prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  filters.forEach((rule, i) => {
    const at = `${prefix}[${i}]`;
    if (!(FIXED_FIELDS as readonly string[]).includes(rule.field) && !ATTRIBUTE.test(rule.field)) {
      problems.push({
        path: `${at}.field`,
        reason: `must be one of ${FIXED_FIELDS.join(', ')} or attributes.<name>, not "${rule.field}"`,
      });
    }
    if (!FILTER_OPS.includes(rule.op)) {
      problems.push({ path: `${at}.op`, reason: `must be one of ${FILTER_OPS.join(', ')}` });
    } else if (rule.op === 'in' && !Array.isArray(rule.value)) {
      problems.push({ path: `${at}.value`, reason: 'must be a list for "in"' });
    } else if (Array.isArray(rule.value) && rule.op === 'in') {
      if (rule.value.length === 0 || rule.value.length > MAX_IN_VALUES) {
        problems.push({ path: `${at}.value`, reason: `must hold 1 to ${MAX_IN_VALUES} values` });
      }
      rule.value.forEach((v: unknown, j) => {
        if (!isScalar(v))
          problems.push({ path: `${at}.value[${j}]`, reason: 'must be a string, number or boolean' });
      });
    } else if (!Array.isArray(rule.value) && !isScalar(rule.value)) {
      problems.push({ path: `${at}.value`, reason: 'must be a string, number or boolean' });
    } else if ((rule.op === 'gte' || rule.op === 'lte') && typeof rule.value !== 'number') {
      problems.push({ path: `${at}.value`, reason: `must be a number for "${rule.op}"` });
    } else if (rule.op !== 'in' && Array.isArray(rule.value)) {
      problems.push({ path: `${at}.value`, reason: `must be a single value for "${rule.op}"` });
    }
  });
  return problems;
}

/**
 * The sources a set of filters allows, when they pin it down (`source eq X` or `source in [...]`):
 * storage can then read only those sources' events. `null`: any source may match.
 */
export function sourcesAllowed(filters: readonly FilterRule[]): string[] | null {
  let allowed: string[] | null = null;
  for (const rule of filters) {
    if (rule.field !== 'source') continue;
    const values =
      rule.op === 'eq' && typeof rule.value === 'string'
        ? [rule.value]
        : rule.op === 'in' && Array.isArray(rule.value)
          ? rule.value.filter((v): v is string => typeof v === 'string')
          : null;
    if (values === null) continue;
    allowed = allowed === null ? values : allowed.filter((v) => values.includes(v));
  }
  return allowed;
}
