import {
  EVENT_TYPES,
  type ContestKind,
  type ContestResponse,
  type CreateContestRequest,
  type EventTypeName,
  type FilterInput,
  type MetricInput,
  type MetricKind,
  type ParticipantsInput,
  type PeriodInput,
  type PeriodKind,
  type PrizesInput,
  type UpdateContestRequest,
} from '#contracts';
import {
  checkBoardRules,
  checkContestRules,
  checkPrizes,
  DEFAULT_GRACE_MINUTES,
  MAX_GRACE_MINUTES,
  type BoardRules,
  type ContestRules,
  type EventType,
  type FieldProblem,
  type MetricRule,
  type PeriodRule,
  type Weekday,
} from '#domain';

/**
 * The contest form's state and its translation to and from the wire. What the fields hold is text (what
 * the person typed); `requestOf` turns it into the request the api takes, and `checkRequest` runs the
 * domain's own checks on it (the same functions the api runs), so a problem shows at its field, under
 * the same path the api would name, before anything is sent.
 */
export interface PrizeRow {
  readonly key: number;
  /** The rank (rank prizes) or the threshold (threshold prizes), as typed. */
  readonly at: string;
  readonly name: string;
  readonly description: string;
  readonly imageUrl: string;
}

export interface TargetRow {
  readonly key: number;
  readonly rep: string;
  readonly value: string;
}

export interface ContestForm {
  readonly name: string;
  readonly description: string;
  readonly kind: ContestKind;
  readonly metricKind: MetricKind;
  readonly eventTypes: readonly EventTypeName[];
  /** Points metrics: the weight typed for each event type ('' = not weighted). */
  readonly weights: ReadonlyMap<EventTypeName, string>;
  readonly currency: string;
  readonly periodKind: PeriodKind;
  readonly timeZone: string;
  readonly weekStartsOn: number;
  /** One-off contests: `YYYY-MM-DDTHH:mm` in the contest's time zone. */
  readonly onceStart: string;
  readonly onceEnd: string;
  readonly tieRule: 'first_to_reach' | 'shared';
  readonly target: string;
  readonly teamScoring: 'sum' | 'average';
  readonly participantsKind: ParticipantsInput['kind'];
  readonly teams: readonly string[];
  readonly reps: readonly string[];
  readonly useTargets: boolean;
  readonly targetDefault: string;
  readonly perRep: readonly TargetRow[];
  readonly minScore: string;
  readonly gracePeriodMinutes: string;
  readonly divisions: 'none' | 'team' | 'role';
  readonly rankPrizes: readonly PrizeRow[];
  readonly thresholdPrizes: readonly PrizeRow[];
  /** Kept as they are (the form does not edit filters; the api does). */
  readonly filters: readonly FilterInput[];
  readonly startsAt: string | null;
}

let nextKey = 1;
export const rowKey = (): number => nextKey++;

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function emptyForm(timeZone = browserTimeZone()): ContestForm {
  return {
    name: '',
    description: '',
    kind: 'leaderboard',
    metricKind: 'sum_quantity',
    eventTypes: ['license_sold'],
    weights: new Map(),
    currency: 'EUR',
    periodKind: 'weekly',
    timeZone,
    weekStartsOn: 1,
    onceStart: '',
    onceEnd: '',
    tieRule: 'first_to_reach',
    target: '',
    teamScoring: 'sum',
    participantsKind: 'everyone',
    teams: [],
    reps: [],
    useTargets: false,
    targetDefault: '',
    perRep: [],
    minScore: '0',
    gracePeriodMinutes: String(DEFAULT_GRACE_MINUTES),
    divisions: 'none',
    rankPrizes: [],
    thresholdPrizes: [],
    filters: [],
    startsAt: null,
  };
}

const text = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

/** The form for a template's contest or a stored contest. */
export function formOf(contest: CreateContestRequest | ContestResponse): ContestForm {
  const base = emptyForm(contest.period.timeZone);
  const metric = contest.metric;
  const period = contest.period;
  const prizes = contest.prizes ?? {};
  const targets = contest.targets ?? null;
  const participants = contest.participants ?? { kind: 'everyone' };
  return {
    ...base,
    name: contest.name,
    description: contest.description ?? '',
    kind: contest.kind ?? 'leaderboard',
    metricKind: metric.kind,
    eventTypes:
      metric.kind === 'points'
        ? []
        : metric.eventTypes.filter((type): type is EventTypeName =>
            (EVENT_TYPES as readonly string[]).includes(type),
          ),
    weights:
      metric.kind === 'points'
        ? new Map(
            Object.entries(metric.weights)
              .filter((e): e is [EventTypeName, number] => (EVENT_TYPES as readonly string[]).includes(e[0]))
              .map(([type, weight]) => [type, String(weight)]),
          )
        : new Map(),
    currency: metric.kind === 'sum_amount' ? metric.currency : base.currency,
    periodKind: period.kind,
    timeZone: period.timeZone,
    weekStartsOn: period.kind === 'weekly' ? (period.weekStartsOn ?? 1) : 1,
    onceStart: period.kind === 'once' ? localInZone(period.start, period.timeZone) : '',
    onceEnd: period.kind === 'once' ? localInZone(period.end, period.timeZone) : '',
    tieRule: contest.tieRule ?? 'first_to_reach',
    target: text(contest.target),
    teamScoring: contest.teamScoring ?? 'sum',
    participantsKind: participants.kind,
    teams: participants.kind === 'teams' ? participants.teams : [],
    reps: participants.kind === 'reps' ? participants.reps : [],
    useTargets: targets !== null,
    targetDefault: text(targets?.default),
    perRep: Object.entries(targets?.perRep ?? {}).map(([rep, value]) => ({
      key: rowKey(),
      rep,
      value: String(value),
    })),
    minScore: text(contest.minScore ?? 0),
    gracePeriodMinutes: text(contest.gracePeriodMinutes ?? DEFAULT_GRACE_MINUTES),
    divisions: contest.divisions ?? 'none',
    rankPrizes: (prizes.ranks ?? []).map((p) => ({
      key: rowKey(),
      at: String(p.rank),
      name: p.prize.name,
      description: p.prize.description ?? '',
      imageUrl: p.prize.imageUrl ?? '',
    })),
    thresholdPrizes: (prizes.thresholds ?? []).map((p) => ({
      key: rowKey(),
      at: String(p.atLeast),
      name: p.prize.name,
      description: p.prize.description ?? '',
      imageUrl: p.prize.imageUrl ?? '',
    })),
    filters: contest.filters ?? [],
    startsAt: 'id' in contest ? null : (contest.startsAt ?? null),
  };
}

/**
 * A typed number: a whole number stays a number, anything else NaN (sent as typed would be refused by
 * the api; the checks name the field first). Empty: undefined.
 */
function numberOf(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function metricOf(form: ContestForm): MetricInput {
  switch (form.metricKind) {
    case 'points': {
      const weights: Record<string, number> = {};
      for (const [type, weight] of form.weights) {
        if (weight.trim() !== '') weights[type] = numberOf(weight) ?? Number.NaN;
      }
      return { kind: 'points', weights };
    }
    case 'sum_amount':
      return {
        kind: 'sum_amount',
        eventTypes: [...form.eventTypes],
        currency: form.currency.trim().toUpperCase(),
      };
    case 'count':
    case 'sum_quantity':
      return { kind: form.metricKind, eventTypes: [...form.eventTypes] };
  }
}

export function periodOf(form: ContestForm): PeriodInput {
  switch (form.periodKind) {
    case 'weekly':
      return { kind: 'weekly', timeZone: form.timeZone, weekStartsOn: form.weekStartsOn };
    case 'once':
      return {
        kind: 'once',
        timeZone: form.timeZone,
        start: zonedToIso(form.onceStart, form.timeZone),
        end: zonedToIso(form.onceEnd, form.timeZone),
      };
    case 'daily':
    case 'monthly':
      return { kind: form.periodKind, timeZone: form.timeZone };
  }
}

function participantsOf(form: ContestForm): ParticipantsInput {
  switch (form.participantsKind) {
    case 'everyone':
      return { kind: 'everyone' };
    case 'teams':
      return { kind: 'teams', teams: [...form.teams] };
    case 'reps':
      return { kind: 'reps', reps: [...form.reps] };
  }
}

function prizesOf(form: ContestForm): PrizesInput {
  const prize = (row: PrizeRow) => ({
    name: row.name.trim(),
    description: row.description.trim() === '' ? null : row.description.trim(),
    imageUrl: row.imageUrl.trim() === '' ? null : row.imageUrl.trim(),
  });
  return {
    ranks: form.rankPrizes.map((row) => ({ rank: numberOf(row.at) ?? Number.NaN, prize: prize(row) })),
    thresholds: form.thresholdPrizes.map((row) => ({
      atLeast: numberOf(row.at) ?? Number.NaN,
      prize: prize(row),
    })),
  };
}

/** The request the form stands for, with only the fields its kinds use (the api refuses the others). */
export function requestOf(form: ContestForm): CreateContestRequest {
  const minScore = numberOf(form.minScore);
  const grace = numberOf(form.gracePeriodMinutes);
  const target = numberOf(form.target);
  const perRep: Record<string, number> = {};
  for (const row of form.perRep) {
    if (row.rep.trim() !== '') perRep[row.rep.trim()] = numberOf(row.value) ?? Number.NaN;
  }
  return {
    name: form.name.trim(),
    ...(form.description.trim() === '' ? {} : { description: form.description.trim() }),
    kind: form.kind,
    metric: metricOf(form),
    period: periodOf(form),
    tieRule: form.tieRule,
    ...(form.filters.length > 0 ? { filters: form.filters } : {}),
    ...(form.kind === 'target_race' ? { target: target ?? Number.NaN } : {}),
    ...(form.kind === 'team' ? { teamScoring: form.teamScoring } : {}),
    participants: participantsOf(form),
    ...(form.kind === 'leaderboard' && form.useTargets
      ? { targets: { default: numberOf(form.targetDefault) ?? Number.NaN, perRep } }
      : {}),
    ...(form.kind !== 'team' && minScore !== undefined ? { minScore } : {}),
    ...(form.kind !== 'team' ? { divisions: form.divisions } : {}),
    ...(grace !== undefined ? { gracePeriodMinutes: grace } : {}),
    ...(form.startsAt !== null && form.periodKind !== 'once' ? { startsAt: form.startsAt } : {}),
    prizes: prizesOf(form),
  };
}

/** Fields a manager may change at any time; every other field is a rule, fixed once a contest is live. */
export const ALWAYS_EDITABLE: ReadonlySet<string> = new Set(['name', 'description', 'prizes']);

/** The change to send for an edit: everything when the rules may change, else name, description, prizes. */
export function updateOf(form: ContestForm, rulesEditable: boolean): UpdateContestRequest {
  const request = requestOf(form);
  if (rulesEditable) return request;
  return {
    name: request.name,
    description: request.description ?? '',
    ...(request.prizes ? { prizes: request.prizes } : {}),
  };
}

/** A metric as the domain reads it (the event types of a points metric are its weighted ones). */
export function metricRuleOf(metric: MetricInput): MetricRule {
  switch (metric.kind) {
    case 'points':
      return {
        kind: 'points',
        eventTypes: Object.keys(metric.weights) as EventType[],
        weights: metric.weights,
      };
    case 'sum_amount':
      return { kind: 'sum_amount', eventTypes: metric.eventTypes as EventType[], currency: metric.currency };
    case 'count':
    case 'sum_quantity':
      return { kind: metric.kind, eventTypes: metric.eventTypes as EventType[] };
  }
}

function periodRuleOf(period: PeriodInput): PeriodRule {
  switch (period.kind) {
    case 'weekly':
      return {
        kind: 'weekly',
        timeZone: period.timeZone,
        weekStartsOn: (period.weekStartsOn ?? 1) as Weekday,
      };
    case 'once':
      return {
        kind: 'once',
        timeZone: period.timeZone,
        start: Date.parse(period.start),
        end: Date.parse(period.end),
      };
    case 'daily':
    case 'monthly':
      return { kind: period.kind, timeZone: period.timeZone };
  }
}

/**
 * Every problem the domain finds in a request, with the api's paths (`name`, `metric.eventTypes`,
 * `prizes.ranks[0].prize.name`, ...). The api runs the same checks and a few more (team keys that
 * exist, who may manage what); its answer is shown the same way.
 */
export function checkRequest(request: CreateContestRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (request.name.length === 0 || request.name.length > 120) {
    problems.push({ path: 'name', reason: 'must be 1 to 120 characters' });
  }
  if ((request.description ?? '').length > 2000) {
    problems.push({ path: 'description', reason: 'must be at most 2000 characters' });
  }
  const rules: ContestRules = {
    metric: metricRuleOf(request.metric),
    period: periodRuleOf(request.period),
    tieRule: request.tieRule ?? 'first_to_reach',
    filters: request.filters ?? [],
    startsAt: request.startsAt === undefined ? 0 : Date.parse(request.startsAt),
  };
  problems.push(...checkContestRules(rules));
  const board: BoardRules = {
    kind: request.kind ?? 'leaderboard',
    tieRule: rules.tieRule,
    target: request.target ?? null,
    teamScoring: request.teamScoring ?? 'sum',
    participants: request.participants ?? { kind: 'everyone' },
    targets:
      request.targets === undefined || request.targets === null
        ? null
        : { default: request.targets.default, perRep: request.targets.perRep ?? {} },
    minScore: request.minScore ?? 0,
    divisions: request.divisions ?? 'none',
  };
  problems.push(...checkBoardRules(board));
  if (request.minScore !== undefined && !(Number.isInteger(request.minScore) && request.minScore >= 0)) {
    problems.push({ path: 'minScore', reason: 'must be a whole number from 0' });
  }
  const grace = request.gracePeriodMinutes;
  if (grace !== undefined && !(Number.isInteger(grace) && grace >= 0 && grace <= MAX_GRACE_MINUTES)) {
    problems.push({
      path: 'gracePeriodMinutes',
      reason: `must be a whole number of minutes from 0 to ${MAX_GRACE_MINUTES}`,
    });
  }
  const prizes = request.prizes ?? {};
  problems.push(
    ...checkPrizes({
      ranks: (prizes.ranks ?? []).map((p) => ({
        rank: p.rank,
        prize: {
          name: p.prize.name,
          description: p.prize.description ?? null,
          imageUrl: p.prize.imageUrl ?? null,
        },
      })),
      thresholds: (prizes.thresholds ?? []).map((p) => ({
        atLeast: p.atLeast,
        prize: {
          name: p.prize.name,
          description: p.prize.description ?? null,
          imageUrl: p.prize.imageUrl ?? null,
        },
      })),
    }),
  );
  // One problem per path and reason (two checks may find the same one).
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The offset of a time zone from UTC at an instant, in ms (Amsterdam in summer: +2 h). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * `YYYY-MM-DDTHH:mm` read as a wall-clock time in `timeZone`, as an ISO instant with `Z`; '' for an
 * empty or unreadable value (the checks then name the field).
 */
export function zonedToIso(local: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) return '';
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  try {
    // Twice: the offset at the first guess may differ from the offset at the answer (around a DST switch).
    let instant = wall - zoneOffsetMs(wall, timeZone);
    instant = wall - zoneOffsetMs(instant, timeZone);
    return new Date(instant).toISOString();
  } catch {
    return new Date(wall).toISOString();
  }
}

/** An ISO instant as `YYYY-MM-DDTHH:mm` on the wall clock of `timeZone` (for a datetime-local field). */
export function localInZone(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (!Number.isFinite(instant)) return '';
  let offset: number;
  try {
    offset = zoneOffsetMs(instant, timeZone);
  } catch {
    offset = 0;
  }
  return new Date(instant + offset).toISOString().slice(0, 16);
}
