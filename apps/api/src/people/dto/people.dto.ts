import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { RepRequest, ReviewRepRequest, TeamRequest } from '#contracts';
import { Nullable, Optional } from '../../common/validation.js';

/** Team keys are short, readable and stable: contests name teams by them. */
export const TEAM_KEY = /^(?!unassigned$)[a-z0-9][a-z0-9_-]{0,63}$/;

export class TeamDto implements TeamRequest {
  @ApiProperty({
    description: 'Stable key contests name the team by: 1-64 lower-case letters, digits, "-" or "_".',
    pattern: TEAM_KEY.source,
    example: 'north',
  })
  @Matches(TEAM_KEY, {
    message: 'must be 1-64 lower-case letters, digits, "-" or "_" (e.g. "north"), and not "unassigned"',
  })
  key: string;

  @ApiProperty({ maxLength: 120, example: 'North' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

/** Every field is optional: the ones left out stay as they are. */
export class RepDto implements RepRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Ana Silva' })
  @Optional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  /** A team key, or null for no team. */
  @ApiPropertyOptional({
    description: 'A team key, or null for no team.',
    type: 'string',
    pattern: TEAM_KEY.source,
    nullable: true,
    example: 'north',
  })
  @Nullable()
  @Matches(TEAM_KEY, { message: 'must be a team key, or null for no team' })
  team?: string | null;

  /** A role such as "SDR" or "AE", or null for none. */
  @ApiPropertyOptional({
    description: 'A role such as "SDR" or "AE", or null for none.',
    type: 'string',
    minLength: 1,
    maxLength: 64,
    nullable: true,
    example: 'AE',
  })
  @Nullable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  role?: string | null;
}

export class RenameTeamDto {
  @ApiProperty({ maxLength: 120, example: 'North (enterprise)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;
}

/** A per-rep target in a contest with targets. */
export class ReviewTargetDto {
  @ApiProperty({ description: 'A contest with per-rep targets.', format: 'uuid' })
  @IsUUID('all', { message: 'must be a contest id (a UUID)' })
  contestId: string;

  @ApiProperty({
    description: "The rep's target: a whole number of at least 1.",
    type: 'integer',
    minimum: 1,
  })
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  value: number;
}

/** A review of a rep from the queue: assign (fields left out stay as they are), or dismiss. */
export class ReviewRepDto implements ReviewRepRequest {
  @ApiPropertyOptional({
    description: 'A team key, or null for no team.',
    type: 'string',
    pattern: TEAM_KEY.source,
    nullable: true,
    example: 'north',
  })
  @Nullable()
  @Matches(TEAM_KEY, { message: 'must be a team key, or null for no team' })
  team?: string | null;

  @ApiPropertyOptional({
    description: 'A role such as "SDR" or "AE", or null for none.',
    type: 'string',
    minLength: 1,
    maxLength: 64,
    nullable: true,
    example: 'AE',
  })
  @Nullable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  role?: string | null;

  @ApiPropertyOptional({
    description:
      "The rep's own target in a contest with per-rep targets (while its rules may change: draft or " +
      'scheduled).',
    type: () => ReviewTargetDto,
  })
  @Optional()
  @IsObject({ message: 'must be an object: { contestId, value }' })
  @ValidateNested()
  @Type(() => ReviewTargetDto)
  target?: ReviewTargetDto;

  @ApiPropertyOptional({
    description: 'True: out of the queue unchanged (no other field with it).',
    enum: [true],
    example: true,
  })
  @Optional()
  @IsBoolean()
  dismiss?: boolean;
}
