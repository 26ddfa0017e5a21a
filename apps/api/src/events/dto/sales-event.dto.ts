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
import { EVENT_TYPES } from '#domain';

/** ISO-8601 date-time that states its offset: a time without one is ambiguous across time zones. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const MAX_BATCH = 1000;
/** Largest quantity one event may carry; beyond it, a typo or an attack, not a sale. */
export const MAX_QUANTITY = 1_000_000;
/** Largest amount in minor units (10^13 = 100 billion in a two-decimal currency), safe as a JS integer. */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;

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

  @IsString()
  @Matches(ISO_WITH_OFFSET, {
    message: 'must be an ISO-8601 date-time with an offset, e.g. 2026-11-27T09:30:00+01:00',
  })
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
