import type { EntityManager } from 'typeorm';
import type { RepResponse } from '#contracts';

/** A rep as the people routes answer with it (team by key). */
export interface RepRow {
  readonly id: string;
  readonly externalId: string;
  readonly displayName: string;
  readonly team: string | null;
  readonly role: string | null;
  readonly isNew: boolean;
}

interface Raw {
  id: string;
  external_id: string;
  display_name: string;
  team: string | null;
  role: string | null;
  is_new: boolean;
}

const toRow = (r: Raw): RepRow => ({
  id: r.id,
  externalId: r.external_id,
  displayName: r.display_name,
  team: r.team,
  role: r.role,
  isNew: r.is_new,
});

/** A rep as the api answers with it. */
export function toRepResponse(rep: RepRow): RepResponse {
  return {
    externalId: rep.externalId,
    displayName: rep.displayName,
    team: rep.team,
    role: rep.role,
    isNew: rep.isNew,
  };
}

/** Reps and the review queue (reps an incoming event created, `is_new`, until a manager reviews them). */
export class RepsRepository {
  /** One rep by external id; `lock`: its row is locked until the caller's transaction ends. */
  async find(tx: EntityManager, externalId: string, lock = false): Promise<RepRow | null> {
    const [row]: Raw[] = await tx.query(
      `SELECT r.id, r.external_id, r.display_name, t.key AS team, r.role, r.is_new
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id WHERE r.external_id = $1
       ${lock ? 'FOR UPDATE OF r' : ''}`,
      [externalId],
    );
    return row === undefined ? null : toRow(row);
  }

  /** Reps by external id, at most `limit`: every one, or (`teams` given) those of these teams or of none. */
  async list(tx: EntityManager, teams: readonly string[] | null, limit: number): Promise<RepRow[]> {
    const rows: Raw[] = await tx.query(
      `SELECT r.id, r.external_id, r.display_name, t.key AS team, r.role, r.is_new
       FROM reps r LEFT JOIN teams t ON t.id = r.team_id
       WHERE $1::text[] IS NULL OR t.key IS NULL OR t.key = ANY($1::text[])
       ORDER BY r.external_id LIMIT $2`,
      [teams === null ? null : [...teams], limit],
    );
    return rows.map(toRow);
  }

  /** The id of the team with this key, or null. */
  async teamId(tx: EntityManager, key: string): Promise<string | null> {
    const [row]: { id: string }[] = await tx.query(`SELECT id FROM teams WHERE key = $1`, [key]);
    return row?.id ?? null;
  }

  /** Takes a rep out of the review queue, with a new team (id, or null) and role where given. */
  async review(
    tx: EntityManager,
    id: string,
    change: { readonly teamId?: string | null; readonly role?: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE reps SET is_new = false,
         team_id = CASE WHEN $2 THEN $3::uuid ELSE team_id END,
         role = CASE WHEN $4 THEN $5::text ELSE role END
       WHERE id = $1`,
      [
        id,
        change.teamId !== undefined,
        change.teamId ?? null,
        change.role !== undefined,
        change.role ?? null,
      ],
    );
  }
}
