import { ApiProperty } from '@nestjs/swagger';
import type { IngestResponse, IngestResult, IngestStatus } from '#contracts';

export class IngestResultDto implements IngestResult {
  @ApiProperty({
    description: 'Position of the event in the request (0 for a single event).',
    type: 'integer',
  })
  readonly index: number;

  @ApiProperty({ example: 'hubspot' })
  readonly source: string;

  @ApiProperty({ example: 'deal-4711' })
  readonly id: string;

  @ApiProperty({
    description:
      '`accepted`, `revised`, `retracted`: written, and will be scored; `duplicate`: already known; ' +
      '`stale`: an older revision; `conflict`: the same revision with different content (the first stands).',
    enum: ['accepted', 'revised', 'retracted', 'duplicate', 'stale', 'conflict'],
    example: 'accepted',
  })
  readonly status: IngestStatus;
}

export class IngestResponseDto implements IngestResponse {
  @ApiProperty({
    description: 'Events that changed the ledger (accepted, revised, retracted) and will be scored.',
    type: 'integer',
    example: 1,
  })
  readonly written: number;

  @ApiProperty({
    description: 'One result per event, in request order.',
    type: () => IngestResultDto,
    isArray: true,
  })
  readonly results: IngestResultDto[];
}
