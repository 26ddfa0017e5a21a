import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkBoardRules, DEFAULT_BOARD_RULES, type BoardRules } from './board-rules.js';
import { checkContestRules, type MetricRule } from './contest-rules.js';
import type { PeriodRule, Weekday } from './contest-window.js';
import { describeContest, describeContestInAll, type ContestDescription } from './describe-contest.js';
import type { FilterRule } from './event-filter.js';
import { checkPrizes, type Prizes } from './prizes.js';
import { EVENT_TYPES } from './sales-event.js';

const LICENSES: MetricRule = { kind: 'sum_quantity', eventTypes: ['license_sold'] };
const WEEK: PeriodRule = { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 };
const NO_PRIZES = { ranks: [], thresholds: [] };
const prize = (name: string) => ({ name, description: null, imageUrl: null });

function contest(over: {
  metric?: MetricRule;
  period?: PeriodRule;
  filters?: readonly FilterRule[];
  board?: Partial<BoardRules>;
  prizes?: ContestDescription['prizes'];
}): ContestDescription {
  return {
    metric: over.metric ?? LICENSES,
    period: over.period ?? WEEK,
    filters: over.filters ?? [],
    board: { ...DEFAULT_BOARD_RULES, ...over.board },
    prizes: over.prizes ?? NO_PRIZES,
  };
}

const NBSP = '\u00a0';

