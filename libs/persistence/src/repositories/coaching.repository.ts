import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { isEventType, MANUAL_ADJUSTMENT, type CoachingRepActivity, type WeeklyActivity } from '#domain';
import { ContestEntity } from '../entities/contest.entity.js';
import { TeamEntity } from '../entities/team.entity.js';

/** Most reps one coaching view lists (a team larger than this is cut, by name). */
export const COACHING_MAX_REPS = 500;

/** Contest statuses whose metrics the coaching view follows: published ones, not drafts or archived. */
const FOLLOWED_STATUSES = ['scheduled', 'live', 'finalising'];
/** Finished contests the view still follows: the most recently changed ones, so a request stays bounded. */
export const COACHING_MAX_FINAL_CONTESTS = 100;

/**
 * What the coaching view reads from the ledger. The events are aggregated in PostgreSQL (grouped by rep,
 * week and event type), never loaded one by one; `ix_events_rep_activity` serves every query here.
 */
export class CoachingRepository {
  async team(tx: EntityManager, key: string): Promise<{ id: string; key: string; name: string } | null> {
    const team = await tx.findOne(TeamEntity, { where: { key } });
    return team === null ? null : { id: team.id, key: team.key, name: team.name };
  }

  /**
   * Published contests (the caller keeps those of the team), oldest first: every running one, and of
   * the finished ones the {@link COACHING_MAX_FINAL_CONTESTS} changed last.
   */
  async contests(tx: EntityManager): Promise<ContestEntity[]> {
    // One after the other: the manager may be a transaction's single connection.
    const running = await tx.find(ContestEntity, { where: { status: In(FOLLOWED_STATUSES) } });
    const finished = await tx.find(ContestEntity, {
      where: { status: 'final' },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: COACHING_MAX_FINAL_CONTESTS,
    });
    return [...running, ...finished].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  /**
   * The team's reps (by display name, at most {@link COACHING_MAX_REPS}) with their first and last
   * active event up to `until`: two index probes per rep (the first and the last entry of the rep's range).
   */
  async reps(tx: EntityManager, teamId: string, until: Date): Promise<CoachingRepActivity[]> {
    const rows: {
      id: string;
      external_id: string;
      display_name: string;
      created_at: Date;
      first_at: Date | null;
      last_at: Date | null;
    }[] = await tx.query(
      `SELECT r.id, r.external_id, r.display_name, r.created_at, f.occurred_at AS first_at, l.occurred_at AS last_at
       FROM reps r
         LEFT JOIN LATERAL (SELECT e.occurred_at FROM events e
             WHERE e.rep_id = r.id AND e.status = 'active' AND e.occurred_at <= $2 AND e.event_type <> $3
             ORDER BY e.occurred_at ASC LIMIT 1) f ON true
         LEFT JOIN LATERAL (SELECT e.occurred_at FROM events e
             WHERE e.rep_id = r.id AND e.status = 'active' AND e.occurred_at <= $2 AND e.event_type <> $3
             ORDER BY e.occurred_at DESC LIMIT 1) l ON true
       WHERE r.team_id = $1
       ORDER BY r.display_name, r.external_id
       LIMIT ${COACHING_MAX_REPS}`,
      // A manager's manual adjustment is not the rep's own activity: it never clears "stalled".
      [teamId, until, MANUAL_ADJUSTMENT],
    );
    return rows.map((r) => ({
      repId: r.id,
      externalId: r.external_id,
      displayName: r.display_name,
      knownSince: r.created_at.getTime(),
      firstActivityAt: r.first_at === null ? null : r.first_at.getTime(),
      lastActivityAt: r.last_at === null ? null : r.last_at.getTime(),
    }));
  }

  /**
   * The team's active events of `eventTypes` from `bounds[0]` up to `until` (inclusive), grouped by rep,
   * week, event type and currency. `bounds` are the weeks' starts followed by the last week's end
   * (ascending); `week` is the 0-based index of the week (`width_bucket` over the bounds), so the weeks
   * are exactly the domain's calendar weeks in the team's time zone, DST changes included.
   */
  async weeklyActivity(
    tx: EntityManager,
    teamId: string,
    bounds: readonly Date[],
    until: Date,
    eventTypes: readonly string[],
  ): Promise<WeeklyActivity[]> {
    const first = bounds[0];
    const last = bounds[bounds.length - 1];
    if (first === undefined || last === undefined || eventTypes.length === 0) return [];
    const rows: {
      rep_id: string;
      week: number;
      event_type: string;
      currency: string | null;
      events: number;
      quantity: string;
      amount: string;
    }[] = await tx.query(
      `SELECT e.rep_id, width_bucket(e.occurred_at, $2::timestamptz[]) - 1 AS week, e.event_type, e.currency,
         count(*)::int AS events, COALESCE(sum(e.quantity), 0)::text AS quantity,
         COALESCE(sum(e.amount_minor), 0)::text AS amount
       FROM reps r
         JOIN events e ON e.rep_id = r.id
       WHERE r.team_id = $1 AND e.status = 'active'
         AND e.occurred_at >= $3 AND e.occurred_at < $4 AND e.occurred_at <= $5
         AND e.event_type = ANY($6::text[])
       GROUP BY 1, 2, 3, 4`,
      [teamId, bounds, first, last, until, eventTypes],
    );
    const activity: WeeklyActivity[] = [];
    for (const r of rows) {
      if (!isEventType(r.event_type)) continue;
      activity.push({
        repId: r.rep_id,
        week: Number(r.week),
        eventType: r.event_type,
        currency: r.currency,
        events: r.events,
        quantity: Number(r.quantity),
        amountMinor: Number(r.amount),
      });
    }
    return activity;
  }
}
