import { DateTime } from 'luxon';
import type { EventTypeName, SalesEventInput } from '#contracts';
import { DEMO_SOURCE, DEMO_TIME_ZONE, type DemoRep } from './demo-organisation.js';
import { logNormal, pickWeighted, type Random } from './random.js';

/**
 * The demo's events, made up but plausible: small deals common and big ones rare (log-normal amounts),
 * a working day with a mid-morning and a mid-afternoon peak, now and then a correction or a reversal.
 * Pure apart from the state it keeps of recent events: time and randomness are parameters.
 */

/** A demo working day (08:00 to 18:00) passes in this much real time, so the rhythm shows in minutes. */
export const DEMO_DAY_MS = 10 * 60_000;
const DAY_START_HOUR = 8;
const DAY_HOURS = 10;
/** The demo's day starts at 09:00, when the first calls are made. */
const FIRST_HOUR = 9;

/** Waits between two streamed events, at the busiest and the quietest moment of the day. */
export const MIN_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 3_000;

const bump = (hour: number, peak: number, width: number) => Math.exp(-(((hour - peak) / width) ** 2) / 2);

/**
 * How busy the floor is at an hour of the working day, from 0 (quiet) to 1 (the peaks): busiest
 * around 10:30 and 14:30, a lull over lunch, quiet at the edges of the day.
 */
export function activityAt(hour: number): number {
  if (hour < DAY_START_HOUR || hour >= DAY_START_HOUR + DAY_HOURS) return 0;
  const level =
    0.15 + 0.85 * bump(hour, 10.5, 1.1) + 0.75 * bump(hour, 14.5, 1.2) - 0.2 * bump(hour, 12.5, 0.5);
  return Math.min(1, Math.max(0, level));
}

/** The hour of the compressed demo day at `now`, for a demo started at `startedAt`. */
export function demoHourAt(now: Date, startedAt: Date): number {
  const elapsed =
    (now.getTime() - startedAt.getTime() + (FIRST_HOUR - DAY_START_HOUR) * (DEMO_DAY_MS / DAY_HOURS)) %
    DEMO_DAY_MS;
  return DAY_START_HOUR + (elapsed / DEMO_DAY_MS) * DAY_HOURS;
}

/** The wait before the next event: 1 s at the peaks, up to 3 s when it is quiet, with some jitter. */
export function waitAt(hour: number, random: Random): number {
  const quiet = 1 - activityAt(hour);
  const wait = (MIN_WAIT_MS + (MAX_WAIT_MS - MIN_WAIT_MS) * quiet) * (0.8 + 0.4 * random());
  return Math.round(Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, wait)));
}

/** How often each kind of event happens, relative to the others. */
const EVENT_MIX: readonly (readonly [EventTypeName, number])[] = [
  ['license_sold', 24],
  ['lead_created', 24],
  ['crm_next_step_set', 15],
  ['deal_won', 13],
  ['demo_booked', 12],
  ['call_logged', 6],
  ['crm_contact_updated', 4],
  ['crm_activity_logged', 2],
];

/** A deal's amount in euro cents: median €3,500, one in eight over €10,000, rounded to €50. */
export function dealAmount(random: Random, drive = 1): number {
  const euros = Math.min(250_000, Math.max(250, logNormal(random, 3_500 * Math.sqrt(drive), 0.9)));
  return Math.round(euros / 50) * 50 * 100;
}

/** Licenses in one sale: mostly 1 or 2, now and then a bigger order (at most 12). */
export function licenseQuantity(random: Random): number {
  let quantity = 1;
  while (quantity < 12 && random() < 0.45) quantity++;
  return quantity;
}

function pickRep(random: Random, reps: readonly DemoRep[]): DemoRep {
  return pickWeighted(
    random,
    reps.map((rep) => [rep, rep.drive] as const),
  );
}

/** A new event of a rep at `at`, with the measure its type needs. */
export function newEvent(
  random: Random,
  rep: DemoRep,
  type: EventTypeName,
  id: string,
  at: Date,
): SalesEventInput {
  const base = {
    id,
    source: DEMO_SOURCE,
    type,
    rep: { id: rep.externalId, name: rep.displayName },
    occurredAt: at.toISOString(),
  };
  if (type === 'deal_won')
    return { ...base, amount: { minor: dealAmount(random, rep.drive), currency: 'EUR' } };
  if (type === 'license_sold') return { ...base, quantity: licenseQuantity(random) };
  return base;
}

export type StreamedKind = 'new' | 'correction' | 'reversal';

export interface StreamedEvent {
  readonly event: SalesEventInput;
  readonly kind: StreamedKind;
  /** How long to wait before asking for the next one. */
  readonly waitMs: number;
}

