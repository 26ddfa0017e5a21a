import type {
  ContestResponse,
  CreateContestRequest,
  FilterInput,
  MetricInput,
  PeriodInput,
} from '#contracts';
import type { Contest, ContestRules, EventType, MetricRule, PeriodRule, TieRule, Weekday } from '#domain';
import type { ContestEntity } from '../entities/contest.entity.js';

/** The rules as stored in `contests.rules` (the wire shape, so the api echoes what was sent). */
export interface StoredRules {
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly tieRule: TieRule;
  readonly filters?: readonly FilterInput[];
}

export function storedRulesOf(request: CreateContestRequest): StoredRules {
  return {
    metric: request.metric,
    period: request.period,
    tieRule: request.tieRule ?? 'first_to_reach',
    filters: request.filters ?? [],
  };
}

export function metricRuleOf(input: MetricInput): MetricRule {
  switch (input.kind) {
    case 'points':
      return {
        kind: 'points',
        eventTypes: Object.keys(input.weights) as EventType[],
        weights: input.weights,
      };
    case 'sum_amount':
      return { kind: 'sum_amount', eventTypes: input.eventTypes as EventType[], currency: input.currency };
    case 'count':
    case 'sum_quantity':
      return { kind: input.kind, eventTypes: input.eventTypes as EventType[] };
  }
}

export function periodRuleOf(input: PeriodInput): PeriodRule {
  switch (input.kind) {
    case 'weekly':
      return { kind: 'weekly', timeZone: input.timeZone, weekStartsOn: (input.weekStartsOn ?? 1) as Weekday };
    case 'once':
      return {
        kind: 'once',
        timeZone: input.timeZone,
        start: Date.parse(input.start),
        end: Date.parse(input.end),
      };
    case 'daily':
    case 'monthly':
      return { kind: input.kind, timeZone: input.timeZone };
  }
}

export function contestRulesOf(stored: StoredRules, startsAt: number): ContestRules {
  return {
    metric: metricRuleOf(stored.metric),
    period: periodRuleOf(stored.period),
    tieRule: stored.tieRule,
    filters: stored.filters ?? [],
    startsAt,
  };
}

export function toDomainContest(entity: Pick<ContestEntity, 'id' | 'rules' | 'startsAt'>): Contest {
  return {
    id: entity.id,
    rules: contestRulesOf(entity.rules as unknown as StoredRules, entity.startsAt.getTime()),
  };
}

export function toContestResponse(entity: ContestEntity): ContestResponse {
  const rules = entity.rules as unknown as StoredRules;
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    status: entity.status,
    metric: rules.metric,
    period: rules.period,
    tieRule: rules.tieRule,
    filters: rules.filters ?? [],
    startsAt: entity.startsAt.toISOString(),
    createdAt: entity.createdAt.toISOString(),
  };
}
