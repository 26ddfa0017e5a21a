import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import {
  WS_BOARD_CHANGED,
  WS_MOMENT,
  type BoardChangedMessage,
  type BoardResponse,
  type MomentMessage,
} from '#contracts';
import { api, ApiError, screenToken, serverClock } from '../api/client.js';
import { LiveStandings, type LiveStatus, type LiveUpdate } from '../realtime/live-standings.js';
import { applyMessage, needsNewPeriod, type ContestLive } from './board-state.js';
import {
  advanceMoments,
  EMPTY_MOMENT_QUEUE,
  filterMoments,
  msUntilNextMoment,
  receiveMoment,
  type MomentFilter,
  type MomentQueue,
} from './moment-queue.js';

/** How often the board is fetched again even without a change notice (a safety net, and revocation). */
const REFETCH_MS = 10 * 60_000;
/** After a period ended, ask for the new one at most this often until it comes. */
const NEW_PERIOD_RETRY_MS = 30_000;

export interface BoardData {
  readonly board: BoardResponse | null;
  /** Latest state per contest of the playlist. */
  readonly contests: ReadonlyMap<string, ContestLive>;
  readonly status: LiveStatus;
  /** Local time of the latest standings message. */
  readonly lastMessageAt: number | null;
  readonly moments: MomentQueue;
  /** The board could not be loaded yet (the api is unreachable). */
  readonly loadFailed: boolean;
}

type Action =
  | { type: 'message'; contestId: string; update: LiveUpdate; holdSeconds: number }
  | { type: 'keep'; contestIds: ReadonlySet<string> };

function contestsReducer(
  state: ReadonlyMap<string, ContestLive>,
  action: Action,
): ReadonlyMap<string, ContestLive> {
  const next = new Map(state);
  if (action.type === 'keep') {
    for (const id of state.keys()) if (!action.contestIds.has(id)) next.delete(id);
    return next.size === state.size ? state : next;
  }
  const { update } = action;
  next.set(
    action.contestId,
    applyMessage(
      state.get(action.contestId),
      update.message,
      update.kind,
      update.receivedAt,
      action.holdSeconds,
    ),
  );
  return next;
}

type MomentAction =
  | { type: 'receive'; moment: MomentMessage; filter: MomentFilter }
  | { type: 'advance' }
  | { type: 'filter'; filter: MomentFilter };

function momentsReducer(queue: MomentQueue, action: MomentAction): MomentQueue {
  const clock = { now: Date.now(), serverOffsetMs: serverClock.offsetMs() };
  switch (action.type) {
    case 'receive':
      return receiveMoment(queue, action.moment, action.filter, clock);
    case 'advance':
      return advanceMoments(queue, clock);
    case 'filter':
      return filterMoments(queue, action.filter);
  }
}

function filterOf(board: BoardResponse | null): MomentFilter {
  return {
    enabled: board?.settings.celebrations.enabled ?? false,
    kinds: board?.settings.celebrations.kinds ?? [],
    contestIds: new Set(board?.contests.map((c) => c.id) ?? []),
  };
}

/**
 * Everything the board shows, live: the board's playlist and settings (GET /api/v1/board, fetched again
 * on `board.changed`, after a reconnect and every few minutes), every contest of the playlist watched on
 * the one live-standings connection, and the celebrations queue. `onRevoked` is called when the screen's
 * token no longer works (a 401, or the websocket refusing it).
 */
export function useBoard(onRevoked: () => void): BoardData {
  const [board, setBoard] = useState<BoardResponse | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [live, setLive] = useState<LiveStandings | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [contests, dispatch] = useReducer(contestsReducer, new Map<string, ContestLive>());
  const [moments, dispatchMoment] = useReducer(momentsReducer, EMPTY_MOMENT_QUEUE);
  const [lastMessageAt, setLastMessageAt] = useState<number | null>(null);
  const boardRef = useRef<BoardResponse | null>(null);
  boardRef.current = board;

  const load = useCallback(async (): Promise<void> => {
    try {
      const next = await api<BoardResponse>('/api/v1/board', { auth: 'screen' });
      setLoadFailed(false);
      setBoard((current) =>
        current !== null && current.version === next.version && sameBoard(current, next) ? current : next,
      );
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) onRevoked();
      else setLoadFailed(true);
    }
  }, [onRevoked]);

  // The one connection of this page; closed when the board goes away.
  useEffect(() => {
    const connection = new LiveStandings({ token: () => screenToken.get() });
    setLive(connection);
    return () => connection.close();
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFETCH_MS);
    return () => clearInterval(timer);
  }, [load]);

  // Connection status: a refusal of the token is checked against the api (a 401 means revoked); a
  // reconnect refetches the board (its settings may have changed meanwhile).
  useEffect(() => {
    if (live === null) return;
    let previous: LiveStatus = live.status;
    return live.onStatus((next) => {
      setStatus(next);
      if (next === 'unauthorized') void load();
      if (next === 'live' && previous === 'reconnecting') void load();
      previous = next;
    });
  }, [live, load]);

  useEffect(() => {
    if (live === null) return;
    const offChanged = live.on<BoardChangedMessage>(WS_BOARD_CHANGED, (message) => {
      if (boardRef.current === null || message.version > boardRef.current.version) void load();
    });
    const offMoment = live.on<MomentMessage>(WS_MOMENT, (moment) => {
      dispatchMoment({ type: 'receive', moment, filter: filterOf(boardRef.current) });
    });
    return () => {
      offChanged();
      offMoment();
    };
  }, [live, load]);

  // Watch every contest of the playlist with the board's top N. A period that ended asks again for a
  // snapshot (the new period's board) by watching afresh.
  const topN = board?.settings.topN ?? null;
  const holdSeconds = board?.settings.winnersHoldSeconds ?? 0;
  const holdRef = useRef(holdSeconds);
  holdRef.current = holdSeconds;
  const contestIds = board?.contests.map((c) => c.id).join(',') ?? '';
  const [resyncs, setResyncs] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    if (live === null || topN === null) return;
    const ids = contestIds === '' ? [] : contestIds.split(',');
    dispatch({ type: 'keep', contestIds: new Set(ids) });
    const offs = ids.map((contestId) =>
      live.watch({ contestId, top: topN }, (update) => {
        setLastMessageAt(update.receivedAt);
        dispatch({ type: 'message', contestId, update, holdSeconds: holdRef.current });
      }),
    );
    return () => offs.forEach((off) => off());
  }, [live, topN, contestIds, resyncs]);

  useEffect(() => {
    if (board === null) return;
    const timer = setInterval(() => {
      const now = serverClock.now();
      const due = board.contests.filter((contest) => {
        const state = contests.get(contest.id);
        const last = resyncs.get(contest.id) ?? 0;
        return (
          state !== undefined &&
          needsNewPeriod(state, contest, now - 1000) &&
          Date.now() - last > NEW_PERIOD_RETRY_MS
        );
      });
      if (due.length > 0) {
        setResyncs((current) => {
          const next = new Map(current);
          for (const contest of due) next.set(contest.id, Date.now());
          return next;
        });
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [board, contests, resyncs]);

  // Celebrations: forget what the board no longer celebrates; move the queue on when one has shown.
  useEffect(() => dispatchMoment({ type: 'filter', filter: filterOf(board) }), [board]);
  useEffect(() => {
    const wait = msUntilNextMoment(moments, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => dispatchMoment({ type: 'advance' }), wait + 20);
    return () => clearTimeout(timer);
  }, [moments]);

  return { board, contests, status, lastMessageAt, moments, loadFailed };
}

function sameBoard(a: BoardResponse, b: BoardResponse): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
