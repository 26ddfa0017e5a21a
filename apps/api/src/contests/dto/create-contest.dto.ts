import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import type { CreateContestRequest } from '#contracts';
import { EVENT_TYPES, type FieldProblem } from '#domain';
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
  @IsIn(['first_to_reach', 'shared'])
  tieRule?: 'first_to_reach' | 'shared';

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FilterDto)
  filters?: FilterDto[];

  /** Fields sent for a kind they do not apply to: refused rather than silently dropped. */
  kindProblems(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (this.metric?.currency !== undefined && this.metric.kind !== 'sum_amount') {
      problems.push({ path: 'metric.currency', reason: 'applies only to sum_amount metrics' });
    }
    if (this.metric?.weights !== undefined && this.metric.kind !== 'points') {
      problems.push({ path: 'metric.weights', reason: 'applies only to points metrics' });
    }
    if (this.metric?.eventTypes !== undefined && this.metric.kind === 'points') {
      problems.push({
        path: 'metric.eventTypes',
        reason: 'not used by points metrics: the weights name the types',
      });
    }
    if (this.period?.weekStartsOn !== undefined && this.period.kind !== 'weekly') {
      problems.push({ path: 'period.weekStartsOn', reason: 'applies only to weekly periods' });
    }
    for (const field of ['start', 'end'] as const) {
      if (this.period?.[field] !== undefined && this.period.kind !== 'once') {
        problems.push({ path: `period.${field}`, reason: 'applies only to once periods' });
      }
    }
    return problems;
  }

  toRequest(): CreateContestRequest {
    const { metric, period } = this;
    return {
      name: this.name,
      ...(this.description === undefined ? {} : { description: this.description }),
      metric:
        metric.kind === 'points'
          ? { kind: 'points', weights: metric.weights }
          : metric.kind === 'sum_amount'
            ? { kind: 'sum_amount', eventTypes: metric.eventTypes, currency: metric.currency }
            : { kind: metric.kind, eventTypes: metric.eventTypes },
      period:
        period.kind === 'once'
          ? { kind: 'once', timeZone: period.timeZone, start: period.start, end: period.end }
          : period.kind === 'weekly'
            ? { kind: 'weekly', timeZone: period.timeZone, weekStartsOn: period.weekStartsOn ?? 1 }
            : { kind: period.kind, timeZone: period.timeZone },
      tieRule: this.tieRule ?? 'first_to_reach',
      filters: (this.filters ?? []).map((f) => ({ field: f.field, op: f.op, value: f.value })),
    };
  }
}
