import { describe, expect, it } from '@jest/globals';
import { setupLink } from './first-run.js';

describe(setupLink.name, () => {
  it.each([
    ['http://localhost:3000', 'abc', 'http://localhost:3000/setup?code=abc'],
    ['https://podium.example.com/', 'abc', 'https://podium.example.com/setup?code=abc'],
    ['https://example.com/podium//', 'a-b_c', 'https://example.com/podium/setup?code=a-b_c'],
    ['http://h', 'a+b/c=', 'http://h/setup?code=a%2Bb%2Fc%3D'],
  ])('joins %s and %s when building the link', (base, code, link) => {
    expect(setupLink(base, code)).toBe(link);
  });
});
