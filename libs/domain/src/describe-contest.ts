import type { BoardRules } from './board-rules.js';
import type { MetricRule } from './contest-rules.js';
import { isValidTimeZone, type PeriodRule, type Weekday } from './contest-window.js';
import type { FilterRule, FilterScalar } from './event-filter.js';
import type { EventType } from './sales-event.js';

/** The languages Podium describes a contest in. */
export type DescriptionLanguage = 'en' | 'nl';
export const DESCRIPTION_LANGUAGES: readonly DescriptionLanguage[] = ['en', 'nl'];

/** What a plain-words description reads: a contest's rules as checked (`checkContestRules`, `checkBoardRules`). */
export interface ContestDescription {
  readonly metric: MetricRule;
  readonly period: PeriodRule;
  readonly filters: readonly FilterRule[];
  readonly board: BoardRules;
  readonly prizes: {
    readonly ranks: readonly { readonly rank: number; readonly prize: { readonly name: string } }[];
    readonly thresholds: readonly { readonly atLeast: number; readonly prize: { readonly name: string } }[];
  };
  /** The teams' names by key, for "for team North"; a key without a name reads as the key. */
  readonly teamNames?: ReadonlyMap<string, string>;
}

/**
 * A contest's rules in plain words, for the manager who sets it up and the rep who reads it, e.g.
 * "Most licenses sold, Monday to Sunday, Amsterdam time; the top 3 win a trip." and
 * "Meeste licenties verkocht, maandag t/m zondag, Amsterdamse tijd; de top 3 wint een reis.". One
 * sentence of clauses: what wins (kind, metric, targets), when (period, time zone), who takes part, which
 * events count (filters), the fairness rules (minimum score, divisions, shared ranks) and the prizes.
 * Defaults (everyone, first-to-reach ties, one board) are left unsaid. Pure: the same rules give the
 * same words. Expects rules that pass the domain's checks; an unknown time zone reads as UTC.
 */
export function describeContest(contest: ContestDescription, language: DescriptionLanguage): string {
  const words = WORDS[language];
  const main = [headline(contest, words), periodText(contest.period, words)];
  const who = participantsText(contest.board, words, contest.teamNames);
  if (who !== null) main.push(who);
  const clauses = [main.join(', ')];
  const filters = filtersText(contest, words);
  if (filters !== null) clauses.push(filters);
  clauses.push(...fairnessText(contest, words));
  clauses.push(...prizesText(contest, words));
  const sentence = clauses.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/** {@link describeContest} in every language Podium speaks. */
export function describeContestInAll(
  contest: ContestDescription,
): Readonly<Record<DescriptionLanguage, string>> {
  return { en: describeContest(contest, 'en'), nl: describeContest(contest, 'nl') };
}

/** How one language names an event type. */
interface EventWords {
  /** After "Most": "deals won" / "deals gewonnen". */
  readonly most: string;
  /** A counted number of them, plural and singular: "demos booked" / "geboekte demo's". */
  readonly many: string;
  readonly one: string;
}

interface Words {
  readonly locale: string;
  readonly events: Readonly<Record<EventType, EventWords>>;
  readonly weekdays: readonly string[];
  readonly list: (items: readonly string[], conjunction: 'and' | 'or') => string;
  readonly most: (what: string) => string;
  readonly mostUnits: (types: string) => string;
  readonly mostMoney: (currency: string, types: string) => string;
  readonly mostPoints: (weights: string) => string;
  readonly weight: (points: number, type: string) => string;
  readonly raceTo: (measure: string) => string;
  readonly teamSum: (headline: string) => string;
  readonly teamAverage: (headline: string) => string;
  readonly ownTarget: (headline: string, defaultTarget: string) => string;
  readonly unitsOf: (n: string, one: boolean, types: string) => string;
  readonly moneyIn: (amount: string, types: string) => string;
  readonly points: (n: string, one: boolean) => string;
  readonly percentOfTarget: (n: string) => string;
  readonly teamAverageOf: (measure: string) => string;
  readonly daily: string;
  readonly monthly: string;
  readonly weekly: (from: string, to: string) => string;
  readonly onDay: (day: string) => string;
  readonly daysRange: (from: string, to: string) => string;
  readonly instantsRange: (from: string, to: string) => string;
  readonly zone: (timeZone: string) => string;
  readonly forTeams: (teams: readonly string[]) => string;
  readonly forReps: (count: number) => string;
  readonly onlyWhen: (conditions: string) => string;
  readonly condition: (field: string, op: FilterRule['op'], value: string) => string;
  readonly field: (field: string) => string;
  readonly yes: string;
  readonly no: string;
  readonly minScore: (measure: string) => string;
  readonly divisions: (by: 'team' | 'role', withPrizes: boolean) => string;
  readonly shared: string;
  readonly rankPrize: (from: number, to: number, prize: string, subject: Subject) => string;
  readonly thresholdPrize: (measure: string, prize: string, team: boolean) => string;
}

/** Who wins a rank prize: a rep, a team, or a rep who reached a race's target. */
type Subject = 'rep' | 'team' | 'race';

function englishOrdinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

function joinList(items: readonly string[], last: string): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}

