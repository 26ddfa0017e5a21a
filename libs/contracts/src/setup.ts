import type { UserResponse } from './access.js';

/** `GET /api/v1/setup`: whether the first-run setup link still works (no admin exists yet). */
export interface SetupStatusResponse {
  readonly open: boolean;
}

/** `POST /api/v1/setup`: the code of the one-time link the api printed, and the first admin's login. */
export interface SetupRequest {
  readonly code: string;
  readonly email: string;
  readonly password: string;
}

/** `POST /api/v1/users/{id}/password-reset`: the user as stored and their new password, shown once. */
export interface PasswordResetResponse {
  readonly user: UserResponse;
  readonly temporaryPassword: string;
}

/**
 * `POST /api/v1/reps/{externalId}/review`: takes a rep created by an incoming event out of the review
 * queue, with a team (key, or null for none), a role, and a per-rep target in a contest with targets;
 * or `{ "dismiss": true }`: out of the queue, unchanged. Fields left out stay as they are.
 */
export interface ReviewRepRequest {
  readonly team?: string | null;
  readonly role?: string | null;
  readonly target?: { readonly contestId: string; readonly value: number };
  readonly dismiss?: boolean;
}

/** `GET /api/v1/audit` query: who, what and when. Instants are ISO-8601 with an offset; `to` excluded. */
export interface AuditQuery {
  readonly limit?: number;
  readonly actor?: string;
  readonly action?: string;
  readonly entity?: string;
  readonly from?: string;
  readonly to?: string;
}
