import { useCallback, useEffect, useState } from 'react';
import type { MeResponse, MyContestResponse, MyResultResponse } from '#contracts';
import { api, ApiError, freshAccessToken, refreshSession, session } from '../api/client.js';
import { LiveStandings, type LiveStatus } from '../realtime/live-standings.js';
import { foldLive } from './live-merge.js';

/** The rep's data, as last fetched; kept in this browser so the view opens offline. */
export interface MyData {
  readonly user: MeResponse;
  readonly contests: readonly MyContestResponse[];
  readonly results: readonly MyResultResponse[];
  /** When it was fetched (ms since the epoch). */
  readonly fetchedAt: number;
}

export type LoadState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  /** The api cannot be reached: `data` is the last copy kept in this browser (if any). */
  | { readonly kind: 'offline' }
  /** Signed in, but not as a rep (an admin or a manager). */
  | { readonly kind: 'not-a-rep'; readonly email: string }
  | { readonly kind: 'failed'; readonly message: string };

const CACHE_KEY = 'podium.me.cache';
/** Team contests: the whole public board (teams are few), to find the rep's team on it. */
const TEAM_TOP = 100;
/**
 * A connection watches at most 20 contests (docs/API.md): the first 20 in the view's order (those the rep
 * has scored in first) are live; the others refresh when the page is fetched again.
 */
const LIVE_LIMIT = 20;

/** The contests the rep has a score in first (what they play for today), each group in the api's order. */
export function inViewOrder(contests: readonly MyContestResponse[]): MyContestResponse[] {
  return [...contests.filter((c) => c.me !== null), ...contests.filter((c) => c.me === null)];
}

function readCache(userId: string | undefined): MyData | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const data = raw === null ? null : (JSON.parse(raw) as MyData);
    return data !== null && data.user.id === userId ? data : null;
  } catch {
    return null;
  }
}

function writeCache(data: MyData): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(data));
  } catch {
    // A full storage only costs the offline copy.
  }
}

function toLogin(): void {
  session.clear();
  location.replace(`/login?next=${encodeURIComponent(location.pathname)}`);
}

/**
 * Everything `/me` shows: the user, their live contests (kept live over the websocket, watching their
 * own position in each), their finished results. Fetched again when the page comes back to the front,
 * when the network returns, when a period ends and after a live resync; offline, the last copy shows.
 */
export function useMyData(): {
  data: MyData | null;
  state: LoadState;
  live: LiveStatus;
  reload: () => void;
  setUser: (user: MeResponse) => void;
} {
  const [data, setData] = useState<MyData | null>(() => readCache(session.get()?.user.id));
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // Fetch (again).
  useEffect(() => {
    if (session.get() === null) {
      toLogin();
      return;
    }
    const abort = new AbortController();
    const signal = abort.signal;
    void (async () => {
      try {
        const [user, contests, results] = await Promise.all([
          api<MeResponse>('/api/v1/me', { signal }),
          api<MyContestResponse[]>('/api/v1/me/contests', { signal }),
          api<MyResultResponse[]>('/api/v1/me/results', { signal }),
        ]);
        setData((current) => {
          // A live message may have brought a newer version while this answer was on its way: keep it.
          const live = new Map(current?.contests.map((c) => [c.contest.id, c]) ?? []);
          const fresh = inViewOrder(contests).map((c) => {
            const held = live.get(c.contest.id);
            return held !== undefined && held.period.start === c.period.start && held.version > c.version
              ? held
              : c;
          });
          const next: MyData = { user, contests: fresh, results, fetchedAt: Date.now() };
          writeCache(next);
          return next;
        });
        setState({ kind: 'ready' });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) return toLogin();
        if (error instanceof ApiError && error.status === 403) {
          setState({ kind: 'not-a-rep', email: session.get()?.user.email ?? '' });
          return;
        }
        if (error instanceof ApiError) setState({ kind: 'failed', message: error.message });
        else setState({ kind: 'offline' });
      }
    })();
    return () => abort.abort();
  }, [generation]);

  // Fetch again when the page comes back to the front or the network returns.
  useEffect(() => {
    const visible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', visible);
    window.addEventListener('online', reload);
    return () => {
      document.removeEventListener('visibilitychange', visible);
      window.removeEventListener('online', reload);
    };
  }, [reload]);

  // A period that ends brings a new one (or the results): fetch again a little after the end.
  const ends = data?.contests.map((c) => Date.parse(c.period.end)).filter((end) => end > Date.now()) ?? [];
  const nextEnd = ends.length === 0 ? null : Math.min(...ends);
  useEffect(() => {
    if (nextEnd === null) return;
    // setTimeout takes at most 2^31-1 ms; a later end is checked again when the page reloads its data.
    const wait = Math.min(nextEnd - Date.now() + 5_000, 2 ** 31 - 1);
    const timer = setTimeout(reload, wait);
    return () => clearTimeout(timer);
  }, [nextEnd, reload]);

  // Live: one connection, one watch per contest with the rep's own id.
  const rep = data?.user.rep?.externalId ?? null;
  const watched =
    data?.contests
      .slice(0, LIVE_LIMIT)
      .map((c) => `${c.contest.id}:${c.contest.kind}`)
      .join(',') ?? '';
  const notARep = state.kind === 'not-a-rep';
  useEffect(() => {
    if (rep === null || notARep) return;
    const client = new LiveStandings({ token: freshAccessToken });
    const stopStatus = client.onStatus((status) => {
      setLive(status);
      // A revoked or expired session: renew it once, else sign in again.
      if (status === 'unauthorized') void refreshSession().then((ok) => (ok ? undefined : toLogin()));
    });
    const seen = new Set<string>();
    const stops = watched
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const [contestId = '', kind] = entry.split(':');
        return client.watch({ contestId, rep, ...(kind === 'team' ? { top: TEAM_TOP } : {}) }, (update) => {
          // A second snapshot is a resync (a gap, a reconnect): the rank's total may have moved too.
          if (update.kind === 'snapshot' && seen.has(contestId)) reload();
          seen.add(contestId);
          setData((current) => {
            if (current === null) return current;
            let stale = false;
            const contests = current.contests.map((c) => {
              if (c.contest.id !== contestId) return c;
              const folded = foldLive(c, update.message, rep);
              if (folded === null) stale = true;
              return folded ?? c;
            });
            if (stale) setTimeout(reload, 0);
            return { ...current, contests };
          });
        });
      });
    return () => {
      stops.forEach((stop) => stop());
      stopStatus();
      client.close();
    };
  }, [rep, watched, notARep, reload]);

  const setUser = useCallback((user: MeResponse) => {
    setData((current) => {
      if (current === null) return current;
      const next = { ...current, user };
      writeCache(next);
      return next;
    });
  }, []);

  return { data, state, live, reload, setUser };
}
