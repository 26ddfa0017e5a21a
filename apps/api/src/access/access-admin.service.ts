import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  ApiKeyResponse,
  BoardSettings,
  MomentKind,
  AuditEntryResponse,
  AuditQuery,
  CreateApiKeyRequest,
  CreatedApiKeyResponse,
  CreateScreenRequest,
  CreateUserRequest,
  PairedScreenResponse,
  PairingResponse,
  PasswordResetResponse,
  RoleName,
  ScreenResponse,
  UpdateUserRequest,
  UserResponse,
} from '#contracts';
import { assertNoProblems, EVENT_TYPES, InvalidInputError, NotFoundError, type Principal } from '#domain';
import { ApiKeyEntity, AuditRepository, ScreenEntity, UserEntity } from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import { Inject } from '@nestjs/common';
import { hashPassword, passwordProblems } from '../auth/auth.service.js';
import { PrincipalResolverService } from '../auth/principal-resolver.service.js';
import { hashSecret, newPairingCode, newPassword, newSecret, prefixOf } from '../auth/secrets.js';
import { AuditService } from './audit.service.js';
import { parseIsoInstant } from '../common/iso-instant.js';
import { UUID } from '../common/uuid.js';

/** How long a TV pairing code works. */
export const PAIRING_TTL_MS = 10 * 60 * 1000;

export class PairingFailedError extends NotFoundError {
  constructor() {
    super('this pairing code is unknown, used or expired: ask for a new one');
  }
}

/** Users, API keys, display screens and the audit log: the admin's console (audit also for managers). */
@Injectable()
export class AccessAdminService {
  private readonly auditLogRows = new AuditRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly resolver: PrincipalResolverService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // ---- users

  async createUser(principal: Principal, request: CreateUserRequest): Promise<UserResponse> {
    assertNoProblems([
      ...passwordProblems(request.password),
      ...(request.role === 'rep' && request.rep === undefined
        ? [{ path: 'rep', reason: 'is required for a rep user' }]
        : []),
      ...(request.role !== 'rep' && request.rep !== undefined
        ? [{ path: 'rep', reason: 'applies only to rep users' }]
        : []),
      ...(request.role !== 'manager' && request.teams !== undefined
        ? [{ path: 'teams', reason: 'applies only to managers' }]
        : []),
    ]);
    const passwordHash = await hashPassword(request.password);
    return this.dataSource.transaction(async (tx) => {
      const email = request.email.toLowerCase();
      const [taken]: unknown[] = await tx.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (taken !== undefined) throw new InvalidInputError([{ path: 'email', reason: 'is already a user' }]);
      let repId: string | null = null;
      if (request.rep !== undefined) {
        const [rep]: { id: string }[] = await tx.query(`SELECT id FROM reps WHERE external_id = $1`, [
          request.rep,
        ]);
        if (rep === undefined)
          throw new InvalidInputError([{ path: 'rep', reason: `no rep with external id ${request.rep}` }]);
        const [linked]: unknown[] = await tx.query(`SELECT 1 FROM users WHERE rep_id = $1`, [rep.id]);
        if (linked !== undefined)
          throw new InvalidInputError([{ path: 'rep', reason: 'already has a user' }]);
        repId = rep.id;
      }
      const user = await tx.save(UserEntity, { email, passwordHash, role: request.role, repId });
      await this.setTeams(tx, user.id, request.teams ?? []);
      const after = await this.userOf(tx, user.id);
      await this.audit.record(tx, principal, {
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        teams: after.teams,
        after,
      });
      return after;
    });
  }

