import { Type } from 'class-transformer';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONTEST_KINDS,
  EVENT_TYPES,
  METRIC_KINDS,
  PERIOD_KINDS,
  type CreateContestRequest,
  type MetricKind,
  type ParticipantsInput,
  type PeriodKind,
  type PrizesInput,
  type UpdateContestRequest,
} from '#contracts';
import { DEFAULT_GRACE_MINUTES, DIVISIONS, MAX_GRACE_MINUTES, MAX_PRIZES, type FieldProblem } from '#domain';
import { IsIsoInstant } from '../../common/iso-instant.js';
import { Nullable, Optional, RawJson } from '../../common/validation.js';

/** Object of a key (event type, rep external id) to a whole number, as an OpenAPI schema. */
const WHOLE_NUMBERS_BY_KEY = { type: 'object', additionalProperties: { type: 'integer' } } as const;
/** A filter value: a string, a number, a boolean, or (for `in`) a list of them. */
const SCALAR_SCHEMAS = [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }];

/**
 * What a contest counts, by `kind`: `count` (one per event), `sum_quantity`, `sum_amount` (in one
 * currency) over `eventTypes`; or `points` with a weight per event type in `weights` instead.
 */
export class MetricDto {
  @ApiProperty({
    description:
      "`count`: one point per event; `sum_quantity`: the events' quantities; `sum_amount`: their amounts " +
      'in minor units, in `currency` only; `points`: each event type weighs its `weights` entry.',
    enum: [...METRIC_KINDS],
    example: 'sum_quantity',
  })
  @IsIn(METRIC_KINDS)
  kind: MetricKind;

  /** The counted types; a points metric names them through its weights instead. */
  @ApiPropertyOptional({
    description:
      'The counted event types: required for `count`, `sum_quantity` and `sum_amount`; not used by ' +
      '`points` (its `weights` name the types).',
    enum: [...EVENT_TYPES],
    isArray: true,
    minItems: 1,
    example: ['license_sold'],
  })
  @ValidateIf((m: MetricDto) => m.kind !== 'points' || m.eventTypes !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `each must be one of ${EVENT_TYPES.join(', ')}` })
  eventTypes: string[];

  /** Only for sum_amount (and required there); validated whenever present, so a stray one is refused. */
  @ApiPropertyOptional({
    description:
      '`sum_amount` only, and required there: the ISO-4217 currency counted (amounts in other currencies ' +
      'are left out, never converted).',
    pattern: '^[A-Z]{3}$',
    example: 'EUR',
  })
  @ValidateIf((m: MetricDto) => m.kind === 'sum_amount' || m.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO-4217 code (required for sum_amount)' })
  currency: string;

  /** Points per event type, for points metrics: the values are checked by the contest rules. */
  @ApiPropertyOptional({
    description:
      '`points` only, and required there: whole points from 1 to 10,000 per event type, e.g. ' +
      '`{ "lead_created": 1, "demo_booked": 5, "deal_won": 20 }`.',
    ...WHOLE_NUMBERS_BY_KEY,
    example: { lead_created: 1, demo_booked: 5, deal_won: 20 },
  })
  @ValidateIf((m: MetricDto) => m.kind === 'points' || m.weights !== undefined)
  @RawJson()
  @IsObject({ message: 'must be an object of event type to points, e.g. { "demo_booked": 5 }' })
  weights: Record<string, number>;
}

/**
 * When a contest's periods run, by `kind`: `daily`, `weekly` (from `weekStartsOn`), `monthly`, in
 * `timeZone`; or `once` between `start` and `end`.
 */
export class PeriodDto {
  @ApiProperty({
    description:
      '`daily`, `weekly` and `monthly` repeat (local midnight to midnight, week from `weekStartsOn`, ' +
      '1st to 1st); `once` runs from `start` to `end` (end excluded).',
    enum: [...PERIOD_KINDS],
    example: 'weekly',
  })
  @IsIn(PERIOD_KINDS)
  kind: PeriodKind;

  @ApiProperty({ description: 'The IANA time zone the periods run in.', example: 'Europe/Amsterdam' })
  @IsString()
  @IsNotEmpty()
  timeZone: string;

