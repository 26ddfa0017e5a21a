// Runs once before the end-to-end suites, outside Jest's module system: it uses the built code (npm test
// builds first). The test database is the suites' own scratch space: it is dropped and made afresh on
// every run, so what an earlier run (or an earlier version's migrations) left in it cannot change the
// result. Only a database whose name says it is for tests is ever dropped.
import pg from 'pg';
import { runMigrations } from '#persistence';

export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_test';
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  if (!/test/i.test(name)) {
    throw new Error(
      `TEST_DATABASE_URL names the database "${name}": the tests drop and recreate their database, so its name must contain "test"`,
    );
  }
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
  await runMigrations(url);
}
