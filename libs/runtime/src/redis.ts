import { Redis, type RedisOptions } from 'ioredis';
import type { DependencyState } from './dependency-state.js';

/**
 * Every Redis connection Podium opens goes through here, so none is left without an `error` listener
 * (ioredis prints "[ioredis] Unhandled error event" for each failed reconnect otherwise) and each one
 * reports to the process's {@link DependencyState}: one log line when Redis goes away, one when it is back.
 * `purpose` names the connection in that line.
 */
export function createRedis(
  url: string,
  purpose: string,
  state: DependencyState,
  options: RedisOptions = {},
): Redis {
  const client = new Redis(url, options);
  client.on('error', (error: Error) => state.failed(`${purpose} connection`, error));
  client.on('ready', () => state.succeeded());
  return client;
}

/** Connection options of a Redis client on a request path: fail within `timeoutMs`, never queue offline. */
export function requestPathRedisOptions(timeoutMs: number): RedisOptions {
  return {
    // A paused Redis keeps its TCP connection open: only a command timeout bounds the wait.
    commandTimeout: timeoutMs,
    // Disconnected: fail at once rather than queue the command until Redis returns.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  };
}

/** Deletes every key under `prefix:` (one deployment's, suite's or benchmark's own; never the whole Redis). */
export async function deleteKeysUnder(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
