import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal, Role } from '#domain';
import { hashSecret, kindOf } from './secrets.js';

/** How long a resolved token is trusted without asking the database again (revocation delay). */
export const PRINCIPAL_CACHE_MS = 2_000;
/** `last_used_at` is written at most this often per key or screen. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns a bearer token into the principal it stands for: a user's session, an ingest API key or a
 * display screen. Expired, revoked, disabled or unknown tokens resolve to null. Results are cached for
 * {@link PRINCIPAL_CACHE_MS}: a revocation made on this instance forgets the cache at once (and a
 * lookup that was under way when it happened is not cached), on other instances it takes effect
 * within that time.
 */
@Injectable()
export class PrincipalResolverService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly touched = new Map<string, number>();
  /** Bumped at each revocation: a lookup that started before one must not refill the cache. */
  private generation = 0;

  constructor(private readonly dataSource: DataSource) {}

  async resolve(token: string): Promise<Principal | null> {
    const kind = kindOf(token);
    if (kind === null || kind === 'rt') return null;
    const hash = hashSecret(token);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.until > now) return cached.principal;
    const generation = this.generation;
    const principal =
      kind === 'at'
        ? await this.session(hash)
        : kind === 'key'
          ? await this.apiKey(hash)
          : await this.screen(hash);
    // A revocation committed while we read may not be in what we read: use it for this request
    // (which started before the revocation), but do not keep it.
    if (generation !== this.generation) return principal;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + PRINCIPAL_CACHE_MS });
    return principal;
  }

  /** Forgets every cached token (after a revocation on this instance). */
  forget(): void {
    this.generation++;
    this.cache.clear();
  }

  /** Forgets the given tokens, by their hashes (after revoking these sessions on this instance). */
  forgetHashes(hashes: readonly string[]): void {
    this.generation++;
    for (const hash of hashes) this.cache.delete(hash);
  }

  private async session(hash: string): Promise<Principal | null> {
    const [row]: {
      user_id: string;
      email: string;
      role: Role;
      rep_external_id: string | null;
      rep_team: string | null;
      teams: string[];
    }[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.role, r.external_id AS rep_external_id, rt.key AS rep_team,
         COALESCE((SELECT array_agg(t.key ORDER BY t.key) FROM manager_teams m JOIN teams t ON t.id = m.team_id
                   WHERE m.user_id = u.id), '{}') AS teams
       FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN reps r ON r.id = u.rep_id LEFT JOIN teams rt ON rt.id = r.team_id
       WHERE s.access_hash = $1 AND s.revoked_at IS NULL AND s.access_expires_at > now()
         AND u.disabled_at IS NULL`,
      [hash],
    );
    if (row === undefined) return null;
    return {
      kind: 'user',
      userId: row.user_id,
      label: row.email,
      role: row.role,
      teams: row.role === 'manager' ? row.teams : [],
      repExternalId: row.role === 'rep' ? row.rep_external_id : null,
      team: row.role === 'rep' ? row.rep_team : null,
    };
  }

  private async apiKey(hash: string): Promise<Principal | null> {
    const [row]: { id: string; name: string; event_types: string[] | null }[] = await this.dataSource.query(
      `SELECT id, name, event_types FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (row === undefined) return null;
    await this.touch('api_keys', row.id);
    return { kind: 'ingest', keyId: row.id, label: row.name, eventTypes: row.event_types };
  }

  private async screen(hash: string): Promise<Principal | null> {
    const [row]: { id: string; name: string; contest_ids: string[]; top_n: number }[] =
      await this.dataSource.query(
        `SELECT id, name, contest_ids, top_n FROM screens WHERE token_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
    if (row === undefined) return null;
    await this.touch('screens', row.id);
    return {
      kind: 'screen',
      screenId: row.id,
      label: row.name,
      contestIds: row.contest_ids,
      topN: row.top_n,
    };
  }

  private async touch(table: 'api_keys' | 'screens', id: string): Promise<void> {
    const now = Date.now();
    if ((this.touched.get(id) ?? 0) > now - TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    await this.dataSource.query(`UPDATE ${table} SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
