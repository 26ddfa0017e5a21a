import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { contestStatusAt, periodsToFinalise, type ContestStatus } from '#domain';
import { ContestsRepository, type ContestDefinition } from '#persistence';
import { CLOCK, DependencyStates, logFailure, Shutdown, type Clock } from '#runtime';
import { FinalisePeriodUseCase } from './finalise-period.use-case.js';

/** How often the worker moves contests through their lifecycle and finalises periods. */
export const LIFECYCLE_CHECK_MS = 5_000;
/** Most periods of one contest finalised per check (a contest started long ago catches up over a few). */
const MAX_FINALISED_PER_CHECK = 20;
/** The statuses the clock moves a published contest through, in order. */
const FORWARD: readonly ContestStatus[] = ['scheduled', 'live', 'finalising', 'final'];

export interface LifecycleTick {
  /** Contests whose status changed, with the new status. */
  readonly statuses: { contestId: string; status: string }[];
  /** Periods finalised, by contest. */
  readonly finalised: { contestId: string; periodStart: number }[];
}

/**
 * Moves published contests through their lifecycle with the clock (scheduled, live, finalising; a
 * one-off contest becomes final when its period is finalised) and finalises every period whose grace
 * period is over. Several workers may run it at once: finalisation is once per period.
 */
@Injectable()
export class ContestLifecycleService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ContestLifecycleService.name);
  private readonly contests = new ContestsRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly finalise: FinalisePeriodUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly shutdown: Shutdown = new Shutdown(),
    // Outages are logged once by the dependency's state, not at every tick.
    private readonly states: DependencyStates = new DependencyStates(),
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => logFailure(this.states, this.logger, 'contest lifecycle check', error))
        .finally(() => {
          this.running = null;
        });
    }, LIFECYCLE_CHECK_MS);
    this.timer.unref();
    this.shutdown.onStop(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** No further check; the one under way ends after the contest it is working on. */
  private async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<LifecycleTick> {
    const now = this.clock();
    const result: LifecycleTick = { statuses: [], finalised: [] };
    for (const { definition, lastFinalised, rebuilt } of await this.contests.forLifecycle(
      this.dataSource.manager,
    )) {
      if (this.shutdown.stopping) break;
      // One contest failing must not hold the others back: it is tried again at the next check.
      try {
        await this.advance(definition, lastFinalised, rebuilt, now, result);
      } catch (error) {
        this.logger.error(`lifecycle of contest ${definition.contest.id} failed: ${String(error)}`);
      }
    }
    return result;
  }

  private async advance(
    definition: ContestDefinition,
    lastFinalised: number | null,
    rebuilt: boolean,
    now: number,
    result: LifecycleTick,
  ): Promise<void> {
    const { contest, graceMs } = definition;
    const { period, startsAt } = contest.rules;
    // Until its first rebuild has counted the events already in the ledger, a contest's standings are
    // incomplete: freezing them then would award prizes from an empty board.
    if (rebuilt) {
      for (const window of periodsToFinalise(
        period,
        startsAt,
        graceMs,
        lastFinalised,
        now,
        MAX_FINALISED_PER_CHECK,
      )) {
        const done = await this.finalise.execute(contest.id, window.start, { refinalise: false });
        if (done !== null) result.finalised.push({ contestId: contest.id, periodStart: window.start });
      }
    }
    const status = contestStatusAt(definition.status, period, startsAt, graceMs, now);
    // `final` is set by the finalisation itself: it means the results are frozen, not that time is up.
    // Only forward: a worker whose clock runs behind another's never moves a contest back.
    if (status !== 'final' && FORWARD.indexOf(status) > FORWARD.indexOf(definition.status)) {
      if (await this.contests.setStatus(this.dataSource.manager, contest.id, definition.status, status)) {
        result.statuses.push({ contestId: contest.id, status });
        this.logger.log(`contest ${contest.id} is now ${status}`);
      }
    }
  }
}
