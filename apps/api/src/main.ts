import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '#config';
import { runMigrations } from '#persistence';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '#runtime';
import { AppModule } from './app.module.js';

/**
 * Starts Podium's api. Without DATABASE_URL it is the whole platform in one process: an embedded
 * PostgreSQL (migrated on start), BullMQ on PostgreSQL, api, realtime gateway and scoring worker.
 */
async function bootstrap(): Promise<void> {
  const logger = new Logger('Podium');
  const config = loadConfig();
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  if (databaseUrl === null) {
    logger.log(`starting embedded PostgreSQL (data in ${config.dataDir})`);
    embedded = await startEmbeddedPostgres(config);
    databaseUrl = embedded.url;
  }
  if (embedded !== null || config.role === 'all') {
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) logger.log(`applied migrations: ${applied.join(', ')}`);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger:
      config.logLevel === 'silent'
        ? false
        : ['log', 'warn', 'error', 'fatal', ...(config.logLevel === 'debug' ? (['debug'] as const) : [])],
  });
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.enableShutdownHooks();
  const stopEmbedded = async () => {
    await embedded?.stop();
  };
  process.once('beforeExit', () => void stopEmbedded());
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const shown = url
    .replace('[::1]', 'localhost')
    .replace('0.0.0.0', 'localhost')
    .replace('127.0.0.1', 'localhost');
  logger.log(`Podium ${config.role === 'all' ? '(api + worker)' : '(api)'} listening on ${shown}`);
  logger.log(
    `queue: ${config.redisUrl === null ? 'PostgreSQL' : 'Redis'}; database: ${embedded === null ? 'external' : 'embedded'}`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Podium failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
