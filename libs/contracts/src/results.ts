import type { PrizeResponse } from './contests.js';
import type { StandingsPeriod } from './standings.js';

/** One prize won by one entry of a finalised period. */
export interface AwardResponse {
  /** The board's division (team key or role); null without divisions. */
  readonly division: string | null;
  readonly kind: 'rank' | 'threshold';
  readonly rank: number | null;
  readonly atLeast: number | null;
  readonly prize: PrizeResponse;
  readonly winner: { readonly kind: 'rep' | 'team'; readonly externalId: string; readonly name: string };
  /** The winner's rank, score and board value when the prize was awarded. */
  readonly winnerRank: number;
  readonly score: number;
  readonly value: number;
}

/** A finalised period of a contest: its frozen boards (top 100 each) and its winners. */
export interface PeriodResultResponse {
  readonly contestId: string;
  readonly contestName: string;
  readonly period: StandingsPeriod;
  readonly finalisedAt: string;
  /** 1 for the first finalisation, +1 for each re-finalisation. */
  readonly finalisation: number;
  readonly boards: readonly {
    readonly division: string | null;
    readonly total: number;
    readonly entries: readonly FinalEntryResponse[];
  }[];
  readonly awards: readonly AwardResponse[];
  /** Post-close adjustments recorded since this finalisation. */
  readonly pendingAdjustments: number;
}

export interface FinalEntryResponse {
  readonly rank: number;
  readonly kind: 'rep' | 'team';
  readonly externalId: string;
  readonly name: string;
  readonly score: number;
  readonly value: number;
  readonly finishedAt: string | null;
}

/** A change to a final period's scores, recorded instead of silently changing its winners. */
export interface AdjustmentResponse {
  readonly id: string;
  readonly period: StandingsPeriod;
  readonly event: { readonly source: string; readonly id: string; readonly revision: number };
  readonly rep: { readonly externalId: string };
  readonly pointsBefore: number;
  readonly pointsAfter: number;
  readonly recordedAt: string;
  /** When a re-finalisation took it into account; null while pending. */
  readonly resolvedAt: string | null;
}

export interface PeriodAdjustmentsResponse {
  readonly period: StandingsPeriod;
  readonly finalisation: number;
  readonly adjustments: readonly AdjustmentResponse[];
  /** What re-finalising now would change: prizes that would be lost and won. */
  readonly wouldLose: readonly AwardResponse[];
  readonly wouldWin: readonly AwardResponse[];
}

export interface AdjustmentsResponse {
  readonly contestId: string;
  /** Finalised periods with pending adjustments, newest first. */
  readonly periods: readonly PeriodAdjustmentsResponse[];
}

export interface WonPrizeResponse {
  readonly contestId: string;
  readonly contestName: string;
  readonly period: StandingsPeriod;
  readonly award: AwardResponse;
}

/** The hall of fame: reps by prizes won, and the latest winners. */
export interface HallOfFameResponse {
  readonly reps: readonly {
    readonly externalId: string;
    readonly displayName: string;
    /** First places won. */
    readonly wins: number;
    /** Prizes of any kind won. */
    readonly prizes: number;
  }[];
  readonly recent: readonly WonPrizeResponse[];
}

export interface RepWinsResponse {
  readonly rep: { readonly externalId: string; readonly displayName: string };
  readonly wins: number;
  readonly prizes: readonly WonPrizeResponse[];
}

export interface TeamRequest {
  readonly key: string;
  readonly name: string;
}

export interface TeamResponse {
  readonly key: string;
  readonly name: string;
  readonly members: number;
}

/** Creates or changes a rep (by external id): their name, team (by key, null for none) and role. */
export interface RepRequest {
  readonly displayName?: string;
  readonly team?: string | null;
  readonly role?: string | null;
}

export interface RepResponse {
  readonly externalId: string;
  readonly displayName: string;
  readonly team: string | null;
  readonly role: string | null;
  /** Created by an incoming event and not reviewed by a manager yet: in the review queue. */
  readonly isNew: boolean;
}
