import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Weekday } from './contest-window.js';
import type { Contest, MetricRule, TieRule } from './contest-rules.js';
import { canonicalContent, decideIngest, WRITING_OUTCOMES } from './ingest-decision.js';
import { compareStandings, rankStandings } from './rank-standings.js';
import { recomputeStandings, resolveLedger, type ArrivedVersion } from './recompute-standings.js';
import type { EventType, SalesEvent } from './sales-event.js';
import { scoreEvent, type Contribution } from './score-event.js';
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
);

const contestsArb: fc.Arbitrary<Contest[]> = fc
  .array(
    fc.record({
      metric: metricArb,
      timeZone: fc.constantFrom(...ZONES),
      weekStartsOn: fc.constantFrom<Weekday>(1, 2, 3, 4, 5, 6, 7),
      tieRule: fc.constantFrom<TieRule>('first_to_reach', 'shared'),
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
        period: { kind: 'weekly', timeZone: spec.timeZone, weekStartsOn: spec.weekStartsOn },
        tieRule: spec.tieRule,
        filters: [],
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
    source: 'crm',
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
  it('equals the full recompute when versions arrive in any order, repeated, revised and voided', () => {
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
          const reference = recomputeStandings(
            contests,
            [...resolveLedger(arrivals).values()].map((a) => a.event),
          );
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
