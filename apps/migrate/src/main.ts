import { ConfigError, loadConfig } from '#config';
import { runMigrations } from '#persistence';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, then exits. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl === null) throw new ConfigError(['DATABASE_URL: is required to migrate']);
  const applied = await runMigrations(config.databaseUrl);
  process.stdout.write(
    applied.length === 0 ? 'database is up to date\n' : `applied: ${applied.join(', ')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