/** English zone names: the city of the IANA name ("America/New_York" → "New York"). */
function zoneCity(timeZone: string): string {
  if (/^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)$/i.test(timeZone)) return 'UTC';
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

/** Dutch adjectives of the cities whose time offices most often keep ("Amsterdamse tijd"). */
const DUTCH_ZONE_ADJECTIVES: Readonly<Record<string, string>> = {
  'Europe/Amsterdam': 'Amsterdamse',
  'Europe/Brussels': 'Brusselse',
  'Europe/London': 'Londense',
  'Europe/Berlin': 'Berlijnse',
  'Europe/Paris': 'Parijse',
  'Europe/Madrid': 'Madrileense',
  'Europe/Rome': 'Romeinse',
  'Europe/Lisbon': 'Lissabonse',
  'Europe/Dublin': 'Dublinse',
  'Europe/Vienna': 'Weense',
  'Europe/Zurich': 'Zürichse',
  'Europe/Stockholm': 'Stockholmse',
  'Europe/Copenhagen': 'Kopenhaagse',
  'Europe/Oslo': 'Oslose',
  'Europe/Warsaw': 'Warschause',
  'Europe/Prague': 'Praagse',
  'Europe/Athens': 'Atheense',
  'Europe/Moscow': 'Moskouse',
  'America/New_York': 'New Yorkse',
};

/** Dutch city names where they differ from English. */
const DUTCH_CITIES: Readonly<Record<string, string>> = {
  'Europe/Luxembourg': 'Luxemburg',
  'Europe/Helsinki': 'Helsinki',
  'Europe/Istanbul': 'Istanboel',
  'Europe/Kyiv': 'Kyiv',
  'Europe/Kiev': 'Kyiv',
  'Asia/Singapore': 'Singapore',
  'Asia/Tokyo': 'Tokio',
  'Asia/Shanghai': 'Shanghai',
  'America/Curacao': 'Curaçao',
  'America/Paramaribo': 'Paramaribo',
  'America/Aruba': 'Aruba',
};

const EN_EVENTS: Record<EventType, EventWords> = {
  deal_won: { most: 'deals won', many: 'deals won', one: 'deal won' },
  license_sold: { most: 'licenses sold', many: 'licenses sold', one: 'license sold' },
  lead_created: { most: 'leads created', many: 'leads created', one: 'lead created' },
  demo_booked: { most: 'demos booked', many: 'demos booked', one: 'demo booked' },
  call_logged: { most: 'calls logged', many: 'calls logged', one: 'call logged' },
  meeting_held: { most: 'meetings held', many: 'meetings held', one: 'meeting held' },
  crm_next_step_set: { most: 'next steps set', many: 'next steps set', one: 'next step set' },
  crm_contact_updated: { most: 'contacts updated', many: 'contacts updated', one: 'contact updated' },
  crm_activity_logged: { most: 'activities logged', many: 'activities logged', one: 'activity logged' },
};

