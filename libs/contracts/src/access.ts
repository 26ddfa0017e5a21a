import type { BoardSettings } from './boards.js';

export type RoleName = 'admin' | 'manager' | 'rep';

export interface LoginRequest {
  readonly email: string;
  readonly password: string;
}

/** A session's tokens: send `accessToken` as `Authorization: Bearer <token>`; trade `refreshToken` for new ones. */
export interface SessionResponse {
  readonly accessToken: string;
  readonly accessExpiresAt: string;
  readonly refreshToken: string;
  readonly refreshExpiresAt: string;
  readonly user: MeResponse;
}

export interface MeResponse {
  readonly id: string;
  readonly email: string;
  readonly role: RoleName;
  /** Team keys a manager manages. */
  readonly teams: readonly string[];
  /** The rep a rep user is, with their choice to hide from office TVs. */
  readonly rep: { readonly externalId: string; readonly hiddenFromTv: boolean } | null;
}

export interface CreateUserRequest {
  readonly email: string;
  readonly password: string;
  readonly role: RoleName;
  /** Managers: the team keys they manage. */
  readonly teams?: readonly string[];
  /** Reps: their rep's external id. */
  readonly rep?: string;
}

export interface UpdateUserRequest {
  readonly role?: RoleName;
  readonly teams?: readonly string[];
  readonly disabled?: boolean;
  readonly password?: string;
}

export interface UserResponse {
  readonly id: string;
  readonly email: string;
  readonly role: RoleName;
  readonly teams: readonly string[];
  readonly rep: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface CreateApiKeyRequest {
  readonly name: string;
  /** Only these event types may be posted with the key; absent: any. */
  readonly eventTypes?: readonly string[];
}

/** A key as listed: never the key itself, which is shown once, at creation. */
export interface ApiKeyResponse {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly eventTypes: readonly string[] | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreatedApiKeyResponse extends ApiKeyResponse {
  /** The key: shown this once, stored only as a hash. */
  readonly key: string;
}

export interface CreateScreenRequest {
  readonly name: string;
  /** The board: a playlist of contests. */
  readonly contestIds: readonly string[];
  /** How many entries from the top the screen shows (1-50, default 10). */
  readonly topN?: number;
}

export interface ScreenResponse {
  readonly id: string;
  readonly name: string;
  readonly contestIds: readonly string[];
  readonly topN: number;
  /** The token's prefix once paired; null before. */
  readonly tokenPrefix: string | null;
  readonly paired: boolean;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  /** How the board looks and behaves (its `topN` is the screen's `topN`). */
  readonly settings: BoardSettings;
  /** +1 on every change of name, playlist or settings. */
  readonly boardVersion: number;
}

/** A pairing code for a TV: open `pairingPath` on the TV before `expiresAt`. */
export interface PairingResponse {
  readonly screenId: string;
  readonly code: string;
  readonly pairingPath: string;
  readonly expiresAt: string;
}

export interface PairRequest {
  readonly code: string;
}

/** The TV's token: shown this once, stored only as a hash. */
export interface PairedScreenResponse {
  readonly screenId: string;
  readonly token: string;
  readonly contestIds: readonly string[];
  readonly topN: number;
}

export interface AuditEntryResponse {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly kind: string; readonly id: string | null; readonly label: string };
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly teams: readonly string[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}
