import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { CreateManualAdjustmentRequest } from '#contracts';
import { MANUAL_REASON_MAX, MANUAL_REASON_MIN } from '#domain';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { Optional } from '../../common/validation.js';

/** Points added or removed by hand for one rep, with the reason. */
export class CreateManualAdjustmentDto implements CreateManualAdjustmentRequest {
  @ApiProperty({ description: "The rep's external id.", minLength: 1, maxLength: 200, example: 'ana' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  rep: string;

  @ApiProperty({
    description:
      "Signed whole number in the contest's unit (events, licenses, minor units of its currency, or " +
      'points); negative removes points; never 0. At most 1,000,000 in magnitude (10^11 for money).',
    type: 'integer',
    example: 5,
  })
  @IsInt({ message: 'must be a whole number' })
  points: number;

  @ApiProperty({
    description: `Why: ${MANUAL_REASON_MIN} to ${MANUAL_REASON_MAX} characters after trimming.`,
    minLength: MANUAL_REASON_MIN,
    maxLength: MANUAL_REASON_MAX,
    example: 'Deal booked on paper during the CRM outage',
  })
  @IsString({ message: 'is required: say why the points change' })
  reason: string;

  @ApiPropertyOptional({
    description:
      'An instant inside the period the points go into (e.g. its start), ISO-8601 with an offset; ' +
      'default: the current period. The period must have started.',
    example: '2026-11-30T00:00:00+01:00',
  })
  @Optional()
  @IsIsoInstant()
  period?: string;
}