/** Each variation of a contest, with its sentence in English and in Dutch. */
const CASES: readonly { name: string; contest: ContestDescription; en: string; nl: string }[] = [
  {
    name: 'the weekly licenses leaderboard with a top-3 prize',
    contest: contest({
      prizes: { ranks: [1, 2, 3].map((rank) => ({ rank, prize: prize('a trip') })), thresholds: [] },
    }),
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time; the top 3 win a trip.',
    // A prize is named by the manager, in their own words: the sentence around it is translated.
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; de top 3 wint a trip.',
  },
  {
    name: 'a count of one event type, daily',
    contest: contest({
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'daily', timeZone: 'Europe/London' },
    }),
    en: 'Most leads created, every day, London time.',
    nl: 'Meeste leads aangemaakt, elke dag, Londense tijd.',
  },
  {
    name: 'a count of several event types, monthly, in a zone without a Dutch adjective',
    contest: contest({
      metric: { kind: 'count', eventTypes: ['call_logged', 'meeting_held', 'demo_booked'] },
      period: { kind: 'monthly', timeZone: 'America/Los_Angeles' },
    }),
    en: 'Most calls logged, meetings held and demos booked, every calendar month, Los Angeles time.',
    nl: "Meeste gesprekken gevoerd, meetings gehouden en demo's geboekt, elke kalendermaand, tijd in Los Angeles.",
  },
  {
    name: 'a sum of quantity of other event types, in UTC',
    contest: contest({
      metric: { kind: 'sum_quantity', eventTypes: ['deal_won'] },
      period: { kind: 'daily', timeZone: 'UTC' },
    }),
    en: 'Most units in deals won, every day, UTC time.',
    nl: 'Meeste stuks in gewonnen deals, elke dag, UTC-tijd.',
  },
  {
    name: 'a sum of amount',
    contest: contest({ metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' } }),
    en: 'Most revenue in EUR from deals won, Monday to Sunday, Amsterdam time.',
    nl: 'Meeste omzet in EUR uit gewonnen deals, maandag t/m zondag, Amsterdamse tijd.',
  },
  {
    name: 'weighted points, a week starting on Sunday',
    contest: contest({
      metric: {
        kind: 'points',
        eventTypes: ['lead_created', 'demo_booked'],
        weights: { lead_created: 1, demo_booked: 5 },
      },
      period: { kind: 'weekly', timeZone: 'Europe/Brussels', weekStartsOn: 7 },
    }),
    en: 'Most points (1 per lead created, 5 per demo booked), Sunday to Saturday, Brussels time.',
    nl: 'Meeste punten (1 per aangemaakte lead, 5 per geboekte demo), zondag t/m zaterdag, Brusselse tijd.',
  },
  {
    name: 'a one-off contest of whole days',
    contest: contest({
      period: {
        kind: 'once',
        timeZone: 'Europe/Amsterdam',
        start: Date.parse('2026-02-28T23:00:00Z'),
        end: Date.parse('2026-03-31T22:00:00Z'),
      },
    }),
    en: 'Most licenses sold, 1 March 2026 to 31 March 2026, Amsterdam time.',
    nl: 'Meeste licenties verkocht, 1 maart 2026 t/m 31 maart 2026, Amsterdamse tijd.',
  },
  {
    name: 'a one-off contest of one day',
    contest: contest({
      period: {
        kind: 'once',
        timeZone: 'Europe/Amsterdam',
        start: Date.parse('2026-06-11T22:00:00Z'),
        end: Date.parse('2026-06-12T22:00:00Z'),
      },
    }),
    en: 'Most licenses sold, on 12 June 2026, Amsterdam time.',
    nl: 'Meeste licenties verkocht, op 12 juni 2026, Amsterdamse tijd.',
  },
  {
    name: 'a one-off contest between two times of day',
    contest: contest({
      period: {
        kind: 'once',
        timeZone: 'Europe/Amsterdam',
        start: Date.parse('2026-06-12T07:00:00Z'),
        end: Date.parse('2026-06-12T15:30:00Z'),
      },
    }),
    en: 'Most licenses sold, from 12 June 2026 09:00 until 12 June 2026 17:30, Amsterdam time.',
    nl: 'Meeste licenties verkocht, van 12 juni 2026 09:00 tot 12 juni 2026 17:30, Amsterdamse tijd.',
  },
  {
    name: 'a target race with a winner and a threshold prize at the target',
    contest: contest({
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      board: { kind: 'target_race', target: 10 },
      prizes: {
        ranks: [{ rank: 1, prize: prize('Weekend trip') }],
        thresholds: [{ atLeast: 10, prize: prize('Demo bonus') }],
      },
    }),
    en:
      'Race to 10 demos booked, every calendar month, Amsterdam time; the first to get there gets ' +
      'Weekend trip; everyone who reaches 10 demos booked gets Demo bonus.',
    nl:
      "Race naar 10 geboekte demo's, elke kalendermaand, Amsterdamse tijd; wie het als eerste haalt, " +
      "krijgt Weekend trip; iedereen die 10 geboekte demo's haalt, krijgt Demo bonus.",
  },
  {
    name: 'a target race of money with several rank prizes',
    contest: contest({
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      board: { kind: 'target_race', target: 1_000_000 },
      prizes: {
        ranks: [
          { rank: 1, prize: prize('Gold') },
          { rank: 2, prize: prize('Gold') },
          { rank: 3, prize: prize('Silver') },
          { rank: 4, prize: prize('Bronze') },
          { rank: 5, prize: prize('Bronze') },
        ],
        thresholds: [],
      },
    }),
    en:
      'Race to €10,000.00 in deals won, Monday to Sunday, Amsterdam time; the first 2 to get there win ' +
      'Gold; the 3rd to get there gets Silver; the 4th to 5th to get there get Bronze.',
    nl:
      `Race naar €${NBSP}10.000,00 aan gewonnen deals, maandag t/m zondag, Amsterdamse tijd; de eerste 2 ` +
      'die het halen, winnen Gold; wie het als 3e haalt, krijgt Silver; wie het als 4e t/m 5e haalt, ' +
      'krijgt Bronze.',
  },
  {
    name: 'a target race of points, one to go',
    contest: contest({
      metric: { kind: 'points', eventTypes: ['deal_won'], weights: { deal_won: 20 } },
      board: { kind: 'target_race', target: 1 },
    }),
    en: 'Race to 1 point (20 per deal won), Monday to Sunday, Amsterdam time.',
    nl: 'Race naar 1 punt (20 per gewonnen deal), maandag t/m zondag, Amsterdamse tijd.',
  },
  {
    name: 'a team contest on the sum, for some teams',
    contest: contest({
      board: { kind: 'team', participants: { kind: 'teams', teams: ['north', 'south'] } },
      prizes: { ranks: [{ rank: 1, prize: prize('Team dinner') }], thresholds: [] },
    }),
    en:
      'Most licenses sold as a team, Monday to Sunday, Amsterdam time, for teams north and south; the ' +
      'winning team gets Team dinner.',
    nl:
      'Meeste licenties verkocht als team, maandag t/m zondag, Amsterdamse tijd, voor de teams north en ' +
      'south; het winnende team krijgt Team dinner.',
  },
  {
    name: 'a team contest on the average per member with a threshold',
    contest: contest({
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      board: { kind: 'team', teamScoring: 'average' },
      prizes: { ranks: [], thresholds: [{ atLeast: 50_000, prize: prize('Cake') }] },
    }),
    en:
      'Most revenue in EUR from deals won per team member (team average), every calendar month, ' +
      'Amsterdam time; every team that reaches a team average of €500.00 in deals won gets Cake.',
    nl:
      'Meeste omzet in EUR uit gewonnen deals per teamlid (teamgemiddelde), elke kalendermaand, ' +
      `Amsterdamse tijd; elk team dat een teamgemiddelde van €${NBSP}500,00 aan gewonnen deals haalt, ` +
      'krijgt Cake.',
  },
  {
    name: 'per-rep targets with a threshold at the target',
    contest: contest({
      board: { targets: { default: 20, perRep: { ana: 10 } } },
      prizes: { ranks: [], thresholds: [{ atLeast: 100, prize: prize('Quota club') }] },
    }),
    en:
      "Most licenses sold against each rep's own target (default: 20 licenses sold), Monday to Sunday, " +
      'Amsterdam time; everyone who reaches 100% of their target gets Quota club.',
    nl:
      'Meeste licenties verkocht ten opzichte van ieders eigen target (standaard: 20 verkochte ' +
      'licenties), maandag t/m zondag, Amsterdamse tijd; iedereen die 100% van het eigen target haalt, ' +
      'krijgt Quota club.',
  },
  {
    name: 'one chosen rep',
    contest: contest({ board: { participants: { kind: 'reps', reps: ['ana'] } } }),
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time, for 1 chosen rep.',
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd, voor 1 gekozen verkoper.',
  },
  {
    name: 'chosen reps, several',
    contest: contest({ board: { participants: { kind: 'reps', reps: ['ana', 'bo', 'cy'] } } }),
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time, for 3 chosen reps.',
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd, voor 3 gekozen verkopers.',
  },
  {
    name: 'one team',
    contest: contest({ board: { participants: { kind: 'teams', teams: ['north'] } } }),
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time, for team north.',
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd, voor team north.',
  },
  {
    name: 'teams by their names, a team without a known name by its key',
    contest: {
      ...contest({ board: { participants: { kind: 'teams', teams: ['north', 'south', 'east'] } } }),
      teamNames: new Map([
        ['north', 'North'],
        ['south', 'Zuid & Co'],
      ]),
    },
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time, for teams North, Zuid & Co and east.',
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd, voor de teams North, Zuid & Co en east.',
  },
  {
    name: 'a minimum score, shared ranks and divisions per role with prizes',
    contest: contest({
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      board: { minScore: 3, tieRule: 'shared', divisions: 'role' },
      prizes: {
        ranks: [
          { rank: 1, prize: prize('Gift card') },
          { rank: 2, prize: prize('Mug') },
        ],
        thresholds: [],
      },
    }),
    en:
      'Most leads created, Monday to Sunday, Amsterdam time; reps appear on the board from 3 leads ' +
      'created; a separate board and prizes per role; equal scores share a place; the winner gets Gift ' +
      'card; 2nd place gets Mug.',
    nl:
      'Meeste leads aangemaakt, maandag t/m zondag, Amsterdamse tijd; verkopers staan op het bord vanaf ' +
      '3 aangemaakte leads; een eigen bord en eigen prijzen per rol; gelijke scores delen een plaats; de ' +
      'winnaar krijgt Gift card; de nummer 2 krijgt Mug.',
  },
  {
    name: 'places 4 to 6 on boards per team',
    contest: contest({
      board: { divisions: 'team' },
      prizes: {
        ranks: [4, 5, 6].map((rank) => ({ rank, prize: prize('Voucher') })),
        thresholds: [],
      },
    }),
    en:
      'Most licenses sold, Monday to Sunday, Amsterdam time; a separate board and prizes per team; ' +
      'places 4 to 6 get Voucher.',
    nl:
      'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; een eigen bord en eigen prijzen ' +
      'per team; de nummers 4 t/m 6 krijgen Voucher.',
  },
  {
    name: 'divisions per team and no prizes',
    contest: contest({ board: { divisions: 'team' } }),
    en: 'Most licenses sold, Monday to Sunday, Amsterdam time; a separate board per team.',
    nl: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; een eigen bord per team.',
  },
  {
    name: 'filters of every kind',
    contest: contest({
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      filters: [
        { field: 'source', op: 'eq', value: 'hubspot' },
        { field: 'attributes.product', op: 'in', value: ['pro', 'enterprise'] },
        { field: 'amount', op: 'gte', value: 500_000 },
        { field: 'quantity', op: 'lte', value: 10 },
        { field: 'attributes.renewal', op: 'neq', value: true },
      ],
    }),
    en:
      'Most revenue in EUR from deals won, Monday to Sunday, Amsterdam time; counting only when the ' +
      'source is “hubspot”, the product is “pro” or “enterprise”, the amount is at least €5,000.00, the ' +
      'quantity is at most 10 and the renewal is not yes.',
    nl:
      'Meeste omzet in EUR uit gewonnen deals, maandag t/m zondag, Amsterdamse tijd; telt alleen als de ' +
      'bron “hubspot” is, het kenmerk product “pro” of “enterprise” is, het bedrag minstens ' +
      `€${NBSP}5.000,00 is, het aantal hoogstens 10 is en het kenmerk renewal niet ja is.`,
  },
  {
    name: 'the CRM hygiene template: points, shared ranks and a threshold',
    contest: contest({
      metric: {
        kind: 'points',
        eventTypes: ['crm_next_step_set', 'crm_contact_updated', 'crm_activity_logged'],
        weights: { crm_next_step_set: 3, crm_contact_updated: 1, crm_activity_logged: 1 },
      },
      board: { tieRule: 'shared' },
      prizes: { ranks: [], thresholds: [{ atLeast: 50, prize: prize('Clean CRM badge') }] },
    }),
    en:
      'Most points (3 per next step set, 1 per contact updated, 1 per activity logged), Monday to ' +
      'Sunday, Amsterdam time; equal scores share a place; everyone who reaches 50 points gets Clean CRM ' +
      'badge.',
    nl:
      'Meeste punten (3 per vastgelegde vervolgstap, 1 per bijgewerkt contact, 1 per vastgelegde ' +
      'activiteit), maandag t/m zondag, Amsterdamse tijd; gelijke scores delen een plaats; iedereen die ' +
      '50 punten haalt, krijgt Clean CRM badge.',
  },
  {
    name: 'large numbers in each language',
    contest: contest({
      metric: { kind: 'count', eventTypes: ['call_logged', 'lead_created'] },
      board: { minScore: 1500 },
    }),
    en:
      'Most calls logged and leads created, Monday to Sunday, Amsterdam time; reps appear on the board ' +
      'from 1,500 calls logged or leads created.',
    nl:
      'Meeste gesprekken gevoerd en leads aangemaakt, maandag t/m zondag, Amsterdamse tijd; verkopers ' +
      'staan op het bord vanaf 1.500 gevoerde gesprekken of aangemaakte leads.',
  },
];

describe(describeContest.name, () => {
  it.each(CASES)('describes $name in English', ({ contest: c, en }) => {
    expect(describeContest(c, 'en')).toBe(en);
  });

  it.each(CASES)('describes $name in Dutch', ({ contest: c, nl }) => {
    expect(describeContest(c, 'nl')).toBe(nl);
  });

  it('gives both languages at once when asked for all', () => {
    const c = CASES[0]?.contest ?? contest({});
    expect(describeContestInAll(c)).toEqual({ en: describeContest(c, 'en'), nl: describeContest(c, 'nl') });
  });

  it('reads an unknown time zone as UTC instead of throwing when the rules were never checked', () => {
    const c = contest({ period: { kind: 'daily', timeZone: 'Mars/Olympus' } });
    expect(describeContest(c, 'en')).toBe('Most licenses sold, every day, UTC time.');
  });
});

/** Words the property looks for must not come from the generated text itself. */
const CLEAN = (s: string) => !/undefined|NaN|\[object|null/.test(s);
const eventType = fc.constantFrom(...EVENT_TYPES);
const eventTypes = fc.uniqueArray(eventType, { minLength: 1, maxLength: EVENT_TYPES.length });
const metric: fc.Arbitrary<MetricRule> = fc.oneof(
  eventTypes.map((t): MetricRule => ({ kind: 'count', eventTypes: t })),
  eventTypes.map((t): MetricRule => ({ kind: 'sum_quantity', eventTypes: t })),
  fc
    .tuple(eventTypes, fc.constantFrom('EUR', 'USD', 'JPY', 'GBP', 'KWD', 'XYZ'))
    .map(([t, currency]): MetricRule => ({ kind: 'sum_amount', eventTypes: t, currency })),
  fc
    .uniqueArray(fc.tuple(eventType, fc.integer({ min: 1, max: 10_000 })), {
      minLength: 1,
      maxLength: 9,
      selector: ([t]) => t,
    })
    .map((weights): MetricRule => ({
      kind: 'points',
      eventTypes: weights.map(([t]) => t),
      weights: Object.fromEntries(weights),
    })),
);
const timeZone = fc.constantFrom(
  'Europe/Amsterdam',
  'UTC',
  'Etc/GMT+5',
  'America/Argentina/Buenos_Aires',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/New_York',
);
const year2000 = Date.parse('2000-01-01T00:00:00Z');
const period: fc.Arbitrary<PeriodRule> = fc.oneof(
  timeZone.map((tz): PeriodRule => ({ kind: 'daily', timeZone: tz })),
  timeZone.map((tz): PeriodRule => ({ kind: 'monthly', timeZone: tz })),
  fc
    .tuple(timeZone, fc.integer({ min: 1, max: 7 }))
    .map(([tz, day]): PeriodRule => ({ kind: 'weekly', timeZone: tz, weekStartsOn: day as Weekday })),
  fc
    .tuple(
      timeZone,
      fc.integer({ min: year2000, max: Date.parse('2099-01-01T00:00:00Z') }),
      fc.integer({ min: 1, max: 400 * 24 * 60 * 60 * 1000 }),
    )
    .map(([tz, start, length]): PeriodRule => ({ kind: 'once', timeZone: tz, start, end: start + length })),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 20 }).filter(CLEAN),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.boolean(),
);
const filter: fc.Arbitrary<FilterRule> = fc.oneof(
  fc.record({
    field: fc.constantFrom('source', 'currency', 'attributes.product'),
    op: fc.constantFrom('eq' as const, 'neq' as const),
    value: scalar,
  }),
  fc.record({
    field: fc.constantFrom('source', 'attributes.tier'),
    op: fc.constant('in' as const),
    value: fc.array(scalar, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    field: fc.constantFrom('amount', 'quantity', 'attributes.seats'),
    op: fc.constantFrom('gte' as const, 'lte' as const),
    value: fc.integer({ min: 0, max: 1_000_000_000 }),
  }),
);
const count = fc.integer({ min: 1, max: 1_000_000_000_000 });
const prizeName = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && CLEAN(s));
const board: fc.Arbitrary<BoardRules> = fc
  .record({
    kind: fc.constantFrom('leaderboard' as const, 'target_race' as const, 'team' as const),
    tieRule: fc.constantFrom('first_to_reach' as const, 'shared' as const),
    target: count,
    teamScoring: fc.constantFrom('sum' as const, 'average' as const),
    participants: fc.oneof(
      fc.constant({ kind: 'everyone' as const }),
      fc.record({
        kind: fc.constant('teams' as const),
        teams: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant('reps' as const),
        reps: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 4 }),
      }),
    ),
    targets: fc.option(fc.record({ default: count, perRep: fc.constant({}) })),
    minScore: fc.integer({ min: 0, max: 1_000 }),
    divisions: fc.constantFrom('none' as const, 'team' as const, 'role' as const),
  })
  // Only combinations the domain accepts: the option that a kind does not have is left at its default.
  .map((b): BoardRules => ({
    ...b,
    target: b.kind === 'target_race' ? b.target : null,
    teamScoring: b.kind === 'team' ? b.teamScoring : 'sum',
    targets: b.kind === 'leaderboard' ? b.targets : null,
    minScore: b.kind === 'team' ? 0 : b.minScore,
    divisions: b.kind === 'team' ? 'none' : b.divisions,
  }));