const NL_EVENTS: Record<EventType, EventWords> = {
  deal_won: { most: 'deals gewonnen', many: 'gewonnen deals', one: 'gewonnen deal' },
  license_sold: { most: 'licenties verkocht', many: 'verkochte licenties', one: 'verkochte licentie' },
  lead_created: { most: 'leads aangemaakt', many: 'aangemaakte leads', one: 'aangemaakte lead' },
  demo_booked: { most: "demo's geboekt", many: "geboekte demo's", one: 'geboekte demo' },
  call_logged: { most: 'gesprekken gevoerd', many: 'gevoerde gesprekken', one: 'gevoerd gesprek' },
  meeting_held: { most: 'meetings gehouden', many: 'gehouden meetings', one: 'gehouden meeting' },
  crm_next_step_set: {
    most: 'vervolgstappen vastgelegd',
    many: 'vastgelegde vervolgstappen',
    one: 'vastgelegde vervolgstap',
  },
  crm_contact_updated: {
    most: 'contacten bijgewerkt',
    many: 'bijgewerkte contacten',
    one: 'bijgewerkt contact',
  },
  crm_activity_logged: {
    most: 'activiteiten vastgelegd',
    many: 'vastgelegde activiteiten',
    one: 'vastgelegde activiteit',
  },
};

const FILTER_FIELDS_EN: Readonly<Record<string, string>> = {
  source: 'the source',
  quantity: 'the quantity',
  amount: 'the amount',
  currency: 'the currency',
};
const FILTER_FIELDS_NL: Readonly<Record<string, string>> = {
  source: 'de bron',
  quantity: 'het aantal',
  amount: 'het bedrag',
  currency: 'de valuta',
};

const EN: Words = {
  locale: 'en-GB',
  events: EN_EVENTS,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  list: (items, conjunction) => joinList(items, conjunction),
  most: (what) => `most ${what}`,
  mostUnits: (types) => `most units in ${types}`,
  mostMoney: (currency, types) => `most revenue in ${currency} from ${types}`,
  mostPoints: (weights) => `most points (${weights})`,
  weight: (points, type) => `${points} per ${type}`,
  raceTo: (measure) => `race to ${measure}`,
  teamSum: (headline) => `${headline} as a team`,
  teamAverage: (headline) => `${headline} per team member (team average)`,
  ownTarget: (headline, target) => `${headline} against each rep's own target (default: ${target})`,
  unitsOf: (n, one, types) => `${n} ${one ? 'unit' : 'units'} in ${types}`,
  moneyIn: (amount, types) => `${amount} in ${types}`,
  points: (n, one) => `${n} ${one ? 'point' : 'points'}`,
  percentOfTarget: (n) => `${n}% of their target`,
  teamAverageOf: (measure) => `a team average of ${measure}`,
  daily: 'every day',
  monthly: 'every calendar month',
  weekly: (from, to) => `${from} to ${to}`,
  onDay: (day) => `on ${day}`,
  daysRange: (from, to) => `${from} to ${to}`,
  instantsRange: (from, to) => `from ${from} until ${to}`,
  zone: (timeZone) => `${zoneCity(timeZone)} time`,
  forTeams: (teams) => `for ${teams.length === 1 ? 'team' : 'teams'} ${joinList(teams, 'and')}`,
  forReps: (count) => `for ${count} chosen ${count === 1 ? 'rep' : 'reps'}`,
  onlyWhen: (conditions) => `counting only when ${conditions}`,
  condition: (field, op, value) => {
    switch (op) {
      case 'eq':
      case 'in':
        return `${field} is ${value}`;
      case 'neq':
        return `${field} is not ${value}`;
      case 'gte':
        return `${field} is at least ${value}`;
      case 'lte':
        return `${field} is at most ${value}`;
    }
  },
  field: (field) => FILTER_FIELDS_EN[field] ?? `the ${field.slice('attributes.'.length)}`,
  yes: 'yes',
  no: 'no',
  minScore: (measure) => `reps appear on the board from ${measure}`,
  divisions: (by, withPrizes) =>
    `a separate board${withPrizes ? ' and prizes' : ''} per ${by === 'team' ? 'team' : 'role'}`,
  shared: 'equal scores share a place',
  rankPrize: (from, to, prize, subject) => {
    if (subject === 'race') {
      if (from === 1 && to === 1) return `the first to get there gets ${prize}`;
      if (from === 1) return `the first ${to} to get there win ${prize}`;
      if (from === to) return `the ${englishOrdinal(from)} to get there gets ${prize}`;
      return `the ${englishOrdinal(from)} to ${englishOrdinal(to)} to get there get ${prize}`;
    }
    if (from === 1 && to === 1)
      return `${subject === 'team' ? 'the winning team' : 'the winner'} gets ${prize}`;
    if (from === 1) return `the top ${to} win ${prize}`;
    if (from === to) return `${englishOrdinal(from)} place gets ${prize}`;
    return `places ${from} to ${to} get ${prize}`;
  },
  thresholdPrize: (measure, prize, team) =>
    `${team ? 'every team that reaches' : 'everyone who reaches'} ${measure} gets ${prize}`,
};

