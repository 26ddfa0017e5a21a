import type {
  ContestKindInput,
  ContestResponse,
  LocalizedText,
  ContestStatusName,
  CreateContestRequest,
  FilterInput,
  MetricInput,
  ParticipantsInput,
  PeriodInput,
  PrizeInput,
  PrizesInput,
} from '#contracts';
import {
  DEFAULT_GRACE_MINUTES,
  describeContestInAll,
  type BoardRules,
  type Contest,
  type ContestRules,
  type ContestStatus,
  type EventType,
  type MetricRule,
  type PeriodRule,
  type Prize,
  type Prizes,
  type TieRule,
  type Weekday,
} from '#domain';
import type { ContestEntity } from '../entities/contest.entity.js';

/** The rules as stored in `contests.rules` (the wire shape with defaults filled in). */
export interface StoredRules {
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly tieRule: TieRule;
  readonly filters?: readonly FilterInput[];
  readonly kind?: ContestKindInput;
  readonly target?: number | null;
  readonly teamScoring?: 'sum' | 'average';
  readonly participants?: ParticipantsInput;
  readonly targets?: { readonly default: number; readonly perRep: Readonly<Record<string, number>> } | null;
  readonly minScore?: number;
  readonly divisions?: 'none' | 'team' | 'role';
  readonly gracePeriodMinutes?: number;
}

/** Prizes as stored in `contests.prizes`. */
export interface StoredPrizes {
  readonly ranks: readonly { readonly rank: number; readonly prize: Prize }[];
  readonly thresholds: readonly { readonly atLeast: number; readonly prize: Prize }[];
}

export function storedRulesOf(request: Omit<CreateContestRequest, 'name'>): StoredRules {
  return {
    metric: request.metric,
    period: request.period,
    tieRule: request.tieRule ?? 'first_to_reach',
    filters: request.filters ?? [],
    kind: request.kind ?? 'leaderboard',
    target: request.target ?? null,
    teamScoring: request.teamScoring ?? 'sum',
    participants: request.participants ?? { kind: 'everyone' },
    targets:
      request.targets === undefined || request.targets === null
        ? null
        : { default: request.targets.default, perRep: request.targets.perRep ?? {} },
    minScore: request.minScore ?? 0,
    divisions: request.divisions ?? 'none',
    gracePeriodMinutes: request.gracePeriodMinutes ?? DEFAULT_GRACE_MINUTES,
  };
}

function prizeOf(input: PrizeInput): Prize {
  return { name: input.name, description: input.description ?? null, imageUrl: input.imageUrl ?? null };
}

export function storedPrizesOf(input: PrizesInput | undefined): StoredPrizes {
  return {
    ranks: (input?.ranks ?? []).map((p) => ({ rank: p.rank, prize: prizeOf(p.prize) })),
    thresholds: (input?.thresholds ?? []).map((p) => ({ atLeast: p.atLeast, prize: prizeOf(p.prize) })),
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

export function boardRulesOf(stored: StoredRules): BoardRules {
  return {
    kind: stored.kind ?? 'leaderboard',
    tieRule: stored.tieRule,
    target: stored.target ?? null,
    teamScoring: stored.teamScoring ?? 'sum',
    participants: stored.participants ?? { kind: 'everyone' },
    targets: stored.targets ?? null,
    minScore: stored.minScore ?? 0,
    divisions: stored.divisions ?? 'none',
  };
}

/** Everything the engine needs to know about a contest: scoring rules, board rules, lifecycle, prizes. */
export interface ContestDefinition {
  readonly contest: Contest;
  readonly name: string;
  readonly status: ContestStatus;
  readonly board: BoardRules;
  readonly graceMs: number;
  readonly prizes: Prizes;
  /** Paused by a manager: it keeps scoring and finalising, but celebrates nothing. */
  readonly paused: boolean;
}

export function toContestDefinition(
  entity: Pick<ContestEntity, 'id' | 'name' | 'status' | 'rules' | 'startsAt' | 'prizes' | 'pausedAt'>,
): ContestDefinition {
  const stored = entity.rules as unknown as StoredRules;
  return {
    contest: toDomainContest(entity),
    name: entity.name,
    status: entity.status as ContestStatus,
    board: boardRulesOf(stored),
    graceMs: (stored.gracePeriodMinutes ?? DEFAULT_GRACE_MINUTES) * 60_000,
    prizes: entity.prizes as unknown as StoredPrizes,
    paused: entity.pausedAt !== null,
  };
}

/** A contest's rules and prizes in plain words (libs/domain `describeContest`), in every language. */
export function previewOf(
  rules: StoredRules,
  prizes: StoredPrizes,
  teamNames?: ReadonlyMap<string, string>,
): LocalizedText {
  return describeContestInAll({
    metric: metricRuleOf(rules.metric),
    period: periodRuleOf(rules.period),
    filters: rules.filters ?? [],
    board: boardRulesOf(rules),
    prizes,
    ...(teamNames === undefined ? {} : { teamNames }),
  });
}

/** A contest as the api answers it; `teamNames` (by key) name the teams in its plain-words preview. */
export function toContestResponse(
  entity: ContestEntity,
  teamNames?: ReadonlyMap<string, string>,
): ContestResponse {
  const rules = entity.rules as unknown as StoredRules;
  const board = boardRulesOf(rules);
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    status: entity.status as ContestStatusName,
    kind: board.kind,
    metric: rules.metric,
    period: rules.period,
    tieRule: rules.tieRule,
    filters: rules.filters ?? [],
    target: board.target,
    teamScoring: board.teamScoring,
    participants: board.participants,
    targets: board.targets,
    minScore: board.minScore,
    divisions: board.divisions,
    gracePeriodMinutes: rules.gracePeriodMinutes ?? DEFAULT_GRACE_MINUTES,
    prizes: entity.prizes as unknown as StoredPrizes,
    startsAt: entity.startsAt.toISOString(),
    createdAt: entity.createdAt.toISOString(),
    preview: previewOf(rules, entity.prizes as unknown as StoredPrizes, teamNames),
    paused: entity.pausedAt !== null,
    pausedAt: entity.pausedAt === null ? null : entity.pausedAt.toISOString(),
  };
}
