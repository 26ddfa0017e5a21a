import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { RepEntity } from './rep.entity.js';
import { TeamEntity } from './team.entity.js';

/** A person who logs in: an admin, a manager (of teams) or a rep (linked to their rep). */
@Entity({ name: 'users' })
@Index('uq_users_email', ['email'], { unique: true })
@Index('uq_users_rep_id', ['repId'], { unique: true })
@Check('ck_users_role', `"role" IN ('admin', 'manager', 'rep')`)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Lower-cased. */
  @Column({ type: 'text' })
  email: string;

  /** argon2id, with its parameters and salt (PHC string). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: string;

  @Column({ name: 'rep_id', type: 'uuid', nullable: true })
  repId: string | null;

  @ManyToOne(() => RepEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rep_id', foreignKeyConstraintName: 'fk_users_rep_id' })
  rep?: Relation<RepEntity>;

  /** Failed logins since the last success: past the limit, the account locks for a while. */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}

@Entity({ name: 'manager_teams' })
export class ManagerTeamEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'pk_manager_teams' })
  userId: string;

  @PrimaryColumn({ name: 'team_id', type: 'uuid', primaryKeyConstraintName: 'pk_manager_teams' })
  teamId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_manager_teams_user_id' })
  user?: Relation<UserEntity>;

  @ManyToOne(() => TeamEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id', foreignKeyConstraintName: 'fk_manager_teams_team_id' })
  team?: Relation<TeamEntity>;
}

