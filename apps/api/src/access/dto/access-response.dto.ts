import { ApiProperty } from '@nestjs/swagger';
import type {
  ApiKeyResponse,
  AuditEntryResponse,
  CreatedApiKeyResponse,
  PairedScreenResponse,
  PairingResponse,
  PasswordResetResponse,
  RoleName,
  ScreenResponse,
  UserResponse,
} from '#contracts';
import { BoardSettingsDto } from '../../boards/dto/board-settings.dto.js';

/** A user as stored: never the password or its hash. */
export class UserResponseDto implements UserResponse {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ description: 'Stored in lower case.', example: 'lea@example.com' })
  readonly email: string;

  @ApiProperty({ enum: ['admin', 'manager', 'rep'], example: 'manager' })
  readonly role: RoleName;

  @ApiProperty({
    description: 'Managers: the team keys they manage; empty for everyone else.',
    type: [String],
    example: ['north'],
  })
  readonly teams: string[];

  @ApiProperty({
    description: "Rep users: their rep's external id; null otherwise.",
    type: 'string',
    nullable: true,
    example: null,
  })
  readonly rep: string | null;

  @ApiProperty({ description: 'A disabled user cannot log in and has no open session.', example: false })
  readonly disabled: boolean;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;
}

/** An ingest API key as listed: never the key itself, which is shown once, at creation. */
export class ApiKeyResponseDto implements ApiKeyResponse {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'HubSpot connector' })
  readonly name: string;

  @ApiProperty({
    description: "The key's kind and first characters, to recognise it.",
    example: 'pod_key_Xy3k9Q',
  })
  readonly prefix: string;

  @ApiProperty({
    description: 'Only these event types may be posted with the key; null: any.',
    type: [String],
    nullable: true,
    example: ['deal_won'],
  })
  readonly eventTypes: string[] | null;

  @ApiProperty({
    description: 'The id of the user who created the key; null when not a user.',
    type: 'string',
    format: 'uuid',
    nullable: true,
  })
  readonly createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

  @ApiProperty({
    description: 'When the key was last used (updated at most once a minute); null: never.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly lastUsedAt: string | null;

  @ApiProperty({
    description: 'When the key was revoked; null while it works.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly revokedAt: string | null;
}

/** A new API key, with the key itself: shown this once, stored only as a hash. */
export class CreatedApiKeyResponseDto extends ApiKeyResponseDto implements CreatedApiKeyResponse {
  @ApiProperty({
    description:
      'The key (`pod_key_...`), to send as `Authorization: Bearer <key>`: shown this once, stored only as a ' +
      'hash.',
  })
  readonly key: string;
}

/** A display screen (an office TV) as listed: never its token. */
export class ScreenResponseDto implements ScreenResponse {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'Sales floor TV' })
  readonly name: string;

  @ApiProperty({
    description: 'The board: a playlist of contest ids.',
    type: 'string',
    format: 'uuid',
    isArray: true,
  })
  readonly contestIds: string[];

  @ApiProperty({
    description: 'How many entries from the top the screen shows.',
    type: 'integer',
    minimum: 1,
    maximum: 50,
    example: 10,
  })
  readonly topN: number;

  @ApiProperty({
    description: "The token's kind and first characters once paired; null before.",
    type: 'string',
    nullable: true,
    example: 'pod_ds_Ab12Cd',
  })
  readonly tokenPrefix: string | null;

  @ApiProperty({ description: 'Whether a TV has traded a pairing code for the token.', example: false })
  readonly paired: boolean;

  @ApiProperty({
    description: 'The id of the user who created the screen; null when not a user.',
    type: 'string',
    format: 'uuid',
    nullable: true,
  })
  readonly createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

  @ApiProperty({
    description: 'When the screen last used its token (updated at most once a minute); null: never.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly lastUsedAt: string | null;

  @ApiProperty({
    description: 'When the screen was revoked; null while it works.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly revokedAt: string | null;

  @ApiProperty({ type: BoardSettingsDto })
  readonly settings: BoardSettingsDto;

  @ApiProperty({ description: '+1 on every change of name, playlist or settings.', example: 1 })
  readonly boardVersion: number;
}

/** A pairing code for a TV: open `pairingPath` on the TV before `expiresAt`. */
export class PairingResponseDto implements PairingResponse {
  @ApiProperty({ format: 'uuid' })
  readonly screenId: string;

  @ApiProperty({
    description: '8 characters, without look-alikes; works once.',
    example: 'K7PQ2MXA',
  })
  readonly code: string;

  @ApiProperty({ description: 'The path to open on the TV.', example: '/tv/pair?code=K7PQ2MXA' })
  readonly pairingPath: string;

  @ApiProperty({ description: 'Ten minutes after the code was made.', format: 'date-time' })
  readonly expiresAt: string;
}

/** A new display screen, with the pairing code for its TV. */
export class CreatedScreenResponseDto extends ScreenResponseDto {
  @ApiProperty({ type: () => PairingResponseDto })
  readonly pairing: PairingResponseDto;
}

/** The TV's token: shown this once, stored only as a hash. */
export class PairedScreenResponseDto implements PairedScreenResponse {
  @ApiProperty({ format: 'uuid' })
  readonly screenId: string;

  @ApiProperty({
    description:
      'The screen token (`pod_ds_...`), to send as `Authorization: Bearer <token>`: shown this once, ' +
      'stored only as a hash.',
  })
  readonly token: string;

  @ApiProperty({
    description: 'The board: a playlist of contest ids.',
    type: 'string',
    format: 'uuid',
    isArray: true,
  })
  readonly contestIds: string[];

  @ApiProperty({
    description: 'How many entries from the top the screen shows.',
    type: 'integer',
    minimum: 1,
    maximum: 50,
    example: 10,
  })
  readonly topN: number;
}

/** Who did something. */
export class AuditActorDto {
  @ApiProperty({
    description: 'What kind of caller acted.',
    enum: ['user', 'ingest', 'screen', 'anonymous'],
    example: 'user',
  })
  readonly kind: string;

  @ApiProperty({
    description: 'The id of the user, API key or screen; null for an anonymous caller.',
    type: 'string',
    nullable: true,
  })
  readonly id: string | null;

  @ApiProperty({
    description: "The user's email, the key's or the screen's name.",
    example: 'admin@example.com',
  })
  readonly label: string;
}

/** One change in the audit log. */
export class AuditEntryResponseDto implements AuditEntryResponse {
  @ApiProperty({ description: 'Increasing: a later entry has a larger id.', example: '42' })
  readonly id: string;

  @ApiProperty({ format: 'date-time' })
  readonly at: string;

  @ApiProperty({ type: () => AuditActorDto })
  readonly actor: AuditActorDto;

  @ApiProperty({
    description:
      'What happened, as `<entity>.<verb>`, e.g. `contest.create`, `user.update`, `api_key.revoke`, ' +
      '`screen.pair`.',
    example: 'user.create',
  })
  readonly action: string;

  @ApiProperty({ description: 'The kind of thing changed.', example: 'user' })
  readonly entity: string;

  @ApiProperty({ description: 'The id of the thing changed.' })
  readonly entityId: string;

  @ApiProperty({
    description: 'The team keys the change concerns (managers see the entries of their teams).',
    type: [String],
    example: ['north'],
  })
  readonly teams: string[];

  @ApiProperty({
    description:
      'The thing before the change; null for a creation or when the entry records no state. Never a ' +
      'secret or a hash.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  readonly before: Record<string, unknown> | null;

  @ApiProperty({
    description: 'The thing after the change; null when the entry records no state.',
    type: 'object',
    additionalProperties: true,
    nullable: true,
  })
  readonly after: Record<string, unknown> | null;
}

/** A user's new password after a reset: shown this once, stored only as a hash. */
export class PasswordResetResponseDto implements PasswordResetResponse {
  @ApiProperty({ type: UserResponseDto })
  readonly user: UserResponseDto;

  @ApiProperty({
    description: 'The new password (20 characters), shown this once; every session of the user ended.',
    example: 'kP7mwQ2xRt9bZcVn4HsJ',
  })
  readonly temporaryPassword: string;
}