const NL: Words = {
  locale: 'nl-NL',
  events: NL_EVENTS,
  weekdays: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  list: (items, conjunction) => joinList(items, conjunction === 'and' ? 'en' : 'of'),
  most: (what) => `meeste ${what}`,
  mostUnits: (types) => `meeste stuks in ${types}`,
  mostMoney: (currency, types) => `meeste omzet in ${currency} uit ${types}`,
  mostPoints: (weights) => `meeste punten (${weights})`,
  weight: (points, type) => `${points} per ${type}`,
  raceTo: (measure) => `race naar ${measure}`,
  teamSum: (headline) => `${headline} als team`,
  teamAverage: (headline) => `${headline} per teamlid (teamgemiddelde)`,
  ownTarget: (headline, target) => `${headline} ten opzichte van ieders eigen target (standaard: ${target})`,
  unitsOf: (n, one, types) => `${n} ${one ? 'stuk' : 'stuks'} in ${types}`,
  moneyIn: (amount, types) => `${amount} aan ${types}`,
  points: (n, one) => `${n} ${one ? 'punt' : 'punten'}`,
  percentOfTarget: (n) => `${n}% van het eigen target`,
  teamAverageOf: (measure) => `een teamgemiddelde van ${measure}`,
  daily: 'elke dag',
  monthly: 'elke kalendermaand',
  weekly: (from, to) => `${from} t/m ${to}`,
  onDay: (day) => `op ${day}`,
  daysRange: (from, to) => `${from} t/m ${to}`,
  instantsRange: (from, to) => `van ${from} tot ${to}`,
  zone: (timeZone) => {
    const adjective = DUTCH_ZONE_ADJECTIVES[timeZone];
    if (adjective !== undefined) return `${adjective} tijd`;
    const city = DUTCH_CITIES[timeZone] ?? zoneCity(timeZone);
    return city === 'UTC' ? 'UTC-tijd' : `tijd in ${city}`;
  },
  forTeams: (teams) =>
    teams.length === 1 ? `voor team ${teams[0] ?? ''}` : `voor de teams ${joinList(teams, 'en')}`,
  forReps: (count) => `voor ${count} ${count === 1 ? 'gekozen verkoper' : 'gekozen verkopers'}`,
  onlyWhen: (conditions) => `telt alleen als ${conditions}`,
  condition: (field, op, value) => {
    switch (op) {
      case 'eq':
      case 'in':
        return `${field} ${value} is`;
      case 'neq':
        return `${field} niet ${value} is`;
      case 'gte':
        return `${field} minstens ${value} is`;
      case 'lte':
        return `${field} hoogstens ${value} is`;
    }
  },
  field: (field) => FILTER_FIELDS_NL[field] ?? `het kenmerk ${field.slice('attributes.'.length)}`,
  yes: 'ja',
  no: 'nee',
  minScore: (measure) => `verkopers staan op het bord vanaf ${measure}`,
  divisions: (by, withPrizes) =>
    `${withPrizes ? 'een eigen bord en eigen prijzen' : 'een eigen bord'} per ${by === 'team' ? 'team' : 'rol'}`,
  shared: 'gelijke scores delen een plaats',
  rankPrize: (from, to, prize, subject) => {
    if (subject === 'race') {
      if (from === 1 && to === 1) return `wie het als eerste haalt, krijgt ${prize}`;
      if (from === 1) return `de eerste ${to} die het halen, winnen ${prize}`;
      if (from === to) return `wie het als ${from}e haalt, krijgt ${prize}`;
      return `wie het als ${from}e t/m ${to}e haalt, krijgt ${prize}`;
    }
    if (from === 1 && to === 1)
      return `${subject === 'team' ? 'het winnende team' : 'de winnaar'} krijgt ${prize}`;
    if (from === 1) return `de top ${to} wint ${prize}`;
    if (from === to) return `de nummer ${from} krijgt ${prize}`;
    return `de nummers ${from} t/m ${to} krijgen ${prize}`;
  },
  thresholdPrize: (measure, prize, team) =>
    `${team ? 'elk team dat' : 'iedereen die'} ${measure} haalt, krijgt ${prize}`,
};