/** A login: an access token (short-lived) and a refresh token (rotated at each use), stored as hashes. */
@Entity({ name: 'sessions' })
@Index('uq_sessions_access_hash', ['accessHash'], { unique: true })
@Index('uq_sessions_refresh_hash', ['refreshHash'], { unique: true })
@Index('ix_sessions_user_id', ['userId'])
@Index('ix_sessions_family_id', ['familyId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sessions' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_sessions_user_id' })
  user?: Relation<UserEntity>;

  @Column({ name: 'access_hash', type: 'text' })
  accessHash: string;

  @Column({ name: 'access_expires_at', type: 'timestamptz' })
  accessExpiresAt: Date;

  @Column({ name: 'refresh_hash', type: 'text' })
  refreshHash: string;

  @Column({ name: 'refresh_expires_at', type: 'timestamptz' })
  refreshExpiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** The login this session descends from: the id of its first session (refreshes keep it). */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  /** The session that replaced this one at a refresh: its refresh token was used. */
  @Column({ name: 'replaced_by', type: 'uuid', nullable: true })
  replacedBy: string | null;

  @ManyToOne(() => SessionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaced_by', foreignKeyConstraintName: 'fk_sessions_replaced_by' })
  replacement?: Relation<SessionEntity>;
}

/** An ingest source's key: may only post events (optionally only some types). */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_secret_hash', ['secretHash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The first characters of the key, shown in listings so people can tell keys apart. */
  @Column({ type: 'text' })
  prefix: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash: string;

  @Column({ name: 'event_types', type: 'text', array: true, nullable: true })
  eventTypes: string[] | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_api_keys_created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** An office TV: a read-only token bound to one board (a playlist of contests), paired with a code. */
@Entity({ name: 'screens' })
@Index('uq_screens_token_hash', ['tokenHash'], { unique: true })
@Index('uq_screens_pairing_hash', ['pairingHash'], { unique: true })
@Check('ck_screens_top_n', `"top_n" BETWEEN 1 AND 50`)
@Check('ck_screens_seconds_per_slide', `"seconds_per_slide" BETWEEN 5 AND 300`)
@Check('ck_screens_winners_hold_seconds', `"winners_hold_seconds" BETWEEN 0 AND 3600`)
@Check('ck_screens_theme', `"theme" IN ('dark', 'light')`)
@Check('ck_screens_language', `"language" IN ('auto', 'en', 'nl')`)
@Check(
  'ck_screens_celebration_kinds',
  `"celebration_kinds" <@ ARRAY['big_deal', 'new_leader', 'target_reached', 'prize_won']::text[]`,
)
@Check(
  'ck_screens_big_deal',
  `("big_deal_amount" IS NULL AND "big_deal_currency" IS NULL) OR ("big_deal_amount" > 0 AND "big_deal_currency" ~ '^[A-Z]{3}$')`,
)
export class ScreenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_screens' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'contest_ids', type: 'uuid', array: true })
  contestIds: string[];

  @Column({ name: 'top_n', type: 'integer' })
  topN: number;

  @Column({ name: 'token_prefix', type: 'text', nullable: true })
  tokenPrefix: string | null;

  @Column({ name: 'token_hash', type: 'text', nullable: true })
  tokenHash: string | null;

  @Column({ name: 'pairing_hash', type: 'text', nullable: true })
  pairingHash: string | null;

  @Column({ name: 'pairing_expires_at', type: 'timestamptz', nullable: true })
  pairingExpiresAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_screens_created_by' })
  creator?: Relation<UserEntity>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  // Board settings (libs/domain `BoardSettings`; topN above is the settings' topN).
  @Column({ name: 'seconds_per_slide', type: 'integer', default: 20 })
  secondsPerSlide: number;

  @Column({ type: 'text', default: 'dark' })
  theme: string;

  @Column({ type: 'text', default: 'auto' })
  language: string;

  @Column({ name: 'celebrations_enabled', type: 'boolean', default: true })
  celebrationsEnabled: boolean;

  @Column({
    name: 'celebration_kinds',
    type: 'text',
    array: true,
    default: () => `'{big_deal,new_leader,target_reached,prize_won}'`,
  })
  celebrationKinds: string[];

  @Column({ name: 'celebration_sound', type: 'boolean', default: false })
  celebrationSound: boolean;

  /** Minor units; with `bigDealCurrency`, or both null (no big-deal celebrations). */
  @Column({ name: 'big_deal_amount', type: 'bigint', nullable: true })
  bigDealAmount: string | null;

  @Column({ name: 'big_deal_currency', type: 'text', nullable: true })
  bigDealCurrency: string | null;

  @Column({ name: 'winners_hold_seconds', type: 'integer', default: 300 })
  winnersHoldSeconds: number;

  /** +1 on every change of name, playlist or settings: screens refetch their board on a new one. */
  @Column({ name: 'board_version', type: 'integer', default: 1 })
  boardVersion: number;
}

/**
 * A TV waiting to be linked to a screen (RFC 8628 device authorization): the TV holds the device code
 * and polls with it; a manager types the user code. Both stored only as hashes; single use; short-lived.
 */
@Entity({ name: 'screen_device_codes' })
@Index('uq_screen_device_codes_device_hash', ['deviceHash'], { unique: true })
@Index('uq_screen_device_codes_user_code_hash', ['userCodeHash'], { unique: true })
@Index('ix_screen_device_codes_expires_at', ['expiresAt'])
export class ScreenDeviceCodeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_screen_device_codes' })
  id: string;

  @Column({ name: 'device_hash', type: 'text' })
  deviceHash: string;

  @Column({ name: 'user_code_hash', type: 'text' })
  userCodeHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds: number;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  /** Set when an admin links the TV to a screen; the TV's next poll then receives the screen's token. */
  @Column({ name: 'screen_id', type: 'uuid', nullable: true })
  screenId: string | null;

  @ManyToOne(() => ScreenEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'screen_id', foreignKeyConstraintName: 'fk_screen_device_codes_screen_id' })
  screen?: Relation<ScreenEntity>;

  @Column({ name: 'linked_at', type: 'timestamptz', nullable: true })
  linkedAt: Date | null;

  /** When the token was handed to the TV: the device code is spent. */
  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Every change to contests, prizes, teams, reps, users, keys and screens: who, when, before, after. */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_at', ['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_log',
    generatedIdentity: 'ALWAYS',
  })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  entity: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  /** Team keys the change concerns: managers read the entries of their teams. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  teams: string[];

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
