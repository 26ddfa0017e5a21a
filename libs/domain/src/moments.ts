import type { ContestKind } from './board-rules.js';
import type { ValueUnit } from './build-board.js';
import type { Money } from './sales-event.js';
import type { Award } from './prizes.js';

/**
 * What a board celebrates. The same list as `MOMENT_KINDS` in libs/contracts (checked by
 * value-lists.spec.ts): domain imports nothing outside itself.
 */
export type MomentKind = 'big_deal' | 'new_leader' | 'target_reached' | 'prize_won';
export const MOMENT_KINDS: readonly MomentKind[] = ['big_deal', 'new_leader', 'target_reached', 'prize_won'];

/** The ledger event behind a moment: its stable ledger id and revision make the moment's id. */
export interface MomentCause {
  readonly eventId: string;
  readonly revision: number;
  readonly type: string;
  readonly occurredAt: number;
  readonly amount: Money | null;
}

/** One line of a board as moments need it (a rep, or a team on a team contest). */
export interface MomentEntry {
  readonly kind: 'rep' | 'team';
  /** The rep's id, or the team's key. */
  readonly id: string;
  /** The rep's external id, or the team's key. */
  readonly externalId: string;
  readonly name: string;
  readonly score: number;
  /** What the board ranks by, in the board's value unit (points, or hundredths of a percent/average). */
  readonly value: number;
}

/**
 * One board (a division, or the whole contest period) before or after a scoring commit. `entries` hold
 * at least the leader (first, when the board has one) and every entry the commit changed; they may hold
 * the whole board.
 */
export interface MomentBoard {
  readonly division: string | null;
  readonly entries: readonly MomentEntry[];
}

/** What one scoring commit did to one contest period, as the worker saw it inside the transaction. */
export interface BoardChange {
  readonly contestId: string;
  readonly kind: ContestKind;
  readonly unit: ValueUnit;
  /** target_race: the score to reach. */
  readonly raceTarget: number | null;
  /** Threshold prizes: `atLeast` as contests state it (points, percent, average), and the prize's name. */
  readonly thresholds: readonly { readonly atLeast: number; readonly prize: string }[];
  readonly before: readonly MomentBoard[];
  readonly after: readonly MomentBoard[];
  /** The latest event of this commit that changed each entry, by entry id (rep id or team key). */
  readonly causes: ReadonlyMap<string, MomentCause>;
  /** Events this commit counted on this board for the first time, with an amount, by the rep who made them. */
  readonly deals: readonly { readonly entry: MomentEntry; readonly cause: MomentCause }[];
}

/** A candidate celebration. Screens choose among them by their settings ({@link celebrates}). */
export interface Moment {
  /** Stable: the same commit replayed (a redelivered job) yields the same id. */
  readonly id: string;
  readonly contestId: string;
  readonly kind: MomentKind;
  /** Epoch ms: the event's occurredAt, or the period's end for rank prizes. */
  readonly at: number;
  readonly subject: { readonly kind: 'rep' | 'team'; readonly externalId: string; readonly name: string };
  readonly score: number;
  readonly amount: Money | null;
  readonly eventType: string | null;
  readonly rank: number | null;
  readonly prize: string | null;
  /**
   * The event behind the moment (`<ledger id>:<revision>`), null for rank prizes. One deal counted by two
   * contests is one big deal: a screen showing both cheers it once.
   */
  readonly event: string | null;
}

const ORDER: Readonly<Record<MomentKind, number>> = {
  big_deal: 0,
  target_reached: 1,
  prize_won: 2,
  new_leader: 3,
};

/** The value an entry must reach for a threshold stated in the contest's terms (see `awardPrizes`). */
function inValueUnits(atLeast: number, unit: ValueUnit): number {
  return unit === 'points' ? atLeast : atLeast * 100;
}

/** Percent of target in hundredths: a rep with a target reaches it at 100 %. */
const FULL_TARGET = 100 * 100;

/** Whether a change from `before` to `after` crosses `line` upwards. */
function crosses(before: number, after: number, line: number): boolean {
  return before < line && after >= line;
}

function subjectOf(entry: MomentEntry): Moment['subject'] {
  return { kind: entry.kind, externalId: entry.externalId, name: entry.name };
}

function causeKey(cause: MomentCause): string {
  return `${cause.eventId}:${cause.revision}`;
}

/**
 * Every moment worth cheering that one scoring commit produced, for every screen to choose from:
 * - `big_deal`: each event counted for the first time with an amount (a screen's threshold decides);
 * - `new_leader`: a board's first entry is someone else than before (a first leader counts too), with a
 *   positive score;
 * - `target_reached`: a changed entry crosses its target: a race's target (points), or 100 % of the
 *   rep's own target on a board ranked by percent of target;
 * - `prize_won`: a changed entry crosses a threshold prize (rank prizes are awarded at finalisation:
 *   {@link awardMoments}).
 * Only entries this commit changed can reach a target or a threshold, so an unchanged board yields
 * nothing, and a commit replayed yields the same ids. Reps hiding from TVs are filtered at delivery.
 */
