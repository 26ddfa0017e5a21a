import { describe, expect, it } from '@jest/globals';
import { checkFilters, matchesFilters, sourcesAllowed, type FilterRule } from './event-filter.js';
import type { SalesEvent } from './sales-event.js';

const event: SalesEvent = {
  id: 'e1',
  source: 'hubspot',
  type: 'deal_won',
  repId: 'amy',
  occurredAt: Date.parse('2026-03-29T12:00:00+02:00'),
  quantity: 2,
  amount: { minor: 500_000, currency: 'EUR' },
  attributes: { product: 'enterprise', seats: 40, renewal: false },
  revision: 1,
  status: 'active',
};

describe(matchesFilters.name, () => {
  it.each<[string, FilterRule[], boolean]>([
    ['no filters', [], true],
    ['source eq', [{ field: 'source', op: 'eq', value: 'hubspot' }], true],
    ['source eq another', [{ field: 'source', op: 'eq', value: 'salesforce' }], false],
    ['source neq another', [{ field: 'source', op: 'neq', value: 'salesforce' }], true],
    ['amount gte', [{ field: 'amount', op: 'gte', value: 500_000 }], true],
    ['amount gte above', [{ field: 'amount', op: 'gte', value: 500_001 }], false],
    ['quantity lte', [{ field: 'quantity', op: 'lte', value: 2 }], true],
    ['currency in', [{ field: 'currency', op: 'in', value: ['USD', 'EUR'] }], true],
    ['currency in others', [{ field: 'currency', op: 'in', value: ['USD'] }], false],
    ['an attribute eq', [{ field: 'attributes.product', op: 'eq', value: 'enterprise' }], true],
    ['a boolean attribute eq', [{ field: 'attributes.renewal', op: 'eq', value: false }], true],
    ['a number attribute eq as string', [{ field: 'attributes.seats', op: 'eq', value: '40' }], false],
    ['a missing attribute neq', [{ field: 'attributes.region', op: 'neq', value: 'emea' }], false],
    ['an inherited name neq', [{ field: 'attributes.constructor', op: 'neq', value: 'x' }], false],
    ['an inherited name neq (toString)', [{ field: 'attributes.toString', op: 'neq', value: 'x' }], false],
    ['gte on a string attribute', [{ field: 'attributes.product', op: 'gte', value: 1 }], false],
    [
      'all of two filters, one failing',
      [
        { field: 'source', op: 'eq', value: 'hubspot' },
        { field: 'amount', op: 'lte', value: 10 },
      ],
      false,
    ],
  ])('decides right when the filters are %s', (_, filters, expected) => {
    expect(matchesFilters(filters, event)).toBe(expected);
  });

  it.each<[string, FilterRule]>([
    ['amount', { field: 'amount', op: 'neq', value: 1 }],
    ['currency', { field: 'currency', op: 'neq', value: 'USD' }],
    ['quantity', { field: 'quantity', op: 'neq', value: 1 }],
  ])('never matches when the %s field is missing', (_, rule) => {
    expect(matchesFilters([rule], { ...event, quantity: null, amount: null })).toBe(false);
  });
});

describe(checkFilters.name, () => {
  it('reports nothing when every filter is well formed', () => {
    expect(
      checkFilters(
        [
          { field: 'source', op: 'eq', value: 'hubspot' },
          { field: 'attributes.product-line_2', op: 'in', value: ['a', 'b'] },
          { field: 'amount', op: 'gte', value: 100 },
        ],
        'filters',
      ),
    ).toEqual([]);
  });

  it.each<[string, FilterRule, { path: string; reason: string }]>([
    [
      'an unknown field',
      { field: 'owner', op: 'eq', value: 'x' },
      {
        path: 'filters[0].field',
        reason: 'must be one of source, quantity, amount, currency or attributes.<name>, not "owner"',
      },
    ],
    [
      'an attribute name with a dot',
      { field: 'attributes.a.b', op: 'eq', value: 'x' },
      {
        path: 'filters[0].field',
        reason:
          'must be one of source, quantity, amount, currency or attributes.<name>, not "attributes.a.b"',
      },
    ],
    [
      'an unknown op',
      { field: 'source', op: 'like' as FilterRule['op'], value: 'x' },
      { path: 'filters[0].op', reason: 'must be one of eq, neq, in, gte, lte' },
    ],
    [
      'in without a list',
      { field: 'source', op: 'in', value: 'x' },
      { path: 'filters[0].value', reason: 'must be a list for "in"' },
    ],
    [
      'gte with a string',
      { field: 'amount', op: 'gte', value: '5' },
      { path: 'filters[0].value', reason: 'must be a number for "gte"' },
    ],
    [
      'eq with a list',
      { field: 'source', op: 'eq', value: ['a'] },
      { path: 'filters[0].value', reason: 'must be a single value for "eq"' },
    ],
  ])('reports the problem when a filter has %s', (_, rule, problem) => {
    expect(checkFilters([rule], 'filters')).toEqual([problem]);
  });

  it.each([
    [
      'an object value',
      { field: 'source', op: 'eq', value: { a: 1 } },
      'filters[0].value',
      'must be a string, number or boolean',
    ],
    [
      'an empty list for in',
      { field: 'source', op: 'in', value: [] },
      'filters[0].value',
      'must hold 1 to 100 values',
    ],
    [
      'an object inside a list',
      { field: 'source', op: 'in', value: ['a', {}] },
      'filters[0].value[1]',
      'must be a string, number or boolean',
    ],
    [
      'a non-finite number',
      { field: 'amount', op: 'eq', value: Number.POSITIVE_INFINITY },
      'filters[0].value',
      'must be a string, number or boolean',
    ],
  ])('refuses %s as a filter value', (_, rule, path, reason) => {
    expect(checkFilters([rule as unknown as FilterRule], 'filters')).toContainEqual({ path, reason });
  });

  it.each([
    ['no filters', [], null],
    ['a filter on another field', [{ field: 'quantity', op: 'gte', value: 2 }], null],
    ['source eq', [{ field: 'source', op: 'eq', value: 'hubspot' }], ['hubspot']],
    ['source in', [{ field: 'source', op: 'in', value: ['a', 'b'] }], ['a', 'b']],
    [
      'two source filters (their intersection)',
      [
        { field: 'source', op: 'in', value: ['a', 'b'] },
        { field: 'source', op: 'eq', value: 'b' },
      ],
      ['b'],
    ],
    ['source neq (not a pin)', [{ field: 'source', op: 'neq', value: 'a' }], null],
  ])('narrows the sources storage must read with %s', (_, filters, expected) => {
    expect(sourcesAllowed(filters as FilterRule[])).toEqual(expected);
  });
});
