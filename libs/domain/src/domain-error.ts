/** A problem with one field of an input, named by its path (e.g. `events[3].occurredAt`). */
export interface FieldProblem {
  readonly path: string;
  readonly reason: string;
}

/**
 * Base of every rule violation raised by the domain. `code` is stable: the api maps it to HTTP,
 * the worker treats it as permanent (never retried).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Input that breaks a rule; carries every problem found, not only the first. */
export class InvalidInputError extends DomainError {
  readonly code = 'input.invalid';

  constructor(readonly problems: readonly FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.reason}`).join('; '));
    this.name = 'InvalidInputError';
  }
}

/** Throws an {@link InvalidInputError} when `problems` is not empty. */
export function assertNoProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw new InvalidInputError(problems);
}
