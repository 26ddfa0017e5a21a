import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import type {
  CreateApiKeyRequest,
  CreateScreenRequest,
  CreateUserRequest,
  PairRequest,
  RoleName,
  UpdateUserRequest,
} from '#contracts';

const ROLES = ['admin', 'manager', 'rep'] as const;

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'lea@example.com' })
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ description: '12 to 200 characters; stored only as an argon2id hash.' })
  @IsString()
  @MinLength(12, { message: 'must be 12 to 200 characters' })
  @MaxLength(200, { message: 'must be 12 to 200 characters' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: RoleName;

  @ApiPropertyOptional({ type: [String], description: 'Managers: the team keys they manage.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  teams?: string[];

  @ApiPropertyOptional({ description: "Reps: their rep's external id." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  rep?: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: RoleName;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  teams?: string[];

  @ApiPropertyOptional({ description: 'Disabling ends every session of the user.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'A new password; ends every session of the user.' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'must be 12 to 200 characters' })
  @MaxLength(200, { message: 'must be 12 to 200 characters' })
  password?: string;
}

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'HubSpot connector' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ type: [String], description: 'Only these event types may be posted; absent: any.' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  eventTypes?: string[];
}

export class CreateScreenDto implements CreateScreenRequest {
  @ApiProperty({ example: 'Sales floor TV' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ type: [String], description: 'The board: a playlist of contest ids.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  contestIds: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  topN?: number;
}

export class PairDto implements PairRequest {
  @ApiProperty({ example: 'K7PQ2MXA' })
  @IsString()
  @MinLength(4)
  @MaxLength(32)
  code: string;
}

export class AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
