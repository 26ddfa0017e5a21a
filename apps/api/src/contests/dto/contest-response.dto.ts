import { ApiProperty } from '@nestjs/swagger';
import {
  CONTEST_KINDS,
  CONTEST_STATUSES,
  type ContestPreviewResponse,
  type ContestResponse,
  type ContestStatusName,
  type ContestTemplate,
  type LocalizedText,
  type PrizeResponse,
} from '#contracts';
import { DIVISIONS } from '#domain';
import { CreateContestDto, FilterDto, MetricDto, ParticipantsDto, PeriodDto } from './create-contest.dto.js';

export class PrizeResponseDto implements PrizeResponse {
  @ApiProperty({ example: 'Team lunch on us' })
  readonly name: string;

  @ApiProperty({ type: 'string', nullable: true })
  readonly description: string | null;

  @ApiProperty({ type: 'string', format: 'uri', nullable: true })
  readonly imageUrl: string | null;
}

export class RankPrizeResponseDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  readonly rank: number;

  @ApiProperty({ type: () => PrizeResponseDto })
  readonly prize: PrizeResponseDto;
}

export class ThresholdPrizeResponseDto {
  @ApiProperty({ type: 'integer', example: 10 })
  readonly atLeast: number;

  @ApiProperty({ type: () => PrizeResponseDto })
  readonly prize: PrizeResponseDto;
}

export class PrizesResponseDto {
  @ApiProperty({ type: () => RankPrizeResponseDto, isArray: true })
  readonly ranks: RankPrizeResponseDto[];

  @ApiProperty({ type: () => ThresholdPrizeResponseDto, isArray: true })
  readonly thresholds: ThresholdPrizeResponseDto[];
}

export class TargetsResponseDto {
  @ApiProperty({ description: 'The target of every rep not in `perRep`.', type: 'integer', example: 10 })
  readonly default: number;

  @ApiProperty({
    description: 'Targets by rep external id.',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { ana: 12 },
  })
  readonly perRep: Record<string, number>;
}

/** A text in every language Podium speaks. */
export class LocalizedTextDto implements LocalizedText {
  @ApiProperty({ example: 'Most licenses sold, Monday to Sunday, Amsterdam time; the top 3 win a trip.' })
  readonly en: string;

  @ApiProperty({
    example: 'Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; de top 3 wint een reis.',
  })
  readonly nl: string;
}

/** A contest's rules in plain words, checked like a create and stored nowhere. */
export class ContestPreviewResponseDto implements ContestPreviewResponse {
  @ApiProperty({ type: () => LocalizedTextDto })
  readonly preview: LocalizedTextDto;
}

/** A contest as stored: every rule with its default filled in. */
export class ContestResponseDto implements ContestResponse {
  @ApiProperty({ format: 'uuid' })
  readonly id: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly name: string;

  @ApiProperty({ type: 'string', nullable: true })
  readonly description: string | null;

  @ApiProperty({
    description:
      '`draft`: scores nothing, on no board; `scheduled`: published, start ahead; `live`: counting; ' +
      '`finalising`: a one-off contest past its end, in its grace period; `final`: a one-off contest ' +
      'whose results are frozen; `archived`: retired, scores nothing.',
    enum: [...CONTEST_STATUSES],
  })
  readonly status: ContestStatusName;

  @ApiProperty({ enum: [...CONTEST_KINDS] })
  readonly kind: 'leaderboard' | 'target_race' | 'team';

  @ApiProperty({ type: () => MetricDto })
  readonly metric: MetricDto;

  @ApiProperty({ type: () => PeriodDto })
  readonly period: PeriodDto;

  @ApiProperty({ enum: ['first_to_reach', 'shared'] })
  readonly tieRule: 'first_to_reach' | 'shared';

  @ApiProperty({ type: () => FilterDto, isArray: true })
  readonly filters: FilterDto[];

  @ApiProperty({
    description: '`target_race`: the score to reach; null otherwise.',
    type: 'integer',
    nullable: true,
  })
  readonly target: number | null;

  @ApiProperty({
    description: '`team` contests: how a team scores (`sum` otherwise).',
    enum: ['sum', 'average'],
  })
  readonly teamScoring: 'sum' | 'average';

  @ApiProperty({ type: () => ParticipantsDto })
  readonly participants: ParticipantsDto;

  @ApiProperty({
    description: 'Per-rep targets of a leaderboard contest; null when it ranks by points.',
    type: () => TargetsResponseDto,
    nullable: true,
  })
  readonly targets: TargetsResponseDto | null;

  @ApiProperty({ type: 'integer', minimum: 0 })
  readonly minScore: number;

  @ApiProperty({ enum: [...DIVISIONS] })
  readonly divisions: 'none' | 'team' | 'role';

  @ApiProperty({ type: 'integer', minimum: 0 })
  readonly gracePeriodMinutes: number;

  @ApiProperty({ type: () => PrizesResponseDto })
  readonly prizes: PrizesResponseDto;

  @ApiProperty({ description: 'When counting starts.', format: 'date-time' })
  readonly startsAt: string;

  @ApiProperty({ format: 'date-time' })
  readonly createdAt: string;

  @ApiProperty({ description: 'The rules in plain words.', type: () => LocalizedTextDto })
  readonly preview: LocalizedTextDto;

  @ApiProperty({
    description:
      'Paused by a manager: it keeps scoring, its boards show it paused and it celebrates nothing.',
  })
  readonly paused: boolean;

  @ApiProperty({
    description: 'When it was paused; null when it is not.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly pausedAt: string | null;
}

/** A ready-made contest a manager starts from: POST its `contest` (with changes) to create one. */
export class ContestTemplateDto implements ContestTemplate {
  @ApiProperty({ example: 'most-licenses-this-week' })
  readonly id: string;

  @ApiProperty({ example: 'Most licenses this week' })
  readonly name: string;

  @ApiProperty({ example: 'Whoever sells the most licenses between Monday and Sunday wins.' })
  readonly description: string;

  @ApiProperty({ description: 'The body to POST to /api/v1/contests.', type: () => CreateContestDto })
  readonly contest: CreateContestDto;

  @ApiProperty({ description: "The template's rules in plain words.", type: () => LocalizedTextDto })
  readonly preview: LocalizedTextDto;
}
