import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, type EntityManager } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import type { MeResponse, RoleName, SessionResponse } from '#contracts';
import { DomainError, InvalidInputError, type Principal } from '#domain';
import { ContestsRepository, SessionsRepository, SetupRepository, UserEntity } from '#persistence';
import { announceChanges, CLOCK, STANDINGS_BUS, type Clock, type StandingsBus } from '#runtime';
import { AuditService } from '../access/audit.service.js';
import { PrincipalResolverService } from './principal-resolver.service.js';
import { RateLimitedError } from './rate-limit.service.js';
import { hashSecret, newSecret } from './secrets.js';

export class InvalidCredentialsError extends DomainError {
  readonly code = 'auth.invalid_credentials';
  constructor() {
    super('the email or the password is wrong');
  }
}

export class InvalidRefreshError extends DomainError {
  readonly code = 'auth.unauthenticated';
  constructor() {
    super('the refresh token is unknown, used, expired or revoked: log in again');
  }
}

/** Who presents a refresh token is not known (it may be whoever stole it): audited as anonymous. */
const ANONYMOUS: Principal = { kind: 'anonymous' };

/** Passwords: at least 12 characters (length beats composition rules), at most 200. */
export function passwordProblems(password: string, path = 'password'): { path: string; reason: string }[] {
  return password.length < 12 || password.length > 200
    ? [{ path, reason: 'must be 12 to 200 characters' }]
    : [];
}

export function hashPassword(password: string): Promise<string> {
  // argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
  return hash(password);
}