  @ApiPropertyOptional({
    description: '`weekly` only: the day a week starts, 1 (Monday) to 7 (Sunday); default 1.',
    type: 'integer',
    minimum: 1,
    maximum: 7,
    default: 1,
    example: 1,
  })
  @ValidateIf((p: PeriodDto) => p.weekStartsOn !== undefined)
  @IsInt()
  @Min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  weekStartsOn?: number;

  @ApiPropertyOptional({
    description: '`once` only, and required there: ISO-8601 date-time with an offset, in 2000 or later.',
    format: 'date-time',
    example: '2026-11-02T00:00:00+01:00',
  })
  @ValidateIf((p: PeriodDto) => p.kind === 'once' || p.start !== undefined)
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset (required for once)' })
  start: string;

  @ApiPropertyOptional({
    description:
      '`once` only, and required there: ISO-8601 date-time with an offset, after `start` (not ' +
      'included) and at most 400 days after it.',
    format: 'date-time',
    example: '2026-12-01T00:00:00+01:00',
  })
  @ValidateIf((p: PeriodDto) => p.kind === 'once' || p.end !== undefined)
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset (required for once)' })
  end: string;
}

/** Only events meeting every filter count; an event missing the field does not count. */
export class FilterDto {
  @ApiProperty({
    description:
      '`source`, `quantity`, `amount`, `currency` or `attributes.<name>` (a name of 1-64 of ' +
      '`A-Z a-z 0-9 _ -`).',
    maxLength: 80,
    example: 'attributes.product',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  field: string;

  @ApiProperty({
    description: '`in` takes a list of 1-100 values; `gte` and `lte` take numbers.',
    enum: ['eq', 'neq', 'in', 'gte', 'lte'],
    example: 'eq',
  })
  @IsIn(['eq', 'neq', 'in', 'gte', 'lte'])
  op: 'eq' | 'neq' | 'in' | 'gte' | 'lte';

  @ApiProperty({
    description: 'A string (at most 200 characters), a number or a boolean; a list of them for `in`.',
    oneOf: [
      ...SCALAR_SCHEMAS,
      { type: 'array', items: { oneOf: SCALAR_SCHEMAS }, minItems: 1, maxItems: 100 },
    ],
    example: 'enterprise',
  })
  @IsDefined()
  value: string | number | boolean | (string | number | boolean)[];
}

export class PrizeDto {
  @ApiProperty({ description: 'What the winner gets.', maxLength: 120, example: 'Team lunch on us' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    maxLength: 2000,
    example: 'Lunch for the whole team',
  })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  /** Checked as an http(s) URL by the contest rules. */
  @ApiPropertyOptional({
    description: 'An http(s) URL of a picture of the prize.',
    type: 'string',
    format: 'uri',
    nullable: true,
    maxLength: 2000,
    example: 'https://example.com/lunch.png',
  })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  imageUrl?: string | null;
}

/** A prize for one rank, on every board (each division awards its own). */
export class RankPrizeDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 1000, example: 1 })
  @IsInt()
  @Min(1)
  @Max(1000)
  rank: number;

  @ApiProperty({ type: () => PrizeDto })
  @ValidateNested()
  @Type(() => PrizeDto)
  @IsObject()
  prize: PrizeDto;
}

/**
 * A prize for everyone whose board value is at least `atLeast` (points; percent of target for
 * targeted contests; the average for team averages).
 */
export class ThresholdPrizeDto {
  @ApiProperty({ type: 'integer', example: 10 })
  @IsInt({ message: 'must be a whole number' })
  atLeast: number;

  @ApiProperty({ type: () => PrizeDto })
  @ValidateNested()
  @Type(() => PrizeDto)
  @IsObject()
  prize: PrizeDto;
}

/** What each period awards when it is finalised. */
export class PrizesDto {
  @ApiPropertyOptional({ type: () => RankPrizeDto, isArray: true, maxItems: MAX_PRIZES })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_PRIZES)
  @ValidateNested({ each: true })
  @Type(() => RankPrizeDto)
  ranks?: RankPrizeDto[];

  @ApiPropertyOptional({ type: () => ThresholdPrizeDto, isArray: true, maxItems: MAX_PRIZES })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_PRIZES)
  @ValidateNested({ each: true })
  @Type(() => ThresholdPrizeDto)
  thresholds?: ThresholdPrizeDto[];
}

