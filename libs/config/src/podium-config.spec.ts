import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './podium-config.js';

describe(loadConfig.name, () => {
  it('runs everything in one process on the embedded database when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: null, redisUrl: null, role: 'all', port: 3000 });
  });

  it('defaults to the api role when Redis is configured', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/podium', REDIS_URL: 'redis://cache:6379' });
    expect(config).toMatchObject({
      role: 'api',
      databaseUrl: 'postgres://db/podium',
      redisUrl: 'redis://cache:6379',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: must be an integer/],
    [
      { DATABASE_URL: 'mysql://secret-host/db' },
      /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ PODIUM_ROLE: 'worker' }, /PODIUM_ROLE: api and worker need REDIS_URL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BODY_LIMIT: 'huge' }, /BODY_LIMIT: must look like/],
    [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /SHUTDOWN_TIMEOUT_MS: must be an integer/],
  ])('names the variable and the rule when %j is wrong', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('gives work in flight 8 s at a stop unless SHUTDOWN_TIMEOUT_MS says otherwise', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(8_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '25000' }).shutdownTimeoutMs).toBe(25_000);
  });

  it('stops with its parent only when started by an npm script', () => {
    expect(loadConfig({}).stopWithParent).toBe(false);
    expect(loadConfig({ npm_lifecycle_event: 'start' }).stopWithParent).toBe(true);
  });

  it('never prints the value of a variable', () => {
    const message = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://user:hunter2@secret-host/db' });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).not.toContain('hunter2');
  });
});
