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