  async updateUser(principal: Principal, id: string, request: UpdateUserRequest): Promise<UserResponse> {
    if (request.password !== undefined) assertNoProblems(passwordProblems(request.password));
    const passwordHash = request.password === undefined ? null : await hashPassword(request.password);
    const result = await this.dataSource.transaction(async (tx) => {
      const user = UUID.test(id)
        ? await tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (user === null) throw new NotFoundError(`no user with id ${id}`);
      const before = await this.userOf(tx, id);
      const role = request.role ?? (user.role as RoleName);
      if (request.teams !== undefined && role !== 'manager') {
        throw new InvalidInputError([{ path: 'teams', reason: 'applies only to managers' }]);
      }
      if (role === 'rep' && user.repId === null) {
        throw new InvalidInputError([{ path: 'role', reason: 'a rep user must be created with its rep' }]);
      }
      const demoted = user.role === 'admin' && (role !== 'admin' || request.disabled === true);
      if (demoted) {
        // Two admins demoting each other at once must not leave none: one at a time.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext('podium:admins'))`);
        const [other]: unknown[] = await tx.query(
          `SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1 LIMIT 1`,
          [id],
        );
        if (other === undefined) {
          throw new InvalidInputError([
            { path: 'role', reason: 'the last active admin cannot be demoted or disabled' },
          ]);
        }
      }
      user.role = role;
      if (request.disabled !== undefined) user.disabledAt = request.disabled ? new Date(this.clock()) : null;
      if (passwordHash !== null) user.passwordHash = passwordHash;
      await tx.save(user);
      if (request.teams !== undefined) await this.setTeams(tx, id, request.teams);
      if (role !== 'manager') await tx.query(`DELETE FROM manager_teams WHERE user_id = $1`, [id]);
      // A disabled user, a new password or a new role ends every open session.
      if (request.disabled === true || passwordHash !== null || request.role !== undefined) {
        await tx.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
          id,
        ]);
      }
      const after = await this.userOf(tx, id);
      await this.audit.record(tx, principal, {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        teams: [...before.teams, ...after.teams],
        before,
        after: { ...after, ...(passwordHash === null ? {} : { passwordChanged: true }) },
      });
      return after;
    });
    this.resolver.forget();
    return result;
  }

  /**
   * A new random password for a user, answered once (stored only as its hash): every session of the
   * user ends, and the change is audited without the password.
   */
  async resetPassword(principal: Principal, id: string): Promise<PasswordResetResponse> {
    const temporaryPassword = newPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    const result = await this.dataSource.transaction(async (tx) => {
      const user = UUID.test(id)
        ? await tx.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (user === null) throw new NotFoundError(`no user with id ${id}`);
      user.passwordHash = passwordHash;
      // A reset also lifts a lock from failed logins: the user is to log in with the new password.
      user.failedLogins = 0;
      user.lockedUntil = null;
      await tx.save(user);
      const ended: unknown[] = await tx.query(
        `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING 1`,
        [id],
      );
      const after = await this.userOf(tx, id);
      await this.audit.record(tx, principal, {
        action: 'user.password_reset',
        entity: 'user',
        entityId: id,
        teams: after.teams,
        after: { ...after, passwordChanged: true, sessionsEnded: ended.length },
      });
      return { user: after, temporaryPassword };
    });
    this.resolver.forget();
    return result;
  }

  async users(): Promise<UserResponse[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM users ORDER BY email`);
    return Promise.all(rows.map((r) => this.userOf(this.dataSource.manager, r.id)));
  }

  // ---- API keys

  async createKey(principal: Principal, request: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    const unknown = (request.eventTypes ?? []).flatMap((t, i) =>
      (EVENT_TYPES as readonly string[]).includes(t)
        ? []
        : [{ path: `eventTypes[${i}]`, reason: `must be one of ${EVENT_TYPES.join(', ')}` }],
    );
    assertNoProblems(unknown);
    const key = newSecret('key');
    return this.dataSource.transaction(async (tx) => {
      const saved = await tx.save(ApiKeyEntity, {
        name: request.name,
        prefix: prefixOf(key),
        secretHash: hashSecret(key),
        eventTypes: request.eventTypes === undefined ? null : [...request.eventTypes],
        createdBy: principal.kind === 'user' ? principal.userId : null,
        lastUsedAt: null,
        revokedAt: null,
      });
      const listed = await this.keyOf(tx, saved.id);
      await this.audit.record(tx, principal, {
        action: 'api_key.create',
        entity: 'api_key',
        entityId: saved.id,
        after: listed,
      });
      return { ...listed, key };
    });
  }

  async keys(): Promise<ApiKeyResponse[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM api_keys ORDER BY created_at DESC`,
    );
    return Promise.all(rows.map((r) => this.keyOf(this.dataSource.manager, r.id)));
  }

  async revokeKey(principal: Principal, id: string): Promise<ApiKeyResponse> {
    const result = await this.dataSource.transaction(async (tx) => {
      const before = await this.keyOf(tx, id);
      await tx.query(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1`, [id]);
      const after = await this.keyOf(tx, id);
      await this.audit.record(tx, principal, {
        action: 'api_key.revoke',
        entity: 'api_key',
        entityId: id,
        before,
        after,
      });
      return after;
    });
    this.resolver.forget();
    return result;
  }

  // ---- display screens

  async createScreen(
    principal: Principal,
    request: CreateScreenRequest,
  ): Promise<ScreenResponse & { pairing: PairingResponse }> {
    return this.dataSource.transaction(async (tx) => {
      const found: { id: string }[] = await tx.query(`SELECT id FROM contests WHERE id = ANY($1::uuid[])`, [
        request.contestIds.filter((c) => UUID.test(c)),
      ]);
      const known = new Set(found.map((r) => r.id));
      assertNoProblems(
        request.contestIds.flatMap((c, i) =>
          known.has(c) ? [] : [{ path: `contestIds[${i}]`, reason: `no contest with id ${c}` }],
        ),
      );
      const screen = await tx.save(ScreenEntity, {
        name: request.name,
        contestIds: [...request.contestIds],
        topN: request.topN ?? 10,
        tokenPrefix: null,
        tokenHash: null,
        pairingHash: null,
        pairingExpiresAt: null,
        createdBy: principal.kind === 'user' ? principal.userId : null,
        lastUsedAt: null,
        revokedAt: null,
      });
      const pairing = await this.newPairing(tx, screen.id);
      const after = await this.screenOf(tx, screen.id);
      await this.audit.record(tx, principal, {
        action: 'screen.create',
        entity: 'screen',
        entityId: screen.id,
        after,
      });
      return { ...after, pairing };
    });
  }

  /** A new pairing code for a screen (re-pairing a TV replaces its token when the code is used). */
  async pairingCode(principal: Principal, id: string): Promise<PairingResponse> {
    return this.dataSource.transaction(async (tx) => {
      await this.screenOf(tx, id);
      const pairing = await this.newPairing(tx, id);
      await this.audit.record(tx, principal, {
        action: 'screen.pairing_code',
        entity: 'screen',
        entityId: id,
      });
      return pairing;
    });
  }

  /** The TV side: trades a pairing code for the screen's token (once; the code then stops working). */
  async pair(code: string): Promise<PairedScreenResponse> {
    const token = newSecret('ds');
    const result = await this.dataSource.transaction(async (tx) => {
      const screen = await tx.findOne(ScreenEntity, {
        where: { pairingHash: hashSecret(code.trim().toUpperCase()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (
        screen === null ||
        screen.revokedAt !== null ||
        screen.pairingExpiresAt === null ||
        screen.pairingExpiresAt.getTime() <= this.clock()
      ) {
        throw new PairingFailedError();
      }
      screen.pairingHash = null;
      screen.pairingExpiresAt = null;
      screen.tokenHash = hashSecret(token);
      screen.tokenPrefix = prefixOf(token);
      await tx.save(screen);
      await this.audit.record(
        tx,
        {
          kind: 'screen',
          screenId: screen.id,
          label: screen.name,
          contestIds: screen.contestIds,
          topN: screen.topN,
        },
        {
          action: 'screen.pair',
          entity: 'screen',
          entityId: screen.id,
          after: await this.screenOf(tx, screen.id),
        },
      );
      return { screenId: screen.id, token, contestIds: screen.contestIds, topN: screen.topN };
    });
    this.resolver.forget();
    return result;
  }

  async screens(): Promise<ScreenResponse[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM screens ORDER BY created_at DESC`,
    );
    return Promise.all(rows.map((r) => this.screenOf(this.dataSource.manager, r.id)));
  }

  async revokeScreen(principal: Principal, id: string): Promise<ScreenResponse> {
    const result = await this.dataSource.transaction(async (tx) => {
      const before = await this.screenOf(tx, id);
      await tx.query(
        `UPDATE screens SET revoked_at = COALESCE(revoked_at, now()), pairing_hash = NULL, pairing_expires_at = NULL WHERE id = $1`,
        [id],
      );
      const after = await this.screenOf(tx, id);
      await this.audit.record(tx, principal, {
        action: 'screen.revoke',
        entity: 'screen',
        entityId: id,
        before,
        after,
      });
      return after;
    });
    this.resolver.forget();
    return result;
  }

  // ---- audit log

  /**
   * The audit log, newest first: everything for admins, the entries of their teams for managers;
   * filtered by who, what and when in SQL (AuditRepository), at most `limit` (default 200) entries.
   */
  async auditLog(principal: Principal, query: AuditQuery): Promise<AuditEntryResponse[]> {
    const from = query.from === undefined ? undefined : parseIsoInstant(query.from);
    const to = query.to === undefined ? undefined : parseIsoInstant(query.to);
    // The DTO checked both instants; this names them again should one not parse.
    const instant = 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-27T09:30:00+01:00';
    assertNoProblems([
      ...(from === null ? [{ path: 'from', reason: instant }] : []),
      ...(to === null ? [{ path: 'to', reason: instant }] : []),
      ...(typeof from === 'number' && typeof to === 'number' && to <= from
        ? [{ path: 'to', reason: 'must be after from' }]
        : []),
    ]);
    const teams = principal.kind === 'user' && principal.role === 'manager' ? principal.teams : null;
    const rows = await this.auditLogRows.list(this.dataSource.manager, {
      teams,
      limit: query.limit ?? 200,
      ...(query.actor === undefined ? {} : { actor: query.actor }),
      ...(query.action === undefined ? {} : { action: query.action }),
      ...(query.entity === undefined ? {} : { entity: query.entity }),
      ...(typeof from === 'number' ? { from } : {}),
      ...(typeof to === 'number' ? { to } : {}),
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel },
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      teams: r.teams,
      before: r.before,
      after: r.after,
    }));
  }

  // ---- helpers

  private async setTeams(tx: EntityManager, userId: string, teams: readonly string[]): Promise<void> {
    const rows: { id: string; key: string }[] = await tx.query(
      `SELECT id, key FROM teams WHERE key = ANY($1::text[])`,
      [teams],
    );
    const known = new Map(rows.map((r) => [r.key, r.id]));
    assertNoProblems(
      teams.flatMap((t, i) =>
        known.has(t) ? [] : [{ path: `teams[${i}]`, reason: `no team with key ${t}` }],
      ),
    );
    await tx.query(`DELETE FROM manager_teams WHERE user_id = $1`, [userId]);
    if (rows.length > 0) {
      await tx.query(`INSERT INTO manager_teams (user_id, team_id) SELECT $1, unnest($2::uuid[])`, [
        userId,
        rows.map((r) => r.id),
      ]);
    }
  }

  private async newPairing(tx: EntityManager, screenId: string): Promise<PairingResponse> {
    const code = newPairingCode();
    const expiresAt = new Date(this.clock() + PAIRING_TTL_MS);
    await tx.query(`UPDATE screens SET pairing_hash = $2, pairing_expires_at = $3 WHERE id = $1`, [
      screenId,
      hashSecret(code),
      expiresAt,
    ]);
    return { screenId, code, pairingPath: `/tv/pair?code=${code}`, expiresAt: expiresAt.toISOString() };
  }

  private async userOf(tx: EntityManager, id: string): Promise<UserResponse> {
    const [row]: {
      id: string;
      email: string;
      role: RoleName;
      rep: string | null;
      disabled_at: Date | null;
      created_at: Date;
      teams: string[];
    }[] = await tx.query(
      `SELECT u.id, u.email, u.role, r.external_id AS rep, u.disabled_at, u.created_at,
           COALESCE((SELECT array_agg(t.key ORDER BY t.key) FROM manager_teams m JOIN teams t ON t.id = m.team_id WHERE m.user_id = u.id), '{}') AS teams
         FROM users u LEFT JOIN reps r ON r.id = u.rep_id WHERE u.id = $1`,
      [id],
    );
    if (row === undefined) throw new NotFoundError(`no user with id ${id}`);
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      teams: row.teams,
      rep: row.rep,
      disabled: row.disabled_at !== null,
      createdAt: row.created_at.toISOString(),
    };
  }

  private async keyOf(tx: EntityManager, id: string): Promise<ApiKeyResponse> {
    const key = UUID.test(id) ? await tx.findOne(ApiKeyEntity, { where: { id } }) : null;
    if (key === null) throw new NotFoundError(`no API key with id ${id}`);
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      eventTypes: key.eventTypes,
      createdBy: key.createdBy,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }

  private async screenOf(tx: EntityManager, id: string): Promise<ScreenResponse> {
    const screen = UUID.test(id) ? await tx.findOne(ScreenEntity, { where: { id } }) : null;
    if (screen === null) throw new NotFoundError(`no screen with id ${id}`);
    return {
      id: screen.id,
      name: screen.name,
      contestIds: screen.contestIds,
      topN: screen.topN,
      tokenPrefix: screen.tokenPrefix,
      paired: screen.tokenHash !== null,
      createdBy: screen.createdBy,
      createdAt: screen.createdAt.toISOString(),
      lastUsedAt: screen.lastUsedAt?.toISOString() ?? null,
      revokedAt: screen.revokedAt?.toISOString() ?? null,
      settings: {
        secondsPerSlide: screen.secondsPerSlide,
        topN: screen.topN,
        theme: screen.theme as BoardSettings['theme'],
        language: screen.language as BoardSettings['language'],
        celebrations: {
          enabled: screen.celebrationsEnabled,
          kinds: screen.celebrationKinds as MomentKind[],
          sound: screen.celebrationSound,
        },
        bigDeal:
          screen.bigDealAmount === null || screen.bigDealCurrency === null
            ? null
            : { amount: Number(screen.bigDealAmount), currency: screen.bigDealCurrency },
        winnersHoldSeconds: screen.winnersHoldSeconds,
      },
      boardVersion: screen.boardVersion,
    };
  }

  /** One screen as listed (the console's board editor and the link route answer with it). */
  async screen(id: string, tx: EntityManager = this.dataSource.manager): Promise<ScreenResponse> {
    return this.screenOf(tx, id);
  }
}
