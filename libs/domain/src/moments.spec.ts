import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  awardMoments,
  celebrates,
  detectMoments,
  MOMENT_KINDS,
  type BoardChange,
  type CelebrationRules,
  type Moment,
  type MomentCause,
  type MomentEntry,
} from './moments.js';
import type { Award } from './prizes.js';

const rep = (id: string, score: number, value = score): MomentEntry => ({
  kind: 'rep',
  id,
  externalId: `ext-${id}`,
  name: id.toUpperCase(),
  score,
  value,
});
const cause = (eventId: string, occurredAt = 1000, amount: MomentCause['amount'] = null): MomentCause => ({
  eventId,
  revision: 1,
  type: amount === null ? 'license_sold' : 'deal_won',
  occurredAt,
  amount,
});
const change = (over: Partial<BoardChange>): BoardChange => ({
  contestId: 'c1',
  kind: 'leaderboard',
  unit: 'points',
  raceTarget: null,
  thresholds: [],
  before: [],
  after: [],
  causes: new Map(),
  deals: [],
  ...over,
});
const board = (...entries: MomentEntry[]) => [{ division: null, entries }];
const summary = (moments: readonly Moment[]) =>
  moments.map((m) => [m.kind, m.subject.externalId, m.score, m.rank, m.prize, m.amount?.minor ?? null]);

