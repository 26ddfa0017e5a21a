import { Injectable, Logger } from '@nestjs/common';

/** One piece of work a process stops taking at shutdown: it resolves once its work in flight is done. */
export type Drain = () => Promise<void> | void;

/**
 * The process's stop state, shared by everything that takes work (the queue worker, the schedules,
 * the HTTP server). Stopping has two deadlines: {@link begin} asks every drain to stop taking work and
 * finish what it holds; when the shutdown timeout has passed, {@link deadline} aborts, and whatever is
 * still running is handed back (a job returns to the queue, a request is cut).
 */
@Injectable()
export class Shutdown {
  private readonly logger = new Logger(Shutdown.name);
  private readonly drains = new Set<Drain>();
  private readonly expired = new AbortController();
  private draining: Promise<void> | null = null;

  /** True from the first stop signal on: loops check it between steps and end early. */
  get stopping(): boolean {
    return this.draining !== null;
  }

  /** Aborted when the shutdown timeout has passed: work still running must be handed back now. */
  get deadline(): AbortSignal {
    return this.expired.signal;
  }

  /** Registers a drain; one registered after the stop began runs at once. */
  onStop(drain: Drain): void {
    this.drains.add(drain);
    if (this.draining !== null) void this.run(drain);
  }

  /**
   * Starts stopping (once; later calls return the same promise): every drain at once, and the
   * deadline after `timeoutMs`. Resolves when every drain has finished (never rejects: a failing drain
   * is logged, it must not keep the others from closing).
   */
  begin(timeoutMs: number): Promise<void> {
    if (this.draining !== null) return this.draining;
    // The deadline holds for everyone who waits on it (the HTTP server too), even once these drains are done.
    setTimeout(() => this.expired.abort(), timeoutMs).unref();
    this.draining = Promise.all([...this.drains].map((drain) => this.run(drain))).then(() => undefined);
    return this.draining;
  }

  /** Ends the grace period now (a second deadline, e.g. the process must exit). */
  expire(): void {
    this.expired.abort();
  }

  private async run(drain: Drain): Promise<void> {
    try {
      await drain();
    } catch (error) {
      this.logger.error(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Resolves when `signal` aborts (at once if it already has). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
