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
