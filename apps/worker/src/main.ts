import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type PodiumConfig } from '#config';
import {
  exitOnStartFailure,
  holdStopSignals,
  nestLogLevels,
  RuntimeModule,
  stopOnSignals,
  useJsonLogger,
} from '#runtime';
import { ScoringModule } from '#scoring';

@Module({})
class WorkerModule {
  static forRoot(config: PodiumConfig, databaseUrl: string): DynamicModule {
    return { module: WorkerModule, imports: [RuntimeModule.forRoot(config, databaseUrl), ScoringModule] };
  }
}

/** The scoring worker on its own (production shape): needs DATABASE_URL and REDIS_URL. */
async function bootstrap(config: PodiumConfig): Promise<void> {
  if (config.databaseUrl === null) throw new ConfigError(['DATABASE_URL: is required by the worker']);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, config.databaseUrl), {
    logger: nestLogLevels(config),
    bufferLogs: config.logFormat === 'json',
  });
  useJsonLogger(app, config);
  new Logger('Podium').log(`worker running (concurrency ${config.scoringConcurrency})`);
  // On SIGTERM / SIGINT: take no new job, finish (or hand back) the active ones, close, exit 0.
  stopOnSignals(app, { config });
}

holdStopSignals();
let config: PodiumConfig | undefined;
try {
  config = loadConfig({ ...process.env, PODIUM_ROLE: 'worker' });
  await bootstrap(config);
} catch (error) {
  exitOnStartFailure(error, config);
}
