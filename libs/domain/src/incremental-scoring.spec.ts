import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkBoardRules, DEFAULT_BOARD_RULES, type BoardRules, type Participants } from './board-rules.js';
import { buildBoards, compareEntries, type BoardEntry, type Member } from './build-board.js';
import type { PeriodRule, Weekday } from './contest-window.js';
import { checkContestRules, type Contest, type MetricRule, type TieRule } from './contest-rules.js';
import type { FilterRule } from './event-filter.js';
import { canonicalContent, decideIngest, WRITING_OUTCOMES } from './ingest-decision.js';
import { MANUAL_ADJUSTMENT, MANUAL_SOURCE } from './manual-adjustment.js';
import { compareStandings, rankStandings } from './rank-standings.js';
import { recomputeStandings, resolveLedger, type ArrivedVersion } from './recompute-standings.js';
import type { EventType, SalesEvent } from './sales-event.js';
import { scoreEvent, type Contribution } from './score-event.js';
import { ownValue } from './own-value.js';
import {
  addToStanding,
  diffContributions,
  standingFromContributions,
  standingKeyOf,
  type Standing,
  type StandingKey,
} from './standings.js';

const HOUR = 60 * 60 * 1000;
// Six weeks around the 2026 spring DST changes (New York 03-08, Amsterdam 03-29) in every zone used.
const RANGE_START = Date.parse('2026-02-26T00:00:00Z');
const RANGE_END = RANGE_START + 6 * 7 * 24 * HOUR;
const ZONES = ['Europe/Amsterdam', 'America/New_York', 'UTC', 'Asia/Kolkata'] as const;
const REPS = ['amy', 'bob', 'cat', 'dan'] as const;
const KEYS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'] as const;
const TYPES: readonly EventType[] = ['license_sold', 'call_logged', 'deal_won'];
const SOURCES = ['hubspot', 'salesforce', 'pipedrive'] as const;
/** The ledger key names the source too, so every version of one key comes from the same source. */
const sourceOf = (ledgerKey: string): string => SOURCES[KEYS.indexOf(ledgerKey as never) % SOURCES.length]!;

const metricArb: fc.Arbitrary<MetricRule> = fc.oneof(
  fc.record({ kind: fc.constant('count' as const), eventTypes: fc.subarray([...TYPES], { minLength: 1 }) }),
  fc.record({
    kind: fc.constant('sum_quantity' as const),
    eventTypes: fc.subarray([...TYPES], { minLength: 1 }),
  }),
  fc.record({
    kind: fc.constant('sum_amount' as const),
    eventTypes: fc.subarray([...TYPES], { minLength: 1 }),
    currency: fc.constantFrom('EUR', 'USD'),
  }),
  fc.subarray([...TYPES], { minLength: 1 }).chain((eventTypes) =>
    fc
      .array(fc.integer({ min: 1, max: 20 }), { minLength: eventTypes.length, maxLength: eventTypes.length })
      .map((weights): MetricRule => ({
        kind: 'points',
        eventTypes,
        weights: Object.fromEntries(eventTypes.map((type, i) => [type, weights[i]!])),
      })),
  ),
);

/** Daily, weekly (any start day), monthly or one-off periods, in any of the zones. */
const periodArb: fc.Arbitrary<PeriodRule> = fc
  .record({
    kind: fc.constantFrom('daily' as const, 'weekly' as const, 'monthly' as const, 'once' as const),
    timeZone: fc.constantFrom(...ZONES),
    weekStartsOn: fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7),
    onceStart: fc.integer({ min: RANGE_START - 7 * 24 * HOUR, max: RANGE_END }),
    onceHours: fc.integer({ min: 1, max: 30 * 24 }),
  })
  .map(({ kind, timeZone, weekStartsOn, onceStart, onceHours }): PeriodRule => {
    switch (kind) {
      case 'daily':
      case 'monthly':
        return { kind, timeZone };
      case 'weekly':
        return { kind, timeZone, weekStartsOn };
      case 'once':
        return { kind, timeZone, start: onceStart, end: onceStart + onceHours * HOUR };
    }
  });

