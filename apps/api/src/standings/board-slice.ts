import type { StandingEntry, StandingsPeriod } from '#contracts';
import type { BoardSnapshot } from './standings-reader.service.js';

export const MAX_TOP = 100;
/** Lines "around me" lists above and below the rep. */
export const AROUND_ABOVE = 2;
export const AROUND_BELOW = 2;

/** One ranked board of a contest (a division's, or the only one): its lines from position 1. */
export interface RankedBoard {
  readonly division: string | null;
  readonly entries: readonly StandingEntry[];
  /** Lines on the board; more than `entries` holds when only its top was read. */
  readonly total: number;
}

/**
 * Every board of a contest at one version, from one REPEATABLE READ snapshot: what the live fan-out
 * slices each watcher's {@link BoardSnapshot} from ({@link sliceLiveBoards}), so that one read serves
 * every socket however many reps they watch.
 */
export interface LiveBoards {
  readonly contestId: string;
  readonly version: number;
  readonly period: StandingsPeriod;
  /** Whether the contest has divisions (only then may a watcher name one). */
  readonly divided: boolean;
  /** Every division of the period, on a contest with divisions (empty otherwise). */
  readonly divisions: string[];
  readonly boards: readonly RankedBoard[];
  /** True when `boards` hold every line; false when only a top was read (enough without a rep). */
  readonly complete: boolean;
  /** Team and TV hiding of every rep listed on `boards`, by external id (for `showsLine`). */
  readonly reps: ReadonlyMap<string, { readonly team: string | null; readonly hidden: boolean }>;
}

/**
 * The board a watcher sees and their lines on it: `division` when named (an unknown one is empty),
 * else the board the rep is on, else the first; its first `limit` lines, and for `rep` the lines
 * around them ({@link AROUND_ABOVE} above, {@link AROUND_BELOW} below; empty when not on that board).
 * Needs every line of the boards when `rep` is given.
 */
export function pickBoard(
  boards: readonly RankedBoard[],
  divisions: string[],
  limit: number,
  rep: string | null,
  division: string | null,
): Pick<BoardSnapshot, 'division' | 'divisions' | 'total' | 'top' | 'around' | 'aroundOffset'> {
  const mine = rep === null ? undefined : boards.find((b) => positionsOf(b).has(rep));
  const board =
    division !== null
      ? boards.find((b) => b.division === division)
      : (mine ?? boards[0] ?? { division: null, entries: [], total: 0 });
  if (board === undefined) {
    // A division nobody has scored in yet is an empty board; an unknown one is still just empty.
    return { division, divisions, total: 0, top: [], around: rep === null ? null : [], aroundOffset: 0 };
  }
  const { entries } = board;
  const index = rep === null ? -1 : (positionsOf(board).get(rep) ?? -1);
  return {
    division: board.division,
    divisions,
    total: board.total,
    top: entries.slice(0, limit),
    around:
      rep === null
        ? null
        : index < 0
          ? []
          : entries.slice(Math.max(0, index - AROUND_ABOVE), index + AROUND_BELOW + 1),
    aroundOffset: index < 0 ? 0 : Math.max(0, index - AROUND_ABOVE),
  };
}

/** Each board's line index by rep (external id), built once per board: a flush slices it for every rep. */
const positions = new WeakMap<RankedBoard, Map<string, number>>();

function positionsOf(board: RankedBoard): Map<string, number> {
  let found = positions.get(board);
  if (found === undefined) {
    const map = new Map<string, number>();
    board.entries.forEach((e, i) => {
      if (e.rep !== null && !map.has(e.rep.externalId)) map.set(e.rep.externalId, i);
    });
    positions.set(board, map);
    found = map;
  }
  return found;
}

/**
 * One watcher's snapshot cut from a contest's {@link LiveBoards}, equal to what the reader's own
 * `snapshot(contestId, top, rep, null, division)` reads at that version (test/fan-out.e2e-spec.ts
 * compares the two). Null for a division on a contest without divisions, which a read refuses.
 */
export function sliceLiveBoards(
  live: LiveBoards,
  top: number,
  rep: string | null,
  division: string | null,
): BoardSnapshot | null {
  if (division !== null && !live.divided) return null;
  if (rep !== null && !live.complete) {
    throw new Error('a rep’s neighbourhood needs every line of the board: read it with every line');
  }
  return {
    contestId: live.contestId,
    version: live.version,
    period: live.period,
    ...pickBoard(live.boards, live.divisions, Math.min(Math.max(top, 0), MAX_TOP), rep, division),
    reps: live.reps,
  };
}
