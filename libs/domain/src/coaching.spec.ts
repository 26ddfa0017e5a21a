import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  activityState,
  buildCoaching,
  coachingCalendar,
  coachingMetricKey,
  coachingMetricLabel,
  coachingMetrics,
  coachingPrompt,
  coachingWeeks,
  contestCoversTeam,
  metricNature,
  metricValue,
  ownTrend,
  weekIndexOf,
  type CoachingTrend,
  type MetricNature,
  type PromptMetric,
  type WeeklyActivity,
} from './coaching.js';
import type { MetricRule } from './contest-rules.js';
import { EVENT_TYPES } from './sales-event.js';

const DAY = 24 * 60 * 60 * 1000;
const DEMOS: MetricRule = { kind: 'count', eventTypes: ['demo_booked'] };
const LICENSES: MetricRule = { kind: 'sum_quantity', eventTypes: ['license_sold'] };
const REVENUE: MetricRule = { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' };
const POINTS: MetricRule = {
  kind: 'points',
  eventTypes: ['lead_created', 'demo_booked'],
  weights: { lead_created: 1, demo_booked: 5 },
};
const HYGIENE: MetricRule = { kind: 'count', eventTypes: ['crm_next_step_set', 'crm_contact_updated'] };

describe(ownTrend.name, () => {
  it.each<[string, number[], number | null, ReturnType<typeof ownTrend>]>([
    // latest = the week before the running one; average over the complete weeks before it.
    [
      'up 40% on the own average',
      [5, 5, 5, 5, 5, 5, 7, 1],
      0,
      { latest: 7, average: 5, changePercent: 40, trend: 'up' },
    ],
    ['down 50%', [4, 4, 4, 4, 4, 4, 2, 9], 0, { latest: 2, average: 4, changePercent: -50, trend: 'down' }],
    [
      'flat within 10%',
      [10, 10, 10, 10, 10, 10, 11, 0],
      0,
      { latest: 11, average: 10, changePercent: 10, trend: 'flat' },
    ],
    [
      'just outside the flat band',
      [100, 100, 100, 100, 100, 100, 111, 0],
      0,
      { latest: 111, average: 100, changePercent: 11, trend: 'up' },
    ],
    [
      'an uneven average rounded to 2 decimals',
      [1, 2, 2, 0, 0, 0, 2, 0],
      0,
      { latest: 2, average: 0.83, changePercent: 140, trend: 'up' },
    ],
    [
      'weeks before the first activity left out',
      [0, 0, 0, 0, 2, 4, 6, 0],
      4,
      { latest: 6, average: 3, changePercent: 100, trend: 'up' },
    ],
    [
      'first activity before the window',
      [3, 3, 3, 3, 3, 3, 3, 3],
      -5,
      { latest: 3, average: 3, changePercent: 0, trend: 'flat' },
    ],
    [
      'a new rep: one complete week before the latest',
      [0, 0, 0, 0, 0, 2, 3, 1],
      5,
      { latest: 3, average: 2, changePercent: null, trend: 'new' },
    ],
    [
      'a new rep: only the running week',
      [0, 0, 0, 0, 0, 0, 0, 4],
      7,
      { latest: 0, average: 0, changePercent: null, trend: 'new' },
    ],
    [
      'no activity at all',
      [0, 0, 0, 0, 0, 0, 0, 0],
      null,
      { latest: 0, average: 0, changePercent: null, trend: 'none' },
    ],
    [
      'nothing on this metric',
      [0, 0, 0, 0, 0, 0, 0, 0],
      0,
      { latest: 0, average: 0, changePercent: null, trend: 'none' },
    ],
    [
      'up from an average of zero',
      [0, 0, 0, 0, 0, 0, 3, 0],
      0,
      { latest: 3, average: 0, changePercent: null, trend: 'up' },
    ],
    [
      'zero on zero with a running week',
      [0, 0, 0, 0, 0, 0, 0, 2],
      0,
      { latest: 0, average: 0, changePercent: null, trend: 'flat' },
    ],
  ])('reads %s', (_name, values, firstWeek, expected) => {
    expect(ownTrend(values, firstWeek)).toEqual(expected);
  });
});

describe(coachingWeeks.name, () => {
  it('counts 8 calendar weeks from local Monday midnight, the last one running', () => {
    // Thursday 12 March 2026, 10:00 in Amsterdam (UTC+1).
    const weeks = coachingWeeks(
      { timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      Date.parse('2026-03-12T09:00:00Z'),
    );
    expect(weeks.map((w) => [new Date(w.start).toISOString(), w.partial])).toEqual([
      ['2026-01-18T23:00:00.000Z', false],
      ['2026-01-25T23:00:00.000Z', false],
      ['2026-02-01T23:00:00.000Z', false],
      ['2026-02-08T23:00:00.000Z', false],
      ['2026-02-15T23:00:00.000Z', false],
      ['2026-02-22T23:00:00.000Z', false],
      ['2026-03-01T23:00:00.000Z', false],
      ['2026-03-08T23:00:00.000Z', true],
    ]);
    weeks.slice(1).forEach((w, i) => expect(w.start).toBe(weeks[i]?.end));
  });

  it('makes the week of a DST change 167 hours long when the clocks go forward', () => {
    const weeks = coachingWeeks(
      { timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      Date.parse('2026-04-01T12:00:00Z'),
    );
    const last = weeks[weeks.length - 1];
    const dst = weeks[weeks.length - 2];
    expect(new Date(last?.start ?? 0).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(((dst?.end ?? 0) - (dst?.start ?? 0)) / 3_600_000).toBe(167);
  });

  it('starts weeks on the calendar day a weekly contest names', () => {
    const weeks = coachingWeeks({ timeZone: 'UTC', weekStartsOn: 7 }, Date.parse('2026-03-12T09:00:00Z'), 2);
    expect(weeks.map((w) => new Date(w.start).toISOString())).toEqual([
      '2026-03-01T00:00:00.000Z',
      '2026-03-08T00:00:00.000Z',
    ]);
  });
});

describe(coachingCalendar.name, () => {
  it.each([
    [[], { timeZone: 'UTC', weekStartsOn: 1 }],
    [[{ kind: 'monthly', timeZone: 'Asia/Tokyo' } as const], { timeZone: 'Asia/Tokyo', weekStartsOn: 1 }],
    [
      [
        { kind: 'daily', timeZone: 'Asia/Tokyo' } as const,
        { kind: 'weekly', timeZone: 'America/New_York', weekStartsOn: 7 } as const,
      ],
      { timeZone: 'America/New_York', weekStartsOn: 7 },
    ],
  ])('takes the first weekly contest, else the first contest, else UTC (%#)', (periods, expected) => {
    expect(coachingCalendar(periods)).toEqual(expected);
  });
});

describe(weekIndexOf.name, () => {
  it('places an instant in its week, before the first at 0', () => {
    const weeks = [
      { start: 100, end: 200, partial: false },
      { start: 200, end: 300, partial: true },
    ];
    expect([50, 100, 199, 200, 450].map((t) => weekIndexOf(weeks, t))).toEqual([0, 0, 0, 1, 1]);
  });
});

describe(metricValue.name, () => {
  const groups: WeeklyActivity[] = [
    { repId: 'r', week: 0, eventType: 'demo_booked', currency: null, events: 3, quantity: 0, amountMinor: 0 },
    {
      repId: 'r',
      week: 0,
      eventType: 'lead_created',
      currency: null,
      events: 4,
      quantity: 0,
      amountMinor: 0,
    },
    {
      repId: 'r',
      week: 0,
      eventType: 'license_sold',
      currency: null,
      events: 2,
      quantity: 7,
      amountMinor: 0,
    },
    {
      repId: 'r',
      week: 0,
      eventType: 'deal_won',
      currency: 'EUR',
      events: 2,
      quantity: 0,
      amountMinor: 150_000,
    },
    {
      repId: 'r',
      week: 0,
      eventType: 'deal_won',
      currency: 'USD',
      events: 1,
      quantity: 0,
      amountMinor: 99_999,
    },
  ];
  it.each<[string, MetricRule, number]>([
    ['counts events', DEMOS, 3],
    ['sums quantities', LICENSES, 7],
    ['sums amounts in the currency only', REVENUE, 150_000],
    ['weights points per event', POINTS, 4 * 1 + 3 * 5],
    ['finds nothing of other types', HYGIENE, 0],
  ])('%s', (_name, metric, expected) => {
    expect(metricValue(metric, groups)).toBe(expected);
  });
});

describe(metricNature.name, () => {
  it.each<[MetricRule, MetricNature]>([
    [DEMOS, 'process'],
    [HYGIENE, 'process'],
    [LICENSES, 'outcome'],
    [REVENUE, 'outcome'],
    [POINTS, 'process'],
    [{ kind: 'count', eventTypes: ['call_logged', 'deal_won'] }, 'outcome'],
    [
      { kind: 'points', eventTypes: ['deal_won', 'call_logged'], weights: { deal_won: 0, call_logged: 1 } },
      'process',
    ],
  ])('classifies %j as %s', (metric, nature) => {
    expect(metricNature(metric)).toBe(nature);
  });
});

describe(coachingMetrics.name, () => {
  it('shares one metric between contests counting the same thing, outcomes first', () => {
    const metrics = coachingMetrics([
      { id: 'c1', metric: DEMOS },
      { id: 'c2', metric: LICENSES },
      { id: 'c3', metric: { kind: 'count', eventTypes: ['demo_booked'] } },
    ]);
    expect(metrics.map((m) => [m.key, m.nature, m.contestIds, m.label.en, m.currency])).toEqual([
      ['quantity:license_sold', 'outcome', ['c2'], 'Licenses', null],
      ['count:demo_booked', 'process', ['c1', 'c3'], 'Demos', null],
    ]);
  });

  it('labels and keys every metric kind in both languages', () => {
    expect([REVENUE, POINTS, HYGIENE].map((m) => [coachingMetricKey(m), coachingMetricLabel(m)])).toEqual([
      ['amount:EUR:deal_won', { en: 'Deals (EUR)', nl: 'Gewonnen deals (EUR)' }],
      [
        'points:demo_booked*5+lead_created*1',
        { en: 'Points: leads ×1 + demos ×5', nl: "Punten: nieuwe leads ×1 + geboekte demo's ×5" },
      ],
      [
        'count:crm_contact_updated+crm_next_step_set',
        { en: 'Next steps + contact updates', nl: 'Volgende stappen + contactupdates' },
      ],
    ]);
  });
});

describe(contestCoversTeam.name, () => {
  it.each([
    [{ kind: 'everyone' } as const, true],
    [{ kind: 'teams', teams: ['north'] } as const, true],
    [{ kind: 'teams', teams: ['south'] } as const, false],
    [{ kind: 'reps', reps: ['sam', 'zoe'] } as const, true],
    [{ kind: 'reps', reps: ['zoe'] } as const, false],
  ])('%j covers team north (rep sam): %s', (participants, expected) => {
    expect(contestCoversTeam(participants, 'north', ['sam', 'ana'])).toBe(expected);
  });
});

describe(activityState.name, () => {
  const now = Date.parse('2026-03-12T09:00:00Z');
  it.each<[string, number | null, number, ReturnType<typeof activityState>]>([
    ['active today', now - 3_600_000, now - 400 * DAY, { daysSinceActivity: 0, stalled: false }],
    ['6 days quiet', now - 6.9 * DAY, now - 400 * DAY, { daysSinceActivity: 6, stalled: false }],
    ['7 days quiet: stalled', now - 7 * DAY, now - 400 * DAY, { daysSinceActivity: 7, stalled: true }],
    ['never active, known for long', null, now - 30 * DAY, { daysSinceActivity: null, stalled: true }],
    ['never active, added today', null, now - 3_600_000, { daysSinceActivity: null, stalled: false }],
    ['an event in the future', now + DAY, now - 30 * DAY, { daysSinceActivity: 0, stalled: false }],
  ])('%s', (_name, last, since, expected) => {
    expect(activityState(now, last, since, 7)).toEqual(expected);
  });
});

const metric = (
  nature: MetricNature,
  trend: CoachingTrend,
  changePercent: number | null,
  en: string,
  nl: string,
): PromptMetric => ({ label: { en, nl }, nature, trend, changePercent });
const base = { name: 'Sam', stalled: false, daysSinceActivity: 1, stalledDays: 7, hasActivity: true };

type Side = 'up' | 'down' | 'flat' | 'none';
const OUTCOME: Record<Side, PromptMetric | null> = {
  up: metric('outcome', 'up', 25, 'Licenses', 'Licenties'),
  down: metric('outcome', 'down', -30, 'Licenses', 'Licenties'),
  flat: metric('outcome', 'flat', 5, 'Licenses', 'Licenties'),
  none: null,
};
const PROCESS: Record<Side, PromptMetric | null> = {
  up: metric('process', 'up', 40, 'Demos', "Geboekte demo's"),
  down: metric('process', 'down', -20, 'Demos', "Geboekte demo's"),
  flat: metric('process', 'flat', -3, 'Demos', "Geboekte demo's"),
  none: null,
};

describe(coachingPrompt.name, () => {
  it.each<[Side, Side, string, string]>([
    [
      'up',
      'up',
      'Sam: demos up 40% on their own average, licenses up 25%: recognise it and ask what is working.',
      "Sam: geboekte demo's 40% boven het eigen gemiddelde, licenties 25% boven: geef erkenning en vraag wat werkt.",
    ],
    [
      'up',
      'flat',
      'Sam: demos flat, licenses up 25%: ask what is working and how to repeat it.',
      "Sam: geboekte demo's stabiel, licenties 25% boven: vraag wat werkt en hoe dat te herhalen is.",
    ],
    [
      'up',
      'down',
      'Sam: demos down 20% on their own average, licenses up 25%: ask how the pipeline stays filled.',
      "Sam: geboekte demo's 20% onder het eigen gemiddelde, licenties 25% boven: vraag hoe de pijplijn gevuld blijft.",
    ],
    [
      'up',
      'none',
      'Sam: licenses up 25% on their own average: ask what is working and how to repeat it.',
      'Sam: licenties 25% boven het eigen gemiddelde: vraag wat werkt en hoe dat te herhalen is.',
    ],
    [
      'flat',
      'up',
      'Sam: demos up 40% on their own average, licenses flat: ask what blocks the close.',
      "Sam: geboekte demo's 40% boven het eigen gemiddelde, licenties stabiel: vraag wat het afsluiten tegenhoudt.",
    ],
    [
      'flat',
      'flat',
      'Sam: demos flat, licenses flat: steady: ask what would move one number.',
      "Sam: geboekte demo's stabiel, licenties stabiel: stabiel: vraag wat één cijfer in beweging zet.",
    ],
    [
      'flat',
      'down',
      'Sam: demos down 20% on their own average, licenses flat: ask what takes time away from the pipeline.',
      "Sam: geboekte demo's 20% onder het eigen gemiddelde, licenties stabiel: vraag wat tijd van de pijplijn afhaalt.",
    ],
    [
      'flat',
      'none',
      'Sam: licenses flat: ask what would move the number.',
      'Sam: licenties stabiel: vraag wat het cijfer in beweging zet.',
    ],
    [
      'down',
      'up',
      'Sam: demos up 40% on their own average, licenses down 30%: ask what blocks the close.',
      "Sam: geboekte demo's 40% boven het eigen gemiddelde, licenties 30% onder: vraag wat het afsluiten tegenhoudt.",
    ],
    [
      'down',
      'flat',
      'Sam: demos flat, licenses down 30%: review the open deals together.',
      "Sam: geboekte demo's stabiel, licenties 30% onder: loop samen de open deals door.",
    ],
    [
      'down',
      'down',
      'Sam: demos down 20% on their own average, licenses down 30%: ask what changed and agree on one next step.',
      "Sam: geboekte demo's 20% onder het eigen gemiddelde, licenties 30% onder: vraag wat er veranderd is en spreek één volgende stap af.",
    ],
    [
      'down',
      'none',
      'Sam: licenses down 30% on their own average: review the open deals together.',
      'Sam: licenties 30% onder het eigen gemiddelde: loop samen de open deals door.',
    ],
    [
      'none',
      'up',
      'Sam: demos up 40% on their own average: recognise the effort and ask what would turn it into results.',
      "Sam: geboekte demo's 40% boven het eigen gemiddelde: geef erkenning voor de inzet en vraag wat er resultaat van maakt.",
    ],
    [
      'none',
      'flat',
      'Sam: demos flat: ask what would move the number.',
      "Sam: geboekte demo's stabiel: vraag wat het cijfer in beweging zet.",
    ],
    [
      'none',
      'down',
      'Sam: demos down 20% on their own average: ask what takes time away from the pipeline.',
      "Sam: geboekte demo's 20% onder het eigen gemiddelde: vraag wat tijd van de pijplijn afhaalt.",
    ],
    [
      'none',
      'none',
      'Sam: nothing on the contest metrics in these weeks: plan a 1:1 to set goals together.',
      'Sam: niets op de wedstrijdcijfers in deze weken: plan een 1-op-1 om samen doelen te stellen.',
    ],
  ])('says outcome %s, process %s in plain words', (outcome, process, en, nl) => {
    const metrics = [OUTCOME[outcome], PROCESS[process]].filter((m): m is PromptMetric => m !== null);
    expect(coachingPrompt({ ...base, metrics })).toEqual({ en, nl });
  });

  it('names the metric that moved most of each nature, and a rise from zero without a percent', () => {
    expect(
      coachingPrompt({
        ...base,
        metrics: [
          metric('process', 'up', 12, 'Calls', 'Gesprekken'),
          metric('process', 'up', null, 'Demos', "Geboekte demo's"),
          metric('outcome', 'down', -15, 'Licenses', 'Licenties'),
          metric('outcome', 'down', -60, 'Deals (EUR)', 'Gewonnen deals (EUR)'),
        ],
      }).en,
    ).toBe('Sam: demos up from zero, deals (EUR) down 60%: ask what blocks the close.');
  });

  it('asks for a 1:1 when the rep is stalled, whatever the numbers', () => {
    const metrics = [OUTCOME.up, PROCESS.up].filter((m): m is PromptMetric => m !== null);
    expect(coachingPrompt({ ...base, stalled: true, daysSinceActivity: 12, metrics })).toEqual({
      en: 'Sam: no activity for 12 days: plan a 1:1 and ask what is in the way.',
      nl: 'Sam: 12 dagen geen activiteit: plan een 1-op-1 en vraag wat in de weg zit.',
    });
    expect(coachingPrompt({ ...base, stalled: true, daysSinceActivity: 1, stalledDays: 1, metrics }).en).toBe(
      'Sam: no activity for 1 day: plan a 1:1 and ask what is in the way.',
    );
  });

  it('says when a rep has no activity at all', () => {
    expect(
      coachingPrompt({ ...base, hasActivity: false, stalled: true, daysSinceActivity: null, metrics: [] }),
    ).toEqual({
      en: 'Sam: no activity recorded yet: check the CRM sends their events and plan a first 1:1.',
      nl: 'Sam: nog geen activiteit: kijk of het CRM de gegevens doorstuurt en plan een eerste 1-op-1.',
    });
  });

  it('says when a rep is too new for an own average', () => {
    const metrics = [
      metric('outcome', 'new', null, 'Licenses', 'Licenties'),
      metric('process', 'none', null, 'Demos', 'Demo'),
    ];
    expect(coachingPrompt({ ...base, metrics })).toEqual({
      en: 'Sam: new, too few weeks for an own average yet: agree on weekly goals together.',
      nl: 'Sam: nieuw, nog te weinig weken voor een eigen gemiddelde: spreek samen weekdoelen af.',
    });
  });

  it('names a rep without a name "This rep"', () => {
    expect(coachingPrompt({ ...base, name: '  ', metrics: [] }).en).toMatch(/^This rep: /);
  });

  const word = fc.string({ maxLength: 20 }).filter((s) => !/nan|undefined|null|infinity/i.test(s));
  const promptMetric = fc.record({
    label: fc.record({ en: word, nl: word }),
    nature: fc.constantFrom<MetricNature>('outcome', 'process'),
    trend: fc.constantFrom<CoachingTrend>('up', 'down', 'flat', 'new', 'none'),
    changePercent: fc.option(fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.double()), { nil: null }),
  });

  it('never throws, is never empty, always names the rep, never says NaN or undefined', () => {
    fc.assert(
      fc.property(
        fc.record({
          name: word,
          stalled: fc.boolean(),
          daysSinceActivity: fc.option(fc.oneof(fc.nat(10_000), fc.double()), { nil: null }),
          stalledDays: fc.oneof(fc.integer({ min: 1, max: 90 }), fc.double()),
          hasActivity: fc.boolean(),
          metrics: fc.array(promptMetric, { maxLength: 6 }),
        }),
        (input) => {
          const prompt = coachingPrompt(input);
          const name = input.name.trim();
          for (const [text, nobody] of [
            [prompt.en, 'This rep'],
            [prompt.nl, 'Deze verkoper'],
          ] as const) {
            expect(text.trim().length).toBeGreaterThan(name.length + 2);
            expect(text).not.toMatch(/NaN|undefined|Infinity|null/);
            expect(text.startsWith(`${name === '' ? nobody : name}: `)).toBe(true);
            expect(text.endsWith('.')).toBe(true);
          }
        },
      ),
    );
  });
});

describe(buildCoaching.name, () => {
  const now = Date.parse('2026-03-12T09:00:00Z');
  const weeks = coachingWeeks({ timeZone: 'UTC', weekStartsOn: 1 }, now);
  const metrics = coachingMetrics([
    { id: 'c1', metric: LICENSES },
    { id: 'c2', metric: DEMOS },
  ]);
  const row = (
    repId: string,
    week: number,
    eventType: 'license_sold' | 'demo_booked',
    n: number,
  ): WeeklyActivity => ({
    repId,
    week,
    eventType,
    currency: null,
    events: n,
    quantity: eventType === 'license_sold' ? n * 2 : 0,
    amountMinor: 0,
  });

  it('builds each rep against their own average, by name, stalled reps flagged', () => {
    const view = buildCoaching({
      now,
      stalledDays: 7,
      weeks,
      metrics,
      reps: [
        {
          repId: 'z',
          externalId: 'zoe',
          displayName: 'Zoe',
          knownSince: 0,
          firstActivityAt: weeks[0]?.start ?? 0,
          lastActivityAt: now - 12 * DAY,
        },
        {
          repId: 's',
          externalId: 'sam',
          displayName: 'Sam',
          knownSince: 0,
          firstActivityAt: 0,
          lastActivityAt: now - DAY,
        },
        {
          repId: 'n',
          externalId: 'nia',
          displayName: 'Nia',
          knownSince: now - DAY,
          firstActivityAt: null,
          lastActivityAt: null,
        },
      ],
      activity: [
        ...[0, 1, 2, 3, 4, 5].flatMap((w) => [row('s', w, 'demo_booked', 5), row('s', w, 'license_sold', 1)]),
        row('s', 6, 'demo_booked', 7),
        row('s', 6, 'license_sold', 1),
        row('s', 7, 'demo_booked', 2),
        row('z', 0, 'license_sold', 3),
        row('x', 3, 'license_sold', 99),
        row('s', 9, 'license_sold', 99),
      ],
    });
    expect(view.map((r) => [r.rep.externalId, r.stalled, r.daysSinceActivity])).toEqual([
      ['nia', false, null],
      ['sam', false, 1],
      ['zoe', true, 12],
    ]);
    const sam = view[1];
    expect(sam?.metrics).toEqual([
      {
        key: 'quantity:license_sold',
        values: [2, 2, 2, 2, 2, 2, 2, 0],
        latest: 2,
        average: 2,
        changePercent: 0,
        trend: 'flat',
      },
      {
        key: 'count:demo_booked',
        values: [5, 5, 5, 5, 5, 5, 7, 2],
        latest: 7,
        average: 5,
        changePercent: 40,
        trend: 'up',
      },
    ]);
    expect(sam?.prompt.en).toBe(
      'Sam: demos up 40% on their own average, licenses flat: ask what blocks the close.',
    );
    expect(view[2]?.prompt.en).toBe('Zoe: no activity for 12 days: plan a 1:1 and ask what is in the way.');
    expect(view[0]?.metrics.map((m) => m.trend)).toEqual(['none', 'none']);
    expect(view[0]?.prompt.en).toMatch(/^Nia: no activity recorded yet/);
  });

  it('gives every event type a nature', () => {
    for (const type of EVENT_TYPES) {
      expect(['outcome', 'process']).toContain(metricNature({ kind: 'count', eventTypes: [type] }));
    }
  });
});