const WORDS: Readonly<Record<DescriptionLanguage, Words>> = { en: EN, nl: NL };

/**
 * Intl formatters by locale and options. Building one costs far more than using it, and a listing
 * describes hundreds of contests: each is built once per process.
 */
const FORMATS = new Map<string, { format: Intl.NumberFormat; digits: number }>();
function formatter(
  locale: string,
  options: Intl.NumberFormatOptions,
): { format: Intl.NumberFormat; digits: number } {
  const key = `${locale}|${options.style ?? ''}|${options.currency ?? ''}|${options.minimumFractionDigits ?? ''}`;
  let found = FORMATS.get(key);
  if (found === undefined) {
    const format = new Intl.NumberFormat(locale, options);
    found = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    // Bounded: currencies come from contests, and a process should not grow without end.
    if (FORMATS.size < 1_000) FORMATS.set(key, found);
  }
  return found;
}

function numberText(value: number, words: Words, fractionDigits = 0): string {
  return formatter(words.locale, {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: Math.max(fractionDigits, 2),
  }).format.format(value);
}

/** Minor units of `currency` as money: 500000 EUR → "€5,000.00" / "€ 5.000,00". */
function moneyText(minor: number, currency: string, words: Words): string {
  let money: { format: Intl.NumberFormat; digits: number };
  try {
    money = formatter(words.locale, { style: 'currency', currency });
  } catch {
    // Not a currency code Intl accepts: the number in two decimals with the code before it.
    return `${currency} ${numberText(minor / 100, words, 2)}`;
  }
  return money.format.format(minor / 10 ** money.digits);
}

function typesOf(metric: MetricRule): readonly EventType[] {
  return metric.eventTypes;
}

function typeList(
  metric: MetricRule,
  words: Words,
  form: 'most' | 'many',
  conjunction: 'and' | 'or',
): string {
  return words.list(
    typesOf(metric).map((type) => words.events[type]?.[form] ?? type),
    conjunction,
  );
}

function onlyLicenses(metric: MetricRule): boolean {
  return metric.eventTypes.length === 1 && metric.eventTypes[0] === 'license_sold';
}

/**
 * `value` in what the contest scores: "10 demos booked", "50 licenses sold", "€500.00 in deals won",
 * "12 points", "5 units in deals won".
 */
function measureText(metric: MetricRule, value: number, words: Words): string {
  const n = numberText(value, words);
  const one = value === 1;
  switch (metric.kind) {
    case 'count': {
      const only = metric.eventTypes.length === 1 ? metric.eventTypes[0] : undefined;
      if (only !== undefined) {
        const event = words.events[only];
        return `${n} ${one ? event.one : event.many}`;
      }
      return `${n} ${typeList(metric, words, 'many', 'or')}`;
    }
    case 'sum_quantity':
      if (onlyLicenses(metric)) {
        const event = words.events.license_sold;
        return `${n} ${one ? event.one : event.many}`;
      }
      return words.unitsOf(n, one, typeList(metric, words, 'many', 'or'));
    case 'sum_amount':
      return words.moneyIn(moneyText(value, metric.currency, words), typeList(metric, words, 'many', 'or'));
    case 'points':
      return words.points(n, one);
  }
}

