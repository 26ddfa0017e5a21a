import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { ConfigError, type PodiumConfig } from '#config';
import { StartError } from './embedded-database.js';
import { Shutdown, whenAborted } from './shutdown.js';

/** After the shutdown timeout, closing connections and the database may take this long before we give up. */
export const CLOSE_GRACE_MS = 5_000;
/** How often a process started by npm checks that npm is still there. */
const PARENT_CHECK_MS = 500;

/**
 * The api's HTTP connections, tracked from the start so that a stop can end them: requests in flight
 * finish and are answered with `Connection: close`, idle keep-alive connections close at once, and
 * whatever is still open at the deadline is cut.
 */
export class HttpConnections {
  private readonly responses = new Set<ServerResponse>();
  private closing = false;

  constructor(private readonly server: Server) {
    // Before the app's own listener, so the header is set before any handler writes.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      if (this.closing) {
        response.setHeader('Connection', 'close');
        return;
      }
      this.responses.add(response);
      response.once('close', () => this.responses.delete(response));
    });
  }

  /** Stops listening and ends every connection: gracefully until `deadline` aborts, then by force. */
  async drain(deadline: AbortSignal): Promise<void> {
    this.closing = true;
    for (const response of this.responses) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    this.server.closeIdleConnections();
    await Promise.race([closed, whenAborted(deadline)]);
    this.server.closeAllConnections();
    await closed;
  }
}

export interface StopOptions {
  readonly config: PodiumConfig;
  /** The api's HTTP server (absent in a worker). */
  readonly http?: HttpConnections;
  /** Closes the websockets (clients reconnect elsewhere); runs while the HTTP server drains. */
  readonly realtime?: () => Promise<void>;
  /** Runs after the app has closed every connection: stops the embedded PostgreSQL. */
  readonly afterClose?: () => Promise<void>;
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
/** A stop signal that arrived while the process was still starting. */
let earlySignal: NodeJS.Signals | null = null;
const holdSignal = (signal: NodeJS.Signals) => {
  earlySignal ??= signal;
};

/**
 * Called first by every entry point: a SIGTERM / SIGINT that arrives while the process starts (the
 * embedded PostgreSQL initialising, migrations running) is held, not fatal, and stops the process as
 * soon as it has started (see {@link stopOnSignals}), so the start never leaves a half-started
 * database behind.
 */
export function holdStopSignals(): void {
  for (const signal of STOP_SIGNALS) process.on(signal, holdSignal);
}

/**
 * Prints why the process could not start and exits 1. Problems the operator fixes (configuration, a
 * port in use, a data folder that is not Podium's) are one message naming the variable to change;
 * anything else also gets its stack.
 */
export function exitOnStartFailure(error: unknown, config?: PodiumConfig): never {
  let message: string;
  if (error instanceof ConfigError) message = error.message;
  else if (error instanceof StartError) message = `Podium failed to start: ${error.message}`;
  else if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE' && config !== undefined) {
    message = `Podium failed to start: port ${config.port} is in use by another program; set PORT to a free port`;
  } else {
    message = `Podium failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * Stops the process on SIGTERM or SIGINT (and, for a process started by npm, when npm is gone):
 * 1. stop taking work: the HTTP server stops listening, websockets close, the queue worker takes no
 *    new job, schedules stop;
 * 2. let the work in flight finish within SHUTDOWN_TIMEOUT_MS, then hand back what remains (jobs go
 *    back to the queue, requests are cut);
 * 3. close the app (queues, Redis, database pools), then `afterClose` (the embedded PostgreSQL, last);
 * 4. exit 0 (1 if closing failed or took more than CLOSE_GRACE_MS past the timeout).
 * Every entry point calls this once its app is built.
 */
export function stopOnSignals(app: INestApplicationContext, options: StopOptions): void {
  const logger = new Logger('Podium');
  const shutdown = app.get(Shutdown);
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) {
      logger.log(`${reason}: already stopping`);
      return;
    }
    stopping = true;
    const started = Date.now();
    const timeoutMs = options.config.shutdownTimeoutMs;
    logger.log(`${reason}: stopping (work in flight has ${timeoutMs} ms to finish)`);
    setTimeout(() => {
      logger.error(`still not stopped ${timeoutMs + CLOSE_GRACE_MS} ms after ${reason}: exiting now`);
      process.exit(1);
    }, timeoutMs + CLOSE_GRACE_MS).unref();
    // How long each part took, for the last log line: a slow stop says what it waited for.
    const took = new Map<string, number>();
    const timed = async (part: string, run: Promise<unknown>) => {
      await run;
      took.set(part, Date.now() - started);
    };
    const inFlight = Promise.all([
      timed('jobs and schedules', shutdown.begin(timeoutMs)),
      timed('http', options.http?.drain(shutdown.deadline) ?? Promise.resolve()),
      timed('websockets', options.realtime?.() ?? Promise.resolve()),
    ]);
    inFlight
      .then(() => timed('connections', app.close()))
      .then(() => timed('database', options.afterClose?.() ?? Promise.resolve()))
      .then(
        () => {
          const parts = [...took].map(([part, at]) => `${part} ${at} ms`).join(', ');
          logger.log(`stopped in ${Date.now() - started} ms (done at: ${parts})`);
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(
            `stopping failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          process.exit(1);
        },
      );
  };
  for (const signal of STOP_SIGNALS) {
    process.removeListener(signal, holdSignal);
    process.on(signal, () => stop(signal));
  }
  if (earlySignal !== null) stop(`${earlySignal} (received while starting)`);
  if (options.config.stopWithParent) {
    const parent = process.ppid;
    const check = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(check);
      stop(`the parent process (pid ${parent}) is gone`);
    }, PARENT_CHECK_MS);
    check.unref();
  }
}
