import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '#domain';

/** Who did something, as the audit log records them. */
export function actorOf(principal: Principal): { kind: string; id: string | null; label: string } {
  switch (principal.kind) {
    case 'anonymous':
      return { kind: 'anonymous', id: null, label: 'anonymous' };
    case 'user':
      return { kind: 'user', id: principal.userId, label: principal.label };
    case 'screen':
      return { kind: 'screen', id: principal.screenId, label: principal.label };
    case 'ingest':
      return { kind: 'ingest', id: principal.keyId, label: principal.label };
  }
}

/**
 * Writes the audit log in the caller's transaction, so a change and its entry commit together. Callers
 * pass plain descriptions of the entity: never a secret or a hash.
 */
@Injectable()
export class AuditService {
  async record(
    tx: EntityManager,
    principal: Principal,
    entry: {
      action: string;
      entity: string;
      entityId: string;
      teams?: readonly string[];
      before?: unknown;
      after?: unknown;
    },
  ): Promise<void> {
    const actor = actorOf(principal);
    await tx.query(
      `INSERT INTO audit_log (actor_kind, actor_id, actor_label, action, entity, entity_id, teams, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actor.kind,
        actor.id,
        actor.label,
        entry.action,
        entry.entity,
        entry.entityId,
        [...new Set(entry.teams ?? [])],
        entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
