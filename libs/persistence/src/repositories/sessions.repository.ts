import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** A session as refresh needs it. */
export interface StoredSession {
  readonly id: string;
  readonly userId: string;
  readonly familyId: string;
  readonly accessHash: string;
  readonly refreshExpiresAt: number;
  readonly revoked: boolean;
  /** Set once its refresh token was traded for a new session. */
  readonly replacedBy: string | null;
}

/** A new session's stored half: hashes and expiry times, never the tokens. */
export interface NewSession {
  readonly userId: string;
  /** The family of the session it replaces; null for a login (a new family). */
  readonly familyId: string | null;
  readonly accessHash: string;
  readonly accessExpiresAt: Date;
  readonly refreshHash: string;
  readonly refreshExpiresAt: Date;
}

/**
 * Sessions and their families: a login starts a family, each refresh adds the next session to it and
 * marks the one it replaces. All writes run in the caller's transaction.
 */
export class SessionsRepository {
  /** Stores a session; returns its id (for a login also its family's id). */
  async open(tx: EntityManager, session: NewSession): Promise<string> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO sessions (id, user_id, family_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        session.userId,
        session.familyId ?? id,
        session.accessHash,
        session.accessExpiresAt,
        session.refreshHash,
        session.refreshExpiresAt,
      ],
    );
    return id;
  }

  /** The session of a refresh token, locked until the transaction ends (refreshes of it queue). */
  async lockByRefreshHash(tx: EntityManager, refreshHash: string): Promise<StoredSession | null> {
    const [row]: {
      id: string;
      user_id: string;
      family_id: string;
      access_hash: string;
      refresh_expires_at: Date;
      revoked_at: Date | null;
      replaced_by: string | null;
    }[] = await tx.query(
      `SELECT id, user_id, family_id, access_hash, refresh_expires_at, revoked_at, replaced_by
       FROM sessions WHERE refresh_hash = $1 FOR UPDATE`,
      [refreshHash],
    );
    if (row === undefined) return null;
    return {
      id: row.id,
      userId: row.user_id,
      familyId: row.family_id,
      accessHash: row.access_hash,
      refreshExpiresAt: row.refresh_expires_at.getTime(),
      revoked: row.revoked_at !== null,
      replacedBy: row.replaced_by,
    };
  }

  /** Ends a session whose refresh token was just traded for `replacement`. */
  async rotate(tx: EntityManager, id: string, replacement: string, now: Date): Promise<void> {
    await tx.query(`UPDATE sessions SET revoked_at = $3, replaced_by = $2 WHERE id = $1`, [
      id,
      replacement,
      now,
    ]);
  }

  /** Revokes every live session of a family; returns the access hashes it revoked. */
  async revokeFamily(tx: EntityManager, familyId: string, now: Date): Promise<string[]> {
    const rows: { access_hash: string }[] = await tx.query(
      // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count].
      `WITH revoked AS (UPDATE sessions SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL
         RETURNING access_hash)
       SELECT access_hash FROM revoked`,
      [familyId, now],
    );
    return rows.map((r) => r.access_hash);
  }
}
