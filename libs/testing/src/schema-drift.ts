import type { DataSource, QueryRunner } from 'typeorm';

/**
 * The statements a migration generated from the entities would hold (none when the schema matches).
 *
 * TypeORM 1.1 reads the tables' columns concurrently on one query runner (a `Promise.all` in
 * `PostgresQueryRunner.loadTables`): two queries at once on one pg connection, which pg 8 warns about
 * and pg 9 refuses. The schema builder runs here on a query runner whose queries wait for each other.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) =>
    oneQueryAtATime(createQueryRunner(...args));
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    return pending.upQueries.map((q) => q.query);
  } finally {
    dataSource.createQueryRunner = createQueryRunner;
  }
}

function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = last.catch(() => undefined).then(() => query(...args));
    last = next;
    return next;
  }) as QueryRunner['query'];
  return runner;
}
