import type { SalesEventInput } from '#contracts';
import type { DemoEventStream, StreamedKind } from './demo-events.js';
import { postEvents } from './seed-demo.js';

export interface StreamOptions {
  /** Stops the stream (the wait in progress ends at once). */
  readonly signal: AbortSignal;
  /** Told about each event Podium took, and how it answered (`accepted`, `revised`, `retracted`, ...). */
  readonly onEvent?: (event: SalesEventInput, kind: StreamedKind, status: string) => void;
  /** Told about a failed post; the stream goes on (Podium may be restarting). */
  readonly onError?: (error: unknown) => void;
  /** Divides the stream's waits (default 1: an event every 1-3 s); tests run it faster. */
  readonly speedUp?: number;
}

/** Posts the stream's events to Podium one by one, at the stream's pace, until the signal aborts. */
export async function streamDemo(
  baseUrl: string,
  apiKey: string,
  stream: DemoEventStream,
  options: StreamOptions,
): Promise<number> {
  let sent = 0;
  while (!options.signal.aborted) {
    const next = stream.next(new Date());
    try {
      const answer = await postEvents(baseUrl, apiKey, [next.event]);
      sent++;
      options.onEvent?.(next.event, next.kind, answer.results[0]?.status ?? 'unknown');
    } catch (error) {
      if (options.signal.aborted) break;
      options.onError?.(error);
    }
    await sleep(next.waitMs / (options.speedUp ?? 1), options.signal);
  }
  return sent;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      done();
    }
    signal.addEventListener('abort', finish, { once: true });
  });
}
