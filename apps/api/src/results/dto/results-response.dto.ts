import { ApiProperty } from '@nestjs/swagger';
import type {
  AdjustmentResponse,
  AdjustmentsResponse,
  AwardResponse,
  FinalEntryResponse,
  HallOfFameResponse,
  PeriodAdjustmentsResponse,
  PeriodResultResponse,
  RepWinsResponse,
  WonPrizeResponse,
} from '#contracts';
import { PrizeResponseDto } from '../../contests/dto/contest-response.dto.js';
import { RepExternalIdDto, StandingsPeriodDto } from '../../standings/dto/standings-response.dto.js';

export class AwardWinnerDto {
  @ApiProperty({ enum: ['rep', 'team'] })
  readonly kind: 'rep' | 'team';

  @ApiProperty({ description: "The rep's external id or the team's key.", example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly name: string;
}

/** One prize won by one entry of a finalised period. */
export class AwardResponseDto implements AwardResponse {
  @ApiProperty({
    description: "The board's division (team key or role); null without divisions.",
    type: 'string',
    nullable: true,
  })
  readonly division: string | null;

  @ApiProperty({
    description: 'A prize for a rank, or for reaching a threshold.',
    enum: ['rank', 'threshold'],
  })
  readonly kind: 'rank' | 'threshold';

  @ApiProperty({ description: 'The rank the prize is for (`rank` prizes).', type: 'integer', nullable: true })
  readonly rank: number | null;

  @ApiProperty({
    description: 'The threshold the prize is for (`threshold` prizes).',
    type: 'integer',
    nullable: true,
  })
  readonly atLeast: number | null;

  @ApiProperty({ type: () => PrizeResponseDto })
  readonly prize: PrizeResponseDto;

  @ApiProperty({ type: () => AwardWinnerDto })
  readonly winner: AwardWinnerDto;

  @ApiProperty({ description: "The winner's rank when the prize was awarded.", type: 'integer' })
  readonly winnerRank: number;

  @ApiProperty({ description: "The winner's score when the prize was awarded." })
  readonly score: number;

  @ApiProperty({
    description:
      "The winner's board value (points, percent of target or average) when the prize was awarded.",
  })
  readonly value: number;
}

/** One line of a frozen board. */
export class FinalEntryResponseDto implements FinalEntryResponse {
  @ApiProperty({ type: 'integer', minimum: 1 })
  readonly rank: number;

  @ApiProperty({ enum: ['rep', 'team'] })
  readonly kind: 'rep' | 'team';

  @ApiProperty({ description: "The rep's external id or the team's key.", example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly name: string;

  @ApiProperty()
  readonly score: number;

  @ApiProperty({ description: 'What the board ranks by: points, percent of target or average.' })
  readonly value: number;

  @ApiProperty({
    description: 'Target races: when the target was reached; null otherwise.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly finishedAt: string | null;
}

export class FinalBoardDto {
  @ApiProperty({
    description: 'The division (team key or role); null without divisions.',
    type: 'string',
    nullable: true,
  })
  readonly division: string | null;

  @ApiProperty({ description: 'Number of entries on the board.', type: 'integer' })
  readonly total: number;

  @ApiProperty({ description: 'The top 100.', type: () => FinalEntryResponseDto, isArray: true })
  readonly entries: FinalEntryResponseDto[];
}

/** A finalised period of a contest: its frozen boards (top 100 each) and its winners. */
export class PeriodResultResponseDto implements PeriodResultResponse {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly contestName: string;

  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ format: 'date-time' })
  readonly finalisedAt: string;

  @ApiProperty({
    description: '1 for the first finalisation, +1 for each re-finalisation.',
    type: 'integer',
    minimum: 1,
  })
  readonly finalisation: number;

  @ApiProperty({
    description: 'One board per division (one board without divisions).',
    type: () => FinalBoardDto,
    isArray: true,
  })
  readonly boards: FinalBoardDto[];

  @ApiProperty({ type: () => AwardResponseDto, isArray: true })
  readonly awards: AwardResponseDto[];

  @ApiProperty({ description: 'Post-close adjustments recorded since this finalisation.', type: 'integer' })
  readonly pendingAdjustments: number;
}

export class AdjustedEventDto {
  @ApiProperty({ example: 'hubspot' })
  readonly source: string;

  @ApiProperty({ example: 'deal-4711' })
  readonly id: string;

  @ApiProperty({ type: 'integer' })
  readonly revision: number;
}

/** A change to a final period's scores, recorded instead of silently changing its winners. */
export class AdjustmentResponseDto implements AdjustmentResponse {
  @ApiProperty()
  readonly id: string;

  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({
    description: 'The event whose arrival or revision changed the score.',
    type: () => AdjustedEventDto,
  })
  readonly event: AdjustedEventDto;

  @ApiProperty({ type: () => RepExternalIdDto })
  readonly rep: RepExternalIdDto;

  @ApiProperty()
  readonly pointsBefore: number;

  @ApiProperty()
  readonly pointsAfter: number;

  @ApiProperty({ format: 'date-time' })
  readonly recordedAt: string;

  @ApiProperty({
    description: 'When a re-finalisation took it into account; null while pending.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly resolvedAt: string | null;
}

export class PeriodAdjustmentsResponseDto implements PeriodAdjustmentsResponse {
  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ description: 'The finalisation the adjustments came after.', type: 'integer' })
  readonly finalisation: number;

  @ApiProperty({ type: () => AdjustmentResponseDto, isArray: true })
  readonly adjustments: AdjustmentResponseDto[];

  @ApiProperty({
    description: 'Prizes re-finalising now would take away.',
    type: () => AwardResponseDto,
    isArray: true,
  })
  readonly wouldLose: AwardResponseDto[];

  @ApiProperty({
    description: 'Prizes re-finalising now would award.',
    type: () => AwardResponseDto,
    isArray: true,
  })
  readonly wouldWin: AwardResponseDto[];
}

export class AdjustmentsResponseDto implements AdjustmentsResponse {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({
    description: 'Finalised periods with pending adjustments, newest first.',
    type: () => PeriodAdjustmentsResponseDto,
    isArray: true,
  })
  readonly periods: PeriodAdjustmentsResponseDto[];
}

export class WonPrizeResponseDto implements WonPrizeResponse {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly contestName: string;

  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ type: () => AwardResponseDto })
  readonly award: AwardResponseDto;
}

export class HallOfFameRepDto {
  @ApiProperty({ example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly displayName: string;

  @ApiProperty({ description: 'First places won.', type: 'integer' })
  readonly wins: number;

  @ApiProperty({ description: 'Prizes of any kind won.', type: 'integer' })
  readonly prizes: number;
}

/** The hall of fame: reps by prizes won, and the latest winners. */
export class HallOfFameResponseDto implements HallOfFameResponse {
  @ApiProperty({
    description: 'Reps by first places won (at most 100).',
    type: () => HallOfFameRepDto,
    isArray: true,
  })
  readonly reps: HallOfFameRepDto[];

  @ApiProperty({
    description: 'The latest prizes won (at most 50).',
    type: () => WonPrizeResponseDto,
    isArray: true,
  })
  readonly recent: WonPrizeResponseDto[];
}

export class RepNameDto {
  @ApiProperty({ example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly displayName: string;
}

export class RepWinsResponseDto implements RepWinsResponse {
  @ApiProperty({ type: () => RepNameDto })
  readonly rep: RepNameDto;

  @ApiProperty({ description: 'First places won.', type: 'integer' })
  readonly wins: number;

  @ApiProperty({
    description: 'Prizes won, newest first (at most 500).',
    type: () => WonPrizeResponseDto,
    isArray: true,
  })
  readonly prizes: WonPrizeResponseDto[];
}
