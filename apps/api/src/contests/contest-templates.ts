import type { ContestTemplate } from '#contracts';
import { previewOf, storedPrizesOf, storedRulesOf } from '#persistence';

/**
 * The common games, ready to start from: a manager copies one, names it, adds prizes and POSTs it to
 * /api/v1/contests. Each template is checked by the same rules as any contest (contest-templates.spec.ts).
 */
const TEMPLATES: readonly Omit<ContestTemplate, 'preview'>[] = [
  {
    id: 'most-licenses-this-week',
    name: 'Most licenses this week',
    description: 'Whoever sells the most licenses between Monday and Sunday wins.',
    contest: {
      name: 'Most licenses this week',
      kind: 'leaderboard',
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Team lunch on us' } }] },
    },
  },
  {
    id: 'most-leads-this-week',
    name: 'Most leads this week',
    description: 'Whoever creates the most leads this week wins; reps need 3 to show on the TV.',
    contest: {
      name: 'Most leads this week',
      kind: 'leaderboard',
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      minScore: 3,
      prizes: { ranks: [{ rank: 1, prize: { name: 'Gift card' } }] },
    },
  },
  {
    id: 'first-to-10-demos',
    name: 'First to 10 demos',
    description:
      'A race: the first rep to book 10 demos this month wins; everyone who gets there earns a bonus.',
    contest: {
      name: 'First to 10 demos',
      kind: 'target_race',
      target: 10,
      metric: { kind: 'count', eventTypes: ['demo_booked'] },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      prizes: {
        ranks: [{ rank: 1, prize: { name: 'Weekend trip' } }],
        thresholds: [{ atLeast: 10, prize: { name: 'Demo bonus' } }],
      },
    },
  },
  {
    id: 'team-revenue-race',
    name: 'Team revenue race',
    description: 'Teams compete on revenue per member this month, so a small team can beat a big one.',
    contest: {
      name: 'Team revenue race',
      kind: 'team',
      teamScoring: 'average',
      metric: { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      period: { kind: 'monthly', timeZone: 'Europe/Amsterdam' },
      prizes: { ranks: [{ rank: 1, prize: { name: 'Team dinner' } }] },
    },
  },
  {
    id: 'crm-hygiene-streak-week',
    name: 'CRM hygiene streak week',
    description:
      'Points for keeping the CRM current (next steps, contact updates, logged activities); everyone who reaches 50 points this week earns the badge.',
    contest: {
      name: 'CRM hygiene streak week',
      kind: 'leaderboard',
      metric: {
        kind: 'points',
        weights: { crm_next_step_set: 3, crm_contact_updated: 1, crm_activity_logged: 1 },
      },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
      tieRule: 'shared',
      prizes: { thresholds: [{ atLeast: 50, prize: { name: 'Clean CRM badge' } }] },
    },
  },
];

/** The templates with their rules in plain words (the same words a contest created from one gets). */
export const CONTEST_TEMPLATES: readonly ContestTemplate[] = TEMPLATES.map((template) => ({
  ...template,
  preview: previewOf(storedRulesOf(template.contest), storedPrizesOf(template.contest.prizes)),
}));
