import { ApiProperty } from '@nestjs/swagger';
import type { MyContestResponse, MyResultResponse } from '#contracts';
import { BoardContestDto } from '../../boards/dto/board-response.dto.js';
import { StandingEntryDto, StandingsPeriodDto } from '../../standings/dto/standings-response.dto.js';

export class MyContestResponseDto implements MyContestResponse {
  @ApiProperty({ type: BoardContestDto })
  readonly contest: BoardContestDto;

  @ApiProperty({ type: StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ description: "The contest's standings version.", example: 42 })
  readonly version: number;

  @ApiProperty({ description: "Entries on the rep's board.", example: 31 })
  readonly total: number;

  @ApiProperty({
    type: StandingEntryDto,
    nullable: true,
    description: "The rep's own entry in full (a team contest: the rep's team); null: no points yet.",
  })
  readonly me: StandingEntryDto | null;

  @ApiProperty({
    type: StandingEntryDto,
    isArray: true,
    description: 'The rep, up to 2 above, and up to 2 below as far as the public board shows them.',
  })
  readonly around: StandingEntryDto[];

  @ApiProperty({ type: StandingEntryDto, isArray: true, description: 'The public top N.' })
  readonly top: StandingEntryDto[];

  @ApiProperty({ type: 'number', nullable: true, description: "The rep's own target; null without one." })
  readonly target: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: "The rep's division; null without divisions." })
  readonly division: string | null;
}

export class MyResultResponseDto implements MyResultResponse {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly contestName: string;

  @ApiProperty({ type: StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The final rank; null when not on the final board.',
  })
  readonly rank: number | null;

  @ApiProperty({ example: 14 })
  readonly score: number;

  @ApiProperty({ type: [String], description: 'Names of the prizes won in the period.' })
  readonly prizes: string[];
}
