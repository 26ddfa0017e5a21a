import type { MyContestResponse, StandingEntry, StandingsMessage } from '#contracts';

/** Lines shown around the rep, above and below (the api sends up to 2 above and 2 below). */
const AROUND = 2;

/**
 * Folds a live standings message (subscribed with the rep's own id) into the rep's contest as
 * `GET /api/v1/me/contests` gave it. Returns `null` when the message cannot be folded in and the
 * contest should be fetched again: a new period began.
 *
 * What each side carries: the message has the public top and, for a rep, the rep's own line with the
 * lines above ("around"); the lines below the rep come from the public top (as the REST answer gives
 * them: below the rep only what the public board shows). A team contest finds the rep's team on the top.
 * Numbers are the server's (rank, score, gap): nothing is computed here, only picked.
 */
export function foldLive(
  current: MyContestResponse,
  message: StandingsMessage,
  rep: string,
): MyContestResponse | null {
  if (message.contestId !== current.contest.id) return current;
  if (message.period.start !== current.period.start) return null;
  if (message.version <= current.version) return current;
  const base = { ...current, version: message.version, period: message.period, top: message.top };
  if (current.contest.kind === 'team') {
    const key = current.me?.team?.key;
    const index = key === undefined ? -1 : message.top.findIndex((e) => e.team?.key === key);
    // A team outside the public part of the board is not on the message: keep its last known line.
    if (index < 0) return { ...base, me: current.me, around: current.around };
    return {
      ...base,
      me: message.top[index] ?? null,
      around: message.top.slice(Math.max(0, index - AROUND), index + AROUND + 1),
    };
  }
  const above = message.around ?? [];
  const mine = above.findIndex((e) => e.rep?.externalId === rep);
  if (mine < 0) return { ...base, me: null, around: [] };
  const inTop = message.top.findIndex((e) => e.rep?.externalId === rep);
  const below: StandingEntry[] = inTop < 0 ? [] : message.top.slice(inTop + 1, inTop + 1 + AROUND);
  return {
    ...base,
    me: above[mine] ?? null,
    around: [...above.slice(Math.max(0, mine - AROUND), mine + 1), ...below],
  };
}
