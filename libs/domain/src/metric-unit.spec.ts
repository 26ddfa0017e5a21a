import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_BOARD_RULES } from './board-rules.js';
import type { MetricRule } from './contest-rules.js';
import { metricUnitOf, type MetricUnit } from './metric-unit.js';
import { EVENT_TYPES } from './sales-event.js';

const targets = { ...DEFAULT_BOARD_RULES, targets: { default: 10, perRep: {} } };

describe(metricUnitOf.name, () => {
  it.each<[string, MetricRule, Parameters<typeof metricUnitOf>[1], MetricUnit]>([
    [
      'licenses sold count licenses',
      { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      undefined,
      { kind: 'count', eventType: 'license_sold' },
    ],
    [
      'leads counted count leads',
      { kind: 'count', eventTypes: ['lead_created'] },
      undefined,
      { kind: 'count', eventType: 'lead_created' },
    ],
    [
      'several types count things',
      { kind: 'count', eventTypes: ['crm_next_step_set', 'crm_contact_updated'] },
      undefined,
      { kind: 'count', eventType: null },
    ],
    [
      'amounts are money in the currency',
      { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      undefined,
      { kind: 'money', currency: 'EUR' },
    ],
    [
      'weights are points',
      {
        kind: 'points',
        eventTypes: ['lead_created', 'deal_won'],
        weights: { lead_created: 1, deal_won: 20 },
      },
      undefined,
      { kind: 'points' },
    ],
    [
      'a board ranked by targets reads in percent',
      { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'EUR' },
      targets,
      { kind: 'percent' },
    ],
    [
      'a race counts in the metric',
      { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      { kind: 'target_race', targets: null },
      { kind: 'count', eventType: 'license_sold' },
    ],
    [
      'a team contest counts in the metric',
      { kind: 'sum_amount', eventTypes: ['deal_won'], currency: 'USD' },
      { kind: 'team', targets: null },
      { kind: 'money', currency: 'USD' },
    ],
  ])('%s', (_name, metric, board, unit) => {
    expect(metricUnitOf(metric, board)).toEqual(unit);
  });

  it('names the event type exactly when a count or quantity metric has one type', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'count' | 'sum_quantity'>('count', 'sum_quantity'),
        fc.uniqueArray(fc.constantFrom(...EVENT_TYPES), { minLength: 1 }),
        (kind, eventTypes) => {
          const unit = metricUnitOf({ kind, eventTypes });
          expect(unit).toEqual({ kind: 'count', eventType: eventTypes.length === 1 ? eventTypes[0] : null });
          expect(metricUnitOf({ kind, eventTypes }, targets)).toEqual({ kind: 'percent' });
        },
      ),
    );
  });
});
