import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  EVENT_TYPES,
  type CreateApiKeyRequest,
  type CreateScreenRequest,
  type CreateUserRequest,
  type AuditQuery,
  type PairRequest,
  type RoleName,
  type UpdateUserRequest,
} from '#contracts';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { Optional } from '../../common/validation.js';

/** An audit action (`contest.update`) or a prefix of actions ending in "." (`contest.`). */
const AUDIT_ACTION = /^[a-z][a-z_]*(\.[a-z][a-z_]*)*\.?$/;
/** A kind of audited thing (`contest`, `api_key`). */
const AUDIT_ENTITY = /^[a-z][a-z_]{0,31}$/;

const ROLES = ['admin', 'manager', 'rep'] as const;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({
    description: 'Not case-sensitive (stored in lower case); one user per email.',
    format: 'email',
    maxLength: 320,
    example: 'lea@example.com',
  })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({
    description: '12 to 200 characters; stored only as an argon2id hash.',
    format: 'password',
    minLength: 12,
    maxLength: 200,
  })
  @IsString()
  @MinLength(12, { message: 'must be 12 to 200 characters' })
  @MaxLength(200, { message: 'must be 12 to 200 characters' })
  password: string;

  @ApiProperty({
    description:
      '`admin`: everything; `manager`: runs the contests of the teams they manage; `rep`: reads the ' +
      'boards and their own standing.',
    enum: ROLES,
    example: 'manager',
  })
  @IsIn(ROLES)
  role: RoleName;

  @ApiPropertyOptional({
    type: [String],
    description: 'Managers only: the team keys they manage.',
    maxItems: 100,
    example: ['north'],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  teams?: string[];

  @ApiPropertyOptional({
    description: "Reps only, and required there: their rep's external id (one user per rep).",
    maxLength: 200,
    example: 'ana',
  })
  @Optional()
  @IsString()
  @MaxLength(200)
  rep?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({
    description: 'A new role ends every session of the user; `rep` only for a user created with its rep.',
    enum: ROLES,
  })
  @Optional()
  @IsIn(ROLES)
  role?: RoleName;

  @ApiPropertyOptional({
    type: [String],
    description: 'Managers only: the team keys they manage (replaces the list).',
    maxItems: 100,
    example: ['north', 'south'],
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  teams?: string[];

  @ApiPropertyOptional({ description: 'Disabling ends every session of the user.' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({
    description: 'A new password, 12 to 200 characters; ends every session of the user.',
    format: 'password',
    minLength: 12,
    maxLength: 200,
  })
  @Optional()
  @IsString()
  @MinLength(12, { message: 'must be 12 to 200 characters' })
  @MaxLength(200, { message: 'must be 12 to 200 characters' })
  password?: string;
}

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'HubSpot connector' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({
    description: 'Only these event types may be posted with the key; absent: any.',
    enum: [...EVENT_TYPES],
    isArray: true,
    minItems: 1,
    maxItems: 20,
    example: ['deal_won'],
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  eventTypes?: string[];
}

export class CreateScreenDto implements CreateScreenRequest {
  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Sales floor TV' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({
    description: 'The board: a playlist of 1 to 20 contest ids.',
    type: 'string',
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: 20,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  contestIds: string[];

  @ApiPropertyOptional({
    description: 'How many entries from the top the screen shows.',
    type: 'integer',
    minimum: 1,
    maximum: 50,
    default: 10,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  topN?: number;
}

export class PairDto implements PairRequest {
  @ApiProperty({
    description: 'The pairing code shown on the console (not case-sensitive).',
    minLength: 4,
    maxLength: 32,
    example: 'K7PQ2MXA',
  })
  @IsString()
  @MinLength(4)
  @MaxLength(32)
  code: string;
}

export class AuditQueryDto implements AuditQuery {
  @ApiPropertyOptional({
    description: 'How many entries, newest first.',
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 200,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description:
      "Who: an actor's id (a user, API key or screen id) or label (a user's email, not case-sensitive).",
    maxLength: 320,
    example: 'lea@example.com',
  })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({
    description:
      'What: an action (`contest.update`), or every action starting with a prefix that ends in "." ' +
      '(`contest.`).',
    maxLength: 64,
    pattern: AUDIT_ACTION.source,
    example: 'contest.',
  })
  @Optional()
  @IsString()
  @MaxLength(64)
  @Matches(AUDIT_ACTION, {
    message: 'must be an action such as contest.update, or a prefix ending in "." such as contest.',
  })
  action?: string;

  @ApiPropertyOptional({
    description: 'About what: the kind of thing changed (`contest`, `contest_period`, `user`, `rep`, ...).',
    maxLength: 32,
    pattern: AUDIT_ENTITY.source,
    example: 'contest',
  })
  @Optional()
  @IsString()
  @Matches(AUDIT_ENTITY, { message: 'must be a kind of thing such as contest, user or api_key' })
  entity?: string;

  @ApiPropertyOptional({
    description: 'When: entries at or after this instant (ISO-8601 with an offset).',
    format: 'date-time',
    example: '2026-11-01T00:00:00Z',
  })
  @Optional()
  @IsIsoInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'When: entries before this instant (ISO-8601 with an offset; not included).',
    format: 'date-time',
    example: '2026-12-01T00:00:00Z',
  })
  @Optional()
  @IsIsoInstant()
  to?: string;
}
