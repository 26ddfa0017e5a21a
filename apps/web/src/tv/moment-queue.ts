import type { MomentKind, MomentMessage } from '#contracts';

/**
 * The TV's queue of celebrations. What is a moment is the server's rule (libs/domain moments); the TV only
 * decides when to show the ones it receives:
 * - one at a time, each for {@link MOMENT_SHOW_MS}, in the order they arrived;
 * - a moment id seen before (a redelivered scoring job, a reconnect) is never shown twice;
 * - a moment emitted more than {@link MOMENT_MAX_AGE_MS} ago, or waiting that long in the queue, is dropped:
 *   cheering a deal from ten minutes ago, after the TV was offline, would be noise;
 * - only kinds the board celebrates, for contests on its playlist.
 * Pure: the caller passes the clock (`now`, local ms) and the server clock's offset from it.
 */
export const MOMENT_SHOW_MS = 7_000;
export const MOMENT_MAX_AGE_MS = 60_000;
/** How long an id is remembered for deduplication, and at most how many ids. */
export const MOMENT_REMEMBER_MS = 30 * 60_000;
export const MOMENT_REMEMBER_MAX = 2_000;

export interface ShowingMoment {
  readonly moment: MomentMessage;
  /** Local time it went on screen. */
  readonly since: number;
}

export interface WaitingMoment {
  readonly moment: MomentMessage;
  /** Local time it arrived. */
  readonly receivedAt: number;
}

export interface MomentQueue {
  readonly showing: ShowingMoment | null;
  readonly waiting: readonly WaitingMoment[];
  /** Every id taken in (shown, waiting, dropped or filtered) with the local time it was first seen. */
  readonly seen: ReadonlyMap<string, number>;
}

export const EMPTY_MOMENT_QUEUE: MomentQueue = { showing: null, waiting: [], seen: new Map() };

/** Which moments this board shows. */
export interface MomentFilter {
  readonly enabled: boolean;
  readonly kinds: readonly MomentKind[];
  readonly contestIds: ReadonlySet<string>;
}

export interface MomentClock {
  /** Local time, ms since the epoch. */
  readonly now: number;
  /** The server's clock minus ours (ms): `emittedAt` is the server's time. */
  readonly serverOffsetMs: number;
}

function accepts(filter: MomentFilter, moment: MomentMessage): boolean {
  return filter.enabled && filter.kinds.includes(moment.kind) && filter.contestIds.has(moment.contestId);
}

function isStale(moment: MomentMessage, receivedAt: number, clock: MomentClock): boolean {
  const emitted = Date.parse(moment.emittedAt);
  const age = clock.now + clock.serverOffsetMs - emitted;
  return !Number.isFinite(emitted) || age > MOMENT_MAX_AGE_MS || clock.now - receivedAt > MOMENT_MAX_AGE_MS;
}

function remember(seen: ReadonlyMap<string, number>, id: string, now: number): Map<string, number> {
  const next = new Map<string, number>();
  for (const [key, at] of seen) if (now - at <= MOMENT_REMEMBER_MS) next.set(key, at);
  next.set(id, now);
  // Oldest first (insertion order): drop the oldest beyond the cap.
  const excess = next.size - MOMENT_REMEMBER_MAX;
  if (excess > 0) for (const key of [...next.keys()].slice(0, excess)) next.delete(key);
  return next;
}

/** A moment arrived: queue it unless it was seen before, is not for this board, or is already stale. */
export function receiveMoment(
  queue: MomentQueue,
  moment: MomentMessage,
  filter: MomentFilter,
  clock: MomentClock,
): MomentQueue {
  if (queue.seen.has(moment.id)) return queue;
  const seen = remember(queue.seen, moment.id, clock.now);
  if (!accepts(filter, moment) || isStale(moment, clock.now, clock)) return { ...queue, seen };
  return advanceMoments(
    { ...queue, seen, waiting: [...queue.waiting, { moment, receivedAt: clock.now }] },
    clock,
  );
}

/**
 * Moves the queue on at `clock.now`: the moment on screen leaves after {@link MOMENT_SHOW_MS}, and the next
 * one that is still fresh takes its place. Returns the same object when nothing changed.
 */
export function advanceMoments(queue: MomentQueue, clock: MomentClock): MomentQueue {
  if (queue.showing !== null && clock.now - queue.showing.since < MOMENT_SHOW_MS) return queue;
  const waiting = [...queue.waiting];
  let next: WaitingMoment | undefined;
  while ((next = waiting.shift()) !== undefined) {
    if (!isStale(next.moment, next.receivedAt, clock)) break;
  }
  if (next === undefined && queue.showing === null && queue.waiting.length === 0) return queue;
  return {
    ...queue,
    showing: next === undefined ? null : { moment: next.moment, since: clock.now },
    waiting,
  };
}

/** The board's settings or playlist changed: forget what it no longer celebrates. */
export function filterMoments(queue: MomentQueue, filter: MomentFilter): MomentQueue {
  const showing = queue.showing !== null && accepts(filter, queue.showing.moment) ? queue.showing : null;
  const waiting = queue.waiting.filter((w) => accepts(filter, w.moment));
  if (showing === queue.showing && waiting.length === queue.waiting.length) return queue;
  return { ...queue, showing, waiting };
}

/** Milliseconds until the queue must be advanced again (the moment on screen ends); null: nothing shows. */
export function msUntilNextMoment(queue: MomentQueue, now: number): number | null {
  if (queue.showing === null) return null;
  return Math.max(0, queue.showing.since + MOMENT_SHOW_MS - now);
}
