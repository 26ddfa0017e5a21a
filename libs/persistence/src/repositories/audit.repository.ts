import type { EntityManager } from 'typeorm';

/** Which entries of the audit log to read, newest first. Every field but `limit` is optional. */
export interface AuditFilter {
  /** Managers: only entries about these teams; null: every entry (admins). */
  readonly teams: readonly string[] | null;
  /** Who: an actor's id (a user, key or screen id) or their label (an email, case-insensitive). */
  readonly actor?: string;
  /** What: an action (`contest.update`), or every action starting with a prefix ending in "." (`contest.`). */
  readonly action?: string;
  /** About what kind of thing (`contest`, `user`, `rep`, ...). */
  readonly entity?: string;
  /** When: from this instant (included) to this one (excluded), epoch ms. */
  readonly from?: number;
  readonly to?: number;
  /** At most this many entries (the caller bounds it). */
  readonly limit: number;
}

export interface AuditRow {
  readonly id: string;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorLabel: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly teams: string[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** `LIKE` pattern matching values that start with `prefix` literally (`_` and `%` are not wildcards). */
function startsWith(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The audit log as it is read: filtered in SQL, newest first, never more than the caller's limit. */
export class AuditRepository {
  async list(tx: EntityManager, filter: AuditFilter): Promise<AuditRow[]> {
    const action = filter.action;
    const rows: {
      id: string;
      at: Date;
      actor_kind: string;
      actor_id: string | null;
      actor_label: string;
      action: string;
      entity: string;
      entity_id: string;
      teams: string[];
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[] = await tx.query(
      `SELECT id::text, at, actor_kind, actor_id, actor_label, action, entity, entity_id, teams, before, after
       FROM audit_log
       WHERE ($1::text[] IS NULL OR teams && $1::text[])
         AND ($2::text IS NULL OR actor_id = $2 OR lower(actor_label) = lower($2))
         AND ($3::text IS NULL OR action = $3)
         AND ($4::text IS NULL OR action LIKE $4)
         AND ($5::text IS NULL OR entity = $5)
         AND ($6::timestamptz IS NULL OR at >= $6)
         AND ($7::timestamptz IS NULL OR at < $7)
       ORDER BY audit_log.at DESC, audit_log.id DESC LIMIT $8`,
      [
        filter.teams === null ? null : [...filter.teams],
        filter.actor ?? null,
        action === undefined || action.endsWith('.') ? null : action,
        action !== undefined && action.endsWith('.') ? startsWith(action) : null,
        filter.entity ?? null,
        filter.from === undefined ? null : new Date(filter.from),
        filter.to === undefined ? null : new Date(filter.to),
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      teams: r.teams,
      before: r.before,
      after: r.after,
    }));
  }
}
