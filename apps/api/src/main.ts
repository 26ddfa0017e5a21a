import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { loadConfig, type PodiumConfig } from '#config';
import { WS_INPUT_BOUNDS } from '#contracts';
import { runMigrations } from '#persistence';
import {
  exitOnStartFailure,
  holdStopSignals,
  HttpConnections,
  nestLogLevels,
  startEmbeddedPostgres,
  stopOnSignals,
  useJsonLogger,
  type EmbeddedDatabase,
} from '#runtime';
import { AppModule } from './app.module.js';
import { securityHeaders } from './common/security-headers.js';
import { serveOpenApi } from './openapi.js';
import { SetupService } from './setup/setup.service.js';
import { serveWebApp } from './web/serve-web-app.js';

/**
 * Starts Podium's api. Without DATABASE_URL it is the whole platform in one process: an embedded
 * PostgreSQL (migrated on start), BullMQ on PostgreSQL, api, realtime gateway and scoring worker.
 */
async function bootstrap(config: PodiumConfig): Promise<void> {
  // Before the app exists: text logs at the configured level; with JSON logs, nothing until pino runs.
  Logger.overrideLogger(config.logFormat === 'json' ? false : nestLogLevels(config));
  const logger = new Logger('Podium');
  let embedded: EmbeddedDatabase | null = null;
  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === null) {
      logger.log(`starting embedded PostgreSQL (data in ${config.dataDir})`);
      embedded = await startEmbeddedPostgres(config, logger);
      databaseUrl = embedded.url;
    }
    await serve(config, databaseUrl, embedded, logger);
  } catch (error) {
    // A failed start stops the database it started: nothing keeps running.
    await embedded?.stop();
    throw error;
  }
}

async function serve(
  config: PodiumConfig,
  databaseUrl: string,
  embedded: EmbeddedDatabase | null,
  logger: Logger,
): Promise<void> {
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
  app.use(securityHeaders);
  // CORS closed unless CORS_ORIGINS names the origins allowed to call from a browser.
  app.enableCors({ origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false });
  const realtime = new PodiumIoAdapter(app, config);
  app.useWebSocketAdapter(realtime);
  app.set('trust proxy', config.trustProxy);
  // Bodies are read by RequestBodyMiddleware, after the per-address rate limits (see AppModule).
  serveOpenApi(app);
  serveWebApp(app);
  const http = new HttpConnections(app.getHttpServer());
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
  // On SIGTERM / SIGINT: stop taking work, let requests and jobs in flight finish, close every
  // connection, then stop the embedded database last. Taken before anything else is awaited: the api
  // already answers, so a signal may come at any moment from here on.
  stopOnSignals(app, {
    config,
    http,
    realtime: () => realtime.closeAll(),
    afterClose: async () => embedded?.stop(),
  });
  // No admin yet: a one-time setup link (shown whatever LOG_LEVEL hides: a person needs it).
  await app.get(SetupService).announce(shown);
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
  private readonly servers: ReturnType<IoAdapter['createIOServer']>[] = [];

  constructor(
    app: NestExpressApplication,
    private readonly config: PodiumConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoOptions): ReturnType<IoAdapter['createIOServer']> {
    const origins = this.config.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      cors: { origin: origins.length > 0 ? [...origins] : false },
      // A message over this size closes the connection before it is parsed (subscriptions are tiny).
      maxHttpBufferSize: WS_INPUT_BOUNDS.bodyBytes,
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
    // engine.io answers /socket.io/ itself: the API's security headers, on its answers too.
    server.engine.use(securityHeaders);
    this.servers.push(server);
    return server;
  }

  /** Ends every websocket (clients reconnect, to another instance while this one stops). */
  async closeAll(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.close()));
  }
}

holdStopSignals();
let config: PodiumConfig | undefined;
try {
  config = loadConfig();
  await bootstrap(config);
} catch (error) {
  exitOnStartFailure(error, config);
}
