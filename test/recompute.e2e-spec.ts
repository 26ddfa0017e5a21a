import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { SalesEventInput } from '#contracts';
import { rankStandings, recomputeStandings, standingKeyOf, type SalesEvent } from '#domain';
import { ContestEntity, createDataSource, StandingsRepository, toDomainContest } from '#persistence';
import { LocalStandingsBus } from '#runtime';
import { ReconcileContestUseCase } from '#scoring';
import {
  deleteRedisKeys,
  licenseSold,
  PodiumApi,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  YEAR_2026,
  withDb,
  type PodiumProcess,
} from '#testing';

/** The current versions of a source's events, read back from the ledger. */
async function ledgerOf(source: string): Promise<SalesEvent[]> {
  return withDb(async (db) => {
    const rows = await db.query<{
      id: string;
      event_type: SalesEvent['type'];
      rep_id: string;
      occurred_at: Date;
      quantity: string | null;
      revision: number;
      status: SalesEvent['status'];
      attributes: Record<string, unknown>;
    }>(
      `SELECT id::text, event_type, rep_id, occurred_at, quantity::text, revision, status, attributes
       FROM events WHERE source = $1`,
      [source],
    );
    return rows.rows.map((r) => ({
      id: r.id,
      source,
      type: r.event_type,
      repId: r.rep_id,
      occurredAt: r.occurred_at.getTime(),
      quantity: r.quantity === null ? null : Number(r.quantity),
      amount: null,
      attributes: r.attributes,
      revision: r.revision,
      status: r.status,
    }));
  });
}

