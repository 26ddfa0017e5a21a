import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#config';
import { ContestsRepository, createDataSource } from '#persistence';
import { createStandingsBus } from '#runtime';
import { ReconcileContestUseCase, type StandingDifference } from '#scoring';

/**
 * `npm run recompute -- [--contest <id>] [--fix]`: recomputes the standings of published contests (or one)
 * from the event ledger with the domain's reference definition and reports every difference from the
 * stored standings. `--fix` rebuilds the contests that differ. Exit code 1 when a difference remains.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { contest: { type: 'string' }, fix: { type: 'boolean', default: false } },
  });
  const config = loadConfig();
  if (config.databaseUrl === null) {
    throw new ConfigError([
      'DATABASE_URL: is required (for the embedded database: postgres://postgres:podium@127.0.0.1:54329/podium)',
    ]);
  }
  const dataSource = await createDataSource(config.databaseUrl, 2).initialize();
  const bus = createStandingsBus(config);
  const reconcile = new ReconcileContestUseCase(dataSource, bus);
  let remaining = 0;
  try {
    const scored = (await new ContestsRepository().scored(dataSource.manager)).map((c) => c.id);
    const chosen = values.contest === undefined ? scored : scored.filter((id) => id === values.contest);
    if (values.contest !== undefined && chosen.length === 0) {
      throw new ConfigError([`--contest: no published contest with id ${values.contest}`]);
    }
    for (const id of chosen) {
      const report = await reconcile.execute(id, values.fix);
      if (report === null) continue;
      process.stdout.write(
        `contest ${id}: ${report.events} events, ${report.standings} standings, ` +
          `${report.differences.length} differences` +
          (report.inFlux > 0 ? ` (${report.inFlux} reps with events still being scored left out)` : '') +
          '\n',
      );
      for (const d of report.differences.slice(0, 50)) process.stdout.write(`  ${describeDifference(d)}\n`);
      if (report.fixed) process.stdout.write('  fixed: rebuilt from the ledger\n');
      else remaining += report.differences.length;
    }
  } finally {
    await bus.close();
    await dataSource.destroy();
  }
  return remaining === 0 ? 0 : 1;
}

function describeDifference(d: StandingDifference): string {
  const show = (s: StandingDifference['stored']) =>
    s === null ? 'nothing' : `${s.score} (reached ${new Date(s.reachedAt).toISOString()})`;
  return (
    `rep ${d.repId} period ${new Date(d.periodStart).toISOString()}: ` +
    `stored ${show(d.stored)}, recomputed ${show(d.recomputed)}`
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
