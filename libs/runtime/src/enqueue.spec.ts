import { describe, expect, it } from '@jest/globals';
import { JOB_SCORE_EVENTS } from '#contracts';
import type { ScoringQueue } from './queue-factory.js';
import { enqueue } from './enqueue.js';

/**
 * The time bound alone. A queue whose `add` never settles stands for BullMQ waiting on a Redis that
 * does not answer (BullMQ's add waits for its connection; a real unreachable Redis keeps reconnect
 * timers alive that no test can close cleanly).
 */
describe(enqueue.name, () => {
  const pending = { add: () => new Promise(() => undefined) } as unknown as ScoringQueue;
  const answering = { add: () => Promise.resolve({ id: '1' }) } as unknown as ScoringQueue;

  it('gives up within its timeout when the queue does not answer', async () => {
    const started = Date.now();
    await expect(enqueue(pending, JOB_SCORE_EVENTS, { eventIds: ['1'] }, {}, 200)).rejects.toThrow(
      'the queue did not answer within 200 ms',
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('resolves when the queue answers', async () => {
    await expect(enqueue(answering, JOB_SCORE_EVENTS, { eventIds: ['1'] }, {}, 200)).resolves.toBeUndefined();
  });
});
