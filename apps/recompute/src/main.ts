import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '#config';
import { candidateScope, recomputeStandings, standingKeyOf, type Standing } from '#domain';
import {
  ContestsRepository,
  createDataSource,
  EventLedgerRepository,
  StandingsRepository,
} from '#persistence';
import { createStandingsBus } from '#runtime';
import { RebuildContestUseCase } from '#scoring';

const PAGE = 5_000;

interface Difference {
  readonly key: string;
  readonly stored: Standing | null;
  readonly recomputed: Standing | null;
}

/**
 * `npm run recompute -- [--contest <id>] [--fix]`: recomputes the standings of live contests (or one)
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
  const contests = new ContestsRepository();
  const ledger = new EventLedgerRepository();
  const standings = new StandingsRepository();
  let remaining = 0;
  try {
    const all = (await contests.liveWithPeriods(dataSource.manager)).map((c) => c.contest);
    const chosen = values.contest === undefined ? all : all.filter((c) => c.id === values.contest);
    if (values.contest !== undefined && chosen.length === 0) {
      throw new ConfigError([`--contest: no live contest with id ${values.contest}`]);
    }
    for (const contest of chosen) {
      const events = [];
      for await (const page of ledger.eventPages(dataSource.manager, candidateScope(contest.rules), PAGE)) {
        events.push(...page);
      }
      const expected = recomputeStandings([contest], events);
      const stored = new Map(
        (await standings.allOfContest(dataSource.manager, contest.id)).map((s) => [
          standingKeyOf({ contestId: contest.id, periodStart: s.periodStart, repId: s.repId }),
          { repId: s.repId, score: s.score, reachedAt: s.reachedAt },
        ]),
      );
      const differences: Difference[] = [];
      for (const key of new Set([...expected.keys(), ...stored.keys()])) {
        const a = stored.get(key) ?? null;
        const b = expected.get(key) ?? null;
        if (a?.score !== b?.score || a?.reachedAt !== b?.reachedAt)
          differences.push({ key, stored: a, recomputed: b });
      }
      process.stdout.write(
        `contest ${contest.id}: ${events.length} events, ${expected.size} standings, ${differences.length} differences\n`,
      );
      for (const d of differences.slice(0, 50)) {
        const [, periodStart, repId] = d.key.split('|');
        process.stdout.write(
          `  rep ${repId} period ${new Date(Number(periodStart)).toISOString()}: stored ${describe(d.stored)}, ` +
            `recomputed ${describe(d.recomputed)}\n`,
        );
      }
      if (differences.length > 0 && values.fix) {
        await new RebuildContestUseCase(dataSource, bus).execute(contest.id);
        process.stdout.write(`  fixed: rebuilt from the ledger\n`);
      } else {
        remaining += differences.length;
      }
    }
  } finally {
    await bus.close();
    await dataSource.destroy();
  }
  return remaining === 0 ? 0 : 1;
}

function describe(s: Standing | null): string {
  return s === null ? 'nothing' : `${s.score} (reached ${new Date(s.reachedAt).toISOString()})`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