/**
 * Logins and sessions. A login gives an access token (15 minutes by default) and a refresh token
 * (30 days), both random and stored only as hashes; refreshing rotates both; logging out revokes the
 * session. Repeated failures lock the account for a while (answered like a rate limit, 429).
 */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  /** Verified when the email is unknown, so an unknown email takes as long as a wrong password. */
  private dummyHash: Promise<string> | null = null;
  private readonly contests = new ContestsRepository();
  private readonly sessions = new SessionsRepository();
  private readonly setup = new SetupRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly resolver: PrincipalResolverService,
    private readonly audit: AuditService,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates the first admin from PODIUM_ADMIN_EMAIL / PODIUM_ADMIN_PASSWORD when there is none yet
   * (automation). Without them, the start prints a one-time setup link instead (SetupService), after
   * this has run: an admin created here means no link is printed.
   */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (admin === null) return;
    const created = await this.dataSource.transaction(async (tx) => {
      // One at a time: two api replicas starting together, or a setup link used meanwhile.
      await this.setup.lockFirstAdmin(tx);
      if (await this.setup.adminExists(tx)) return false;
      if (await this.setup.emailTaken(tx, admin.email.toLowerCase())) {
        this.logger.warn('PODIUM_ADMIN_EMAIL belongs to a user who is not an admin: no admin created');
        return false;
      }
      await this.setup.createAdmin(tx, admin.email.toLowerCase(), await hashPassword(admin.password));
      // Setup links printed by earlier starts stop working: there is an admin now.
      await this.setup.deleteCodes(tx);
      return true;
    });
    if (created) this.logger.log('first admin created from PODIUM_ADMIN_EMAIL');
  }

  /** The per-address login budget was taken before the body was read (IpRateLimitMiddleware). */
  async login(email: string, password: string): Promise<SessionResponse> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { email: email.toLowerCase() } });
    if (user === null || user.disabledAt !== null) {
      this.dummyHash ??= hashPassword('not a password of anyone');
      await verify(await this.dummyHash, password).catch(() => false);
      throw new InvalidCredentialsError();
    }
    // Reserve the attempt before checking the password, atomically: guesses sent in parallel each take
    // one of the account's attempts, so at most LOGIN_MAX_FAILURES are ever checked before the lock.
    const [attempt]: { failed_logins: number; locked_until: Date | null }[] = await this.dataSource.query(
      `WITH tried AS (
         UPDATE users SET
           -- Every expression reads the row's latest version (concurrent attempts queue on the row lock).
           -- A lock that has run out starts a fresh count.
           failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= $2
             THEN now() + make_interval(secs => $3) ELSE NULL END
         WHERE id = $1 AND (locked_until IS NULL OR locked_until <= now())
         RETURNING failed_logins, locked_until)
       SELECT failed_logins, locked_until FROM tried`,
      [user.id, this.config.loginMaxFailures, this.config.loginLockSeconds],
    );
    if (attempt === undefined || attempt.failed_logins > this.config.loginMaxFailures) {
      const [row]: { locked_until: Date | null }[] = await this.dataSource.query(
        `SELECT locked_until FROM users WHERE id = $1`,
        [user.id],
      );
      const until = row?.locked_until?.getTime() ?? this.clock() + this.config.loginLockSeconds * 1000;
      throw new RateLimitedError(
        'failed logins for this account',
        Math.max(1, Math.ceil((until - this.clock()) / 1000)),
      );
    }
    if (!(await verify(user.passwordHash, password).catch(() => false))) {
      throw new InvalidCredentialsError();
    }
    // The right password: the attempt is given back (and a lock this very attempt set is lifted).
    await this.dataSource.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [
      user.id,
    ]);
    return this.dataSource.transaction(async (tx) => (await this.openSession(tx, user.id)).response);
  }

  /**
   * Trades a refresh token for a new session (rotation: the old pair stops working at once, here and
   * in this instance's token cache). A refresh token presented again after it was traded means that
   * two parties hold it (OAuth 2.0 Security BCP, refresh token reuse): the whole family of sessions
   * descending from that login is revoked, including the one that replaced it, and the reuse is audited.
   */
  async refresh(refreshToken: string): Promise<SessionResponse> {
    const now = new Date(this.clock());
    const outcome = await this.dataSource.transaction(async (tx) => {
      const session = await this.sessions.lockByRefreshHash(tx, hashSecret(refreshToken));
      if (session === null) return { kind: 'refused' as const };
      if (session.replacedBy !== null) {
        const revoked = await this.sessions.revokeFamily(tx, session.familyId, now);
        await this.audit.record(tx, ANONYMOUS, {
          action: 'session.refresh_reused',
          entity: 'session',
          entityId: session.id,
          after: { userId: session.userId, family: session.familyId, revokedSessions: revoked.length },
        });
        return { kind: 'reused' as const, session, revoked };
      }
      if (session.revoked || session.refreshExpiresAt <= now.getTime()) return { kind: 'refused' as const };
      const user = await tx.findOne(UserEntity, { where: { id: session.userId } });
      if (user === null || user.disabledAt !== null) return { kind: 'refused' as const };
      const opened = await this.openSession(tx, user.id, session.familyId);
      await this.sessions.rotate(tx, session.id, opened.sessionId, now);
      return { kind: 'rotated' as const, session, response: opened.response };
    });
    switch (outcome.kind) {
      case 'rotated':
        this.resolver.forgetHashes([outcome.session.accessHash]);
        return outcome.response;
      case 'reused':
        this.resolver.forgetHashes(outcome.revoked);
        this.logger.warn(
          `a refresh token of session ${outcome.session.id} was used again after its rotation: ` +
            `${outcome.revoked.length} session(s) of its login revoked`,
        );
        throw new InvalidRefreshError();
      case 'refused':
        throw new InvalidRefreshError();
    }
  }

  /** Revokes the session of an access token (and so its refresh token). */
  async logout(accessToken: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sessions SET revoked_at = now() WHERE access_hash = $1 AND revoked_at IS NULL`,
      [hashSecret(accessToken)],
    );
    this.resolver.forget();
  }

  async me(principal: Principal): Promise<MeResponse> {
    if (principal.kind !== 'user')
      throw new InvalidInputError([{ path: 'token', reason: 'is not a user session' }]);
    return this.meOf(this.dataSource.manager, principal.userId);
  }

  /** A rep hides from (or shows again on) office TVs; they still compete and see their own rank. */
  async setHidden(principal: Principal, hidden: boolean): Promise<MeResponse> {
    if (principal.kind !== 'user' || principal.repExternalId === null) {
      throw new InvalidInputError([{ path: 'hiddenFromTv', reason: 'applies only to a rep user' }]);
    }
    const repExternalId = principal.repExternalId;
    const versions = await this.dataSource.transaction(async (tx) => {
      const [before]: { hidden_from_tv: boolean }[] = await tx.query(
        `SELECT hidden_from_tv FROM reps WHERE external_id = $1 FOR UPDATE`,
        [repExternalId],
      );
      await tx.query(`UPDATE reps SET hidden_from_tv = $2 WHERE external_id = $1`, [repExternalId, hidden]);
      await this.audit.record(tx, principal, {
        action: 'rep.hide_from_tv',
        entity: 'rep',
        entityId: repExternalId,
        teams: principal.team === null ? [] : [principal.team],
        before: { hiddenFromTv: before?.hidden_from_tv ?? false },
        after: { hiddenFromTv: hidden },
      });
      // Screens re-read the boards the rep is on now (a new version), rather than at the next sale.
      const boards: { contest_id: string }[] = await tx.query(
        `SELECT DISTINCT s.contest_id FROM standings s JOIN reps r ON r.id = s.rep_id
           JOIN contests c ON c.id = s.contest_id
         WHERE r.external_id = $1 AND s.period_start = c.current_period_start
           AND c.status IN ('scheduled', 'live', 'finalising')`,
        [repExternalId],
      );
      return this.contests.bumpVersions(
        tx,
        boards.map((b) => b.contest_id),
      );
    });
    await announceChanges(this.bus, versions, this.logger);
    return this.meOf(this.dataSource.manager, principal.userId);
  }

  /** Opens a session: a new family for a login, `familyId`'s next session for a refresh. */
  private async openSession(
    tx: EntityManager,
    userId: string,
    familyId: string | null = null,
  ): Promise<{ sessionId: string; response: SessionResponse }> {
    const now = this.clock();
    const accessToken = newSecret('at');
    const refreshToken = newSecret('rt');
    const accessExpiresAt = new Date(now + this.config.accessTokenTtlSeconds * 1000);
    const refreshExpiresAt = new Date(now + this.config.refreshTokenTtlSeconds * 1000);
    const sessionId = await this.sessions.open(tx, {
      userId,
      familyId,
      accessHash: hashSecret(accessToken),
      accessExpiresAt,
      refreshHash: hashSecret(refreshToken),
      refreshExpiresAt,
    });
    return {
      sessionId,
      response: {
        accessToken,
        accessExpiresAt: accessExpiresAt.toISOString(),
        refreshToken,
        refreshExpiresAt: refreshExpiresAt.toISOString(),
        user: await this.meOf(tx, userId),
      },
    };
  }

  private async meOf(tx: EntityManager, userId: string): Promise<MeResponse> {
    const [row]: {
      id: string;
      email: string;
      role: RoleName;
      rep_external_id: string | null;
      hidden: boolean | null;
      teams: string[];
    }[] = await tx.query(
      `SELECT u.id, u.email, u.role, r.external_id AS rep_external_id, r.hidden_from_tv AS hidden,
         COALESCE((SELECT array_agg(t.key ORDER BY t.key) FROM manager_teams m JOIN teams t ON t.id = m.team_id
                   WHERE m.user_id = u.id), '{}') AS teams
       FROM users u LEFT JOIN reps r ON r.id = u.rep_id WHERE u.id = $1`,
      [userId],
    );
    if (row === undefined) throw new InvalidCredentialsError();
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      teams: row.teams,
      rep:
        row.rep_external_id === null
          ? null
          : { externalId: row.rep_external_id, hiddenFromTv: row.hidden ?? false },
    };
  }
}
