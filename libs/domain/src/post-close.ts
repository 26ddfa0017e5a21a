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
 * one per event, rep and final board whose points changed. A revision that moves an event out of a
 * final period is one with `pointsAfter` 0; a late event into one has `pointsBefore` 0.
 */
export function postCloseAdjustments(
  removed: readonly Contribution[],
  added: readonly Contribution[],
  finalBoards: ReadonlySet<string>,
  revisions: ReadonlyMap<string, number>,
): AdjustmentRecord[] {
  const byKey = new Map<string, { c: Contribution; before: number; after: number }>();
  const touch = (c: Contribution, before: number, after: number) => {
    if (!finalBoards.has(boardKeyOf(c.contestId, c.periodStart))) return;
    const key = `${c.eventId}|${c.contestId}|${c.periodStart}|${c.repId}`;
    const entry = byKey.get(key) ?? { c, before: 0, after: 0 };
    entry.before += before;
    entry.after += after;
    byKey.set(key, entry);
  };
  for (const c of removed) touch(c, c.points, 0);
  for (const c of added) touch(c, 0, c.points);
  return [...byKey.values()]
    .filter((e) => e.before !== e.after)
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