describe(detectMoments.name, () => {
  it.each<[string, BoardChange, unknown[]]>([
    [
      'nothing changed: nothing to cheer',
      change({ before: board(rep('a', 5)), after: board(rep('a', 5)) }),
      [],
    ],
    [
      'someone passes the leader',
      change({
        before: board(rep('a', 5), rep('b', 4)),
        after: board(rep('b', 6), rep('a', 5)),
        causes: new Map([['b', cause('e1')]]),
      }),
      [['new_leader', 'ext-b', 6, 1, null, null]],
    ],
    [
      'the leader extends the lead: no new leader',
      change({
        before: board(rep('a', 5)),
        after: board(rep('a', 7)),
        causes: new Map([['a', cause('e1')]]),
      }),
      [],
    ],
    [
      'the first score of a period makes a first leader',
      change({ before: board(), after: board(rep('a', 1)), causes: new Map([['a', cause('e1')]]) }),
      [['new_leader', 'ext-a', 1, 1, null, null]],
    ],
    [
      'a new leader by a retraction of the old one is not cheered (no event of the new leader)',
      change({
        before: board(rep('a', 5), rep('b', 4)),
        after: board(rep('b', 4), rep('a', 2)),
        causes: new Map([['a', cause('e1')]]),
      }),
      [],
    ],
    [
      'a race target crossed',
      change({
        kind: 'target_race',
        raceTarget: 10,
        before: board(rep('a', 12), rep('b', 9)),
        after: board(rep('a', 12), rep('b', 10)),
        causes: new Map([['b', cause('e1')]]),
      }),
      [['target_reached', 'ext-b', 10, null, null, null]],
    ],
    [
      'a race target already reached is not cheered again',
      change({
        kind: 'target_race',
        raceTarget: 10,
        before: board(rep('a', 12)),
        after: board(rep('a', 15)),
        causes: new Map([['a', cause('e1')]]),
      }),
      [],
    ],
    [
      "a rep's own target crossed on a board ranked by percent",
      change({
        unit: 'percent_hundredths',
        before: board(rep('a', 30, 15000), rep('b', 9, 9000)),
        after: board(rep('a', 30, 15000), rep('b', 10, 10000)),
        causes: new Map([['b', cause('e1')]]),
      }),
      [['target_reached', 'ext-b', 10, null, null, null]],
    ],
    [
      'two threshold prizes crossed at once',
      change({
        thresholds: [
          { atLeast: 10, prize: 'Lunch' },
          { atLeast: 20, prize: 'Dinner' },
          { atLeast: 50, prize: 'Trip' },
        ],
        before: board(rep('a', 25), rep('b', 8)),
        after: board(rep('a', 25), rep('b', 21)),
        causes: new Map([['b', cause('e1')]]),
      }),
      [
        ['prize_won', 'ext-b', 21, null, 'Lunch', null],
        ['prize_won', 'ext-b', 21, null, 'Dinner', null],
      ],
    ],
    [
      'a threshold on a percent board is in percent',
      change({
        unit: 'percent_hundredths',
        thresholds: [{ atLeast: 50, prize: 'Halfway' }],
        before: board(rep('a', 4, 4000)),
        after: board(rep('a', 5, 5000)),
        causes: new Map([['a', cause('e1')]]),
      }),
      [['prize_won', 'ext-a', 5, null, 'Halfway', null]],
    ],
    [
      'a deal is a candidate big deal, whatever its size',
      change({
        before: board(rep('a', 5000)),
        after: board(rep('a', 5500)),
        causes: new Map([['a', cause('e1', 1000, { minor: 500, currency: 'EUR' })]]),
        deals: [{ entry: rep('a', 5500), cause: cause('e1', 1000, { minor: 500, currency: 'EUR' }) }],
      }),
      [['big_deal', 'ext-a', 5500, null, null, 500]],
    ],
    [
      'a team takes the lead on a team contest',
      change({
        kind: 'team',
        before: board({ ...rep('north', 10), kind: 'team' }, { ...rep('south', 8), kind: 'team' }),
        after: board({ ...rep('south', 11), kind: 'team' }, { ...rep('north', 10), kind: 'team' }),
        causes: new Map([['south', cause('e1')]]),
      }),
      [['new_leader', 'ext-south', 11, 1, null, null]],
    ],
  ])('%s', (_name, input, expected) => {
    expect(summary(detectMoments([input]))).toEqual(expected);
  });

  it('gives each division its own leader', () => {
    const moments = detectMoments([
      change({
        before: [
          { division: 'north', entries: [rep('a', 5)] },
          { division: 'south', entries: [rep('c', 5)] },
        ],
        after: [
          { division: 'north', entries: [rep('b', 6), rep('a', 5)] },
          { division: 'south', entries: [rep('c', 6)] },
        ],
        causes: new Map([
          ['b', cause('e1')],
          ['c', cause('e2')],
        ]),
      }),
    ]);
    expect(summary(moments)).toEqual([['new_leader', 'ext-b', 6, 1, null, null]]);
    expect(moments[0]!.id).toBe('c1:new_leader:north:b:e1:1');
  });

  it('names moments by contest, kind, who and the event revision, so a replay yields the same ids', () => {
    const input = change({
      thresholds: [{ atLeast: 10, prize: 'Lunch' }],
      before: board(rep('a', 5)),
      after: board(rep('b', 12), rep('a', 5)),
      causes: new Map([['b', { ...cause('e7'), revision: 3 }]]),
    });
    const ids = detectMoments([input]).map((m) => m.id);
    expect(ids).toEqual(['c1:prize_won:10:b:e7:3', 'c1:new_leader::b:e7:3']);
    expect(detectMoments([input]).map((m) => m.id)).toEqual(ids);
  });

  it('agrees with a brute-force reference on random boards', () => {
    const scores = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(scores, fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 6 }), (before, gains) => {
        const ids = before.map((_, i) => `r${i}`);
        const after = before.map((s, i) => s + (gains[i] ?? 0));
        const order = (values: number[]) =>
          ids
            .map((id, i) => rep(id, values[i]!))
            .filter((e) => e.score > 0)
            .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
        const causes = new Map(ids.filter((_, i) => (gains[i] ?? 0) > 0).map((id) => [id, cause(`e-${id}`)]));
        const input = change({
          kind: 'target_race',
          raceTarget: 20,
          thresholds: [{ atLeast: 30, prize: 'Thirty' }],
          before: board(...order(before)),
          after: board(...order(after)),
          causes,
        });
        const expected = new Set<string>();
        ids.forEach((id, i) => {
          if (!causes.has(id)) return;
          if (before[i]! < 20 && after[i]! >= 20) expected.add(`target_reached:${id}`);
          if (before[i]! < 30 && after[i]! >= 30) expected.add(`prize_won:${id}`);
        });
        const leaderBefore = order(before)[0]?.id;
        const leaderAfter = order(after)[0];
        if (leaderAfter !== undefined && leaderAfter.id !== leaderBefore && causes.has(leaderAfter.id)) {
          expected.add(`new_leader:${leaderAfter.id}`);
        }
        const got = detectMoments([input]).map((m) => `${m.kind}:${m.subject.externalId.slice(4)}`);
        expect(new Set(got)).toEqual(expected);
        expect(got.length).toBe(expected.size);
      }),
    );
  });
});

