import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import type { SetupRequest, SetupStatusResponse, UserResponse } from '#contracts';
import { assertNoProblems, DomainError, InvalidInputError, setupLink, type Principal } from '#domain';
import { SetupRepository } from '#persistence';
import { AuditService } from '../access/audit.service.js';
import { hashPassword, passwordProblems } from '../auth/auth.service.js';
import { hashSecret } from '../auth/secrets.js';

/** An admin exists: the first-run setup is over, and every setup link with it. */
export class SetupClosedError extends DomainError {
  readonly code = 'setup.closed';
  constructor() {
    super('Podium already has an admin: the setup link no longer works; log in instead');
  }
}

/** The code is not one the api printed, or it was used. */
export class SetupCodeRefusedError extends DomainError {
  readonly code = 'setup.invalid_code';
  constructor() {
    super('this setup code is unknown or already used: use the link the api printed at its last start');
  }
}

/**
 * The first run in the browser. While no admin exists, each api start stores a new random code (as a
 * hash) and prints the link `<public url>/setup?code=<code>`; the link creates the first admin once,
 * and then every code is deleted. PODIUM_ADMIN_EMAIL / PODIUM_ADMIN_PASSWORD (for automation) create
 * the admin before the start announces anything, so no link is printed then.
 */
@Injectable()
export class SetupService {
  private readonly logger = new Logger('Setup');
  private readonly setup = new SetupRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  /**
   * At a start, once the api listens at `listening`: while no admin exists, a new code is stored and
   * its link printed (in the log, and as a plain line on stdout that a person notices). Returns the
   * link, or null when an admin exists.
   */
  async announce(listening: string): Promise<string | null> {
    // 32 random bytes: as strong as an access token; valid until used (a first run may wait for days).
    const code = randomBytes(32).toString('base64url');
    const stored = await this.dataSource.transaction(async (tx) => {
      await this.setup.lockFirstAdmin(tx);
      if (await this.setup.adminExists(tx)) return false;
      await this.setup.storeCode(tx, hashSecret(code));
      return true;
    });
    if (!stored) return null;
    const link = setupLink(this.config.publicUrl ?? listening, code);
    this.logger.warn(`no admin yet: open ${link} to create the first one (the link works once)`);
    process.stdout.write(
      `\n  Podium has no admin yet. Open this one-time link to create the first one:\n\n    ${link}\n\n`,
    );
    return link;
  }

  async status(): Promise<SetupStatusResponse> {
    return { open: !(await this.setup.adminExists(this.dataSource.manager)) };
  }

  /** Creates the first admin with a printed code; the code and every other one then stop working. */
  async complete(request: SetupRequest): Promise<UserResponse> {
    assertNoProblems(passwordProblems(request.password));
    const email = request.email.trim().toLowerCase();
    const passwordHash = await hashPassword(request.password);
    return this.dataSource.transaction(async (tx) => {
      // Two requests at once (or an api starting with PODIUM_ADMIN_EMAIL) queue here: one admin only.
      await this.setup.lockFirstAdmin(tx);
      if (await this.setup.adminExists(tx)) throw new SetupClosedError();
      if (!(await this.setup.takeCode(tx, hashSecret(request.code)))) throw new SetupCodeRefusedError();
      if (await this.setup.emailTaken(tx, email)) {
        throw new InvalidInputError([{ path: 'email', reason: 'is already a user' }]);
      }
      const created = await this.setup.createAdmin(tx, email, passwordHash);
      await this.setup.deleteCodes(tx);
      const user: UserResponse = {
        id: created.id,
        email,
        role: 'admin',
        teams: [],
        rep: null,
        disabled: false,
        createdAt: created.createdAt.toISOString(),
      };
      const admin: Principal = {
        kind: 'user',
        userId: created.id,
        label: email,
        role: 'admin',
        teams: [],
        repExternalId: null,
        team: null,
      };
      await this.audit.record(tx, admin, {
        action: 'user.create',
        entity: 'user',
        entityId: created.id,
        after: { ...user, via: 'setup' },
      });
      this.logger.log(`first admin created with the setup link (user ${created.id})`);
      return user;
    });
  }
}