/** What a leaderboard of this metric ranks by: "most licenses sold", "most points (1 per lead created)". */
function mostText(metric: MetricRule, words: Words): string {
  switch (metric.kind) {
    case 'count':
      return words.most(typeList(metric, words, 'most', 'and'));
    case 'sum_quantity':
      return onlyLicenses(metric)
        ? words.most(words.events.license_sold.most)
        : words.mostUnits(typeList(metric, words, 'many', 'and'));
    case 'sum_amount':
      return words.mostMoney(metric.currency, typeList(metric, words, 'many', 'and'));
    case 'points':
      return words.mostPoints(weightsText(metric, words));
  }
}

function weightsText(metric: Extract<MetricRule, { kind: 'points' }>, words: Words): string {
  return metric.eventTypes
    .map((type) => {
      const weight = metric.weights[type] ?? 0;
      return words.weight(weight, words.events[type]?.one ?? type);
    })
    .join(', ');
}

function headline(contest: ContestDescription, words: Words): string {
  const { metric, board } = contest;
  switch (board.kind) {
    case 'target_race': {
      const race = words.raceTo(measureText(metric, board.target ?? 0, words));
      return metric.kind === 'points' ? `${race} (${weightsText(metric, words)})` : race;
    }
    case 'team':
      return board.teamScoring === 'average'
        ? words.teamAverage(mostText(metric, words))
        : words.teamSum(mostText(metric, words));
    case 'leaderboard':
      return board.targets === null
        ? mostText(metric, words)
        : words.ownTarget(mostText(metric, words), measureText(metric, board.targets.default, words));
  }
}

function weekday(words: Words, day: number): string {
  return words.weekdays[(((day - 1) % 7) + 7) % 7] ?? '';
}

/** Zone names already checked: checking one costs a third of a millisecond, a listing has hundreds. */
const ZONES = new Map<string, boolean>();
function knownZone(timeZone: string): string {
  let valid = ZONES.get(timeZone);
  if (valid === undefined) {
    valid = isValidTimeZone(timeZone);
    if (ZONES.size < 1_000) ZONES.set(timeZone, valid);
  }
  return valid ? timeZone : 'UTC';
}

function periodText(period: PeriodRule, words: Words): string {
  const zone = knownZone(period.timeZone);
  const where = words.zone(zone);
  switch (period.kind) {
    case 'daily':
      return `${words.daily}, ${where}`;
    case 'monthly':
      return `${words.monthly}, ${where}`;
    case 'weekly': {
      const first: Weekday = period.weekStartsOn;
      return `${words.weekly(weekday(words, first), weekday(words, first + 6))}, ${where}`;
    }
    case 'once':
      return `${onceText(period, zone, words)}, ${where}`;
  }
}

