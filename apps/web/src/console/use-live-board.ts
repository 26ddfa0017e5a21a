import { useEffect, useState } from 'react';
import type { StandingEntry, StandingsPeriod } from '#contracts';
import { freshAccessToken } from '../api/client.js';
import { LiveStandings, type LiveStatus } from '../realtime/live-standings.js';

export interface LiveBoard {
  readonly status: LiveStatus;
  readonly period: StandingsPeriod | null;
  readonly entries: readonly StandingEntry[] | null;
  readonly error: string | null;
}

/**
 * A contest's top N, live: the one realtime client (snapshot, versioned updates, resync after a gap or
 * a reconnect), signed in with the manager's own session. Off (`enabled` false) for a draft.
 */
export function useLiveBoard(contestId: string, enabled: boolean, top = 10): LiveBoard {
  const [board, setBoard] = useState<LiveBoard>({
    status: 'connecting',
    period: null,
    entries: null,
    error: null,
  });
  useEffect(() => {
    if (!enabled) return;
    const client = new LiveStandings({ token: freshAccessToken });
    const offStatus = client.onStatus((status) => setBoard((b) => ({ ...b, status })));
    const offWatch = client.watch(
      { contestId, top },
      (update) =>
        setBoard((b) => ({ ...b, period: update.message.period, entries: update.message.top, error: null })),
      (error) => setBoard((b) => ({ ...b, error })),
    );
    return () => {
      offWatch();
      offStatus();
      client.close();
    };
  }, [contestId, enabled, top]);
  return board;
}
