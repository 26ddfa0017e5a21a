import type { BoardRules } from './board-rules.js';
import type { TieRule } from './contest-rules.js';
import type { Standing } from './standings.js';
import { ownValue } from './own-value.js';

/** A rep as boards need them: who they are, their team (by key) and role. */
export interface Member {
  readonly repId: string;
  readonly externalId: string;
  readonly displayName: string;
  readonly team: string | null;
  readonly role: string | null;
}

export interface TeamInfo {
  readonly key: string;
  readonly name: string;
}

/** Everything a board is built from: the standings of one contest period and who the reps are. */
export interface BoardInput {
  readonly standings: readonly Standing[];
  /**
   * Reps by id. Must hold every rep with a standing, and for team contests every member of the
   * competing teams (a per-member average counts members without a score).
   */
  readonly members: ReadonlyMap<string, Member>;
  readonly teams: ReadonlyMap<string, TeamInfo>;
  /** target_race: when each rep who reached the target reached it ({@link finishTime}). */
  readonly finishedAt?: ReadonlyMap<string, number>;
}

/**
 * What an entry's `value` means: plain points, percent of target in hundredths of a percent
 * (10435 = 104.35%), or a team's per-member average in hundredths of a point (1250 = 12.50).
 */
export type ValueUnit = 'points' | 'percent_hundredths' | 'average_hundredths';

export interface BoardEntry {
  readonly rank: number;
  readonly kind: 'rep' | 'team';
  /** The rep's id, or the team's key. */
  readonly id: string;
  /** The rep's external id, or the team's key. */
  readonly externalId: string;
  readonly name: string;
  /** Points scored (a team: its members' sum). */
  readonly score: number;
  /** What the board ranks by, in {@link ValueUnit}s: integers, so comparisons are exact. */
  readonly value: number;
  /** When the entry reached its score (the latest event that counted). */
  readonly reachedAt: number;
  /** target_race: when the rep reached the target; null when not (yet). */
  readonly finishedAt: number | null;
  /**
   * Value behind the entry listed just above; null for the first, and in a race next to a rep who
   * finished (finishers are ranked by time, not points).
   */
  readonly gapToNext: number | null;
  /** The rep's own target when the contest ranks by percent of target. */
  readonly target: number | null;
  /** A team's number of competing members. */
  readonly members: number | null;
}

/** One board: a whole contest period, or one division of it. */
export interface Board {
  /** The division's key (team key or role); null when the contest has no divisions. */
  readonly division: string | null;
  readonly entries: readonly BoardEntry[];
}

/** Division of reps with no team or no role. */
export const UNASSIGNED_DIVISION = 'unassigned';

export function valueUnitOf(rules: BoardRules): ValueUnit {
  if (rules.kind === 'team' && rules.teamScoring === 'average') return 'average_hundredths';
  if (rules.kind === 'leaderboard' && rules.targets !== null) return 'percent_hundredths';
  return 'points';
}

/**
 * When a rep reached `target`: the `occurredAt` of the event that brought their running total to it,
 * adding events in the order they happened. Null when the total never reaches it. Arrival order does
 * not matter: a late event that happened earlier moves the finish earlier.
 */
export function finishTime(
  contributions: readonly { readonly points: number; readonly occurredAt: number }[],
  target: number,
): number | null {
  const ordered = [...contributions].sort((a, b) => a.occurredAt - b.occurredAt);
  let total = 0;
  for (const c of ordered) {
    total += c.points;
    if (total >= target) return c.occurredAt;
  }
  return null;
}

/**
 * Board order: in a race, reps who finished come first, earliest finish first. Everyone else by value,
 * high to low; on equal values the one who reached it first (earlier `reachedAt`); then by id, so the
 * order is total and deterministic.
 */
