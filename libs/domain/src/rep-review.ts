import type { FieldProblem } from './domain-error.js';
import type { Principal } from './access.js';

/** What a review of a rep from the queue asks for (see {@link reviewProblems}). */
export interface RepReview {
  readonly team?: string | null;
  readonly role?: string | null;
  readonly target?: { readonly contestId: string; readonly value: number };
  readonly dismiss?: boolean;
}

/**
 * Problems of a review: a dismissal takes the rep out of the queue unchanged, so it takes no other
 * field; `dismiss: false` is no dismissal and is refused rather than read as a review.
 */
export function reviewProblems(review: RepReview): FieldProblem[] {
  if (review.dismiss === undefined) return [];
  if (review.dismiss === false) return [{ path: 'dismiss', reason: 'must be true, or left out' }];
  return (['team', 'role', 'target'] as const).flatMap((field) =>
    review[field] === undefined ? [] : [{ path: field, reason: 'cannot be given with dismiss' }],
  );
}

/**
 * Whether a principal may review a rep from the queue (assign, or dismiss): admins any rep; a manager
 * the reps they see, those of their teams and those without a team (the queue is mostly those: an
 * incoming event creates a rep without one), into one of their teams or none, never into another
 * manager's team. Unlike {@link canManageRep}, a manager may leave a rep without a team: dismissing a
 * rep that is nobody's yet is how they keep the queue short. `next.team` undefined: unchanged.
 */
export function canReviewRep(
  principal: Principal,
  current: { readonly team: string | null },
  next: { readonly team: string | null | undefined },
): boolean {
  if (principal.kind !== 'user') return false;
  if (principal.role === 'admin') return true;
  if (principal.role !== 'manager') return false;
  const mine = (team: string | null) => team !== null && principal.teams.includes(team);
  const to = next.team === undefined ? current.team : next.team;
  return (current.team === null || mine(current.team)) && (to === null || mine(to));
}
