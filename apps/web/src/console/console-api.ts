import type { ErrorResponse } from '#contracts';
import { api, ApiError } from '../api/client.js';

/**
 * The console's calls to the api, on top of the shared client. Some routes the console uses are newer
 * than some servers (the first-run setup, the plain-words preview, pause and resume, manual
 * adjustments, the review queue, coaching, audit filters): a page asks, and when the server answers
 * that the route does not exist it shows a clear "not available on this server" state instead of an
 * error. Their paths are named once, here.
 */
export const ROUTES = {
  setup: '/api/v1/setup',
  contestPreview: '/api/v1/contests/preview',
  pause: (id: string) => `/api/v1/contests/${id}/pause`,
  resume: (id: string) => `/api/v1/contests/${id}/resume`,
  manualAdjustments: (id: string) => `/api/v1/contests/${id}/manual-adjustments`,
  manualAdjustment: (id: string, adjustmentId: string) =>
    `/api/v1/contests/${id}/manual-adjustments/${encodeURIComponent(adjustmentId)}`,
  reviewRep: (externalId: string) => `/api/v1/reps/${encodeURIComponent(externalId)}/review`,
  coaching: '/api/v1/coaching',
  passwordReset: (userId: string) => `/api/v1/users/${userId}/password-reset`,
} as const;

/**
 * Whether an error says the route itself does not exist on this server (as opposed to a 404 about a
 * thing, like an unknown contest, which carries one of Podium's codes such as `contest.not_found`).
 */
export function isRouteMissing(error: unknown): boolean {
  return (
    error instanceof ApiError && error.status === 404 && (error.body?.error ?? 'Not Found') === 'Not Found'
  );
}

export interface Problem {
  readonly path: string;
  readonly reason: string;
}

/** The field problems of a refusal (400 or 409 with `problems`), or none. */
export function problemsOf(error: unknown): readonly Problem[] {
  if (!(error instanceof ApiError)) return [];
  return error.body?.problems ?? [];
}

/** A sentence for an error a page shows in a banner (the server's own message when it has one). */
export function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError) {
    const body: ErrorResponse | null = error.body;
    if (body?.errorId !== undefined) return `${fallback} (${body.errorId})`;
    return body?.message ?? fallback;
  }
  return fallback;
}

export const get = <T>(path: string, signal?: AbortSignal) =>
  api<T>(path, signal === undefined ? {} : { signal });
export const post = <T>(path: string, body?: unknown) =>
  api<T>(path, body === undefined ? { method: 'POST' } : { method: 'POST', body });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });
