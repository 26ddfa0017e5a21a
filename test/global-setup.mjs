// Runs once before the end-to-end suites, outside Jest's module system: it uses the built code (npm test
// builds first). The test database is the suites' own scratch space: it is dropped and made afresh on
// every run, so what an earlier run (or an earlier version's migrations) left in it cannot change the
// result. Only a database whose name says it is for tests is ever dropped.
import { recreateDatabase, runMigrations } from '#persistence';

export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_test';
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/test/i.test(name)) {
    throw new Error(
      `TEST_DATABASE_URL names the database "${name}": the tests drop and recreate their database, so its name must contain "test"`,
    );
  }
  await recreateDatabase(url);
  await runMigrations(url);
}
