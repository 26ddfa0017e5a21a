import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
} from 'class-validator';
import type { SalesEventInput } from '#contracts';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { EVENT_TYPES } from '#domain';

export const MAX_BATCH = 1000;
/** Largest quantity one event may carry; beyond it, a typo or an attack, not a sale. */
export const MAX_QUANTITY = 1_000_000;
/**
 * Largest amount in minor units (10^11: one billion in a two-decimal currency). Scores are summed as
 * JS numbers, exact up to 2^53: that leaves room for 90,000 such deals per rep and period.
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

export class RepRefDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class MoneyDto {
  @IsInt({ message: 'must be an integer number of minor units (cents), not a decimal' })
  @Min(0)
  @Max(MAX_AMOUNT_MINOR)
  minor: number;

  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO-4217 code such as EUR' })
  currency: string;
}

export class SalesEventDto implements SalesEventInput {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'must be 1-64 lower-case letters, digits, ".", "_" or "-" (e.g. "hubspot")',
  })
  source: string;

  @IsIn(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` })
  type: string;

  @ValidateNested()
  @Type(() => RepRefDto)
  @IsObject()
  rep: RepRefDto;

  @IsIsoInstant()
  occurredAt: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  revision?: number;

  @IsOptional()
  @IsIn(['active', 'void'])
  status?: 'active' | 'void';

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount?: MoneyDto;

  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

export class SalesEventBatchDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `may hold at most ${MAX_BATCH} events; split the batch` })
  @ValidateNested({ each: true })
  @Type(() => SalesEventDto)
  events: SalesEventDto[];
}
