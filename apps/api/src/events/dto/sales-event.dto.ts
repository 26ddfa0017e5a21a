import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
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
import { EVENT_TYPES, type SalesEventInput } from '#contracts';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { Optional, RawJson } from '../../common/validation.js';

export const MAX_BATCH = 1000;
/** Largest quantity one event may carry; beyond it, a typo or an attack, not a sale. */
export const MAX_QUANTITY = 1_000_000;
/**
 * Largest amount in minor units (10^11: one billion in a two-decimal currency). Scores are summed as
 * JS numbers, exact up to 2^53: that leaves room for 90,000 such deals per rep and period.
 */
export const MAX_AMOUNT_MINOR = 100_000_000_000;

export class RepRefDto {
  @ApiProperty({
    description: "The rep's id in your CRM; an unknown id creates the rep.",
    minLength: 1,
    maxLength: 200,
    example: 'ana',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({ description: "The rep's display name.", minLength: 1, maxLength: 200, example: 'Ana Silva' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

/** Money as integer minor units (cents) and an ISO-4217 code; never a float. */
export class MoneyDto {
  @ApiProperty({
    description: 'Integer minor units (cents), not a decimal.',
    type: 'integer',
    minimum: 0,
    maximum: MAX_AMOUNT_MINOR,
    example: 250000,
  })
  @IsInt({ message: 'must be an integer number of minor units (cents), not a decimal' })
  @Min(0)
  @Max(MAX_AMOUNT_MINOR)
  minor: number;

  @ApiProperty({ description: 'ISO-4217 code.', pattern: '^[A-Z]{3}$', example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO-4217 code such as EUR' })
  currency: string;
}

/** One sales event as a CRM or a script posts it. */
export class SalesEventDto implements SalesEventInput {
  @ApiProperty({
    description: 'Your id for the event, unique per source: the idempotency key.',
    minLength: 1,
    maxLength: 200,
    example: 'deal-4711',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id: string;

  @ApiProperty({
    description: 'Where the event comes from: 1-64 lower-case letters, digits, ".", "_" or "-".',
    pattern: '^[a-z0-9][a-z0-9._-]{0,63}$',
    example: 'hubspot',
  })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/, {
    message: 'must be 1-64 lower-case letters, digits, ".", "_" or "-" (e.g. "hubspot")',
  })
  source: string;

  @ApiProperty({
    description: '`deal_won` needs `amount`; `license_sold` needs `quantity`; the others carry no measure.',
    enum: [...EVENT_TYPES],
    example: 'license_sold',
  })
  @IsIn(EVENT_TYPES, { message: `must be one of ${EVENT_TYPES.join(', ')}` })
  type: string;

  @ApiProperty({ type: () => RepRefDto })
  @ValidateNested()
  @Type(() => RepRefDto)
  @IsObject()
  rep: RepRefDto;

  @ApiProperty({
    description:
      'When it happened in the CRM: ISO-8601 with an offset (`Z` or `+01:00`), not before 2000, at most ' +
      '24 h in the future.',
    format: 'date-time',
    example: '2026-11-27T09:30:00+01:00',
  })
  @IsIsoInstant()
  occurredAt: string;

  @ApiPropertyOptional({
    description: 'Starts at 1 (default); a higher revision replaces the earlier one.',
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    default: 1,
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  revision?: number;

  @ApiPropertyOptional({
    description: '`void` retracts the event (a reversed deal); default `active`.',
    enum: ['active', 'void'],
    default: 'active',
  })
  @Optional()
  @IsIn(['active', 'void'])
  status?: 'active' | 'void';

  @ApiPropertyOptional({
    description: 'How many (required for `license_sold`).',
    type: 'integer',
    minimum: 0,
    maximum: MAX_QUANTITY,
    example: 3,
  })
  @Optional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(MAX_QUANTITY)
  quantity?: number;

  @ApiPropertyOptional({ description: 'The money (required for `deal_won`).', type: () => MoneyDto })
  @Optional()
  @ValidateNested()
  @Type(() => MoneyDto)
  @IsObject()
  amount?: MoneyDto;

  @ApiPropertyOptional({
    description: 'Free fields, at most 4 KiB as JSON, usable in contest filters as `attributes.<name>`.',
    type: 'object',
    additionalProperties: true,
    example: { product: 'enterprise' },
  })
  @Optional()
  @RawJson()
  @IsObject()
  attributes?: Record<string, unknown>;
}

/** A batch of 1 to 1,000 events. */
export class SalesEventBatchDto {
  @ApiProperty({ type: () => SalesEventDto, isArray: true, minItems: 1, maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, { message: `may hold at most ${MAX_BATCH} events; split the batch` })
  @ValidateNested({ each: true })
  @Type(() => SalesEventDto)
  events: SalesEventDto[];
}