/** Filters on the event's source: pinned to one, some, or all but one source. */
const sourceFilterArb: fc.Arbitrary<FilterRule> = fc.oneof(
  fc.record({
    field: fc.constant('source'),
    op: fc.constantFrom('eq' as const, 'neq' as const),
    value: fc.constantFrom<string>(...SOURCES),
  }),
  fc.record({
    field: fc.constant('source'),
    op: fc.constant('in' as const),
    value: fc.subarray<string>([...SOURCES], { minLength: 1 }),
  }),
);

const contestsArb: fc.Arbitrary<Contest[]> = fc
  .array(
    fc.record({
      metric: metricArb,
      period: periodArb,
      tieRule: fc.constantFrom<TieRule>('first_to_reach', 'shared'),
      filters: fc.array(sourceFilterArb, { maxLength: 2 }),
      // Some contests start mid-range, so events before startsAt are exercised too.
      startsAt: fc.integer({ min: RANGE_START - 7 * 24 * HOUR, max: RANGE_START + 14 * 24 * HOUR }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((specs) =>
    specs.map((spec, i): Contest => ({
      id: `c${i}`,
      rules: {
        metric: spec.metric,
        period: spec.period,
        tieRule: spec.tieRule,
        filters: spec.filters,
        startsAt: spec.startsAt,
      },
    })),
  );

/** The content of one version of one ledger key; the generator fixes one per (key, revision). */
const contentArb = fc.record({
  type: fc.constantFrom(...TYPES),
  repId: fc.constantFrom(...REPS),
  // A coarse grid (whole minutes, and sometimes exactly on a local midnight) makes equal reachedAt likely.
  occurredAt: fc.oneof(
    fc.integer({ min: 0, max: (RANGE_END - RANGE_START) / 60_000 }).map((m) => RANGE_START + m * 60_000),
    fc.constantFrom(
      Date.parse('2026-03-09T00:00:00-04:00'),
      Date.parse('2026-03-08T23:59:59.999-04:00'),
      Date.parse('2026-03-30T00:00:00+02:00'),
      Date.parse('2026-03-29T23:59:59.999+02:00'),
      Date.parse('2026-03-29T02:30:00Z'),
    ),
  ),
  quantity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  amount: fc.option(
    fc.record({ minor: fc.integer({ min: 0, max: 50_000 }), currency: fc.constantFrom('EUR', 'USD') }),
    { nil: null },
  ),
  status: fc.constantFrom('active' as const, 'active' as const, 'void' as const),
});

type Content = typeof contentArb extends fc.Arbitrary<infer T> ? T : never;

const toArrival = (ledgerKey: string, revision: number, content: Content): ArrivedVersion => {
  const event: SalesEvent = {
    id: ledgerKey,
    source: sourceOf(ledgerKey),
    type: content.type,
    repId: content.repId,
    occurredAt: content.occurredAt,
    quantity: content.quantity,
    amount: content.amount,
    attributes: {},
    revision,
    status: content.status,
  };
  return { ledgerKey, contentHash: canonicalContent(content), event };
};

/** A stream of versions: each (key, revision) has exactly one content; versions may repeat (redelivery). */
const arrivalsArb: fc.Arbitrary<ArrivedVersion[]> = fc
  .uniqueArray(
    fc.record({
      key: fc.constantFrom(...KEYS),
      revision: fc.integer({ min: 1, max: 3 }),
      content: contentArb,
    }),
    { selector: (v) => `${v.key}#${v.revision}`, minLength: 1, maxLength: 14 },
  )
  .chain((versions) =>
    fc
      .array(fc.nat(versions.length - 1), { maxLength: 8 })
      .map((repeats) => [...versions, ...repeats.map((i) => versions[i] ?? versions[0]!)]),
  )
  .chain((versions) =>
    fc.shuffledSubarray(versions, { minLength: versions.length, maxLength: versions.length }),
  )
  .map((versions) => versions.map((v) => toArrival(v.key, v.revision, v.content)));

/**
 * The incremental scorer as the storage-backed worker runs it: a ledger per key, the contributions
 * stored per event, and standings patched by deltas (cheap add, or a rebuild of one row).
 */
function scoreIncrementally(
  contests: readonly Contest[],
  arrivals: readonly ArrivedVersion[],
): Map<string, Standing> {
  const ledger = new Map<string, ArrivedVersion>();
  const contributionsByEvent = new Map<string, Contribution[]>();
  const standings = new Map<string, Standing>();
  const remainingFor = (key: StandingKey): Contribution[] =>
    [...contributionsByEvent.values()].flat().filter((c) => standingKeyOf(c) === standingKeyOf(key));

  for (const arrival of arrivals) {
    const existing = ledger.get(arrival.ledgerKey);
    const outcome = decideIngest(
      existing === undefined
        ? null
        : {
            revision: existing.event.revision,
            contentHash: existing.contentHash,
            status: existing.event.status,
          },
      { revision: arrival.event.revision, contentHash: arrival.contentHash, status: arrival.event.status },
    );
    expect(outcome).not.toBe('conflict');
    if (!WRITING_OUTCOMES.has(outcome)) continue;
    ledger.set(arrival.ledgerKey, arrival);

    const before = contributionsByEvent.get(arrival.event.id) ?? [];
    const after = scoreEvent(contests, arrival.event);
    const diff = diffContributions(before, after);
    contributionsByEvent.set(arrival.event.id, after);
    for (const delta of diff.deltas) {
      const key = standingKeyOf(delta.key);
      if (delta.recompute) {
        const rebuilt = standingFromContributions(delta.key.repId, remainingFor(delta.key));
        if (rebuilt === null) standings.delete(key);
        else standings.set(key, rebuilt);
      } else {
        standings.set(key, addToStanding(standings.get(key) ?? null, delta));
      }
    }
  }
  return standings;
}

const sortedEntries = (m: Map<string, Standing>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

describe(scoreIncrementally.name, () => {
  it('equals the full recompute for any contest definition when versions arrive in any order, late, repeated, revised and voided', () => {
    let scoredRuns = 0;
    fc.assert(
      fc.property(
        contestsArb,
        arrivalsArb.chain((arrivals) =>
          fc.tuple(
            fc.constant(arrivals),
            fc.shuffledSubarray(arrivals, { minLength: arrivals.length, maxLength: arrivals.length }),
          ),
        ),
        (contests, [arrivals, shuffled]) => {
          for (const contest of contests) expect(checkContestRules(contest.rules)).toEqual([]);
          const reference = recomputeStandings(
            contests,
            [...resolveLedger(arrivals).values()].map((a) => a.event),
          );
          if (reference.size > 0) scoredRuns++;
          const inOrder = scoreIncrementally(contests, arrivals);
          const outOfOrder = scoreIncrementally(contests, shuffled);
          expect(sortedEntries(inOrder)).toEqual(sortedEntries(reference));
          expect(sortedEntries(outOfOrder)).toEqual(sortedEntries(reference));

          // Every board ranks to a permutation of 1..n consistent with compareStandings.
          const boards = new Map<string, Standing[]>();
          for (const [key, standing] of reference) {
            const board = key.slice(0, key.lastIndexOf('|'));
            boards.set(board, [...(boards.get(board) ?? []), standing]);
          }
          for (const [board, standings] of boards) {
            const contest = contests.find((c) => board.startsWith(`${c.id}|`));
            expect(contest).toBeDefined();
            const ranked = rankStandings(standings, 'first_to_reach');
            expect(ranked.map((r) => r.rank)).toEqual(standings.map((_, i) => i + 1));
            ranked.forEach((r, i) => {
              const next = ranked[i + 1];
              if (next !== undefined) expect(compareStandings(r, next)).toBeLessThan(0);
            });
            const shared = rankStandings(standings, contest?.rules.tieRule ?? 'shared');
            expect(shared.map((r) => r.repId)).toEqual(ranked.map((r) => r.repId));
          }
        },
      ),
      { numRuns: 250 },
    );
    // Filters, windows and start dates must leave most runs with something on a board.
    expect(scoredRuns).toBeGreaterThan(75);
  });

  it('equals the full recompute with manual adjustments mixed in, each counted in its own contest only', () => {
    // Signed points for contest c0..c2 (a contest id the run may not have: then it counts nowhere).
    const manualArb = fc
      .uniqueArray(
        fc.record({
          key: fc.constantFrom('m1', 'm2', 'm3'),
          revision: fc.integer({ min: 1, max: 3 }),
          contest: fc.constantFrom('c0', 'c1', 'c2'),
          points: fc.integer({ min: -50, max: 50 }).filter((n) => n !== 0),
          repId: fc.constantFrom(...REPS),
          occurredAt: fc.integer({ min: RANGE_START, max: RANGE_END }),
          status: fc.constantFrom('active' as const, 'active' as const, 'void' as const),
        }),
        { selector: (v) => `${v.key}#${v.revision}`, minLength: 1, maxLength: 8 },
      )
      .map((versions) =>
        versions.map((v): ArrivedVersion => {
          const attributes = {
            contestId: v.contest,
            points: v.points,
            reason: 'why',
            byUserId: 'u',
            byLabel: 'U',
          };
          const content = { ...v, attributes };
          return {
            ledgerKey: `manual\u0000${v.key}`,
            contentHash: canonicalContent(content),
            event: {
              id: v.key,
              source: MANUAL_SOURCE,
              type: MANUAL_ADJUSTMENT,
              repId: v.repId,
              occurredAt: v.occurredAt,
              quantity: null,
              amount: null,
              attributes,
              revision: v.revision,
              status: v.status,
            },
          };
        }),
      );
    let negativeRuns = 0;
    fc.assert(
      fc.property(
        contestsArb,
        fc.tuple(arrivalsArb, manualArb).chain(([a, m]) =>
          fc.shuffledSubarray([...a, ...m], {
            minLength: a.length + m.length,
            maxLength: a.length + m.length,
          }),
        ),
        (contests, arrivals) => {
          const ledger = [...resolveLedger(arrivals).values()].map((a) => a.event);
          const reference = recomputeStandings(contests, ledger);
          expect(sortedEntries(scoreIncrementally(contests, arrivals))).toEqual(sortedEntries(reference));
          for (const event of ledger.filter((e) => e.source === MANUAL_SOURCE)) {
            const contributions = scoreEvent(contests, event);
            expect(contributions.every((c) => c.contestId === event.attributes.contestId)).toBe(true);
            expect(contributions.length).toBeLessThanOrEqual(1);
            if (contributions.some((c) => c.points < 0)) negativeRuns++;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(negativeRuns).toBeGreaterThan(20);
  });

  it('yields nothing to change when a scored event is redelivered', () => {
    fc.assert(
      fc.property(contestsArb, contentArb, (contests, content) => {
        const arrival = toArrival('k1', 1, content);
        const contributions = scoreEvent(contests, arrival.event);
        expect(diffContributions(contributions, scoreEvent(contests, arrival.event)).deltas).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

// Boards: random standings and board rules, checked against the ranking contract.
const BOARD_T0 = Date.parse('2026-03-23T09:00:00+01:00');
const TEAM_KEYS = ['north', 'south', 'east'] as const;
const ROLES = ['junior', 'senior'] as const;

interface BoardCase {
  readonly members: Member[];
  readonly standings: Standing[];
  readonly rules: BoardRules;
  readonly finishedAt: Map<string, number>;
}

const boardCaseArb: fc.Arbitrary<BoardCase> = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 9 })
  .chain((ids) => {
    const externalIds = ids.map((id) => `x-${id}`);
    const n = ids.length;
    return fc.record({
      ids: fc.constant(ids),
      teams: fc.array(fc.option(fc.constantFrom<string>(...TEAM_KEYS), { nil: null }), {
        minLength: n,
        maxLength: n,
      }),
      roles: fc.array(fc.option(fc.constantFrom<string>(...ROLES), { nil: null }), {
        minLength: n,
        maxLength: n,
      }),
      // Who has a standing, small scores and a coarse grid of instants: equal scores and instants are common.
      scored: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      scores: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: n, maxLength: n }),
      reached: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      finishedBefore: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      kind: fc.constantFrom('leaderboard' as const, 'target_race' as const, 'team' as const),
      tieRule: fc.constantFrom<TieRule>('first_to_reach', 'shared'),
      // Low targets, so races often have several finishers (sometimes at the same instant).
      target: fc.integer({ min: 1, max: 4 }),
      teamScoring: fc.constantFrom('sum' as const, 'average' as const),
      participants: fc.oneof(
        fc.constant<Participants>({ kind: 'everyone' }),
        fc
          .subarray<string>([...TEAM_KEYS], { minLength: 1 })
          .map((teams): Participants => ({ kind: 'teams', teams })),
        ...(n === 0
          ? []
          : [
              fc
                .subarray(externalIds, { minLength: 1 })
                .map((reps): Participants => ({ kind: 'reps', reps })),
            ]),
      ),
      targets: fc.option(
        fc.record({
          default: fc.integer({ min: 1, max: 6 }),
          perRep: fc
            .subarray(externalIds)
            .chain((listed) =>
              fc
                .array(fc.integer({ min: 1, max: 6 }), { minLength: listed.length, maxLength: listed.length })
                .map((values) => Object.fromEntries(listed.map((rep, i) => [rep, values[i]!]))),
            ),
        }),
        { nil: null },
      ),
      minScore: fc.integer({ min: 0, max: 4 }),
      divisions: fc.constantFrom('none' as const, 'team' as const, 'role' as const),
    });
  })
  .map((g): BoardCase => {
    const members = g.ids.map((id, i): Member => ({
      repId: id,
      externalId: `x-${id}`,
      displayName: id,
      team: g.teams[i]!,
      role: g.roles[i]!,
    }));
    const standings: Standing[] = [];
    const finishedAt = new Map<string, number>();
    g.ids.forEach((id, i) => {
      if (!g.scored[i]) return;
      const reachedAt = BOARD_T0 + g.reached[i]! * 60_000;
      standings.push({ repId: id, score: g.scores[i]!, reachedAt });
      // A rep at or past the target reached it at or before their latest event.
      if (g.kind === 'target_race' && g.scores[i]! >= g.target) {
        finishedAt.set(id, reachedAt - g.finishedBefore[i]! * 60_000);
      }
    });
    const rules: BoardRules = {
      ...DEFAULT_BOARD_RULES,
      kind: g.kind,
      tieRule: g.tieRule,
      target: g.kind === 'target_race' ? g.target : null,
      teamScoring: g.kind === 'team' ? g.teamScoring : 'sum',
      participants: g.participants,
      targets: g.kind === 'leaderboard' ? g.targets : null,
      minScore: g.kind === 'team' ? 0 : g.minScore,
      divisions: g.kind === 'team' ? 'none' : g.divisions,
    };
    return { members, standings, rules, finishedAt };
  });

/** Whether a member competes, written out from the product rules (not with `participates`). */
function competes(participants: Participants, member: Member): boolean {
  if (participants.kind === 'everyone') return true;
  if (participants.kind === 'teams') return member.team !== null && participants.teams.includes(member.team);
  return participants.reps.includes(member.externalId);
}

/** Tied for the `shared` rule: the same finish when either finished, else the same value. */
function tiedEntries(a: BoardEntry, b: BoardEntry): boolean {
  if (a.finishedAt !== null || b.finishedAt !== null) return a.finishedAt === b.finishedAt;
  return a.value === b.value;
}

describe(buildBoards.name, () => {
  it('ranks every board in compareEntries order under its tie rule when standings and rules are random', () => {
    fc.assert(
      fc.property(boardCaseArb, ({ members, standings, rules, finishedAt }) => {
        expect(checkBoardRules(rules)).toEqual([]);
        const byId = new Map(members.map((m) => [m.repId, m]));
        const boards = buildBoards(rules, { standings, members: byId, teams: new Map(), finishedAt });

        // What must be on the boards, id -> expected value, worked out independently.
        const expected = new Map<string, number>();
        if (rules.kind === 'team') {
          const size = new Map<string, number>();
          const sum = new Map<string, number>();
          for (const m of members) {
            if (m.team !== null && competes(rules.participants, m))
              size.set(m.team, (size.get(m.team) ?? 0) + 1);
          }
          for (const st of standings) {
            const m = byId.get(st.repId)!;
            if (m.team !== null && competes(rules.participants, m))
              sum.set(m.team, (sum.get(m.team) ?? 0) + st.score);
          }
          for (const [team, total] of sum) {
            expected.set(
              team,
              rules.teamScoring === 'average' ? Math.floor((total * 100) / size.get(team)!) : total,
            );
          }
        } else {
          for (const st of standings) {
            const m = byId.get(st.repId)!;
            if (!competes(rules.participants, m) || st.score < rules.minScore) continue;
            const target =
              rules.targets === null
                ? null
                : (ownValue(rules.targets.perRep, m.externalId) ?? rules.targets.default);
            expected.set(st.repId, target === null ? st.score : Math.floor((st.score * 10_000) / target));
          }
        }

        // (a) every expected entry exactly once, on the board of its division, with the right value.
        const listed = boards.flatMap((b) => b.entries.map((e) => e.id));
        expect(new Set(listed).size).toBe(listed.length);
        expect([...listed].sort()).toEqual([...expected.keys()].sort());
        if (rules.divisions === 'none' || rules.kind === 'team') {
          expect(boards.map((b) => b.division)).toEqual([null]);
        } else {
          const keys = boards.map((b) => b.division!);
          expect(keys).toEqual([...new Set(keys)].sort());
          for (const board of boards) {
            expect(board.entries.length).toBeGreaterThan(0);
            for (const e of board.entries) {
              const m = byId.get(e.id)!;
              expect(board.division).toBe((rules.divisions === 'team' ? m.team : m.role) ?? 'unassigned');
            }
          }
        }

        for (const board of boards) {
          const entries = board.entries;
          entries.forEach((e, i) => {
            expect(e.value).toBe(expected.get(e.id));
            expect(e.finishedAt).toBe(rules.kind === 'target_race' ? (finishedAt.get(e.id) ?? null) : null);
            const above = entries[i - 1];
            // (b) in compareEntries order, strictly (the order is total), which is: finishers by finish
            // time, then the rest by value (high first), reachedAt (early first), and id.
            if (above !== undefined) {
              expect(compareEntries(above, e)).toBeLessThan(0);
              const key = (x: BoardEntry) =>
                x.finishedAt !== null ? [0, x.finishedAt, 0, x.id] : [1, -x.value, x.reachedAt, x.id];
              const [a, b] = [key(above), key(e)];
              const firstDifference = a.findIndex((v, k) => v !== b[k]);
              expect(firstDifference).toBeGreaterThanOrEqual(0);
              expect(a[firstDifference]! < b[firstDifference]!).toBe(true);
            }
            expect(e.gapToNext).toBe(
              above === undefined || above.finishedAt !== null || e.finishedAt !== null
                ? null
                : above.value - e.value,
            );
            // (c) the tie rule.
            if (rules.tieRule === 'first_to_reach') expect(e.rank).toBe(i + 1);
            else if (above === undefined) expect(e.rank).toBe(1);
            else expect(e.rank).toBe(tiedEntries(above, e) ? above.rank : i + 1);
          });
          // Finishers first, earliest finish first; then the others by value.
          const finished = entries.filter((e) => e.finishedAt !== null);
          expect(entries.slice(0, finished.length)).toEqual(finished);
          const rest = entries.slice(finished.length).map((e) => e.value);
          expect(rest).toEqual([...rest].sort((a, b) => b - a));
        }

        // The same boards whatever order the standings come in.
        expect(
          buildBoards(rules, {
            standings: [...standings].reverse(),
            members: byId,
            teams: new Map(),
            finishedAt,
          }),
        ).toEqual(boards);
      }),
      { numRuns: 500 },
    );
  });
});
