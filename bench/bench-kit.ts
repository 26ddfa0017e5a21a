// What every benchmark here needs: its parameters from the environment, a free port, a seeded random
// sequence, percentiles, and whether a Podium answers.
import { createServer } from 'node:net';

function intFromEnv(name: string, fallback: number, min: 0 | 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a ${min === 1 ? 'positive' : 'non-negative'} integer`);
  }
  return value;
}

/** A positive integer parameter from the environment (`fallback` when unset or empty). */
export const positiveIntEnv = (name: string, fallback: number): number => intFromEnv(name, fallback, 1);

/** A non-negative integer parameter from the environment (`fallback` when unset or empty). */
export const nonNegativeIntEnv = (name: string, fallback: number): number => intFromEnv(name, fallback, 0);

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** A seeded pseudo-random sequence in [0, 1) (mulberry32): the same seed, the same run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The p-th percentile (nearest rank) of ascending samples; NaN without samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Whether a Podium api at `url` answers its health check. */
export async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).ok;
  } catch {
    return false;
  }
}
