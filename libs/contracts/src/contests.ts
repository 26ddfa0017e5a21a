import type { ContestKind, ContestStatus } from './value-lists.js';

export type MetricInput =
  | { readonly kind: 'count'; readonly eventTypes: readonly string[] }
  | { readonly kind: 'sum_quantity'; readonly eventTypes: readonly string[] }
  | { readonly kind: 'sum_amount'; readonly eventTypes: readonly string[]; readonly currency: string }
  /** Weighted points per event type, e.g. `{ "lead_created": 1, "demo_booked": 5, "deal_won": 20 }`. */
  | { readonly kind: 'points'; readonly weights: Readonly<Record<string, number>> };

export type PeriodInput =
  | { readonly kind: 'daily' | 'monthly'; readonly timeZone: string }
  | { readonly kind: 'weekly'; readonly timeZone: string; readonly weekStartsOn?: number }
  | { readonly kind: 'once'; readonly timeZone: string; readonly start: string; readonly end: string };

/** Only events meeting every filter count: `source`, `quantity`, `amount`, `currency` or `attributes.<name>`. */
export interface FilterInput {
  readonly field: string;
  readonly op: 'eq' | 'neq' | 'in' | 'gte' | 'lte';
  readonly value: string | number | boolean | readonly (string | number | boolean)[];
}

export interface PrizeInput {
  readonly name: string;
  readonly description?: string | null;
  readonly imageUrl?: string | null;
}

/** Prizes per rank (1st, 2nd, ...) and per threshold (everyone whose board value is at least `atLeast`). */
export interface PrizesInput {
  readonly ranks?: readonly { readonly rank: number; readonly prize: PrizeInput }[];
  readonly thresholds?: readonly { readonly atLeast: number; readonly prize: PrizeInput }[];
}

export type ParticipantsInput =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'teams'; readonly teams: readonly string[] }
  | { readonly kind: 'reps'; readonly reps: readonly string[] };

export type ContestKindInput = ContestKind;
export type ContestStatusName = ContestStatus;

/** The rules that decide scores and winners: fixed once a contest is live. */
export interface ContestRulesInput {
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly kind?: ContestKindInput;
  readonly tieRule?: 'first_to_reach' | 'shared';
  readonly filters?: readonly FilterInput[];
  /** target_race: the score to reach (null: none). */
  readonly target?: number | null;
  /** team: a team's score is the sum or the per-member average of its members' scores. */
  readonly teamScoring?: 'sum' | 'average';
  readonly participants?: ParticipantsInput;
  /** leaderboard: rank by percent of each rep's target (keyed by rep external id). */
  /** null: none (on a change: removes them). */
  readonly targets?: {
    readonly default: number;
    readonly perRep?: Readonly<Record<string, number>>;
  } | null;
  /** A rep appears on the public board only with at least this score. */
  readonly minScore?: number;
  readonly divisions?: 'none' | 'team' | 'role';
  /** Minutes after a period ends during which late events still count before it is final (default 15). */
  readonly gracePeriodMinutes?: number;
  /** Recurring contests: when counting starts (default: the start of the current period). */
  readonly startsAt?: string;
}

export interface CreateContestRequest extends ContestRulesInput {
  readonly name: string;
  /** null: no description (on a change: removes it). */
  readonly description?: string | null;
  /** Create as a draft: it scores nothing and is on no board until published. */
  readonly draft?: boolean;
  readonly prizes?: PrizesInput;
}

/** A change to a contest: name, description and prizes always; the rules only before it goes live. */
export type UpdateContestRequest = Partial<Omit<CreateContestRequest, 'draft'>>;

/** A text in every language Podium speaks (libs/domain `DESCRIPTION_LANGUAGES`). */
export interface LocalizedText {
  readonly en: string;
  readonly nl: string;
}

/** `POST /api/v1/contests/preview` (same body as a create): the rules in plain words; nothing is stored. */
export interface ContestPreviewResponse {
  readonly preview: LocalizedText;
}

export interface ContestResponse {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: ContestStatusName;
  readonly kind: ContestKindInput;
  readonly metric: MetricInput;
  readonly period: PeriodInput;
  readonly tieRule: 'first_to_reach' | 'shared';
  readonly filters: readonly FilterInput[];
  readonly target: number | null;
  readonly teamScoring: 'sum' | 'average';
  readonly participants: ParticipantsInput;
  readonly targets: { readonly default: number; readonly perRep: Readonly<Record<string, number>> } | null;
  readonly minScore: number;
  readonly divisions: 'none' | 'team' | 'role';
  readonly gracePeriodMinutes: number;
  readonly prizes: {
    readonly ranks: readonly { readonly rank: number; readonly prize: PrizeResponse }[];
    readonly thresholds: readonly { readonly atLeast: number; readonly prize: PrizeResponse }[];
  };
  readonly startsAt: string;
  readonly createdAt: string;
  /** The rules in plain words (libs/domain `describeContest`), e.g. "Most licenses sold, Monday to Sunday, …". */
  readonly preview: LocalizedText;
  /** Paused: it keeps scoring, its boards show it paused and it celebrates nothing (live contests only). */
  readonly paused: boolean;
  /** When it was paused; null when it is not. */
  readonly pausedAt: string | null;
}

export interface PrizeResponse {
  readonly name: string;
  readonly description: string | null;
  readonly imageUrl: string | null;
}

/** A ready-made contest a manager starts from: POST its `contest` (with changes) to create one. */
export interface ContestTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly contest: CreateContestRequest;
  /** The template's rules in plain words. */
  readonly preview: LocalizedText;
}
