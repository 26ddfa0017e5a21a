import { ApiProperty } from '@nestjs/swagger';
import type { RepResponse, TeamResponse } from '#contracts';

export class TeamResponseDto implements TeamResponse {
  @ApiProperty({ example: 'north' })
  readonly key: string;

  @ApiProperty({ example: 'North' })
  readonly name: string;

  @ApiProperty({ description: 'Reps in the team.', type: 'integer', minimum: 0 })
  readonly members: number;
}

export class RepResponseDto implements RepResponse {
  @ApiProperty({ description: "The rep's id in the CRM.", example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly displayName: string;

  @ApiProperty({
    description: 'Team key; null for no team.',
    type: 'string',
    nullable: true,
    example: 'north',
  })
  readonly team: string | null;

  @ApiProperty({ type: 'string', nullable: true, example: 'AE' })
  readonly role: string | null;

  @ApiProperty({
    description:
      'Created by an incoming event and not reviewed yet: in the review queue (POST .../review takes ' +
      'it out; so does a change through PUT).',
    example: false,
  })
  readonly isNew: boolean;
}
