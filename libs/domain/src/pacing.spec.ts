import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { projectPace, type Pace } from './pacing.js';

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const start = Date.UTC(2026, 2, 2); // a Monday
const end = start + WEEK;

describe(projectPace.name, () => {
  it.each<[string, { score: number; now: number; target: number | null }, Pace]>([
    [
      'half the week gone doubles the score',
      { score: 7, now: start + WEEK / 2, target: 14 },
      { projected: 14, onPaceForTarget: true, confidence: 'normal' },
    ],
    [
      'Wednesday noon projects 6 to 16',
      { score: 6, now: start + 2.5 * 24 * HOUR, target: 20 },
      { projected: 16, onPaceForTarget: false, confidence: 'normal' },
    ],
    [
      'rounds down',
      { score: 5, now: start + WEEK / 3, target: null },
      { projected: 15, onPaceForTarget: null, confidence: 'normal' },
    ],
    [
      'the first hour is early',
      { score: 1, now: start + HOUR, target: 10 },
      { projected: 168, onPaceForTarget: true, confidence: 'early' },
    ],
    [
      'just under 10 % is still early',
      { score: 2, now: start + WEEK * 0.099, target: null },
      { projected: 20, onPaceForTarget: null, confidence: 'early' },
    ],
    [
      '10 % exactly is normal',
      { score: 2, now: start + WEEK * 0.1, target: null },
      { projected: 20, onPaceForTarget: null, confidence: 'normal' },
    ],
    [
      'before the period the projection is the score',
      { score: 0, now: start - HOUR, target: 5 },
      { projected: 0, onPaceForTarget: false, confidence: 'early' },
    ],
    [
      'at the start nothing is projected',
      { score: 3, now: start, target: 3 },
      { projected: 3, onPaceForTarget: true, confidence: 'early' },
    ],
    [
      'at the end the score is final',
      { score: 9, now: end, target: 10 },
      { projected: 9, onPaceForTarget: false, confidence: 'normal' },
    ],
    [
      'after the end the score is final',
      { score: 9, now: end + WEEK, target: 9 },
      { projected: 9, onPaceForTarget: true, confidence: 'normal' },
    ],
    [
      'no score projects nothing',
      { score: 0, now: start + WEEK / 2, target: 1 },
      { projected: 0, onPaceForTarget: false, confidence: 'normal' },
    ],
    [
      'a target already reached is on pace',
      { score: 30, now: start + WEEK * 0.01, target: 20 },
      { projected: 3000, onPaceForTarget: true, confidence: 'early' },
    ],
  ])('%s', (_name, { score, now, target }, expected) => {
    expect(projectPace({ score, periodStart: start, periodEnd: end, now, target })).toEqual(expected);
  });

  it('agrees with a brute-force projection, never below the score, final at the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 400 * 24 * HOUR }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        fc.option(fc.integer({ min: 1, max: 10_000_000 })),
        (score, length, at, target) => {
          const now = start + Math.round(length * at);
          const pace = projectPace({ score, periodStart: start, periodEnd: start + length, now, target });
          const elapsed = Math.min(Math.max(now - start, 0), length);
          // Brute force: the largest whole number p with p * elapsed <= score * length (exact in BigInt).
          const expected = elapsed === 0 ? score : Number((BigInt(score) * BigInt(length)) / BigInt(elapsed));
          expect(pace.projected).toBe(Math.max(score, expected));
          expect(pace.projected).toBeGreaterThanOrEqual(score);
          if (now >= start + length) expect(pace.projected).toBe(score);
          expect(pace.confidence).toBe(elapsed < length * 0.1 ? 'early' : 'normal');
          expect(pace.onPaceForTarget).toBe(target === null ? null : pace.projected >= target);
        },
      ),
    );
  });
});
