import type { EntityManager } from 'typeorm';

/**
 * The first admin and the one-time setup codes. Whoever creates the first admin (the setup link or
 * PODIUM_ADMIN_EMAIL at a start) first takes {@link SetupRepository.lockFirstAdmin} in their
 * transaction, so two of them at once (two browsers, two api replicas) never create two admins.
 */
export class SetupRepository {
  /** Serialises every creation of a first admin until the caller's transaction ends. */
  async lockFirstAdmin(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('podium:first-admin'))`);
  }

  async adminExists(tx: EntityManager): Promise<boolean> {
    const [any]: unknown[] = await tx.query(`SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`);
    return any !== undefined;
  }

  /** Stores a new code's hash (a code stays valid until one is used or an admin exists). */
  async storeCode(tx: EntityManager, codeHash: string): Promise<void> {
    await tx.query(`INSERT INTO setup_codes (code_hash) VALUES ($1)`, [codeHash]);
  }

  /** Whether a code with this hash is outstanding (locked until the caller's transaction ends). */
  async takeCode(tx: EntityManager, codeHash: string): Promise<boolean> {
    const [row]: unknown[] = await tx.query(`SELECT 1 FROM setup_codes WHERE code_hash = $1 FOR UPDATE`, [
      codeHash,
    ]);
    return row !== undefined;
  }

  /** Every code stops working: an admin exists now. */
  async deleteCodes(tx: EntityManager): Promise<number> {
    const deleted: unknown[] = await tx.query(`DELETE FROM setup_codes RETURNING 1`);
    return deleted.length;
  }

  async emailTaken(tx: EntityManager, email: string): Promise<boolean> {
    const [row]: unknown[] = await tx.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
    return row !== undefined;
  }

  /** Creates an admin (email lower-cased by the caller). */
  async createAdmin(
    tx: EntityManager,
    email: string,
    passwordHash: string,
  ): Promise<{ id: string; createdAt: Date }> {
    const [row]: { id: string; created_at: Date }[] = await tx.query(
      `INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'admin') RETURNING id, created_at`,
      [email, passwordHash],
    );
    if (row === undefined) throw new Error('INSERT INTO users returned no row');
    return { id: row.id, createdAt: row.created_at };
  }
}