describe(awardMoments.name, () => {
  const award = (kind: 'rank' | 'threshold', rank: number | null): Award => ({
    division: null,
    kind,
    rank,
    atLeast: kind === 'threshold' ? 10 : null,
    prize: { name: kind === 'rank' ? `Prize ${rank}` : 'Ten', description: null, imageUrl: null },
    winner: { kind: 'rep', id: 'r1', externalId: 'ext-r1', name: 'Sam' },
    winnerRank: rank ?? 3,
    winnerPosition: rank ?? 3,
    boardTotal: 10,
    score: 12,
    value: 12,
  });

  it('cheers the rank prizes of a first finalisation only, not thresholds (cheered live)', () => {
    const moments = awardMoments('c1', 0, 1, [award('rank', 1), award('threshold', null)], 5000);
    expect(summary(moments)).toEqual([['prize_won', 'ext-r1', 12, 1, 'Prize 1', null]]);
    expect(moments[0]!.id).toBe('c1:prize_won:0::1:r1');
  });

  it('cheers nothing on a re-finalisation', () => {
    expect(awardMoments('c1', 0, 2, [award('rank', 1)], 5000)).toEqual([]);
  });
});

describe(celebrates.name, () => {
  const all: CelebrationRules = {
    enabled: true,
    kinds: MOMENT_KINDS,
    bigDeal: { amount: 100_000, currency: 'EUR' },
  };
  const deal = (minor: number, currency = 'EUR'): Moment => ({
    id: 'm',
    contestId: 'c1',
    kind: 'big_deal',
    at: 0,
    subject: { kind: 'rep', externalId: 'sam', name: 'Sam' },
    score: 0,
    amount: { minor, currency },
    eventType: 'deal_won',
    rank: null,
    prize: null,
    event: 'e:1',
  });
  const leader: Moment = { ...deal(0), kind: 'new_leader', amount: null, rank: 1 };

  it.each<[string, CelebrationRules, Moment, boolean, boolean]>([
    ['a deal at the threshold', all, deal(100_000), false, true],
    ['a deal under the threshold', all, deal(99_999), false, false],
    ['a deal in another currency', all, deal(500_000, 'USD'), false, false],
    ['a deal on a board without a threshold', { ...all, bigDeal: null }, deal(500_000), false, false],
    ['a new leader', all, leader, false, true],
    ['a new leader who hides from TVs', all, leader, true, false],
    ['a big deal by a rep who hides from TVs', all, deal(500_000), true, false],
    [
      'a team leader even if a member hides',
      all,
      { ...leader, subject: { kind: 'team', externalId: 'n', name: 'N' } },
      true,
      true,
    ],
    ['celebrations turned off', { ...all, enabled: false }, leader, false, false],
    ['a kind turned off', { ...all, kinds: ['big_deal'] }, leader, false, false],
  ])('%s', (_name, rules, moment, hidden, expected) => {
    expect(celebrates(rules, moment, hidden)).toBe(expected);
  });
});
