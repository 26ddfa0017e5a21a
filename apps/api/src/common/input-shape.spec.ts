import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ROUTE_INPUT_BOUNDS, type InputBounds } from '#contracts';
import { MAX_REPORTED, parseJsonBody, scanJsonBounds, shapeProblems } from './input-shape.js';

const BOUNDS: InputBounds = { bodyBytes: null, depth: 8, keys: 100, items: 1_000, chars: 4_096 };

describe(shapeProblems.name, () => {
  it('accepts ordinary JSON, including emoji (paired surrogates)', () => {
    expect(
      shapeProblems(
        { events: [{ id: 'a', rep: { name: 'Zoë 🚀' }, attributes: { n: 1, t: true, x: null } }] },
        BOUNDS,
      ),
    ).toEqual([]);
  });

  it.each([
    ['a NUL in a value', { a: ['x', 'y\u0000'] }, 'a[1]', /NUL/],
    [
      'a NUL in a key',
      { attributes: { 'k\u0000': 1 } },
      'attributes.k\u0000',
      /name must not contain the NUL/,
    ],
    ['a lone high surrogate', { id: '\ud800' }, 'id', /lone surrogate/],
    ['a lone low surrogate', { rep: { id: 'x\udc00y' } }, 'rep.id', /lone surrogate/],
    ['a __proto__ key', JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown, 'a.__proto__', /reserved name/],
    ['a constructor key', { attributes: { constructor: 1 } }, 'attributes.constructor', /reserved name/],
    ['a prototype key', { events: [{ prototype: {} }] }, 'events[0].prototype', /reserved name/],
    [
      'too many keys',
      { a: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, i])) },
      'a',
      /at most 100 keys/,
    ],
    ['too many items', { a: Array.from({ length: 1_001 }, () => 0) }, 'a', /at most 1000 items/],
    ['a long string', { a: 'x'.repeat(4_097) }, 'a', /at most 4096 characters/],
    ['a long key', { ['k'.repeat(5_000)]: 1 }, `${'k'.repeat(64)}…`, /name must be at most 4096/],
    ['a body over its bounds', Array.from({ length: 1_001 }, () => 0), '(body)', /at most 1000 items/],
  ])('names the path of %s', (_, body, path, reason) => {
    expect(shapeProblems(body, BOUNDS)).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });

  it('counts the body as level 1', () => {
    const login = ROUTE_INPUT_BOUNDS['POST /api/v1/auth/login'];
    expect(shapeProblems({ email: 'a@b.c', password: 'x' }, login)).toEqual([]);
    expect(shapeProblems({ email: { a: 1 } }, login)).toEqual([]);
    expect(shapeProblems({ email: { a: [1] } }, login)).toEqual([
      { path: 'email.a', reason: 'must not nest deeper than 2 levels' },
    ]);
  });

  it('refuses deep nesting without exhausting the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(shapeProblems(deep, BOUNDS)).toEqual([
      { path: `a${'.a'.repeat(7)}`, reason: 'must not nest deeper than 8 levels' },
    ]);
  });

  it('refuses an object of 120,000 keys without walking into it', () => {
    const huge = Object.fromEntries(
      Array.from({ length: 120_000 }, (_, i) => [`k${i}`, { deeper: 'x\u0000' }]),
    );
    expect(shapeProblems({ email: huge }, ROUTE_INPUT_BOUNDS['POST /api/v1/auth/login'])).toEqual([
      { path: 'email', reason: 'must have at most 8 keys' },
    ]);
  });

  it('reports at most a bounded number of problems, in document order', () => {
    const many = Array.from({ length: 500 }, (_, i) => `bad ${i}\u0000`);
    const problems = shapeProblems({ a: many }, BOUNDS);
    expect(problems).toHaveLength(MAX_REPORTED);
    expect(problems[0]?.path).toBe('a[0]');
    expect(problems[1]?.path).toBe('a[1]');
  });

  it('finds nothing in JSON within the bounds, and never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const problems = shapeProblems(value, { ...BOUNDS, depth: 6 });
        // fast-check's JSON values may hold lone surrogates, NULs and reserved keys: those are the
        // only things a value this small can be refused for.
        for (const p of problems) expect(p.reason).toMatch(/NUL|lone surrogate|reserved name/);
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});

describe(scanJsonBounds.name, () => {
  const SMALL: InputBounds = { bodyBytes: null, depth: 3, keys: 3, items: 3, chars: 5 };
  const boundsOnly = (value: unknown) =>
    shapeProblems(value, SMALL).filter((p) => !/NUL|lone surrogate|reserved name/.test(p.reason));

  it.each([
    ['too many keys', '{"a": {"k1": 1, "k2": 2, "k3": 3, "k4": 4}}', 'a', 'must have at most 3 keys'],
    ['too many items', '{"a": [1, [2], {"x": 3}, "4"]}', 'a', 'must hold at most 3 items'],
    ['too deep', '{"a": [{"b": [1]}]}', 'a[0].b', 'must not nest deeper than 3 levels'],
    ['a long value', '{"a": ["ok", "toolong"]}', 'a[1]', 'must be at most 5 characters'],
    ['a long key', '{"a": {"toolong": 1}}', 'a.toolong', 'the name must be at most 5 characters'],
    ['a body of too many keys', '{"a":1,"b":2,"c":3,"d":4}', '(body)', 'must have at most 3 keys'],
  ])('names the path of %s', (_, text, path, reason) => {
    expect(scanJsonBounds(text, SMALL)).toEqual({ path, reason });
  });

  it('counts escapes as the characters they stand for', () => {
    expect(scanJsonBounds('{"a": "\\u00e9\\u00e9\\u00e9\\n\\""}', SMALL)).toBeNull();
    expect(scanJsonBounds('{"a": "\\u00e9\\u00e9\\u00e9\\n\\"x"}', SMALL)).not.toBeNull();
  });

  it('finds a bound broken exactly when the parsed value breaks one', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = JSON.stringify(value);
        expect(scanJsonBounds(text, SMALL) === null).toBe(boundsOnly(value).length === 0);
      }),
      { seed: 11, numRuns: 2_000 },
    );
  });

  it('scans a 120,000-key object without building it', () => {
    const text = `{"email": {${Array.from({ length: 120_000 }, (_, i) => `"k${i}": 1`).join(',')}}}`;
    expect(scanJsonBounds(text, ROUTE_INPUT_BOUNDS['POST /api/v1/auth/login'])).toEqual({
      path: 'email',
      reason: 'must have at most 8 keys',
    });
  });
});

describe(parseJsonBody.name, () => {
  const login = ROUTE_INPUT_BOUNDS['POST /api/v1/auth/login'];
  const problemsOf = (text: string): unknown => {
    try {
      parseJsonBody(text, login);
      return [];
    } catch (error) {
      return (error as { problems?: unknown }).problems;
    }
  };

  it('parses a JSON object within the bounds', () => {
    expect(parseJsonBody('{"email": "a@b.c", "password": "x"}', login)).toEqual({
      email: 'a@b.c',
      password: 'x',
    });
  });

  it.each([
    ['invalid JSON', '{"email": ', /not valid JSON/],
    ['an array', '[1, 2]', /must be a JSON object/],
    ['a string', '"text"', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    ['a reserved key', '{"__proto__": {"admin": true}}', /reserved name/],
    ['a NUL', '{"email": "a\\u0000b"}', /NUL/],
  ])('refuses %s naming the body or the field', (_, text, reason) => {
    expect(problemsOf(text)).toEqual([{ path: expect.any(String), reason: expect.stringMatching(reason) }]);
  });
});
