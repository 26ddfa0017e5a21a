import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QUEUE_SCORING } from '#contracts';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { createDataSource } from '#persistence';
import { DependencyStates } from './dependency-state.js';
import { QueueFactory, type ScoringQueue } from './queue-factory.js';
import { createStandingsBus, type StandingsBus } from './standings-bus.js';
import { jsonLoggerModule } from './logging.js';
import { Shutdown } from './shutdown.js';

export const STANDINGS_BUS = Symbol('STANDINGS_BUS');
export const SCORING_QUEUE = Symbol('SCORING_QUEUE');
/** The current time in epoch ms; a provider so tests can control time. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => number;

/**
 * Closes what the runtime opened, in reverse order, when Nest shuts down (after every module's work
 * has stopped: see `stopOnSignals`).
 */
@Injectable()
class RuntimeShutdown implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueFactory,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    private readonly states: DependencyStates,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.states.close();
    await this.queue.close();
    await this.bus.close();
    await this.queues.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The process-wide services every Podium role shares: config, database, queue and standings bus. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(config: PodiumConfig, databaseUrl: string): DynamicModule {
    // One state per dependency for the whole process: every connection reports to it.
    const states = new DependencyStates();
    return {
      module: RuntimeModule,
      imports: jsonLoggerModule(config),
      providers: [
        { provide: PODIUM_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const poolSize = config.role === 'worker' ? config.scoringConcurrency + 4 : 16;
            const dataSource = await createDataSource(databaseUrl, poolSize, (error) =>
              states.database.failed('idle connection', error),
            ).initialize();
            // While PostgreSQL is down, this tells when it is back (the worker sweeps then).
            states.database.probeWith(() => dataSource.query('SELECT 1'));
            return dataSource;
          },
        },
        { provide: DependencyStates, useValue: states },
        { provide: QueueFactory, useValue: new QueueFactory(config, databaseUrl, states) },
        {
          provide: SCORING_QUEUE,
          inject: [QueueFactory],
          useFactory: (f: QueueFactory) => f.queue(QUEUE_SCORING),
        },
        { provide: STANDINGS_BUS, useFactory: () => createStandingsBus(config, states.redis) },
        { provide: CLOCK, useValue: Date.now },
        Shutdown,
        RuntimeShutdown,
      ],
      exports: [
        CLOCK,
        PODIUM_CONFIG,
        DataSource,
        DependencyStates,
        QueueFactory,
        SCORING_QUEUE,
        STANDINGS_BUS,
        Shutdown,
      ],
    };
  }
}
