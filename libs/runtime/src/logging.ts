import type { DynamicModule, INestApplicationContext, LogLevel } from '@nestjs/common';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { PodiumConfig } from '#config';

/** The Nest log levels shown for a LOG_LEVEL (`false`: nothing). */
export function nestLogLevels(config: PodiumConfig): LogLevel[] | false {
  const order: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const upTo: Record<string, number> = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 };
  const last = upTo[config.logLevel];
  return last === undefined ? false : order.slice(0, last + 1);
}

/**
 * pino JSON logging for LOG_FORMAT=json: one line per record. Headers that carry credentials are
 * redacted; request bodies are never logged.
 */
export function jsonLoggerModule(config: PodiumConfig): DynamicModule[] {
  if (config.logFormat !== 'json') return [];
  return [
    LoggerModule.forRoot({
      pinoHttp: {
        level: config.logLevel,
        autoLogging: config.logLevel === 'debug' || config.logLevel === 'trace',
        redact: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'req.query.code',
          'req.query.token',
        ],
        // A TV opens its pairing URL with a one-time code in the query: keep it out of the logged URL.
        serializers: {
          req: (req: { url?: string }) => ({
            ...req,
            url: req.url?.replace(/([?&](code|token)=)[^&]*/g, '$1[Redacted]'),
          }),
        },
      },
    }),
  ];
}

/** Switches a built app to pino when LOG_FORMAT=json (the app must be created with bufferLogs). */
export function useJsonLogger(app: INestApplicationContext, config: PodiumConfig): void {
  if (config.logFormat === 'json') app.useLogger(app.get(Logger));
}