/** Who competes, by `kind`: `everyone`, the members of `teams`, or the listed `reps`. */
export class ParticipantsDto {
  @ApiProperty({
    description: '`everyone` (default); `teams`: the members of `teams`; `reps`: the reps in `reps`.',
    enum: ['everyone', 'teams', 'reps'],
    example: 'everyone',
  })
  @IsIn(['everyone', 'teams', 'reps'])
  kind: 'everyone' | 'teams' | 'reps';

  /** Team keys, for `teams`. */
  @ApiPropertyOptional({
    description: 'Only when `kind` is `teams`, and required there: 1-1,000 team keys.',
    type: [String],
    minItems: 1,
    maxItems: 1000,
    example: ['north', 'south'],
  })
  @ValidateIf((p: ParticipantsDto) => p.kind === 'teams' || p.teams !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  teams: string[];

  /** Rep external ids, for `reps`. */
  @ApiPropertyOptional({
    description: 'Only when `kind` is `reps`, and required there: 1-1,000 rep external ids.',
    type: [String],
    minItems: 1,
    maxItems: 1000,
    example: ['ana', 'bob'],
  })
  @ValidateIf((p: ParticipantsDto) => p.kind === 'reps' || p.reps !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  reps: string[];
}

/**
 * Per-rep targets (leaderboard contests only): each rep is ranked by percent of their own target.
 */
export class TargetsDto {
  /** Checked (a whole number of at least 1) by the contest rules. */
  @ApiProperty({
    description: 'The target of every rep not in `perRep`.',
    type: 'integer',
    minimum: 1,
    example: 10,
  })
  @IsInt({ message: 'must be a whole number' })
  default: number;

  /** Rep external id to target; the values are checked by the contest rules. */
  @ApiPropertyOptional({
    description: 'Targets by rep external id (at most 1,000), each a whole number of at least 1.',
    ...WHOLE_NUMBERS_BY_KEY,
    example: { ana: 12 },
  })
  @Optional()
  @RawJson()
  @IsObject({ message: 'must be an object of rep external id to target, e.g. { "ana": 12 }' })
  perRep?: Record<string, number>;
}

/** A new contest: published (scheduled or live) unless `draft`. */
export class CreateContestDto {
  @ApiProperty({ maxLength: 120, example: 'Most licenses this week' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({
    description: 'null: no description (on a change: removes it).',
    type: 'string',
    nullable: true,
    maxLength: 2000,
    example: 'Top seller wins a trip',
  })
  @Nullable()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiProperty({ type: () => MetricDto })
  @ValidateNested()
  @Type(() => MetricDto)
  @IsObject()
  metric: MetricDto;

  @ApiProperty({ type: () => PeriodDto })
  @ValidateNested()
  @Type(() => PeriodDto)
  @IsObject()
  period: PeriodDto;

  @ApiPropertyOptional({
    description:
      '`leaderboard` (default): most points wins; `target_race`: first to reach `target` wins, the ' +
      'others follow by score; `team`: teams compete with the sum or average (`teamScoring`) of their ' +
      "members' scores.",
    enum: [...CONTEST_KINDS],
    default: 'leaderboard',
  })
  @Optional()
  @IsIn(CONTEST_KINDS)
  kind?: 'leaderboard' | 'target_race' | 'team';

  @ApiPropertyOptional({
    description:
      '`first_to_reach` (default): on equal scores, who reached the score first ranks higher; `shared`: ' +
      'equal scores share a rank.',
    enum: ['first_to_reach', 'shared'],
    default: 'first_to_reach',
  })
  @Optional()
  @IsIn(['first_to_reach', 'shared'])
  tieRule?: 'first_to_reach' | 'shared';

  @ApiPropertyOptional({
    description: 'Only events meeting every filter count.',
    type: () => FilterDto,
    isArray: true,
    maxItems: 20,
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];

  /** target_race: the score to reach (checked by the contest rules). */
  @ApiPropertyOptional({
    description: '`target_race` only, and required there: the score to reach; null: none.',
    type: 'integer',
    nullable: true,
    minimum: 1,
    example: 10,
  })
  @Nullable()
  @IsInt({ message: 'must be a whole number' })
  target?: number | null;

  @ApiPropertyOptional({
    description:
      "`team` only: a team's score is the sum (default) or the per-member average of its members' scores.",
    enum: ['sum', 'average'],
    default: 'sum',
  })
  @Optional()
  @IsIn(['sum', 'average'])
  teamScoring?: 'sum' | 'average';

  @ApiPropertyOptional({
    description: 'Who competes (default: everyone).',
    type: () => ParticipantsDto,
  })
  @Optional()
  @ValidateNested()
  @Type(() => ParticipantsDto)
  @IsObject()
  participants?: ParticipantsDto;

  @ApiPropertyOptional({
    description:
      "`leaderboard` only: rank by percent of each rep's target; null: none (on a change: removes them).",
    type: () => TargetsDto,
    nullable: true,
  })
  @Nullable()
  @ValidateNested()
  @Type(() => TargetsDto)
  @IsObject()
  targets?: TargetsDto | null;

  @ApiPropertyOptional({
    description: 'A rep appears on the public board only with at least this score (default 0).',
    type: 'integer',
    minimum: 0,
    default: 0,
  })
  @Optional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  minScore?: number;

  @ApiPropertyOptional({
    description:
      'Separate boards (and prizes) per `team` or per `role`; `none` (default). Not for `team` contests.',
    enum: [...DIVISIONS],
    default: 'none',
  })
  @Optional()
  @IsIn(DIVISIONS)
  divisions?: 'none' | 'team' | 'role';

  @ApiPropertyOptional({
    description:
      'Minutes after a period ends during which late events still count before it is final ' +
      `(default ${DEFAULT_GRACE_MINUTES}, at most a week).`,
    type: 'integer',
    minimum: 0,
    maximum: MAX_GRACE_MINUTES,
    default: DEFAULT_GRACE_MINUTES,
  })
  @Optional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0)
  @Max(MAX_GRACE_MINUTES, { message: `must be at most ${MAX_GRACE_MINUTES} minutes (a week)` })
  gracePeriodMinutes?: number;

  /** Recurring contests: when counting starts (default: the start of the current period). */
  @ApiPropertyOptional({
    description:
      'Recurring contests only: when counting starts, an ISO-8601 date-time with an offset (default: the ' +
      'start of the current period). A `once` period starts at `period.start`.',
    format: 'date-time',
  })
  @Optional()
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset' })
  startsAt?: string;

  @ApiPropertyOptional({
    description: 'Create as a draft: it scores nothing and is on no board until published.',
    default: false,
  })
  @Optional()
  @IsBoolean()
  draft?: boolean;

  @ApiPropertyOptional({ description: 'What each period awards.', type: () => PrizesDto })
  @Optional()
  @ValidateNested()
  @Type(() => PrizesDto)
  @IsObject()
  prizes?: PrizesDto;

  toRequest(): CreateContestRequest {
    return {
      ...updateRequestOf(this),
      name: this.name,
      metric: this.metric,
      period: this.period,
    };
  }
}

/**
 * A change to a contest: every field is optional. Name, description and prizes can change at any time;
 * the rules only while the contest is a draft or scheduled.
 */
export class UpdateContestDto extends PartialType(
  OmitType(CreateContestDto, ['draft', 'toRequest'] as const),
  // A field left out stays as it is; null is validated like any value (refused unless the field is
  // Nullable), rather than skipped as PartialType does by default.
  { skipNullProperties: false },
) {
  toRequest(): UpdateContestRequest {
    return updateRequestOf(this);
  }
}

function prizesOf(prizes: PrizesDto): PrizesInput {
  return {
    ranks: (prizes.ranks ?? []).map((p) => ({ rank: p.rank, prize: prizeOf(p.prize) })),
    thresholds: (prizes.thresholds ?? []).map((p) => ({ atLeast: p.atLeast, prize: prizeOf(p.prize) })),
  };
}

function prizeOf(p: PrizeDto) {
  return { name: p.name, description: p.description ?? null, imageUrl: p.imageUrl ?? null };
}

function participantsOf(p: ParticipantsDto): ParticipantsInput {
  return p.kind === 'teams'
    ? { kind: 'teams', teams: p.teams }
    : p.kind === 'reps'
      ? { kind: 'reps', reps: p.reps }
      : { kind: 'everyone' };
}

/** The fields a body sets, in the wire shape (fields it leaves out stay out). */
function updateRequestOf(
  dto: Omit<Partial<CreateContestDto>, 'toRequest'>,
): UpdateContestRequest & { draft?: boolean } {
  const { metric, period } = dto;
  const request: Record<string, unknown> = {
    name: dto.name,
    description: dto.description,
    metric:
      metric === undefined
        ? undefined
        : metric.kind === 'points'
          ? { kind: 'points', weights: metric.weights }
          : metric.kind === 'sum_amount'
            ? { kind: 'sum_amount', eventTypes: metric.eventTypes, currency: metric.currency }
            : { kind: metric.kind, eventTypes: metric.eventTypes },
    period:
      period === undefined
        ? undefined
        : period.kind === 'once'
          ? { kind: 'once', timeZone: period.timeZone, start: period.start, end: period.end }
          : period.kind === 'weekly'
            ? { kind: 'weekly', timeZone: period.timeZone, weekStartsOn: period.weekStartsOn ?? 1 }
            : { kind: period.kind, timeZone: period.timeZone },
    kind: dto.kind,
    tieRule: dto.tieRule,
    filters: dto.filters?.map((f) => ({ field: f.field, op: f.op, value: f.value })),
    target: dto.target,
    teamScoring: dto.teamScoring,
    participants: dto.participants === undefined ? undefined : participantsOf(dto.participants),
    targets:
      dto.targets === undefined || dto.targets === null
        ? dto.targets
        : { default: dto.targets.default, perRep: dto.targets.perRep ?? {} },
    minScore: dto.minScore,
    divisions: dto.divisions,
    gracePeriodMinutes: dto.gracePeriodMinutes,
    startsAt: dto.startsAt,
    draft: dto.draft,
    prizes: dto.prizes === undefined ? undefined : prizesOf(dto.prizes),
  };
  for (const key of Object.keys(request)) if (request[key] === undefined) delete request[key];
  return request;
}

/** Fields sent for a kind they do not apply to: refused rather than silently dropped. */
export function kindProblems(request: UpdateContestRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const metric = request.metric as Record<string, unknown> | undefined;
  const period = request.period as Record<string, unknown> | undefined;
  if (metric?.currency !== undefined && metric.kind !== 'sum_amount') {
    problems.push({ path: 'metric.currency', reason: 'applies only to sum_amount metrics' });
  }
  if (metric?.weights !== undefined && metric.kind !== 'points') {
    problems.push({ path: 'metric.weights', reason: 'applies only to points metrics' });
  }
  if (metric?.eventTypes !== undefined && metric.kind === 'points') {
    problems.push({
      path: 'metric.eventTypes',
      reason: 'not used by points metrics: the weights name the types',
    });
  }
  if (period?.weekStartsOn !== undefined && period.kind !== 'weekly') {
    problems.push({ path: 'period.weekStartsOn', reason: 'applies only to weekly periods' });
  }
  for (const field of ['start', 'end'] as const) {
    if (period?.[field] !== undefined && period.kind !== 'once') {
      problems.push({ path: `period.${field}`, reason: 'applies only to once periods' });
    }
  }
  if (request.startsAt !== undefined && period?.kind === 'once') {
    problems.push({ path: 'startsAt', reason: 'not used by once periods: period.start is when it starts' });
  }
  const participants = request.participants as Record<string, unknown> | undefined;
  if (participants !== undefined) {
    for (const field of ['teams', 'reps'] as const) {
      if (participants[field] !== undefined && participants.kind !== field) {
        problems.push({
          path: `participants.${field}`,
          reason: `applies only when participants.kind is ${field}`,
        });
      }
    }
  }
  return problems;
}
