import type { CreateContestRequest, UpdateScreenRequest } from '#contracts';

/** The demo's sales organisation: four teams in the Netherlands and the UK. */
export const DEMO_TIME_ZONE = 'Europe/Amsterdam';

export interface DemoTeam {
  readonly key: string;
  readonly name: string;
}

export interface DemoRep {
  readonly externalId: string;
  readonly displayName: string;
  readonly team: string;
  /** How much this rep sells compared with the others (1 = average): some reps are stars. */
  readonly drive: number;
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { key: 'noord', name: 'Team Noord' },
  { key: 'zuid', name: 'Team Zuid' },
  { key: 'enterprise', name: 'Enterprise' },
  { key: 'uk', name: 'UK & Ireland' },
];

const ROSTER: readonly (readonly [string, string, number])[] = [
  ['Sanne de Vries', 'noord', 1.3],
  ['Daan Jansen', 'noord', 1.0],
  ['Lotte de Boer', 'noord', 0.8],
  ['Bram Mulder', 'noord', 1.1],
  ['Fleur de Groot', 'noord', 0.9],
  ['Jesse Bos', 'noord', 0.7],
  ['Anouk Vos', 'noord', 1.5],
  ['Ruben Peters', 'noord', 1.0],
  ['Emma Bakker', 'zuid', 1.2],
  ['Lucas Visser', 'zuid', 0.9],
  ['Sophie Smit', 'zuid', 1.0],
  ['Thijs Meijer', 'zuid', 1.4],
  ['Femke Hendriks', 'zuid', 0.8],
  ['Sem van Dijk', 'zuid', 1.1],
  ['Julia van den Berg', 'zuid', 0.9],
  ['Milan Dekker', 'zuid', 0.6],
  ['Priya Sharma', 'enterprise', 1.6],
  ['Mohammed el Amrani', 'enterprise', 1.1],
  ['Yara Haddou', 'enterprise', 1.0],
  ['Pieter-Jan Willems', 'enterprise', 0.9],
  ['Charlotte Evans', 'enterprise', 1.2],
  ['Kevin O’Brien', 'enterprise', 0.8],
  ['Inge Koster', 'enterprise', 1.0],
  ['Oliver Brown', 'uk', 1.3],
  ['Amelia Hughes', 'uk', 1.0],
  ['James Walker', 'uk', 0.9],
  ['Isla Turner', 'uk', 1.1],
  ['Harry Clarke', 'uk', 0.7],
  ['Grace Hall', 'uk', 1.2],
  ['George Wright', 'uk', 0.8],
  ['Mia Roberts', 'uk', 1.0],
  ['Noah Williams', 'uk', 0.9],
  ['Siobhan Murphy', 'uk', 1.1],
  ['Arjun Patel', 'uk', 1.0],
];

/** `Sanne de Vries` -> `sanne-de-vries`: the rep's id in the (imaginary) CRM. */
export function externalIdOf(displayName: string): string {
  return displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const DEMO_REPS: readonly DemoRep[] = ROSTER.map(([displayName, team, drive]) => ({
  externalId: externalIdOf(displayName),
  displayName,
  team,
  drive,
}));

/** The rep who signs in on the phone, and the rep who hides from the TVs. */
export const DEMO_REP_LOGIN = 'sanne-de-vries';
export const DEMO_HIDDEN_REP = 'ruben-peters';

/** The source the demo's events come from, as a CRM integration would name itself. */
export const DEMO_SOURCE = 'demo-crm';

const WEEKLY = { kind: 'weekly', timeZone: DEMO_TIME_ZONE, weekStartsOn: 1 } as const;

/** The contests, found again by name on a later run. */
export const DEMO_CONTESTS: readonly CreateContestRequest[] = [
  {
    name: 'Most licenses this week',
    description: 'Every license sold counts. The week’s top three win.',
    metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
    period: WEEKLY,
    prizes: {
      ranks: [
        { rank: 1, prize: { name: 'Dinner for two', description: 'At a restaurant of your choice' } },
        { rank: 2, prize: { name: 'Noise-cancelling headphones' } },
        { rank: 3, prize: { name: 'Gift card €50' } },
      ],
      thresholds: [{ atLeast: 25, prize: { name: 'Friday afternoon off' } }],
    },
  },
  {
    name: 'Most leads this week',
    description: 'New leads created in the CRM.',
    metric: { kind: 'count', eventTypes: ['lead_created'] },
    period: WEEKLY,
    prizes: {
      ranks: [{ rank: 1, prize: { name: 'Lead hunter trophy' } }],
      thresholds: [{ atLeast: 15, prize: { name: 'Lunch on the house' } }],
    },
  },
  {
    name: 'Team race: revenue this month',
    description: 'Won deals, summed per team.',
    kind: 'team',
    teamScoring: 'sum',
    metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
    period: { kind: 'monthly', timeZone: DEMO_TIME_ZONE },
    prizes: { ranks: [{ rank: 1, prize: { name: 'Team dinner', description: 'On the company' } }] },
  },
  {
    name: 'First to 10 demos',
    description: 'A race: the first reps to book 10 demos this week finish.',
    kind: 'target_race',
    target: 10,
    metric: { kind: 'count', eventTypes: ['demo_booked'] },
    period: WEEKLY,
    prizes: { ranks: [{ rank: 1, prize: { name: 'Espresso machine' } }] },
  },
  {
    name: 'CRM hygiene: next steps set',
    description: 'Every open deal deserves a next step.',
    metric: { kind: 'count', eventTypes: ['crm_next_step_set'] },
    period: WEEKLY,
    prizes: { thresholds: [{ atLeast: 20, prize: { name: 'Clean pipeline badge' } }] },
  },
];

export const DEMO_SCREEN_NAME = 'Sales floor';

/** The TV's settings: celebrations on, a deal of €10,000 or more is a big deal. */
export const DEMO_SCREEN_SETTINGS: NonNullable<UpdateScreenRequest['settings']> = {
  secondsPerSlide: 15,
  theme: 'dark',
  language: 'auto',
  celebrations: {
    enabled: true,
    kinds: ['big_deal', 'new_leader', 'target_reached', 'prize_won'],
    sound: false,
  },
  bigDeal: { amount: 1_000_000, currency: 'EUR' },
  winnersHoldSeconds: 300,
};
