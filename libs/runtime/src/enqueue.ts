import type { JobsOptions } from 'bullmq';
import type { JobName, JobPayloads } from '#contracts';
import type { ScoringQueue } from './queue-factory.js';

/** How long a request may wait for the queue before it relies on the sweep instead. */
export const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * Adds a job, or rejects within `timeoutMs`: callers enqueue after their commit, so a slow or absent
 * queue must cost a request at most this long (the worker's sweep picks up what was not enqueued).
 */
export async function enqueue<N extends JobName>(
  queue: ScoringQueue,
  name: N,
  data: JobPayloads[N],
  options: JobsOptions,
  timeoutMs = ENQUEUE_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([queue.add(name, data, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
