import type { EntityManager } from 'typeorm';
import { MANUAL_ADJUSTMENT, MANUAL_SOURCE, manualAdjustmentOf, type ManualAdjustmentFacts } from '#domain';

/** One manual adjustment as the ledger holds it (its current version), with its rep. */
export interface StoredManualAdjustment {
  /** The ledger row's id. */
  readonly eventId: string;
  /** The adjustment's id: the ledger event's external id within source `manual`. */
  readonly id: string;
  readonly repExternalId: string;
  readonly repName: string;
  readonly repTeam: string | null;
  readonly occurredAt: number;
  readonly revision: number;
  readonly status: 'active' | 'void';
  readonly receivedAt: number;
  readonly facts: ManualAdjustmentFacts;
}

interface Row {
  event_id: string;
  external_id: string;
  rep_external_id: string;
  rep_name: string;
  team_key: string | null;
  occurred_at: Date;
  revision: number;
  status: 'active' | 'void';
  received_at: Date;
  source: string;
  event_type: string;
  attributes: Record<string, unknown>;
}

const COLUMNS = `e.id::text AS event_id, e.external_id, r.external_id AS rep_external_id, r.display_name AS rep_name,
  t.key AS team_key, e.occurred_at, e.revision, e.status, e.received_at, e.source, e.event_type, e.attributes`;
const FROM = `FROM events e JOIN reps r ON r.id = e.rep_id LEFT JOIN teams t ON t.id = r.team_id
  WHERE e.source = '${MANUAL_SOURCE}' AND e.event_type = '${MANUAL_ADJUSTMENT}' AND e.attributes->>'contestId' = $1`;

function toStored(r: Row): StoredManualAdjustment[] {
  const facts = manualAdjustmentOf({ source: r.source, type: MANUAL_ADJUSTMENT, attributes: r.attributes });
  if (facts === null) return [];
  return [
    {
      eventId: r.event_id,
      id: r.external_id,
      repExternalId: r.rep_external_id,
      repName: r.rep_name,
      repTeam: r.team_key,
      occurredAt: r.occurred_at.getTime(),
      revision: r.revision,
      status: r.status,
      receivedAt: r.received_at.getTime(),
      facts,
    },
  ];
}

/** SQL of manual adjustments, read from the event ledger (they are ledger events). */
export class ManualAdjustmentsRepository {
  /**
   * A contest's manual adjustments, newest first (at most `limit`); with `teams`, only those of reps
   * of these teams (a manager's view).
   */
  async ofContest(
    tx: EntityManager,
    contestId: string,
    teams: readonly string[] | null,
    limit: number,
  ): Promise<StoredManualAdjustment[]> {
    const rows: Row[] = await tx.query(
      `SELECT ${COLUMNS} ${FROM} AND ($2::text[] IS NULL OR t.key = ANY($2::text[]))
       ORDER BY e.occurred_at DESC, e.id DESC LIMIT $3`,
      [contestId, teams, limit],
    );
    return rows.flatMap(toStored);
  }

  /** One adjustment of a contest by its id; null when the contest has none with that id. */
  async find(tx: EntityManager, contestId: string, id: string): Promise<StoredManualAdjustment | null> {
    const rows: Row[] = await tx.query(`SELECT ${COLUMNS} ${FROM} AND e.external_id = $2`, [contestId, id]);
    return rows.flatMap(toStored)[0] ?? null;
  }
}
