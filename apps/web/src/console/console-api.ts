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

/** The same routes as the OpenAPI document names them. */
export const ROUTE_TEMPLATES = {
  setup: '/api/v1/setup',
  contestPreview: '/api/v1/contests/preview',
  pause: '/api/v1/contests/{id}/pause',
  resume: '/api/v1/contests/{id}/resume',
  manualAdjustments: '/api/v1/contests/{id}/manual-adjustments',
  reviewRep: '/api/v1/reps/{externalId}/review',
  coaching: '/api/v1/coaching',
  passwordReset: '/api/v1/users/{id}/password-reset',
} as const;

/** Thrown instead of calling a route the server does not offer (see {@link offers}). */
export class RouteMissingError extends Error {
  constructor(readonly route: string) {
    super(`this server does not offer ${route}`);
  }
}

interface OpenApiDocument {
  readonly paths?: Record<
    string,
    Record<string, { readonly parameters?: readonly { readonly name?: string }[] }>
  >;
}

let routeTable: Promise<OpenApiDocument | null> | null = null;

/** The server's own route table (its OpenAPI document), read once per page load; null when unreadable. */
function serverRoutes(): Promise<OpenApiDocument | null> {
  routeTable ??= fetch('/api/docs-json', { headers: { accept: 'application/json' } })
    .then((response) => (response.ok ? (response.json() as Promise<OpenApiDocument>) : null))
    .catch(() => null);
  return routeTable;
}

/**
 * Whether this server offers a route (`offers('post', '/api/v1/contests/{id}/pause')`), and a query
 * parameter of it, by its OpenAPI document: a page asks before it calls a newer route, so an older
 * server shows "not available" without a refused request. When the document cannot be read, the
 * answer is yes and the route's own 404 tells (see {@link isRouteMissing}).
 */
export async function offers(
  method: 'get' | 'post' | 'patch' | 'put' | 'delete',
  path: string,
  query?: string,
): Promise<boolean> {
  const doc = await serverRoutes();
  if (doc === null || doc.paths === undefined) return true;
  const operation = Object.hasOwn(doc.paths, path) ? doc.paths[path]?.[method] : undefined;
  if (operation === undefined) return false;
  return query === undefined || (operation.parameters ?? []).some((p) => p.name === query);
}

/** Rejects with {@link RouteMissingError} when the server does not offer the route. */
export async function requireRoute(
  method: 'get' | 'post' | 'patch' | 'put' | 'delete',
  path: string,
): Promise<void> {
  if (!(await offers(method, path))) throw new RouteMissingError(`${method.toUpperCase()} ${path}`);
}

/**
 * Whether an error says the route itself does not exist on this server (as opposed to a 404 about a
 * thing, like an unknown contest, which carries one of Podium's codes such as `contest.not_found`).
 */
export function isRouteMissing(error: unknown): boolean {
  if (error instanceof RouteMissingError) return true;
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