const prizes = fc.record({
  ranks: fc.uniqueArray(fc.record({ rank: fc.integer({ min: 1, max: 20 }), prize: prizeName.map(prize) }), {
    maxLength: 6,
    selector: (p) => p.rank,
  }),
  thresholds: fc.array(
    fc.record({ atLeast: fc.integer({ min: 1, max: 1_000_000 }), prize: prizeName.map(prize) }),
    {
      maxLength: 3,
    },
  ),
});
const definition: fc.Arbitrary<ContestDescription & { prizes: Prizes }> = fc.record({
  metric,
  period,
  filters: fc.array(filter, { maxLength: 3 }),
  board,
  prizes,
});

describe(`${describeContest.name} (property)`, () => {
  it('never throws and never says nothing, undefined, NaN or [object when the rules are valid', () => {
    fc.assert(
      fc.property(definition, fc.constantFrom('en' as const, 'nl' as const), (c, language) => {
        const rules = { metric: c.metric, period: c.period, tieRule: c.board.tieRule, filters: c.filters };
        // Only valid definitions: the generator is built to make them; the checks confirm it.
        expect(checkContestRules({ ...rules, startsAt: year2000 })).toEqual([]);
        expect(checkBoardRules(c.board)).toEqual([]);
        expect(checkPrizes(c.prizes)).toEqual([]);
        const text = describeContest(c, language);
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toMatch(/undefined|NaN|\[object|null/);
        expect(text.endsWith('.')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
