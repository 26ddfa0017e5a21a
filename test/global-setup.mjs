// Runs once before the end-to-end suites, outside Jest's module system: it uses the built code (npm test
// builds first). Creates the test database when missing, applies the migrations, and closes the
// contests earlier runs left live.
import pg from 'pg';
import { runMigrations } from '#persistence';

export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/podium_test';
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  await runMigrations(url);
  // Contests of earlier runs stay in the test database; closing them keeps every scoring transaction
  // from carrying hundreds of stale live contests (each suite creates its own).
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`UPDATE contests SET status = 'archived' WHERE status NOT IN ('draft', 'archived')`);
  } finally {
    await db.end();
  }
}
