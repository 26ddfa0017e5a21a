import { ApiProperty } from '@nestjs/swagger';
import type { ExplainedEvent } from '#contracts';

/** On an explained event that is a manual adjustment: why, and who made it. */
export class ExplainedManualDto implements NonNullable<ExplainedEvent['manual']> {
  @ApiProperty({ example: 'Deal booked on paper during the CRM outage' })
  readonly reason: string;

  @ApiProperty({ description: 'Who made it (or last changed it).', example: 'Mara (manager)' })
  readonly by: string;
}