export function compareEntries(
  a: Pick<BoardEntry, 'id' | 'value' | 'reachedAt' | 'finishedAt'>,
  b: Pick<BoardEntry, 'id' | 'value' | 'reachedAt' | 'finishedAt'>,
): number {
  if (a.finishedAt !== null || b.finishedAt !== null) {
    if (a.finishedAt === null) return 1;
    if (b.finishedAt === null) return -1;
    if (a.finishedAt !== b.finishedAt) return a.finishedAt - b.finishedAt;
  } else {
    if (a.value !== b.value) return b.value - a.value;
    if (a.reachedAt !== b.reachedAt) return a.reachedAt - b.reachedAt;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether two entries are tied for the purpose of the `shared` tie rule. */
function tied(
  a: Pick<BoardEntry, 'value' | 'finishedAt'>,
  b: Pick<BoardEntry, 'value' | 'finishedAt'>,
): boolean {
  if (a.finishedAt !== null || b.finishedAt !== null) return a.finishedAt === b.finishedAt;
  return a.value === b.value;
}

type Unranked = Omit<BoardEntry, 'rank' | 'gapToNext'>;

function rankEntries(entries: Unranked[], tieRule: TieRule): BoardEntry[] {
  const ordered = [...entries].sort(compareEntries);
  const ranked: BoardEntry[] = [];
  ordered.forEach((entry, i) => {
    const above = ranked[i - 1];
    const rank = tieRule === 'shared' && above !== undefined && tied(above, entry) ? above.rank : i + 1;
    // In a race a finisher can have fewer points than someone ranked below: no gap in points there.
    const gap =
      above === undefined || above.finishedAt !== null || entry.finishedAt !== null
        ? null
        : above.value - entry.value;
    ranked.push({ ...entry, rank, gapToNext: gap });
  });
  return ranked;
}

/** Whether a rep competes in a contest (its `participants`). */
export function participates(rules: BoardRules, member: Member): boolean {
  const { participants } = rules;
  switch (participants.kind) {
    case 'everyone':
      return true;
    case 'teams':
      return member.team !== null && participants.teams.includes(member.team);
    case 'reps':
      return participants.reps.includes(member.externalId);
  }
}

function divisionOf(rules: BoardRules, member: Member): string | null {
  switch (rules.divisions) {
    case 'none':
      return null;
    case 'team':
      return member.team ?? UNASSIGNED_DIVISION;
    case 'role':
      return member.role ?? UNASSIGNED_DIVISION;
  }
}

/** A rep's target under per-rep targets: their own, or the default. */
export function targetOf(rules: BoardRules, member: Member): number | null {
  if (rules.targets === null) return null;
  return ownValue(rules.targets.perRep, member.externalId) ?? rules.targets.default;
}

function repEntries(rules: BoardRules, input: BoardInput): { division: string | null; entry: Unranked }[] {
  const result: { division: string | null; entry: Unranked }[] = [];
  for (const s of input.standings) {
    const member = input.members.get(s.repId);
    if (member === undefined || !participates(rules, member) || s.score < rules.minScore) continue;
    const target = targetOf(rules, member);
    result.push({
      division: divisionOf(rules, member),
      entry: {
        kind: 'rep',
        id: s.repId,
        externalId: member.externalId,
        name: member.displayName,
        score: s.score,
        // Percent of target in hundredths, rounded down: 7 of 9 is 77.77%.
        // BigInt: score * 10,000 passes 2^53 for amounts beyond about 9 * 10^11 minor units.
        value: target === null ? s.score : Number((BigInt(s.score) * 10_000n) / BigInt(target)),
        reachedAt: s.reachedAt,
        finishedAt: rules.kind === 'target_race' ? (input.finishedAt?.get(s.repId) ?? null) : null,
        target,
        members: null,
      },
    });
  }
  return result;
}

function teamEntries(rules: BoardRules, input: BoardInput): Unranked[] {
  const size = new Map<string, number>();
  for (const member of input.members.values()) {
    if (member.team !== null && participates(rules, member)) {
      size.set(member.team, (size.get(member.team) ?? 0) + 1);
    }
  }
  const totals = new Map<string, { score: number; reachedAt: number }>();
  for (const s of input.standings) {
    const member = input.members.get(s.repId);
    if (member === undefined || member.team === null || !participates(rules, member)) continue;
    const total = totals.get(member.team) ?? { score: 0, reachedAt: Number.NEGATIVE_INFINITY };
    total.score += s.score;
    total.reachedAt = Math.max(total.reachedAt, s.reachedAt);
    totals.set(member.team, total);
  }
  const entries: Unranked[] = [];
  for (const [key, total] of totals) {
    const members = size.get(key) ?? 1;
    entries.push({
      kind: 'team',
      id: key,
      externalId: key,
      name: input.teams.get(key)?.name ?? key,
      score: total.score,
      // Per-member average in hundredths, rounded down, over every competing member (with or without a score).
      value: rules.teamScoring === 'average' ? Math.floor((total.score * 100) / members) : total.score,
      reachedAt: total.reachedAt,
      finishedAt: null,
      target: null,
      members,
    });
  }
  return entries;
}

/**
 * The boards of one contest period, ranked: who takes part, per-rep targets, teams, divisions, the
 * minimum score to appear and the tie rule, applied to the period's standings. With divisions, one
 * board per division that has entries, in key order; without, exactly one board.
 */
export function buildBoards(rules: BoardRules, input: BoardInput): Board[] {
  if (rules.kind === 'team') {
    return [{ division: null, entries: rankEntries(teamEntries(rules, input), rules.tieRule) }];
  }
  const byDivision = new Map<string | null, Unranked[]>();
  if (rules.divisions === 'none') byDivision.set(null, []);
  for (const { division, entry } of repEntries(rules, input)) {
    const list = byDivision.get(division) ?? [];
    list.push(entry);
    byDivision.set(division, list);
  }
  return [...byDivision.entries()]
    .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0))
    .map(([division, entries]) => ({ division, entries: rankEntries(entries, rules.tieRule) }));
}
