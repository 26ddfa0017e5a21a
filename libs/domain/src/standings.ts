import type { Contribution } from './score-event.js';

/** One rep's position-independent result on one board (contest period). */
export interface Standing {
  readonly repId: string;
  readonly score: number;
  /**
   * When the rep reached `score`: the `occurredAt` of the event that brought them to it. Points are
   * positive, so that is the latest `occurredAt` among the rep's contributions; it depends only on the
   * events, never on when they arrived.
   */
  readonly reachedAt: number;
}

/** Identifies a standing row: one rep on one board. */
export interface StandingKey {
  readonly contestId: string;
  readonly periodStart: number;
  readonly repId: string;
}

export function standingKeyOf(k: StandingKey): string {
  return `${k.contestId}|${k.periodStart}|${k.repId}`;
}

/** The standing of one rep from all of their contributions to one board; `null` when there are none. */
export function standingFromContributions(
  repId: string,
  contributions: readonly Contribution[],
): Standing | null {
  if (contributions.length === 0) return null;
  let score = 0;
  let reachedAt = Number.NEGATIVE_INFINITY;
  for (const c of contributions) {
    score += c.points;
    reachedAt = Math.max(reachedAt, c.occurredAt);
  }
  return { repId, score, reachedAt };
}

/**
 * The change to one standing when an event's contributions change.
 * - `scoreDelta` / `latestAdded`: apply by adding, and keeping the later reachedAt (cheap path).
 * - `recompute`: a contribution was removed or replaced, so the max behind `reachedAt` may have gone:
 *   rebuild this one standing from its remaining contributions.
 */
export interface StandingDelta {
  readonly key: StandingKey;
  readonly scoreDelta: number;
  readonly latestAdded: number | null;
  readonly recompute: boolean;
}

export interface ContributionDiff {
  readonly removed: Contribution[];
  readonly added: Contribution[];
  readonly deltas: StandingDelta[];
}

function contributionKey(c: Contribution): string {
  return `${c.eventId}|${c.contestId}`;
}

function sameContribution(a: Contribution, b: Contribution): boolean {
  return (
    a.periodStart === b.periodStart &&
    a.repId === b.repId &&
    a.points === b.points &&
    a.occurredAt === b.occurredAt
  );
}

/**
 * What must change when events' contributions go from `before` to `after` (each list holds at most
 * one contribution per event and contest). Unchanged contributions are left alone, so re-scoring an
 * event that did not change (a redelivered job) yields no deltas at all. Deltas are sorted by key,
 * the order in which storage must lock standing rows to avoid deadlocks.
 */
export function diffContributions(
  before: readonly Contribution[],
  after: readonly Contribution[],
): ContributionDiff {
  const old = new Map(before.map((c) => [contributionKey(c), c]));
  const removed: Contribution[] = [];
  const added: Contribution[] = [];
  const seen = new Set<string>();
  for (const c of after) {
    const key = contributionKey(c);
    seen.add(key);
    const previous = old.get(key);
    if (previous !== undefined && sameContribution(previous, c)) continue;
    if (previous !== undefined) removed.push(previous);
    added.push(c);
  }
  for (const [key, c] of old) if (!seen.has(key)) removed.push(c);

  const deltas = new Map<
    string,
    { key: StandingKey; scoreDelta: number; latestAdded: number | null; recompute: boolean }
  >();
  const touch = (c: Contribution) => {
    const key = standingKeyOf(c);
    let d = deltas.get(key);
    if (d === undefined) {
      d = {
        key: { contestId: c.contestId, periodStart: c.periodStart, repId: c.repId },
        scoreDelta: 0,
        latestAdded: null,
        recompute: false,
      };
      deltas.set(key, d);
    }
    return d;
  };
  for (const c of removed) {
    const d = touch(c);
    d.scoreDelta -= c.points;
    d.recompute = true;
  }
  for (const c of added) {
    const d = touch(c);
    d.scoreDelta += c.points;
    d.latestAdded = Math.max(d.latestAdded ?? Number.NEGATIVE_INFINITY, c.occurredAt);
  }
  const sorted = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
  return { removed, added, deltas: sorted };
}

/** Applies an add-only delta to a standing (the cheap path of {@link StandingDelta}). */
export function addToStanding(standing: Standing | null, delta: StandingDelta): Standing {
  if (delta.recompute) throw new RangeError('a delta with removals must be recomputed from contributions');
  const latest = delta.latestAdded ?? Number.NEGATIVE_INFINITY;
  if (standing === null) return { repId: delta.key.repId, score: delta.scoreDelta, reachedAt: latest };
  return {
    repId: standing.repId,
    score: standing.score + delta.scoreDelta,
    reachedAt: Math.max(standing.reachedAt, latest),
  };
}
