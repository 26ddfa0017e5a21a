import type { BoardContest, StandingEntry, StandingsMessage } from '#contracts';

/**
 * What the TV keeps per contest of its playlist, and how a message from the server changes it. Pure: times
 * are parameters (ms since the epoch, on the server's clock as the TV estimates it).
 *
 * Period end: when a message arrives for a newer period than the one on screen, the finished period's
 * board is kept as `finished` until `winnersHoldSeconds` after that period's end, so the office sees last
 * week's winners before the new (empty) week starts. A TV that learns of the rollover late (it was off)
 * shows them only for what is left of the hold.
 */
export interface ContestLive {
  /** The latest board of the current period (a snapshot or an update: always a whole top N). */
  readonly current: StandingsMessage;
  /** The finished period's last board, shown until `until`. */
  readonly finished: { readonly message: StandingsMessage; readonly until: number } | null;
  /** When the latest message arrived (local ms). */
  readonly receivedAt: number;
  /** Score increases of the latest update by entry key, for a short "+3" on screen. */
  readonly gains: ReadonlyMap<string, number>;
}

/** A stable key for a board line: the rep's id, or the team's key. */
export function entryKey(entry: StandingEntry): string {
  if (entry.rep !== null) return `rep:${entry.rep.id}`;
  if (entry.team !== undefined) return `team:${entry.team.key}`;
  return `rank:${entry.rank}`;
}

/** The name a line shows: the rep's, or the team's. */
export function entryName(entry: StandingEntry): string {
  return entry.rep?.displayName ?? entry.team?.name ?? '';
}

function gainsOf(before: readonly StandingEntry[], after: readonly StandingEntry[]): Map<string, number> {
  const previous = new Map(before.map((e) => [entryKey(e), e.score]));
  const gains = new Map<string, number>();
  for (const entry of after) {
    const key = entryKey(entry);
    const old = previous.get(key) ?? 0;
    if (entry.score > old) gains.set(key, entry.score - old);
  }
  return gains;
}

/** The new state after a message (`kind`: a snapshot replaces, an update moves on; both carry the top N). */
export function applyMessage(
  previous: ContestLive | undefined,
  message: StandingsMessage,
  kind: 'snapshot' | 'update',
  receivedAt: number,
  winnersHoldSeconds: number,
): ContestLive {
  if (previous === undefined) {
    return { current: message, finished: null, receivedAt, gains: new Map() };
  }
  const oldStart = Date.parse(previous.current.period.start);
  const newStart = Date.parse(message.period.start);
  if (newStart > oldStart) {
    const until = Date.parse(previous.current.period.end) + winnersHoldSeconds * 1000;
    const finished =
      previous.current.top.length > 0 && winnersHoldSeconds > 0 ? { message: previous.current, until } : null;
    return { current: message, finished, receivedAt, gains: new Map() };
  }
  // The same period (or, never expected, an older one: the server's word wins). A snapshot after a
  // reconnect replaces every line: lines of reps who left the top N or hid themselves are gone.
  const gains =
    kind === 'update' && newStart === oldStart ? gainsOf(previous.current.top, message.top) : new Map();
  return {
    current: message,
    finished: newStart === oldStart ? previous.finished : null,
    receivedAt,
    gains,
  };
}

/** What a slide shows now: the live board, the held winners of the finished period, or a board that ended. */
export type SlideMode =
  | { readonly mode: 'live'; readonly message: StandingsMessage }
  /** The finished period's winners (held after a rollover, or the current period is over). */
  | { readonly mode: 'winners'; readonly message: StandingsMessage; readonly final: boolean };

export function slideMode(state: ContestLive, contest: BoardContest, now: number): SlideMode {
  if (state.finished !== null && now < state.finished.until) {
    return { mode: 'winners', message: state.finished.message, final: false };
  }
  const ended = now >= Date.parse(state.current.period.end);
  if (ended) {
    const final =
      contest.periodKind === 'once' || contest.status === 'final' || contest.status === 'finalising';
    return { mode: 'winners', message: state.current, final };
  }
  return { mode: 'live', message: state.current };
}

/**
 * Whether the TV should ask for a fresh snapshot: a recurring contest whose period ended has a new period
 * the server knows of, even if no event was scored in it yet.
 */
export function needsNewPeriod(state: ContestLive, contest: BoardContest, now: number): boolean {
  return contest.periodKind !== 'once' && now >= Date.parse(state.current.period.end);
}

/** The newest `reachedAt` among the lines of the boards, capped at `now`: "last sale 12 s ago". */
export function newestActivity(states: Iterable<ContestLive>, now: number): number | null {
  let newest: number | null = null;
  for (const state of states) {
    for (const entry of state.current.top) {
      const at = Date.parse(entry.reachedAt);
      if (Number.isFinite(at) && (newest === null || at > newest)) newest = at;
    }
  }
  return newest === null ? null : Math.min(newest, now);
}

/** How a slide lays out its lines, by how many there are. */
export type BoardLayout =
  | { readonly kind: 'podium' }
  | { readonly kind: 'list' }
  | { readonly kind: 'grid'; readonly columns: number; readonly rows: number };

/** Up to 3 lines: podium cards; up to 12: one list; more: a grid filled column by column. */
export function layoutFor(count: number): BoardLayout {
  if (count <= 3) return { kind: 'podium' };
  if (count <= 12) return { kind: 'list' };
  const columns = Math.min(4, Math.ceil(count / 13));
  return { kind: 'grid', columns, rows: Math.ceil(count / columns) };
}

/** What a line's progress bar fills toward, in the line's own value; null: no goal to show. */
export interface Goal {
  readonly value: number;
  readonly max: number;
  /** Thresholds on the way (prize thresholds below the max), as marks on the bar. */
  readonly marks: readonly number[];
}

export function goalOf(contest: BoardContest, entry: StandingEntry): Goal | null {
  if (contest.unit.kind === 'percent' || entry.percentToTarget !== undefined) {
    const value = entry.percentToTarget ?? entry.score;
    return { value, max: 100, marks: [] };
  }
  const thresholds = contest.prizes
    .map((p) => p.threshold)
    .filter((t): t is number => t !== undefined && t > 0)
    .sort((a, b) => a - b);
  const target = entry.target ?? contest.target;
  const max = target ?? thresholds[thresholds.length - 1] ?? null;
  if (max === null || max <= 0) return null;
  return { value: entry.score, max, marks: thresholds.filter((t) => t < max) };
}
