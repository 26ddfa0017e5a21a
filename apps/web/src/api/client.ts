import type { ErrorResponse, SessionResponse } from '#contracts';

/**
 * The typed REST client every page uses. Two kinds of credentials, each kept in the browser's storage:
 * - a person's session (access + refresh token): the access token is renewed with the refresh token on a
 *   401, once, silently; a failed renewal signs the person out;
 * - a TV's display token (long-lived, revocable): a 401 means the screen was revoked, so the TV pairs again.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorResponse | null,
    /** A 429's or 503's `Retry-After`, in seconds; null without one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

function retryAfterOf(header: string | null): number | null {
  const seconds = header === null ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

const SESSION_KEY = 'podium.session';
const SCREEN_KEY = 'podium.screen';

export interface StoredSession {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly accessExpiresAt: string;
  readonly user: SessionResponse['user'];
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export const session = {
  get: (): StoredSession | null => read<StoredSession>(SESSION_KEY),
  set(value: SessionResponse | StoredSession): void {
    const stored: StoredSession = {
      accessToken: value.accessToken,
      refreshToken: value.refreshToken,
      accessExpiresAt: value.accessExpiresAt,
      user: value.user,
    };
    localStorage.setItem(SESSION_KEY, JSON.stringify(stored));
  },
  clear: (): void => localStorage.removeItem(SESSION_KEY),
};

export const screenToken = {
  get: (): string | null => read<string>(SCREEN_KEY),
  set: (token: string): void => localStorage.setItem(SCREEN_KEY, JSON.stringify(token)),
  clear: (): void => localStorage.removeItem(SCREEN_KEY),
};

type Credentials = 'session' | 'screen' | 'none';

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  readonly auth?: Credentials;
  readonly signal?: AbortSignal;
}

let refreshing: Promise<boolean> | null = null;

let clockOffsetMs = 0;

/**
 * The server's clock as this page estimates it from the `Date` header of the api's answers (whole
 * seconds, so differences under 2 s are taken as none). Countdowns and the age of live messages use it:
 * a TV whose own clock is off still counts down to the right second and drops only really stale moments.
 */
export const serverClock = {
  /** The server's time minus ours, in ms. */
  offsetMs: (): number => clockOffsetMs,
  now: (): number => Date.now() + clockOffsetMs,
};

function noteServerDate(header: string | null, sentAt: number, receivedAt: number): void {
  const server = header === null ? NaN : Date.parse(header);
  if (!Number.isFinite(server)) return;
  // The header's second was truncated: its middle is the best guess, against the request's midpoint.
  const offset = server + 500 - (sentAt + receivedAt) / 2;
  clockOffsetMs = Math.abs(offset) < 2_000 ? 0 : Math.round(offset);
}

/** Trades the stored refresh token for a new session; one renewal at a time for the whole page. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = session.get();
    if (current === null) return false;
    try {
      const next = await send<SessionResponse>('/api/v1/auth/refresh', {
        method: 'POST',
        body: { refreshToken: current.refreshToken },
        auth: 'none',
      });
      session.set(next);
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 400)) session.clear();
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function send<T>(path: string, options: RequestOptions, token: string | null = null): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const sentAt = Date.now();
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
    cache: 'no-store',
  });
  noteServerDate(response.headers.get('date'), sentAt, Date.now());
  const text = await response.text();
  const parsed: unknown = text === '' ? null : JSON.parse(text);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      parsed as ErrorResponse | null,
      retryAfterOf(response.headers.get('retry-after')),
    );
  }
  return parsed as T;
}

/** Calls the api with the page's credentials; a person's expired access token is renewed once. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? 'session';
  if (auth === 'none') return send<T>(path, options);
  if (auth === 'screen') return send<T>(path, options, screenToken.get());
  const current = session.get();
  try {
    return await send<T>(path, options, current?.accessToken ?? null);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || current === null) throw error;
    if (!(await refreshSession())) throw error;
    return send<T>(path, options, session.get()?.accessToken ?? null);
  }
}

/** A valid access token for the websocket handshake, renewed first when it is about to expire. */
export async function freshAccessToken(): Promise<string | null> {
  const current = session.get();
  if (current === null) return null;
  if (Date.parse(current.accessExpiresAt) - Date.now() < 30_000) {
    if (!(await refreshSession())) return null;
  }
  return session.get()?.accessToken ?? null;
}
