import { ContestNotLiveError, ContestPauseStateError } from './contest-errors.js';
import type { ContestStatus } from './contest-lifecycle.js';

/**
 * Whether a contest may be paused: only while live (its status by the clock) and not paused already.
 * Pausing changes nothing about scoring or the period: the clock keeps running and the period is
 * finalised as usual; the boards show the contest paused and nothing is celebrated until it is resumed.
 */
export function assertPausable(status: ContestStatus, paused: boolean): void {
  if (status !== 'live') {
    throw new ContestNotLiveError(`only a live contest can be paused; this contest is ${status}`);
  }
  if (paused) throw new ContestPauseStateError('this contest is already paused');
}

/** Whether a contest may be resumed: only when paused (whatever its status since). */
export function assertResumable(paused: boolean): void {
  if (!paused) throw new ContestPauseStateError('this contest is not paused');
}
