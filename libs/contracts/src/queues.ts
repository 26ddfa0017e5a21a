import type { BoardChangedMessage, MomentMessage } from './boards.js';

/**
 * Queue and job names outlive the process (jobs wait in Redis or PostgreSQL under these names):
 * never rename them casually.
 */
export const QUEUE_SCORING = 'scoring' as const;

export const JOB_SCORE_EVENTS = 'score-events' as const;
export const JOB_REBUILD_CONTEST = 'rebuild-contest' as const;

/** Payload of every job, by job name. Ledger ids are decimal strings (bigint in PostgreSQL). */
export interface JobPayloads {
  [JOB_SCORE_EVENTS]: { readonly eventIds: readonly string[] };
  [JOB_REBUILD_CONTEST]: { readonly contestId: string };
}

export type JobName = keyof JobPayloads;

/** Redis pub/sub channel (under the deployment's key prefix) on which workers announce committed changes. */
export const CHANNEL_STANDINGS_CHANGED = 'standings.changed' as const;

/** What a worker announces after a commit that changed a contest's standings. */
export interface StandingsChangedNotice {
  readonly contestId: string;
  readonly version: number;
}

/** Channel of the moments a scoring commit or a finalisation produced (data, not hints: they cannot be re-read). */
export const CHANNEL_MOMENTS = 'moments' as const;
/** Channel of screen changes (name, playlist, settings): gateways tell the screen's sockets. */
export const CHANNEL_BOARD_CHANGED = 'board.changed' as const;

/** A candidate moment as the worker announces it: every screen's gateway picks by the screen's settings. */
export interface MomentNotice extends Omit<MomentMessage, 'emittedAt'> {
  /** `<ledger id>:<revision>` of the event behind it (null for rank prizes): one deal is cheered once per screen. */
  readonly event: string | null;
}

export interface MomentsNotice {
  readonly moments: readonly MomentNotice[];
}

/** What travels on each bus channel. */
export interface BusMessages {
  [CHANNEL_STANDINGS_CHANGED]: StandingsChangedNotice;
  [CHANNEL_MOMENTS]: MomentsNotice;
  [CHANNEL_BOARD_CHANGED]: BoardChangedMessage;
}

export type BusChannel = keyof BusMessages;
