import { describe, expect, it } from '@jest/globals';
import { newPassword } from './secrets.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

describe(newPassword.name, () => {
  it('gives 20 characters without look-alikes when called', () => {
    for (let i = 0; i < 200; i += 1) expect(newPassword()).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);
  });

  it('never repeats itself when called many times', () => {
    const seen = new Set(Array.from({ length: 2_000 }, () => newPassword()));
    expect(seen.size).toBe(2_000);
  });

  it('uses every symbol about equally when sampled (no modulo bias)', () => {
    const counts = new Map<string, number>([...ALPHABET].map((c) => [c, 0]));
    const samples = 5_000;
    for (let i = 0; i < samples; i += 1) {
      for (const c of newPassword()) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(ALPHABET.length);
    const expected = (samples * 20) / ALPHABET.length;
    // Pearson's chi-square over 54 degrees of freedom: above 100 happens by chance about once in 10,000.
    const chi = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    expect(chi).toBeLessThan(100);
  });
});
