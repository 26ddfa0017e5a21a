import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeviceStartResponse, DeviceTokenResponse, ScreenResponse } from '#contracts';
import { DomainError, NotFoundError, type Principal } from '#domain';
import { ScreensRepository } from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import { AccessAdminService } from '../access/access-admin.service.js';
import { AuditService } from '../access/audit.service.js';
import { PrincipalResolverService } from '../auth/principal-resolver.service.js';
import { hashSecret, newSecret, prefixOf } from '../auth/secrets.js';

/** How long a TV's codes work (RFC 8628 `expires_in`). */
export const DEVICE_CODE_TTL_MS = 10 * 60 * 1000;
/** How often a TV may poll (RFC 8628 `interval`). */
export const DEVICE_POLL_SECONDS = 5;
/** A poll this much early still counts as on time (network jitter between two polls). */
const POLL_TOLERANCE_MS = 1_000;
/** Expired codes are kept this long (they answer `expired`), then deleted. */
const KEEP_EXPIRED_MS = 24 * 60 * 60 * 1000;
/** RFC 8628 section 6.1: 20 consonants, no vowels (no words), no look-alikes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const USER_CODE_LENGTH = 8;

export class LinkFailedError extends NotFoundError {
  constructor() {
    super('this code is unknown, used or expired: the TV shows a new one after a reload');
  }
}

export class ScreenRevokedError extends DomainError {
  readonly code = 'screen.revoked';
  constructor() {
    super('this screen is revoked: create a new screen for the TV');
  }
}

/** A user code: 8 letters of the RFC's alphabet, without bias (bytes past the last full 20 are redrawn). */
export function newUserCode(): string {
  let code = '';
  while (code.length < USER_CODE_LENGTH) {
    for (const b of randomBytes(16)) {
      if (b >= 240 || code.length === USER_CODE_LENGTH) continue;
      code += USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length];
    }
  }
  return code;
}

/** What a person typed, as stored: upper case, without spaces and dashes. */
export function normaliseUserCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Pairing a TV without a keyboard, in the shape of the OAuth 2.0 device authorization grant (RFC 8628):
 * the TV starts anonymously and gets a secret device code (it polls with it) and a short user code
 * (it shows it); an admin links the user code to a screen; the TV's next poll receives the screen's
 * token, once. Both codes are stored as SHA-256 hashes, work for ten minutes and only once.
 */
@Injectable()
export class DevicePairingService {
  private readonly screens = new ScreensRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly admin: AccessAdminService,
    private readonly resolver: PrincipalResolverService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(): Promise<DeviceStartResponse> {
    const now = this.clock();
    return this.dataSource.transaction(async (tx) => {
      await this.screens.purgeDeviceCodes(tx, now - KEEP_EXPIRED_MS);
      // A collision of 20^8 user codes among the few waiting ones is rare; the unique index catches it.
      for (;;) {
        const deviceCode = randomBytes(32).toString('base64url');
        const userCode = newUserCode();
        const expiresAt = now + DEVICE_CODE_TTL_MS;
        const stored = await this.screens.createDeviceCode(tx, {
          deviceHash: hashSecret(deviceCode),
          userCodeHash: hashSecret(userCode),
          expiresAt,
          intervalSeconds: DEVICE_POLL_SECONDS,
        });
        if (!stored) continue;
        return {
          deviceCode,
          userCode: `${userCode.slice(0, 4)}-${userCode.slice(4)}`,
          verificationPath: '/api/v1/screens/{id}/link',
          expiresAt: new Date(expiresAt).toISOString(),
          intervalSeconds: DEVICE_POLL_SECONDS,
        };
      }
    });
  }

  /** The TV's poll: always an answer with a status, never an error for an unknown code (no oracle). */
  async token(deviceCode: string): Promise<DeviceTokenResponse> {
    const now = this.clock();
    const answer = await this.dataSource.transaction(async (tx) => {
      const row = await this.screens.lockDeviceCode(tx, hashSecret(deviceCode));
      if (row === null || row.consumed || row.expiresAt <= now) return { status: 'expired' as const };
      const early =
        row.lastPolledAt !== null && now - row.lastPolledAt < row.intervalSeconds * 1000 - POLL_TOLERANCE_MS;
      await this.screens.markPolled(tx, row.id, now);
      if (early) return { status: 'slow_down' as const };
      if (row.screenId === null) return { status: 'pending' as const };
      const screen = await this.screens.board(tx, row.screenId);
      await this.screens.consumeDeviceCode(tx, row.id, now);
      if (screen === null || screen.revoked) return { status: 'expired' as const };
      const token = newSecret('ds');
      await this.screens.setToken(tx, screen.id, hashSecret(token), prefixOf(token));
      await this.audit.record(
        tx,
        {
          kind: 'screen',
          screenId: screen.id,
          label: screen.name,
          contestIds: screen.contestIds,
          topN: screen.settings.topN,
        },
        {
          action: 'screen.pair',
          entity: 'screen',
          entityId: screen.id,
          after: await this.admin.screen(screen.id, tx),
        },
      );
      return { status: 'paired' as const, token, screenId: screen.id };
    });
    // A new token replaces the screen's old one: forget cached principals of it.
    if (answer.status === 'paired') this.resolver.forget();
    return answer;
  }

  /** An admin links the TV showing `userCode` to screen `screenId`; its next poll receives the token. */
  async link(principal: Principal, screenId: string, userCode: string): Promise<ScreenResponse> {
    const now = this.clock();
    return this.dataSource.transaction(async (tx) => {
      const screen = await this.admin.screen(screenId, tx);
      if (screen.revokedAt !== null) throw new ScreenRevokedError();
      const row = await this.screens.lockUserCode(tx, hashSecret(normaliseUserCode(userCode)));
      if (row === null || row.consumed || row.screenId !== null || row.expiresAt <= now) {
        throw new LinkFailedError();
      }
      await this.screens.linkDeviceCode(tx, row.id, screenId, now);
      await this.audit.record(tx, principal, { action: 'screen.link', entity: 'screen', entityId: screenId });
      return screen;
    });
  }
}
