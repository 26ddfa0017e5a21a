import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { COACHING_STALLED_DAYS } from '#contracts';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { Optional } from '../../common/validation.js';

export class CoachingQueryDto {
  @ApiProperty({ description: "The team's key.", example: 'north', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  team: string;

  @ApiPropertyOptional({
    description: 'A rep with no activity for this many days or more is flagged as stalled.',
    type: 'integer',
    minimum: COACHING_STALLED_DAYS.min,
    maximum: COACHING_STALLED_DAYS.max,
    default: COACHING_STALLED_DAYS.default,
  })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(COACHING_STALLED_DAYS.min)
  @Max(COACHING_STALLED_DAYS.max)
  stalledDays?: number;

  @ApiPropertyOptional({
    description:
      'The view as it was at this instant, ISO-8601 with an offset (default: now): its week is the running week.',
    format: 'date-time',
    example: '2026-11-27T09:30:00+01:00',
  })
  @Optional()
  @IsIsoInstant()
  at?: string;
}
