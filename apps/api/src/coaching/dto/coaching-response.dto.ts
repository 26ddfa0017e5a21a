import { ApiProperty } from '@nestjs/swagger';
import type {
  CoachingMetric,
  CoachingRep,
  CoachingRepMetric,
  CoachingResponse,
  CoachingText,
  CoachingTrend,
  CoachingWeek,
  MetricNature,
} from '#contracts';

export class CoachingTextDto implements CoachingText {
  @ApiProperty({
    example: 'Sam: demos up 40% on their own average, licenses flat: ask what blocks the close.',
  })
  readonly en: string;

  @ApiProperty({
    example:
      "Sam: geboekte demo's 40% boven het eigen gemiddelde, licenties stabiel: vraag wat het afsluiten tegenhoudt.",
  })
  readonly nl: string;
}

export class CoachingTeamDto {
  @ApiProperty({ example: 'north' })
  readonly key: string;

  @ApiProperty({ example: 'North' })
  readonly name: string;
}

export class CoachingWeekDto implements CoachingWeek {
  @ApiProperty({ format: 'date-time', description: 'Local midnight of the first weekday, as an instant.' })
  readonly start: string;

  @ApiProperty({ format: 'date-time', description: 'Exclusive.' })
  readonly end: string;

  @ApiProperty({ description: 'The running week (the last one).' })
  readonly partial: boolean;
}

export class CoachingMetricDto implements CoachingMetric {
  @ApiProperty({ example: 'count:demo_booked' })
  readonly key: string;

  @ApiProperty({ type: CoachingTextDto })
  readonly label: CoachingTextDto;

  @ApiProperty({
    enum: ['outcome', 'process'],
    description: 'Outcome when the metric counts a deal or a license; process otherwise.',
  })
  readonly nature: MetricNature;

  @ApiProperty({ type: [String], description: 'The contests with this metric.' })
  readonly contestIds: readonly string[];

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'EUR',
    description: 'Money metrics: values in minor units.',
  })
  readonly currency: string | null;
}

export class CoachingRepMetricDto implements CoachingRepMetric {
  @ApiProperty({ example: 'count:demo_booked' })
  readonly key: string;

  @ApiProperty({ type: [Number], description: 'One value per week, oldest first.' })
  readonly values: readonly number[];

  @ApiProperty({ description: 'The latest complete week.' })
  readonly latest: number;

  @ApiProperty({ description: "The rep's own average of their complete weeks before the latest." })
  readonly average: number;

  @ApiProperty({ type: 'integer', nullable: true, description: '`latest` against `average`, whole percent.' })
  readonly changePercent: number | null;

  @ApiProperty({ enum: ['up', 'down', 'flat', 'new', 'none'] })
  readonly trend: CoachingTrend;
}

export class CoachingRepRefDto {
  @ApiProperty({ example: 'sam' })
  readonly externalId: string;

  @ApiProperty({ example: 'Sam Jansen' })
  readonly displayName: string;
}

export class CoachingRepDto implements CoachingRep {
  @ApiProperty({ type: CoachingRepRefDto })
  readonly rep: CoachingRepRefDto;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  readonly lastActivityAt: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  readonly daysSinceActivity: number | null;

  @ApiProperty({ description: 'No activity for `stalledDays` days or more.' })
  readonly stalled: boolean;

  @ApiProperty({ type: [CoachingRepMetricDto] })
  readonly metrics: CoachingRepMetricDto[];

  @ApiProperty({ type: CoachingTextDto })
  readonly prompt: CoachingTextDto;
}

export class CoachingResponseDto implements CoachingResponse {
  @ApiProperty({ type: CoachingTeamDto })
  readonly team: CoachingTeamDto;

  @ApiProperty({ example: 'Europe/Amsterdam' })
  readonly timeZone: string;

  @ApiProperty({ type: 'integer', example: 7 })
  readonly stalledDays: number;

  @ApiProperty({ type: [CoachingWeekDto] })
  readonly weeks: CoachingWeekDto[];

  @ApiProperty({ type: [CoachingMetricDto], description: 'Outcome metrics first.' })
  readonly metrics: CoachingMetricDto[];

  @ApiProperty({ type: [CoachingRepDto], description: 'By display name: a list of people, not a ranking.' })
  readonly reps: CoachingRepDto[];
}
