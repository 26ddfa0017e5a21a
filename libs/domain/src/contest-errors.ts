import { DomainError, type FieldProblem } from './domain-error.js';

export class ContestNotFoundError extends DomainError {
  readonly code = 'contest.not_found';
  constructor(id: string) {
    super(`no contest with id ${id}`);
  }
}

/** A draft scores nothing and is on no board until it is published. */
export class ContestIsDraftError extends DomainError {
  readonly code = 'contest.draft';
  constructor() {
    super('this contest is a draft: it is on no board until it is published');
  }
}

/** A change that the contest's status does not allow (e.g. publishing a contest that is not a draft). */
export class ContestStatusError extends DomainError {
  readonly code = 'contest.status';
}

/**
 * Rules that decide scores cannot change once a contest is live: reps would see points they earned
 * disappear. Name, description and prizes can still change.
 */
export class RulesLockedError extends DomainError {
  readonly code = 'contest.rules_locked';
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`the contest's rules cannot change once it is live: ${problems.map((p) => p.path).join(', ')}`);
  }
}

export class PeriodNotFinalError extends DomainError {
  readonly code = 'period.not_final';
  constructor() {
    super('this period is not final yet: it is finalised when its grace period is over');
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** Only a live contest can be paused: a draft or scheduled one shows nothing yet, a finished one is done. */
export class ContestNotLiveError extends DomainError {
  readonly code = 'contest.not_live';
}

/** Pausing a contest that is already paused, or resuming one that is not. */
export class ContestPauseStateError extends DomainError {
  readonly code = 'contest.pause_state';
}
