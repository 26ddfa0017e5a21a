import { Logger } from '@nestjs/common';
import { messageOf, unavailableDependency } from './dependency-errors.js';

/**
 * Whether this process can reach one dependency (PostgreSQL or Redis), as its connections and calls
 * report it. An outage is logged as two lines, one when it starts and one when it ends, however many
 * connections retry and however many calls fail meanwhile. With a probe, the state polls it while the
 * dependency is down and announces the recovery to its listeners (the worker sweeps then).
 */
export class DependencyState {
  private readonly logger: Logger;
  private downSince: number | null = null;
  private probe: (() => Promise<unknown>) | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    readonly name: 'PostgreSQL' | 'Redis',
    private readonly probeEveryMs = 500,
  ) {
    this.logger = new Logger(`${name}State`);
  }

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** How the state checks the dependency while it is down (e.g. `SELECT 1`). */
  probeWith(probe: () => Promise<unknown>): void {
    this.probe = probe;
  }

  /** Runs `listener` each time the dependency comes back after an outage. */
  onRecovered(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A connection or a call of `source` failed for want of the dependency. Logs only an outage's first. */
  failed(source: string, error: unknown): void {
    if (this.closed) return;
    if (this.downSince !== null) {
      this.logger.debug(`${source}: still unreachable (${messageOf(error)})`);
      return;
    }
    this.downSince = Date.now();
    this.logger.warn(`${this.name} unreachable (${source}: ${messageOf(error)})`);
    this.scheduleProbe();
  }

  /** A connection is ready again, or a call succeeded. Logs and announces the end of an outage. */
  succeeded(): void {
    if (this.downSince === null) return;
    const seconds = ((Date.now() - this.downSince) / 1000).toFixed(1);
    this.downSince = null;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.logger.log(`${this.name} reachable again after ${seconds} s`);
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`a recovery listener failed: ${messageOf(error)}`);
      }
    }
  }

  /** Stops probing (at shutdown): nothing is announced any more. */
  close(): void {
    this.closed = true;
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.listeners.clear();
  }

  private scheduleProbe(): void {
    const probe = this.probe;
    if (probe === null || this.closed) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      probe().then(
        () => this.succeeded(),
        () => {
          if (this.downSince !== null) this.scheduleProbe();
        },
      );
    }, this.probeEveryMs);
    this.probeTimer.unref();
  }
}

/** The dependencies of one process: one state each, shared by every connection to it. */
export class DependencyStates {
  readonly database = new DependencyState('PostgreSQL');
  readonly redis = new DependencyState('Redis');

  close(): void {
    this.database.close();
    this.redis.close();
  }
}

/**
 * Logs a failed step of background work (a tick, a sweep, a job): a lost dependency is reported to its
 * state, which logs the outage once; anything else is logged as an error.
 */
export function logFailure(states: DependencyStates, logger: Logger, what: string, error: unknown): void {
  const dependency = unavailableDependency(error);
  if (dependency === 'database') states.database.failed(what, error);
  else if (dependency === 'redis') states.redis.failed(what, error);
  else logger.error(`${what} failed: ${messageOf(error)}`);
}