/** Chances that a streamed event corrects or retracts a recent sale instead of being a new one. */
const CORRECTION_CHANCE = 0.06;
const REVERSAL_CHANCE = 0.03;
/** How many recent sales may still be corrected or retracted. */
const RECENT = 40;

/** The live stream's events, one after another (see the module's comment). */
export class DemoEventStream {
  private counter = 0;
  /** Recent sales (licenses and deals) by id, with the revision last sent. */
  private readonly recent = new Map<string, SalesEventInput>();

  constructor(
    private readonly reps: readonly DemoRep[],
    private readonly random: Random,
    /** Makes this run's event ids unique: a later run must not collide with this one. */
    private readonly runId: string,
    private readonly startedAt: Date,
  ) {
    if (reps.length === 0) throw new Error('the demo stream needs at least one rep');
  }

  next(now: Date): StreamedEvent {
    const waitMs = waitAt(demoHourAt(now, this.startedAt), this.random);
    const roll = this.random();
    if (this.recent.size > 0 && roll < REVERSAL_CHANCE)
      return { event: this.reverse(), kind: 'reversal', waitMs };
    if (this.recent.size > 0 && roll < REVERSAL_CHANCE + CORRECTION_CHANCE) {
      return { event: this.correct(), kind: 'correction', waitMs };
    }
    const type = pickWeighted(this.random, EVENT_MIX);
    const event = newEvent(
      this.random,
      pickRep(this.random, this.reps),
      type,
      `${this.runId}-${++this.counter}`,
      now,
    );
    if (type === 'license_sold' || type === 'deal_won') this.remember(event);
    return { event, kind: 'new', waitMs };
  }

  private remember(event: SalesEventInput): void {
    this.recent.set(event.id, event);
    if (this.recent.size > RECENT) {
      const oldest = this.recent.keys().next();
      if (oldest.done !== true) this.recent.delete(oldest.value);
    }
  }

  private pickRecent(): SalesEventInput {
    const events = [...this.recent.values()];
    const event = events[Math.floor(this.random() * events.length)] ?? events[0];
    if (event === undefined) throw new Error('no recent event');
    return event;
  }

  /** The same sale with a higher revision and another quantity or amount (the CRM fixed a typo). */
  private correct(): SalesEventInput {
    const event = this.pickRecent();
    const revision = (event.revision ?? 1) + 1;
    let corrected: SalesEventInput;
    if (event.amount !== undefined) {
      const factor = this.random() < 0.5 ? 0.8 : 1.25;
      corrected = {
        ...event,
        revision,
        amount: {
          ...event.amount,
          minor: Math.max(5_000, Math.round((event.amount.minor * factor) / 5_000) * 5_000),
        },
      };
    } else {
      const quantity = event.quantity ?? 1;
      corrected = {
        ...event,
        revision,
        quantity: quantity === 1 || this.random() < 0.5 ? quantity + 1 : quantity - 1,
      };
    }
    this.recent.set(event.id, corrected);
    return corrected;
  }

  /** The same sale retracted (status void, a higher revision): a cancelled order. */
  private reverse(): SalesEventInput {
    const event = this.pickRecent();
    this.recent.delete(event.id);
    return { ...event, revision: (event.revision ?? 1) + 1, status: 'void' };
  }
}

/**
 * The week so far, so the boards are not empty when the demo starts: events at working hours from the
 * start of this week (Monday in the demo's time zone) until `now`. The same week gives the same events
 * (ids and content), so a second run in the week adds only the ones after the first run ("duplicate"
 * for the others). `random` must be seeded from the week (see `weekStartOf`).
 */
export function backfillEvents(
  reps: readonly DemoRep[],
  weekStart: DateTime,
  now: Date,
  random: Random,
): SalesEventInput[] {
  const events: SalesEventInput[] = [];
  const prefix = `week-${weekStart.toISODate() ?? 'unknown'}`;
  let counter = 0;
  // Every slot of the week is drawn, also those still ahead, so the random sequence (and so each
  // event) does not depend on when the run happens.
  for (let day = 0; day < 5; day++) {
    for (let hour = DAY_START_HOUR; hour < DAY_START_HOUR + DAY_HOURS; hour++) {
      const count = Math.round(30 * activityAt(hour + 0.5) * (0.6 + 0.8 * random()));
      for (let i = 0; i < count; i++) {
        const at = weekStart.plus({ days: day, hours: hour, seconds: Math.floor(random() * 3600) });
        const type = pickWeighted(random, EVENT_MIX);
        const event = newEvent(random, pickRep(random, reps), type, `${prefix}-${++counter}`, at.toJSDate());
        if (at.toMillis() < now.getTime()) events.push(event);
      }
    }
  }
  return events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
}

/** Monday 00:00 of the week containing `now`, in the demo's time zone. */
export function weekStartOf(now: Date): DateTime {
  return DateTime.fromJSDate(now, { zone: DEMO_TIME_ZONE }).startOf('week');
}
