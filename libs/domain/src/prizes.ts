import type { Board, BoardEntry, ValueUnit } from './build-board.js';
import type { FieldProblem } from './domain-error.js';

export interface Prize {
  readonly name: string;
  readonly description: string | null;
  readonly imageUrl: string | null;
}

/**
 * What a contest period awards.
 * - `ranks`: a prize per rank (1st, 2nd, ...), on every board (each division awards its own).
 * - `thresholds`: a prize for everyone whose board value is at least `atLeast` (points; percent of
 *   target for targeted contests; the average for team averages).
 */
export interface Prizes {
  readonly ranks: readonly { readonly rank: number; readonly prize: Prize }[];
  readonly thresholds: readonly { readonly atLeast: number; readonly prize: Prize }[];
}

export const NO_PRIZES: Prizes = { ranks: [], thresholds: [] };
export const MAX_PRIZES = 50;
const MAX_RANK = 1_000;
const MAX_AT_LEAST = 1_000_000_000_000;

/** One prize won by one entry of one board. */
export interface Award {
  readonly division: string | null;
  readonly kind: 'rank' | 'threshold';
  /** The rank the prize is for (`rank` prizes). */
  readonly rank: number | null;
  /** The threshold the prize is for (`threshold` prizes). */
  readonly atLeast: number | null;
  readonly prize: Prize;
  readonly winner: {
    readonly kind: 'rep' | 'team';
    readonly id: string;
    readonly externalId: string;
    readonly name: string;
  };
  /** The winner's rank and value on the board when the prize was awarded. */
  readonly winnerRank: number;
  /**
   * The winner's 1-based line on that board and how many lines it had: where the winner stands for the
   * rule of who sees which line (`showsLine`). Under shared ranks a line's position can exceed its rank.
   */
  readonly winnerPosition: number;
  readonly boardTotal: number;
  readonly score: number;
  readonly value: number;
}

function checkPrize(prize: Prize, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof prize.name !== 'string' || prize.name.trim().length === 0 || prize.name.length > 120) {
    problems.push({ path: `${path}.name`, reason: 'must be 1 to 120 characters' });
  }
  if (
    prize.description !== null &&
    (typeof prize.description !== 'string' || prize.description.length > 2000)
  ) {
    problems.push({ path: `${path}.description`, reason: 'must be at most 2000 characters' });
  }
  if (prize.imageUrl !== null && !isWebUrl(prize.imageUrl)) {
    problems.push({
      path: `${path}.imageUrl`,
      reason: 'must be an http or https URL of at most 2000 characters',
    });
  }
  return problems;
}

function isWebUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Every problem with a contest's prizes, with paths relative to `prefix`. */
export function checkPrizes(prizes: Prizes, prefix = 'prizes'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (prizes.ranks.length + prizes.thresholds.length > MAX_PRIZES) {
    problems.push({ path: prefix, reason: `must hold at most ${MAX_PRIZES} prizes` });
  }
  const ranks = new Set<number>();
  prizes.ranks.forEach((p, i) => {
    const path = `${prefix}.ranks[${i}]`;
    if (!Number.isInteger(p.rank) || p.rank < 1 || p.rank > MAX_RANK) {
      problems.push({ path: `${path}.rank`, reason: `must be a whole number from 1 to ${MAX_RANK}` });
    } else if (ranks.has(p.rank)) {
      problems.push({ path: `${path}.rank`, reason: `rank ${p.rank} already has a prize` });
    }
    ranks.add(p.rank);
    problems.push(...checkPrize(p.prize, `${path}.prize`));
  });
  prizes.thresholds.forEach((p, i) => {
    const path = `${prefix}.thresholds[${i}]`;
    if (!Number.isInteger(p.atLeast) || p.atLeast < 1 || p.atLeast > MAX_AT_LEAST) {
      problems.push({ path: `${path}.atLeast`, reason: `must be a whole number from 1 to ${MAX_AT_LEAST}` });
    }
    problems.push(...checkPrize(p.prize, `${path}.prize`));
  });
  return problems;
}

/** A threshold in the board's value units (percent and averages are kept in hundredths). */
function thresholdValue(atLeast: number, unit: ValueUnit): number {
  return unit === 'points' ? atLeast : atLeast * 100;
}

/** The award of a prize to `entry`, the line at 0-based `index` of `board`. */
function awardOf(
  board: Board,
  entry: BoardEntry,
  index: number,
  fields: Pick<Award, 'kind' | 'rank' | 'atLeast' | 'prize'>,
): Award {
  return {
    division: board.division,
    ...fields,
    winner: { kind: entry.kind, id: entry.id, externalId: entry.externalId, name: entry.name },
    winnerRank: entry.rank,
    winnerPosition: index + 1,
    boardTotal: board.entries.length,
    score: entry.score,
    value: entry.value,
  };
}

/**
 * The prizes a finished period awards. A rank prize goes to every entry holding that rank: under the
 * `shared` tie rule two reps tied for 1st both win the 1st prize (and nobody is 2nd); under
 * `first_to_reach` ranks are unique. In a target race (`race`) only reps who reached the target win rank
 * prizes. A threshold prize goes to every entry whose value reaches it.
 */
export function awardPrizes(
  boards: readonly Board[],
  prizes: Prizes,
  unit: ValueUnit,
  race = false,
): Award[] {
  const awards: Award[] = [];
  for (const board of boards) {
    for (const { rank, prize } of [...prizes.ranks].sort((a, b) => a.rank - b.rank)) {
      board.entries.forEach((entry, i) => {
        // In a race a rank prize is for reaching the target: nobody who did not finish wins one.
        if (race && entry.finishedAt === null) return;
        if (entry.rank === rank)
          awards.push(awardOf(board, entry, i, { kind: 'rank', rank, atLeast: null, prize }));
      });
    }
    for (const { atLeast, prize } of [...prizes.thresholds].sort((a, b) => a.atLeast - b.atLeast)) {
      board.entries.forEach((entry, i) => {
        if (entry.value >= thresholdValue(atLeast, unit)) {
          awards.push(awardOf(board, entry, i, { kind: 'threshold', rank: null, atLeast, prize }));
        }
      });
    }
  }
  return awards;
}

function awardKey(a: Award): string {
  return `${a.division ?? ''}|${a.kind}|${a.rank ?? ''}|${a.atLeast ?? ''}|${a.prize.name}|${a.winner.kind}:${a.winner.id}`;
}

/** How the awards of a period would change: prizes that would be lost and prizes that would be won. */
export function diffAwards(
  before: readonly Award[],
  after: readonly Award[],
): { readonly lost: Award[]; readonly won: Award[] } {
  const beforeKeys = new Set(before.map(awardKey));
  const afterKeys = new Set(after.map(awardKey));
  return {
    lost: before.filter((a) => !afterKeys.has(awardKey(a))),
    won: after.filter((a) => !beforeKeys.has(awardKey(a))),
  };
}
