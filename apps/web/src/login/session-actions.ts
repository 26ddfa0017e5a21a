import type { SessionResponse } from '#contracts';
import { api, ApiError, session } from '../api/client.js';

/** Keys of this browser's storage that hold a signed-in person's data (cleared at sign-out). */
const PERSONAL_KEYS = ['podium.me.cache'];

/** Why a sign-in was refused, in the words the page uses. */
export type LoginFailure =
  | { readonly kind: 'credentials' }
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'invalid'; readonly message: string }
  | { readonly kind: 'offline' }
  | { readonly kind: 'server'; readonly errorId: string | null };

/**
 * Signs in with email and password and keeps the session (access and refresh token) in this browser.
 * Both a locked account and too many attempts from one address answer 429 `rate.limited`; the message
 * names which ("... for this account").
 */
export async function signIn(
  email: string,
  password: string,
): Promise<{ ok: true; session: SessionResponse } | { ok: false; failure: LoginFailure }> {
  try {
    const answer = await api<SessionResponse>('/api/v1/auth/login', {
      method: 'POST',
      body: { email, password },
      auth: 'none',
    });
    forgetPersonalData();
    session.set(answer);
    return { ok: true, session: answer };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  }
}

export function failureOf(error: unknown): LoginFailure {
  if (!(error instanceof ApiError)) return { kind: 'offline' };
  if (error.status === 401) return { kind: 'credentials' };
  if (error.status === 429) {
    const locked = error.body?.error === 'auth.locked' || /this account/i.test(error.body?.message ?? '');
    return { kind: locked ? 'locked' : 'rate_limited', retryAfterSeconds: error.retryAfterSeconds };
  }
  if (error.status === 400) {
    const problems = error.body?.problems ?? [];
    return {
      kind: 'invalid',
      message: problems.length > 0 ? problems.map((p) => `${p.path}: ${p.reason}`).join('; ') : error.message,
    };
  }
  return { kind: 'server', errorId: error.body?.errorId ?? null };
}

/** Revokes the session on the server (when reachable) and forgets it, with the person's cached data. */
export async function signOut(): Promise<void> {
  if (session.get() !== null) {
    await api('/api/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
  }
  session.clear();
  forgetPersonalData();
}

function forgetPersonalData(): void {
  for (const key of PERSONAL_KEYS) localStorage.removeItem(key);
}

/**
 * Where to go after signing in: `?next=` when it is a path of this site (never another origin: an
 * attacker's link must not turn the sign-in page into a redirector), else the person's own start.
 */
export function nextPath(
  search: string,
  role: SessionResponse['user']['role'] | null,
  origin: string = location.origin,
): string {
  const asked = new URLSearchParams(search).get('next');
  // URL parsing drops tabs and newlines ("/\t/evil.example" would become "//evil.example"): refuse them.
  const controls = asked !== null && [...asked].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');
  if (asked !== null && !controls && /^\/(?![/\\])/.test(asked)) {
    const url = new URL(asked, origin);
    if (url.origin === origin && url.pathname !== '/login') {
      return `${url.pathname}${url.search}${url.hash}`;
    }
  }
  return role === 'rep' ? '/me' : '/';
}
