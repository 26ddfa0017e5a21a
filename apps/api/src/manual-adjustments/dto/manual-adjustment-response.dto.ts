import { ApiProperty } from '@nestjs/swagger';
import type { ManualAdjustment } from '#contracts';
import { StandingsPeriodDto } from '../../standings/dto/standings-response.dto.js';

export class ManualAdjustmentRepDto {
  @ApiProperty({ example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly displayName: string;
}

export class ManualAdjustmentByDto {
  @ApiProperty({ format: 'uuid' })
  readonly userId: string;

  @ApiProperty({ description: 'Their name as the audit log shows it.', example: 'Mara (manager)' })
  readonly label: string;
}

/** Points a manager added or removed by hand, with the reason: a ledger event of source `manual`. */
export class ManualAdjustmentDto implements ManualAdjustment {
  @ApiProperty({
    description: 'The adjustment id (its ledger event id within source `manual`).',
    format: 'uuid',
  })
  readonly id: string;

  @ApiProperty({ type: () => ManualAdjustmentRepDto })
  readonly rep: ManualAdjustmentRepDto;

  @ApiProperty({ description: "Signed, in the contest's unit; never 0.", type: 'integer', example: 5 })
  readonly points: number;

  @ApiProperty({ example: 'Deal booked on paper during the CRM outage' })
  readonly reason: string;

  @ApiProperty({ description: 'The period the points are in.', type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ enum: ['active', 'retracted'] })
  readonly status: 'active' | 'retracted';

  @ApiProperty({ description: '1 when made; +1 for each change and for the retraction.', type: 'integer' })
  readonly revision: number;

  @ApiProperty({
    description: 'Who made it, or last changed or retracted it.',
    type: () => ManualAdjustmentByDto,
  })
  readonly by: ManualAdjustmentByDto;

  @ApiProperty({ description: 'When this revision was written.', format: 'date-time' })
  readonly recordedAt: string;
}
