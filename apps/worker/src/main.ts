import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type PodiumConfig } from '#config';
import { nestLogLevels, RuntimeModule, useJsonLogger } from '#runtime';
import { ScoringModule } from '#scoring';

@Module({})
class WorkerModule {
  static forRoot(config: PodiumConfig, databaseUrl: string): DynamicModule {
    return { module: WorkerModule, imports: [RuntimeModule.forRoot(config, databaseUrl), ScoringModule] };
  }
}

/** The scoring worker on its own (production shape): needs DATABASE_URL and REDIS_URL. */
async function bootstrap(): Promise<void> {
  const config = loadConfig({ ...process.env, PODIUM_ROLE: 'worker' });
  if (config.databaseUrl === null) throw new ConfigError(['DATABASE_URL: is required by the worker']);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, config.databaseUrl), {
    logger: nestLogLevels(config),
    bufferLogs: config.logFormat === 'json',
  });
  useJsonLogger(app, config);
  app.enableShutdownHooks();
  new Logger('Podium').log(`worker running (concurrency ${config.scoringConcurrency})`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
