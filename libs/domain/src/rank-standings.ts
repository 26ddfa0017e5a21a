import type { TieRule } from './contest-rules.js';
import type { Standing } from './standings.js';

export interface RankedStanding extends Standing {
  /** 1-based. Under `first_to_reach` ranks are 1..n; under `shared` equal scores share one (1, 1, 3). */
  readonly rank: number;
  /**
   * Points behind the entry listed just above (0 when tied and ordered below by the tie rule);
   * `null` for the first entry.
   */
  readonly gapToNext: number | null;
}

/**
 * The board order: higher score first; on equal scores the rep who reached it first (earlier
 * `reachedAt`); at the same instant, the lower rep id. A total order, so ranking is deterministic.
 * Storage mirrors it as `ORDER BY score DESC, reached_at ASC, rep_id ASC`.
 */
export function compareStandings(a: Standing, b: Standing): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.reachedAt !== b.reachedAt) return a.reachedAt - b.reachedAt;
  return a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0;
}

/**
 * Ranks a board. `ordered` may be a slice of a larger board already in {@link compareStandings}
 * order: `offset` is the number of entries before it, `previous` the entry just above it (if any),
 * and `previousRank` that entry's rank, so a page of the board ranks exactly like the whole board.
 */
export function rankStandings(
  standings: readonly Standing[],
  tieRule: TieRule,
  context: { offset: number; previous: Standing | null; previousRank: number | null } = {
    offset: 0,
    previous: null,
    previousRank: null,
  },
): RankedStanding[] {
  const ordered = [...standings].sort(compareStandings);
  const ranked: RankedStanding[] = [];
  let above: Standing | null = context.previous;
  let aboveRank: number | null = context.previousRank;
  ordered.forEach((s, i) => {
    const position = context.offset + i + 1;
    const rank =
      tieRule === 'shared' && above !== null && aboveRank !== null && above.score === s.score
        ? aboveRank
        : position;
    ranked.push({ ...s, rank, gapToNext: above === null ? null : above.score - s.score });
    above = s;
    aboveRank = rank;
  });
  return ranked;
}

/**
 * The slice of a ranked board around one rep: up to `above` entries before and `below` after.
 * Empty when the rep is not on the board.
 */
export function aroundRep<T extends { repId: string }>(
  ranked: readonly T[],
  repId: string,
  above = 2,
  below = 2,
): T[] {
  const i = ranked.findIndex((r) => r.repId === repId);
  if (i < 0) return [];
  return ranked.slice(Math.max(0, i - above), i + below + 1);
}
