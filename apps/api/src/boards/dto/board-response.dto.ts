import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTEST_KINDS,
  CONTEST_STATUSES,
  PERIOD_KINDS,
  type BoardContest,
  type BoardPrize,
  type BoardResponse,
  type ContestKind,
  type ContestStatus,
  type DeviceStartResponse,
  type MetricUnit,
  type PeriodKind,
} from '#contracts';
import { BoardSettingsDto } from './board-settings.dto.js';

export class MetricUnitDto {
  @ApiProperty({
    enum: ['count', 'money', 'points', 'percent'],
    description:
      '`count`: a count or quantity of `eventType` (null: several types); `money`: minor units of ' +
      "`currency`; `points`: weighted points; `percent`: percent of each rep's target.",
  })
  readonly kind: MetricUnit['kind'];

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'license_sold' })
  readonly eventType?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'EUR' })
  readonly currency?: string | null;
}

export class BoardPrizeDto implements BoardPrize {
  @ApiProperty({ example: 'Team lunch on us' })
  readonly name: string;

  @ApiProperty({ type: 'string', nullable: true })
  readonly description: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  readonly imageUrl: string | null;

  @ApiPropertyOptional({ description: 'A rank prize: the rank it is for.', example: 1 })
  readonly rank?: number;

  @ApiPropertyOptional({
    description: 'A threshold prize: the board value to reach, in the unit.',
    example: 20,
  })
  readonly threshold?: number;
}

export class BoardContestDto implements BoardContest {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly name: string;

  @ApiProperty({ type: 'string', nullable: true })
  readonly description: string | null;

  @ApiProperty({ enum: [...CONTEST_KINDS] })
  readonly kind: ContestKind;

  @ApiProperty({ enum: [...CONTEST_STATUSES] })
  readonly status: ContestStatus;

  @ApiProperty({ enum: [...PERIOD_KINDS] })
  readonly periodKind: PeriodKind;

  @ApiProperty({ example: 'Europe/Amsterdam' })
  readonly timeZone: string;

  @ApiProperty({ type: MetricUnitDto })
  readonly unit: MetricUnit;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: "A race's target, or a leaderboard's default per-rep target; null without one.",
  })
  readonly target: number | null;

  @ApiProperty({ type: BoardPrizeDto, isArray: true })
  readonly prizes: BoardPrizeDto[];

  @ApiProperty({
    description: 'Paused by a manager: the scores still count; show it paused and celebrate nothing.',
  })
  readonly paused: boolean;
}

export class BoardResponseDto implements BoardResponse {
  @ApiProperty({ format: 'uuid' })
  readonly screenId: string;

  @ApiProperty({ example: 'Sales floor TV' })
  readonly name: string;

  @ApiProperty({
    description:
      'Increases with every change to the screen, and when a contest of its playlist is paused or resumed.',
    example: 3,
  })
  readonly version: number;

  @ApiProperty({ type: BoardSettingsDto })
  readonly settings: BoardSettingsDto;

  @ApiProperty({
    type: BoardContestDto,
    isArray: true,
    description: 'The playlist in order (drafts and archived left out).',
  })
  readonly contests: BoardContestDto[];
}

export class DeviceStartResponseDto implements DeviceStartResponse {
  @ApiProperty({ description: 'Secret: only the TV keeps it, and polls with it.' })
  readonly deviceCode: string;

  @ApiProperty({ description: 'Shown on the TV in large type for a manager to type.', example: 'BCDF-GHJK' })
  readonly userCode: string;

  @ApiProperty({ example: '/api/v1/screens/{id}/link' })
  readonly verificationPath: string;

  @ApiProperty({ format: 'date-time' })
  readonly expiresAt: string;

  @ApiProperty({ description: 'Poll no faster than this.', example: 5 })
  readonly intervalSeconds: number;
}

export class DeviceTokenResponseDto {
  @ApiProperty({
    enum: ['pending', 'slow_down', 'expired', 'paired'],
    description:
      '`pending`: not linked yet, poll again; `slow_down`: polled too fast, add 5 s to the interval; ' +
      '`expired`: unknown, used or expired, start again; `paired`: `token` and `screenId` follow (once).',
  })
  readonly status: 'pending' | 'slow_down' | 'expired' | 'paired';

  @ApiPropertyOptional({ description: "`paired`: the screen's token, shown this once." })
  readonly token?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  readonly screenId?: string;
}