export function detectMoments(changes: readonly BoardChange[]): Moment[] {
  const moments: Moment[] = [];
  for (const change of changes) {
    const { contestId } = change;
    const base = { contestId, amount: null, rank: null, prize: null };
    for (const { entry, cause } of change.deals) {
      if (cause.amount === null || cause.amount.minor <= 0) continue;
      moments.push({
        ...base,
        id: `${contestId}:big_deal:${entry.id}:${causeKey(cause)}`,
        kind: 'big_deal',
        at: cause.occurredAt,
        subject: subjectOf(entry),
        score: entry.score,
        amount: cause.amount,
        eventType: cause.type,
        event: causeKey(cause),
      });
    }
    const before = new Map(change.before.map((b) => [b.division ?? '', b]));
    for (const board of change.after) {
      const division = board.division ?? '';
      const previous = new Map((before.get(division)?.entries ?? []).map((e) => [e.id, e]));
      const leaderBefore = before.get(division)?.entries[0] ?? null;
      for (const entry of board.entries) {
        const cause = change.causes.get(entry.id);
        if (cause === undefined) continue;
        const was = previous.get(entry.id)?.value ?? 0;
        const moment = {
          ...base,
          at: cause.occurredAt,
          subject: subjectOf(entry),
          score: entry.score,
          eventType: cause.type,
          event: causeKey(cause),
        };
        const target =
          change.kind === 'target_race'
            ? change.raceTarget
            : change.unit === 'percent_hundredths' && entry.kind === 'rep'
              ? FULL_TARGET
              : null;
        if (target !== null && crosses(was, entry.value, target)) {
          moments.push({
            ...moment,
            id: `${contestId}:target_reached:${entry.id}:${causeKey(cause)}`,
            kind: 'target_reached',
          });
        }
        for (const { atLeast, prize } of change.thresholds) {
          if (!crosses(was, entry.value, inValueUnits(atLeast, change.unit))) continue;
          moments.push({
            ...moment,
            id: `${contestId}:prize_won:${atLeast}:${entry.id}:${causeKey(cause)}`,
            kind: 'prize_won',
            prize,
          });
        }
      }
      const leader = board.entries[0];
      const cause = leader === undefined ? undefined : change.causes.get(leader.id);
      if (leader !== undefined && cause !== undefined && leader.score > 0 && leader.id !== leaderBefore?.id) {
        moments.push({
          ...base,
          id: `${contestId}:new_leader:${division}:${leader.id}:${causeKey(cause)}`,
          kind: 'new_leader',
          at: cause.occurredAt,
          subject: subjectOf(leader),
          score: leader.score,
          eventType: cause.type,
          rank: 1,
          event: causeKey(cause),
        });
      }
    }
  }
  return moments.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind] || (a.id < b.id ? -1 : 1));
}

/**
 * The rank prizes of a first finalisation, as moments (threshold prizes were cheered when they were
 * crossed). A re-finalisation cheers nothing: its winners were announced by a manager's decision.
 */
export function awardMoments(
  contestId: string,
  periodStart: number,
  finalisation: number,
  awards: readonly Award[],
  periodEnd: number,
): Moment[] {
  if (finalisation !== 1) return [];
  return awards
    .filter((a) => a.kind === 'rank')
    .map((a) => ({
      id: `${contestId}:prize_won:${periodStart}:${a.division ?? ''}:${a.rank ?? ''}:${a.winner.id}`,
      contestId,
      kind: 'prize_won' as const,
      at: periodEnd,
      subject: { kind: a.winner.kind, externalId: a.winner.externalId, name: a.winner.name },
      score: a.score,
      amount: null,
      eventType: null,
      rank: a.rank,
      prize: a.prize.name,
      event: null,
    }));
}

/** What a screen celebrates: the celebration part of its board settings. */
export interface CelebrationRules {
  readonly enabled: boolean;
  readonly kinds: readonly MomentKind[];
  /** Minor units in one currency; null: no big deals. */
  readonly bigDeal: { readonly amount: number; readonly currency: string } | null;
}

/**
 * Whether a screen with `rules` shows `moment`: celebrations on, the kind chosen, a big deal at least
 * the threshold in the threshold's currency, and never a rep who hides from TVs (`hidden`).
 */
export function celebrates(rules: CelebrationRules, moment: Moment, hidden: boolean): boolean {
  if (!rules.enabled || !rules.kinds.includes(moment.kind)) return false;
  if (hidden && moment.subject.kind === 'rep') return false;
  if (moment.kind !== 'big_deal') return true;
  return (
    rules.bigDeal !== null &&
    moment.amount !== null &&
    moment.amount.currency === rules.bigDeal.currency &&
    moment.amount.minor >= rules.bigDeal.amount
  );
}