const DATES = new Map<string, Intl.DateTimeFormat>();
/** Formatting an instant's parts is slow (tens of µs): listings describe the same one-off periods again. */
const PARTS = new Map<string, { day: string; time: string; midnight: boolean }>();
/** An instant's calendar day and time of day in `zone`, in the language's words ("1 March 2026", "09:00"). */
function localParts(
  instant: number,
  zone: string,
  words: Words,
): { day: string; time: string; midnight: boolean } {
  const seen = PARTS.get(`${words.locale}|${zone}|${instant}`);
  if (seen !== undefined) return seen;
  const key = `${words.locale}|${zone}`;
  let format = DATES.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(words.locale, {
      timeZone: zone,
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    if (DATES.size < 1_000) DATES.set(key, format);
  }
  const part = new Map(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const [hour, minute, second] = [part.get('hour'), part.get('minute'), part.get('second')];
  const parts = {
    day: `${part.get('day') ?? ''} ${part.get('month') ?? ''} ${part.get('year') ?? ''}`,
    time: `${hour ?? ''}:${minute ?? ''}`,
    midnight: hour === '00' && minute === '00' && second === '00' && instant % 1000 === 0,
  };
  if (PARTS.size >= 10_000) PARTS.clear();
  PARTS.set(`${words.locale}|${zone}|${instant}`, parts);
  return parts;
}

/** A one-off period in its own time zone: whole days when it runs midnight to midnight ("t/m" the last). */
function onceText(period: Extract<PeriodRule, { kind: 'once' }>, zone: string, words: Words): string {
  const start = localParts(period.start, zone, words);
  const end = localParts(period.end, zone, words);
  if (start.midnight && end.midnight) {
    // The end is not included: the last day is the one just before it.
    const last = localParts(period.end - 1, zone, words);
    return last.day === start.day ? words.onDay(start.day) : words.daysRange(start.day, last.day);
  }
  return words.instantsRange(`${start.day} ${start.time}`, `${end.day} ${end.time}`);
}

function participantsText(
  board: BoardRules,
  words: Words,
  teamNames: ReadonlyMap<string, string> = new Map(),
): string | null {
  const { participants } = board;
  switch (participants.kind) {
    case 'everyone':
      return null;
    case 'teams':
      return words.forTeams(participants.teams.map((key) => teamNames.get(key) ?? key));
    case 'reps':
      return words.forReps(participants.reps.length);
  }
}

function scalarText(value: FilterScalar, words: Words, field: string, metric: MetricRule): string {
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') {
    if (field === 'amount') {
      return metric.kind === 'sum_amount'
        ? moneyText(value, metric.currency, words)
        : numberText(value / 100, words, 2);
    }
    return numberText(value, words);
  }
  return `“${value}”`;
}

function filtersText(contest: ContestDescription, words: Words): string | null {
  if (contest.filters.length === 0) return null;
  const conditions = contest.filters.map((filter) => {
    const values = Array.isArray(filter.value) ? filter.value : [filter.value as FilterScalar];
    const value = words.list(
      values.map((v: FilterScalar) => scalarText(v, words, filter.field, contest.metric)),
      'or',
    );
    return words.condition(words.field(filter.field), filter.op, value);
  });
  return words.onlyWhen(words.list(conditions, 'and'));
}

function fairnessText(contest: ContestDescription, words: Words): string[] {
  const { board } = contest;
  const clauses: string[] = [];
  if (board.minScore > 0 && board.kind !== 'team') {
    clauses.push(words.minScore(measureText(contest.metric, board.minScore, words)));
  }
  if (board.divisions !== 'none') {
    const prizes = contest.prizes.ranks.length + contest.prizes.thresholds.length > 0;
    clauses.push(words.divisions(board.divisions, prizes));
  }
  if (board.tieRule === 'shared') clauses.push(words.shared);
  return clauses;
}

/** A threshold in the board's value: percent of target, a team average, or the score itself. */
function thresholdMeasure(contest: ContestDescription, atLeast: number, words: Words): string {
  const { board, metric } = contest;
  if (board.kind === 'leaderboard' && board.targets !== null) {
    return words.percentOfTarget(numberText(atLeast, words));
  }
  if (board.kind === 'team' && board.teamScoring === 'average') {
    return words.teamAverageOf(measureText(metric, atLeast, words));
  }
  return measureText(metric, atLeast, words);
}

function prizesText(contest: ContestDescription, words: Words): string[] {
  const subject: Subject =
    contest.board.kind === 'team' ? 'team' : contest.board.kind === 'target_race' ? 'race' : 'rep';
  const ranks = [...contest.prizes.ranks].sort((a, b) => a.rank - b.rank);
  const clauses: string[] = [];
  // Neighbouring ranks with the same prize read as one group: "the top 3 win a trip".
  let i = 0;
  while (i < ranks.length) {
    const first = ranks[i];
    if (first === undefined) break;
    let j = i;
    while (
      j + 1 < ranks.length &&
      ranks[j + 1]?.prize.name === first.prize.name &&
      ranks[j + 1]?.rank === (ranks[j]?.rank ?? 0) + 1
    ) {
      j += 1;
    }
    clauses.push(words.rankPrize(first.rank, ranks[j]?.rank ?? first.rank, first.prize.name, subject));
    i = j + 1;
  }
  const thresholds = [...contest.prizes.thresholds].sort((a, b) => a.atLeast - b.atLeast);
  for (const { atLeast, prize } of thresholds) {
    clauses.push(
      words.thresholdPrize(thresholdMeasure(contest, atLeast, words), prize.name, subject === 'team'),
    );
  }
  return clauses;
}
