import { describe, expect, it } from '@jest/globals';
import { MAX_DEPTH, unstorableInput } from './unstorable-input.middleware.js';

describe(unstorableInput.name, () => {
  it('accepts ordinary JSON, including emoji (paired surrogates)', () => {
    expect(
      unstorableInput({ events: [{ id: 'a', rep: { name: 'Zoë 🚀' }, attributes: { n: 1, t: true } }] }),
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
  ])('names the path of %s', (_, body, path, reason) => {
    expect(unstorableInput(body)).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });

  it('refuses deep nesting without exhausting the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const problems = unstorableInput(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).toBe(`must not nest deeper than ${MAX_DEPTH} levels`);
  });
});
