import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  canonicalContent,
  decideIngest,
  WRITING_OUTCOMES,
  type IngestOutcome,
  type LedgerVersion,
} from './ingest-decision.js';

const v = (revision: number, contentHash: string, status: 'active' | 'void' = 'active'): LedgerVersion => ({
  revision,
  contentHash,
  status,
});

describe(decideIngest.name, () => {
  it.each<[string, LedgerVersion | null, LedgerVersion, IngestOutcome]>([
    ['accepts a first-seen active version', null, v(1, 'a'), 'accepted'],
    ['accepts a first-seen version whatever its revision', null, v(7, 'a'), 'accepted'],
    ['retracts a first-seen void version', null, v(1, 'a', 'void'), 'retracted'],
    ['revises on a higher active revision', v(1, 'a'), v(2, 'b'), 'revised'],
    ['revises on a higher revision with identical content', v(1, 'a'), v(2, 'a'), 'revised'],
    ['revises a retracted event on a higher active revision', v(2, 'x', 'void'), v(3, 'c'), 'revised'],
    ['retracts on a higher void revision', v(1, 'a'), v(2, 'b', 'void'), 'retracted'],
    ['retracts on a much higher void revision', v(1, 'a'), v(9, 'b', 'void'), 'retracted'],
    ['is a duplicate on the same revision and content', v(2, 'b'), v(2, 'b'), 'duplicate'],
    ['is a duplicate on the same void revision', v(2, 'b', 'void'), v(2, 'b', 'void'), 'duplicate'],
    ['is stale on a lower revision', v(3, 'c'), v(2, 'b'), 'stale'],
    ['is stale on a lower void revision', v(3, 'c'), v(1, 'a', 'void'), 'stale'],
    ['is stale on a lower revision even with the same content', v(3, 'c'), v(1, 'c'), 'stale'],
    ['conflicts on the same revision with other content', v(2, 'b'), v(2, 'B'), 'conflict'],
    [
      'conflicts on the same revision with other content and status',
      v(2, 'b'),
      v(2, 'v', 'void'),
      'conflict',
    ],
  ])('%s', (_, existing, incoming, outcome) => {
    expect(decideIngest(existing, incoming)).toBe(outcome);
  });

  it.each<[IngestOutcome, boolean]>([
    ['accepted', true],
    ['revised', true],
    ['retracted', true],
    ['duplicate', false],
    ['stale', false],
    ['conflict', false],
  ])('writes the ledger when the outcome is %s: %s', (outcome, writes) => {
    expect(WRITING_OUTCOMES.has(outcome)).toBe(writes);
  });

  it('keeps the highest revision whatever the arrival order when content per revision is consistent', () => {
    const versions = fc.uniqueArray(
      fc.record({ revision: fc.integer({ min: 1, max: 20 }), void: fc.boolean() }),
      { selector: (r) => r.revision, minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        versions.chain((vs) => fc.tuple(fc.constant(vs), fc.shuffledSubarray(vs, { minLength: vs.length }))),
        ([vs, order]) => {
          let ledger: LedgerVersion | null = null;
          for (const r of [...order, ...order]) {
            const incoming = v(r.revision, `h${r.revision}`, r.void ? 'void' : 'active');
            if (WRITING_OUTCOMES.has(decideIngest(ledger, incoming))) ledger = incoming;
          }
          expect(ledger?.revision).toBe(Math.max(...vs.map((r) => r.revision)));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe(canonicalContent.name, () => {
  it.each<[string, unknown, unknown]>([
    ['top-level keys in another order', { a: 1, b: 'x' }, { b: 'x', a: 1 }],
    [
      'nested keys in another order',
      {
        type: 'deal_won',
        amount: { minor: 100, currency: 'EUR' },
        attributes: { z: [1, { q: 1, p: 2 }], y: null },
      },
      {
        attributes: { y: null, z: [1, { p: 2, q: 1 }] },
        amount: { currency: 'EUR', minor: 100 },
        type: 'deal_won',
      },
    ],
    ['an undefined property and a missing one', { a: 1, b: undefined }, { a: 1 }],
    [
      'a JSON body re-parsed with other whitespace',
      JSON.parse('{ "b" : [1, 2],\n "a": {"d":1,"c":2} }'),
      { a: { c: 2, d: 1 }, b: [1, 2] },
    ],
  ])('is the same when the content differs only by %s', (_, a, b) => {
    expect(canonicalContent(a)).toBe(canonicalContent(b));
  });

  it.each<[string, unknown, unknown]>([
    ['a nested value', { a: { b: 1 } }, { a: { b: 2 } }],
    ['array order', { a: [1, 2] }, { a: [2, 1] }],
    ['a string and a number', { a: '1' }, { a: 1 }],
    ['null and a missing key', { a: null }, {}],
    ['a nested key name', { a: { b: 1 } }, { a: { c: 1 } }],
    ['two dates', { at: new Date('2026-03-29T00:00:00Z') }, { at: new Date('2026-03-30T00:00:00Z') }],
    ['an object and an array', { a: {} }, { a: [] }],
  ])('differs when the content differs by %s', (_, a, b) => {
    expect(canonicalContent(a)).not.toBe(canonicalContent(b));
  });

  it.each<[string, unknown, string]>([
    [
      'a nested object',
      { b: { d: [1, 'x', null], c: true }, a: -2.5 },
      '{"a":-2.5,"b":{"c":true,"d":[1,"x",null]}}',
    ],
    ['a string with quotes', 'say "hi"', '"say \\"hi\\""'],
    ['null', null, 'null'],
    ['undefined', undefined, 'null'],
    ['an array with undefined', [1, undefined], '[1,null]'],
    ['a date', { at: new Date('2026-03-29T00:00:00Z') }, '{"at":"2026-03-29T00:00:00.000Z"}'],
  ])('is sorted JSON when the value is %s', (_, value, expected) => {
    expect(canonicalContent(value)).toBe(expected);
  });

  it('equals JSON.stringify of itself re-parsed when the value is any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalContent(value);
        expect(canonicalContent(JSON.parse(canonical))).toBe(canonical);
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });
});
