import { Type } from 'class-transformer';
import { OmitType, PartialType } from '@nestjs/swagger';
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
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { CreateContestRequest, ParticipantsInput, PrizesInput, UpdateContestRequest } from '#contracts';
import {
  CONTEST_KINDS,
  DIVISIONS,
  EVENT_TYPES,
  MAX_GRACE_MINUTES,
  MAX_PRIZES,
  type FieldProblem,
} from '#domain';
import { IsIsoInstant } from '../../common/iso-instant.js';

export class MetricDto {
  @IsIn(['count', 'sum_quantity', 'sum_amount', 'points'])
  kind: 'count' | 'sum_quantity' | 'sum_amount' | 'points';

  /** The counted types; a points metric names them through its weights instead. */
  @ValidateIf((m: MetricDto) => m.kind !== 'points' || m.eventTypes !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `each must be one of ${EVENT_TYPES.join(', ')}` })
  eventTypes: string[];

  /** Only for sum_amount (and required there); validated whenever present, so a stray one is refused. */
  @ValidateIf((m: MetricDto) => m.kind === 'sum_amount' || m.currency !== undefined)
  @Matches(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO-4217 code (required for sum_amount)' })
  currency: string;

  /** Points per event type, for points metrics: the values are checked by the contest rules. */
  @ValidateIf((m: MetricDto) => m.kind === 'points' || m.weights !== undefined)
  @IsObject({ message: 'must be an object of event type to points, e.g. { "demo_booked": 5 }' })
  weights: Record<string, number>;
}

export class PeriodDto {
  @IsIn(['daily', 'weekly', 'monthly', 'once'])
  kind: 'daily' | 'weekly' | 'monthly' | 'once';

  @IsString()
  @IsNotEmpty()
  timeZone: string;

  @ValidateIf((p: PeriodDto) => p.weekStartsOn !== undefined)
  @IsInt()
  @Min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  weekStartsOn?: number;

  @ValidateIf((p: PeriodDto) => p.kind === 'once' || p.start !== undefined)
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset (required for once)' })
  start: string;

  @ValidateIf((p: PeriodDto) => p.kind === 'once' || p.end !== undefined)
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset (required for once)' })
  end: string;
}

export class FilterDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  field: string;

  @IsIn(['eq', 'neq', 'in', 'gte', 'lte'])
  op: 'eq' | 'neq' | 'in' | 'gte' | 'lte';

  @IsDefined()
  value: string | number | boolean | (string | number | boolean)[];
}

export class PrizeDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  /** Checked as an http(s) URL by the contest rules. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  imageUrl?: string | null;
}

export class RankPrizeDto {
  @IsInt()
  @Min(1)
  @Max(1000)
  rank: number;

  @ValidateNested()
  @Type(() => PrizeDto)
  @IsObject()
  prize: PrizeDto;
}

export class ThresholdPrizeDto {
  @IsInt({ message: 'must be a whole number' })
  atLeast: number;

  @ValidateNested()
  @Type(() => PrizeDto)
  @IsObject()
  prize: PrizeDto;
}

export class PrizesDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PRIZES)
  @ValidateNested({ each: true })
  @Type(() => RankPrizeDto)
  ranks?: RankPrizeDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PRIZES)
  @ValidateNested({ each: true })
  @Type(() => ThresholdPrizeDto)
  thresholds?: ThresholdPrizeDto[];
}

export class ParticipantsDto {
  @IsIn(['everyone', 'teams', 'reps'])
  kind: 'everyone' | 'teams' | 'reps';

  /** Team keys, for `teams`. */
  @ValidateIf((p: ParticipantsDto) => p.kind === 'teams' || p.teams !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  teams: string[];

  /** Rep external ids, for `reps`. */
  @ValidateIf((p: ParticipantsDto) => p.kind === 'reps' || p.reps !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  reps: string[];
}

export class TargetsDto {
  /** Checked (a whole number of at least 1) by the contest rules. */
  @IsInt({ message: 'must be a whole number' })
  default: number;

  /** Rep external id to target; the values are checked by the contest rules. */
  @IsOptional()
  @IsObject({ message: 'must be an object of rep external id to target, e.g. { "ana": 12 }' })
  perRep?: Record<string, number>;
}

export class CreateContestDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ValidateNested()
  @Type(() => MetricDto)
  @IsObject()
  metric: MetricDto;

  @ValidateNested()
  @Type(() => PeriodDto)
  @IsObject()
  period: PeriodDto;

  @IsOptional()
  @IsIn(CONTEST_KINDS)
  kind?: 'leaderboard' | 'target_race' | 'team';

  @IsOptional()
  @IsIn(['first_to_reach', 'shared'])
  tieRule?: 'first_to_reach' | 'shared';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];

  /** target_race: the score to reach (checked by the contest rules). */
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  target?: number;

  @IsOptional()
  @IsIn(['sum', 'average'])
  teamScoring?: 'sum' | 'average';

  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantsDto)
  @IsObject()
  participants?: ParticipantsDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => TargetsDto)
  @IsObject()
  targets?: TargetsDto;

  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  minScore?: number;

  @IsOptional()
  @IsIn(DIVISIONS)
  divisions?: 'none' | 'team' | 'role';

  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0)
  @Max(MAX_GRACE_MINUTES, { message: `must be at most ${MAX_GRACE_MINUTES} minutes (a week)` })
  gracePeriodMinutes?: number;

  /** Recurring contests: when counting starts (default: the start of the current period). */
  @IsOptional()
  @IsIsoInstant({ message: 'must be an ISO-8601 date-time with an offset' })
  startsAt?: string;

  @IsOptional()
  @IsBoolean()
  draft?: boolean;

  @IsOptional()
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
      dto.targets === undefined
        ? undefined
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
