import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString } from 'class-validator';
import type { ChangeManualAdjustmentRequest } from '#contracts';
import { MANUAL_REASON_MAX, MANUAL_REASON_MIN } from '#domain';
import { Optional } from '../../common/validation.js';

/** A revision of a manual adjustment: new points and/or reason; the reason is always given again. */
export class ChangeManualAdjustmentDto implements ChangeManualAdjustmentRequest {
  @ApiPropertyOptional({ description: 'New signed points (never 0); default: unchanged.', type: 'integer' })
  @Optional()
  @IsInt({ message: 'must be a whole number' })
  points?: number;

  @ApiProperty({
    description: `Why, as it now stands: ${MANUAL_REASON_MIN} to ${MANUAL_REASON_MAX} characters after trimming.`,
    minLength: MANUAL_REASON_MIN,
    maxLength: MANUAL_REASON_MAX,
  })
  @IsString({ message: 'is required: say why the points change' })
  reason: string;
}
