import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { periodContaining } from '#domain';
import { ContestsRepository } from '#persistence';
import {
  announceChanges,
  CLOCK,
  DependencyStates,
  logFailure,
  Shutdown,
  STANDINGS_BUS,
  type Clock,
  type StandingsBus,
} from '#runtime';

/** How often the worker looks for boards whose period has ended. */
export const ROLLOVER_CHECK_MS = 1_000;

/**
 * Rolls boards over at period boundaries (Monday 00:00 for a weekly contest, in its time zone): the
 * board's period moves forward and its standings version is bumped, so every screen gets the new,
 * empty period as a strictly newer message. The finished period's standings stay stored.
 */
@Injectable()
export class PeriodRolloverService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodRolloverService.name);
  private readonly contests = new ContestsRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly shutdown: Shutdown = new Shutdown(),
    // Outages are logged once by the dependency's state, not at every tick.
    private readonly states: DependencyStates = new DependencyStates(),
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => logFailure(this.states, this.logger, 'period roll-over check', error))
        .finally(() => {
          this.running = null;
        });
    }, ROLLOVER_CHECK_MS);
    this.timer.unref();
    this.shutdown.onStop(() => this.stop());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** No further check; the one under way finishes (a roll-over is one statement per contest). */
  private async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.running;
  }

  /** Rolls over every live board whose period has ended; returns the contests rolled over. */
  async tick(): Promise<string[]> {
    const now = this.clock();
    const rolled: string[] = [];
    for (const { contest, currentPeriodStart } of await this.contests.liveWithPeriods(
      this.dataSource.manager,
    )) {
      const start = periodContaining(contest.rules.period, now).start;
      if (start <= currentPeriodStart) continue;
      const version = await this.contests.rollOver(this.dataSource.manager, contest.id, start);
      if (version === null) continue;
      rolled.push(contest.id);
      this.logger.log(
        `contest ${contest.id} rolled over to the period starting ${new Date(start).toISOString()}`,
      );
      await announceChanges(this.bus, new Map([[contest.id, version]]), this.logger);
    }
    return rolled;
  }
}
