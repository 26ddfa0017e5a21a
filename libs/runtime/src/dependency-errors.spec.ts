import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { unavailableDependency } from './dependency-errors.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** The shapes in which pg, pg-pool, TypeORM, ioredis and Node report a lost dependency. */
describe(unavailableDependency.name, () => {
  const cases: [string, unknown, 'database' | 'redis' | null][] = [
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), 'database'],
    [
      'a refused connection to localhost (both addresses)',
      Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')]), {
        code: 'ECONNREFUSED',
      }),
      'database',
    ],
    [
      'an admin shutdown',
      withCode('terminating connection due to administrator command', '57P01'),
      'database',
    ],
    [
      'a crash shutdown',
      withCode('terminating connection because of crash of another server process', '57P02'),
      'database',
    ],
    ['a database starting up', withCode('the database system is starting up', '57P03'), 'database'],
    ['a connection exception', withCode('connection failure', '08006'), 'database'],
    ['a broken connection', new Error('Connection terminated unexpectedly'), 'database'],
    ['a pool timeout', new Error('timeout exceeded when trying to connect'), 'database'],
    [
      'a driver error wrapped by TypeORM',
      new QueryFailedError('SELECT 1', [], withCode('the database system is shutting down', '57P03')),
      'database',
    ],
    [
      'an error with a cause',
      new Error('transaction failed', { cause: new Error('Connection terminated') }),
      'database',
    ],
    ['a paused Redis', new Error('Command timed out'), 'redis'],
    [
      'a disconnected Redis',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      'redis',
    ],
    ['a closed Redis connection', new Error('Connection is closed.'), 'redis'],
    ['a rate limiter without Redis', new Error('Redis connection is not ready'), 'redis'],
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505'), null],
    ['a deadlock', withCode('deadlock detected', '40P01'), null],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')"), null],
    ['not an error', 'ECONNREFUSED', null],
    ['nothing', undefined, null],
  ];

  it.each(cases)('classifies %s', (_what, error, expected) => {
    expect(unavailableDependency(error)).toBe(expected);
  });
});
