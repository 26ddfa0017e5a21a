import type { Contribution } from './score-event.js';

/** A change to a final board's points, recorded instead of silently changing its winners. */
export interface AdjustmentRecord {
  readonly contestId: string;
  readonly periodStart: number;
  readonly eventId: string;
  /** The event's revision that made the change. */
  readonly revision: number;
  readonly repId: string;
  readonly pointsBefore: number;
  readonly pointsAfter: number;
}

/** Names a board (contest period) in {@link postCloseAdjustments}'s `finalBoards`. */
export function boardKeyOf(contestId: string, periodStart: number): string {
  return `${contestId}|${periodStart}`;
}

/**
 * The post-close adjustments implied by a change of contributions (libs/domain `diffContributions`):
 * one per event, rep and final board whose points or time changed. A revision that moves an event out
 * of a final period is one with `pointsAfter` 0; a late event into one has `pointsBefore` 0.
 */
export function postCloseAdjustments(
  removed: readonly Contribution[],
  added: readonly Contribution[],
  finalBoards: ReadonlySet<string>,
  revisions: ReadonlyMap<string, number>,
): AdjustmentRecord[] {
  const byKey = new Map<
    string,
    { c: Contribution; before: number; after: number; beforeAt: number | null; afterAt: number | null }
  >();
  const touch = (c: Contribution, side: 'before' | 'after') => {
    if (!finalBoards.has(boardKeyOf(c.contestId, c.periodStart))) return;
    const key = `${c.eventId}|${c.contestId}|${c.periodStart}|${c.repId}`;
    const entry = byKey.get(key) ?? { c, before: 0, after: 0, beforeAt: null, afterAt: null };
    if (side === 'before') {
      entry.before += c.points;
      entry.beforeAt = c.occurredAt;
    } else {
      entry.after += c.points;
      entry.afterAt = c.occurredAt;
    }
    byKey.set(key, entry);
  };
  for (const c of removed) touch(c, 'before');
  for (const c of added) touch(c, 'after');
  // A correction of the time alone changes no points, but it can change who reached a score or a
  // target first: it is an adjustment too.
  return [...byKey.values()]
    .filter((e) => e.before !== e.after || e.beforeAt !== e.afterAt)
    .map(({ c, before, after }) => ({
      contestId: c.contestId,
      periodStart: c.periodStart,
      eventId: c.eventId,
      revision: revisions.get(c.eventId) ?? 0,
      repId: c.repId,
      pointsBefore: before,
      pointsAfter: after,
    }));
}
