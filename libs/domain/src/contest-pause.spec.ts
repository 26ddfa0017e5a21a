import { describe, expect, it } from '@jest/globals';
import { ContestNotLiveError, ContestPauseStateError } from './contest-errors.js';
import type { ContestStatus } from './contest-lifecycle.js';
import { assertPausable, assertResumable } from './contest-pause.js';

describe(assertPausable.name, () => {
  it('lets a live contest that runs be paused', () => {
    expect(() => assertPausable('live', false)).not.toThrow();
  });

  it.each<ContestStatus>(['draft', 'scheduled', 'finalising', 'final', 'archived'])(
    'refuses when the contest is %s',
    (status) => {
      expect(() => assertPausable(status, false)).toThrow(ContestNotLiveError);
      expect(() => assertPausable(status, false)).toThrow(
        `only a live contest can be paused; this contest is ${status}`,
      );
    },
  );

  it('refuses when the contest is paused already', () => {
    expect(() => assertPausable('live', true)).toThrow(ContestPauseStateError);
  });
});

describe(assertResumable.name, () => {
  it('lets a paused contest be resumed', () => {
    expect(() => assertResumable(true)).not.toThrow();
  });

  it('refuses when the contest is not paused', () => {
    expect(() => assertResumable(false)).toThrow(ContestPauseStateError);
  });
});