describe('incremental scoring in PostgreSQL equals the brute-force recompute', () => {
  const prefix = uniquePrefix('recompute');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let processes: PodiumProcess[] = [];
  let api: PodiumApi;
  let dataSource: DataSource;

  beforeAll(async () => {
    // Two workers, so jobs for the same reps really run concurrently.
    processes = await Promise.all([
      startPodium('api', env),
      startPodium('worker', env),
      startPodium('worker', env),
    ]);
    api = new PodiumApi(processes[0]?.url ?? '');
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await dataSource?.destroy();
    await deleteRedisKeys(prefix);
  });

  it('gives the same standings and ranks for random streams of sales, corrections and reversals', async () => {
    const src = uid('src');
    // Created before and after the first events, so both the incremental path and the rebuild count.
    const early = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const reps = Array.from({ length: 6 }, (_, i) => uid(`rep${i}`));
    const stream = fc.sample(
      fc.record({
        key: fc.integer({ min: 0, max: 39 }),
        revision: fc.integer({ min: 1, max: 3 }),
        rep: fc.integer({ min: 0, max: reps.length - 1 }),
        quantity: fc.integer({ min: 0, max: 5 }),
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        void: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      }),
      { numRuns: 400, seed: 42 },
    );
    // Content is a function of (key, revision): a resend is a duplicate, never a conflict.
    const versionOf = (key: number, revision: number): SalesEventInput => {
      const pick = stream.find((s) => s.key === key && s.revision === revision) ?? stream[0]!;
      return {
        id: `deal-${key}`,
        source: src,
        type: 'license_sold',
        rep: { id: reps[pick.rep] ?? '', name: 'Rep' },
        occurredAt: `2026-04-${String(pick.day).padStart(2, '0')}T${String(pick.hour).padStart(2, '0')}:00:00Z`,
        quantity: pick.quantity,
        revision,
        ...(pick.void ? { status: 'void' as const } : {}),
      };
    };
    const sends = stream.map((s) => versionOf(s.key, s.revision));
    // Sent in parallel batches of 20: arrival order and interleaving are up to the network and the pool.
    const batches = Array.from({ length: Math.ceil(sends.length / 20) }, (_, i) =>
      sends.slice(i * 20, i * 20 + 20),
    );
    const late = await Promise.all([
      ...batches.map(async (b) => expect((await api.postEvents(b)).status).toBe(202)),
      api.createContest(weeklyContest(src, { period: YEAR_2026, name: 'Created during the stream' })),
    ]).then((r) => r.at(-1) as Awaited<ReturnType<PodiumApi['createContest']>>);

    const deadline = Date.now() + 30_000;
    const unscored = () =>
      withDb(async (db) =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*)::text AS n FROM events e JOIN contests c ON c.id = $2
               WHERE e.source = $1 AND (e.scored_revision IS DISTINCT FROM e.revision OR c.rebuilt_at IS NULL)`,
              [src, late.id],
            )
          ).rows[0]?.n,
        ),
      );
    while ((await unscored()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await expect(unscored()).resolves.toBe(0);
    await new Promise((r) => setTimeout(r, 300));

    const ledger = await ledgerOf(src);
    const standings = new StandingsRepository();
    for (const created of [early, late]) {
      const entity = await dataSource.getRepository(ContestEntity).findOneByOrFail({ id: created.id });
      const contest = toDomainContest(entity);
      const expected = recomputeStandings([contest], ledger);
      const stored = await standings.allOfContest(dataSource.manager, created.id);
      const actual = new Map(
        stored.map((s) => [
          standingKeyOf({ contestId: created.id, periodStart: s.periodStart, repId: s.repId }),
          { repId: s.repId, score: s.score, reachedAt: s.reachedAt },
        ]),
      );
      expect(actual).toEqual(expected);

      // And the board the api serves ranks exactly like the domain's rule.
      const board = await api.standings(created.id, 100);
      const ranked = rankStandings([...expected.values()], 'first_to_reach');
      expect(board.body.entries.map((e) => [e.rep?.id, e.score, e.rank, e.gapToNext])).toEqual(
        ranked.map((r) => [r.repId, r.score, r.rank, r.gapToNext]),
      );
    }
  });

  it('reports a tampered standing with npm run recompute, and repairs it with --fix', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const [ana, bob] = [uid('ana'), uid('bob')];
    await api.postEvents([
      licenseSold(src, ana, 4, '2026-05-01T10:00:00Z'),
      licenseSold(src, bob, 2, '2026-05-01T11:00:00Z'),
    ]);
    await api.waitForStandings(contest.id, (s) => s.total === 2);
    const recompute = (...args: string[]) =>
      new Promise<{ code: number; out: string }>((done) => {
        execFile(
          process.execPath,
          ['dist/apps/recompute/src/main.js', '--contest', contest.id, ...args],
          { env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL } },
          (error, stdout, stderr) =>
            done({ code: error === null ? 0 : Number(error.code), out: stdout + stderr }),
        );
      });

    await expect(recompute()).resolves.toMatchObject({
      code: 0,
      out: expect.stringContaining('0 differences'),
    });
    await withDb((db) =>
      db.query(
        `UPDATE standings SET score = score + 5 WHERE contest_id = $1
           AND rep_id = (SELECT id FROM reps WHERE external_id = $2)`,
        [contest.id, bob],
      ),
    );
    const tampered = await recompute();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('1 differences');
    expect(tampered.out).toMatch(/stored 7 .*recomputed 2 /);
    await expect(recompute('--fix')).resolves.toMatchObject({
      code: 0,
      out: expect.stringContaining('fixed'),
    });
    await expect(recompute()).resolves.toMatchObject({
      code: 0,
      out: expect.stringContaining('0 differences'),
    });
  });

  it('leaves reps whose events are still being scored out of a reconcile, and repairs the rest', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const [ana, bob] = [uid('ana'), uid('bob')];
    await api.postEvents([
      licenseSold(src, ana, 4, '2026-05-01T10:00:00Z'),
      licenseSold(src, bob, 2, '2026-05-01T11:00:00Z'),
    ]);
    await api.waitForStandings(contest.id, (s) => s.total === 2);
    // Ana's board is corrupted; Bob has an event accepted but not scored yet (its mark is undone).
    await withDb(async (db) => {
      await db.query(
        `UPDATE standings SET score = 99 WHERE contest_id = $1 AND rep_id = (SELECT id FROM reps WHERE external_id = $2)`,
        [contest.id, ana],
      );
      await db.query(
        `UPDATE events SET scored_revision = NULL WHERE source = $1
           AND rep_id = (SELECT id FROM reps WHERE external_id = $2)`,
        [src, bob],
      );
    });
    const reconcile = new ReconcileContestUseCase(dataSource, new LocalStandingsBus());
    const report = await reconcile.execute(contest.id, true);
    expect(report).toMatchObject({ inFlux: 1, fixed: true });
    expect(report?.differences.map((d) => [d.stored?.score, d.recomputed?.score])).toEqual([[99, 4]]);
    const after = await reconcile.execute(contest.id, false);
    expect(after?.differences).toEqual([]);
    // Put Bob's event back as scored, so no other suite finds it in flux.
    await withDb((db) => db.query(`UPDATE events SET scored_revision = revision WHERE source = $1`, [src]));
  });
});
