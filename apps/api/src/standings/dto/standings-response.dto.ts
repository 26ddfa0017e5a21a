import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ExplainedEvent,
  ScoreExplanation,
  StandingEntry,
  StandingsPeriod,
  StandingsResponse,
} from '#contracts';
import { ExplainedManualDto } from '../../manual-adjustments/dto/explained-manual.dto.js';

/** A period of a contest, half-open: [start, end). */
export class StandingsPeriodDto implements StandingsPeriod {
  @ApiProperty({
    description: "ISO-8601 instant in the contest's time zone.",
    format: 'date-time',
    example: '2026-11-23T00:00:00.000+01:00',
  })
  readonly start: string;

  @ApiProperty({
    description: "ISO-8601 instant in the contest's time zone (not included).",
    format: 'date-time',
    example: '2026-11-30T00:00:00.000+01:00',
  })
  readonly end: string;
}

export class StandingRepDto {
  @ApiProperty({ description: "Podium's id of the rep.", format: 'uuid' })
  readonly id: string;

  @ApiProperty({ description: "The rep's id in the CRM.", example: 'ana' })
  readonly externalId: string;

  @ApiProperty({ example: 'Ana Silva' })
  readonly displayName: string;
}

export class StandingTeamDto {
  @ApiProperty({ example: 'north' })
  readonly key: string;

  @ApiProperty({ example: 'North' })
  readonly name: string;

  @ApiProperty({ type: 'integer' })
  readonly members: number;
}

/** One line of a board. */
export class StandingEntryDto implements StandingEntry {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 })
  readonly rank: number;

  @ApiProperty({
    description: "The rep on this line; null on a team contest's board.",
    type: () => StandingRepDto,
    nullable: true,
  })
  readonly rep: StandingRepDto | null;

  @ApiPropertyOptional({
    description: "The team on this line of a team contest's board.",
    type: () => StandingTeamDto,
  })
  readonly team?: StandingTeamDto;

  @ApiProperty({ description: "Points scored (a team: the sum of its members' points).", example: 12 })
  readonly score: number;

  @ApiPropertyOptional({
    description:
      "Percent of the rep's target (two decimals, rounded down) when the contest ranks by targets.",
    example: 83.33,
  })
  readonly percentToTarget?: number;

  @ApiPropertyOptional({
    description: "The rep's target when the contest ranks by targets.",
    type: 'integer',
  })
  readonly target?: number;

  @ApiPropertyOptional({
    description: "A team's per-member average (two decimals, rounded down) when teams compete on averages.",
  })
  readonly average?: number;

  @ApiPropertyOptional({
    description: 'Target races: when the rep reached the target; null when not yet.',
    type: 'string',
    format: 'date-time',
    nullable: true,
  })
  readonly finishedAt?: string | null;

  @ApiProperty({
    description: 'When the rep reached this score (the occurredAt of the event that brought them to it).',
    format: 'date-time',
  })
  readonly reachedAt: string;

  @ApiProperty({
    description:
      'Behind the entry above, in what the board ranks by (points, percent, average); null for the first.',
    type: 'number',
    nullable: true,
    example: 2,
  })
  readonly gapToNext: number | null;
}

export class StandingsResponseDto implements StandingsResponse {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({
    description: "Strictly increases with every change of the contest's standings.",
    type: 'integer',
  })
  readonly version: number;

  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiPropertyOptional({
    description: 'On a contest with divisions: the division shown (team key or role).',
    type: 'string',
    nullable: true,
  })
  readonly division?: string | null;

  @ApiPropertyOptional({
    description: 'On a contest with divisions: every division of this period.',
    type: [String],
  })
  readonly divisions?: string[];

  @ApiProperty({ description: 'Number of entries on the board.', type: 'integer' })
  readonly total: number;

  @ApiProperty({ type: () => StandingEntryDto, isArray: true })
  readonly entries: StandingEntryDto[];
}

/** A rep named by their id in the CRM. */
export class RepExternalIdDto {
  @ApiProperty({ description: "The rep's id in the CRM.", example: 'ana' })
  readonly externalId: string;
}

/** One event in the explanation of a rep's score. */
export class ExplainedEventDto implements ExplainedEvent {
  @ApiProperty({ example: 'hubspot' })
  readonly source: string;

  @ApiProperty({ example: 'deal-4711' })
  readonly id: string;

  @ApiProperty({ example: 'license_sold' })
  readonly type: string;

  @ApiProperty({ format: 'date-time' })
  readonly occurredAt: string;

  @ApiProperty({
    description: 'The version that counts; earlier revisions were superseded by it.',
    type: 'integer',
  })
  readonly revision: number;

  @ApiProperty({ description: 'What the event adds to the score.' })
  readonly points: number;

  @ApiProperty({
    description: 'Why the event adds nothing; null when it counts.',
    enum: [
      'retracted',
      'type_not_counted',
      'before_contest_start',
      'outside_window',
      'filtered_out',
      'no_points',
      'not_a_participant',
    ],
    nullable: true,
  })
  readonly excluded: ExplainedEvent['excluded'];

  @ApiPropertyOptional({
    description: 'Only on a manual adjustment (source `manual`): its reason and who made it.',
    type: () => ExplainedManualDto,
  })
  readonly manual?: ExplainedManualDto;
}

export class ScoreExplanationDto implements ScoreExplanation {
  @ApiProperty({ format: 'uuid' })
  readonly contestId: string;

  @ApiProperty({ type: () => StandingsPeriodDto })
  readonly period: StandingsPeriodDto;

  @ApiProperty({ type: () => RepExternalIdDto })
  readonly rep: RepExternalIdDto;

  @ApiProperty({
    description: "The sum of the counted events' points: equal to the rep's score on the board.",
  })
  readonly score: number;

  @ApiProperty({
    description: 'The events, oldest first (at most 2,000).',
    type: () => ExplainedEventDto,
    isArray: true,
  })
  readonly events: ExplainedEventDto[];
}
