import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type {
  AdjustmentsResponse,
  ContestResponse,
  ErrorResponse,
  ManualAdjustment,
  PeriodResultResponse,
  ScoreExplanation,
  SessionResponse,
  StandingsResponse,
} from '#contracts';
import { recomputeStandings, standingKeyOf, type SalesEvent } from '#domain';
import { ContestEntity, createDataSource, StandingsRepository, toDomainContest } from '#persistence';
import { LocalStandingsBus } from '#runtime';
import { ReconcileContestUseCase } from '#scoring';
import {
  deleteRedisKeys,
  licenseSold,
  PodiumApi,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  weeklyContest,
  withDb,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

const PASSWORD = 'a long enough password 42';

/** The current versions of the events of `source` and of the manual adjustments of `contestId`. */
async function ledgerOf(source: string, contestId: string): Promise<SalesEvent[]> {
  return withDb(async (db) => {
    const rows = await db.query<{
      id: string;
      source: string;
      event_type: SalesEvent['type'];
      rep_id: string;
      occurred_at: Date;
      quantity: string | null;
      revision: number;
      status: SalesEvent['status'];
      attributes: Record<string, unknown>;
    }>(
      `SELECT id::text, source, event_type, rep_id, occurred_at, quantity::text, revision, status, attributes
       FROM events WHERE source = $1 OR (source = 'manual' AND attributes->>'contestId' = $2)`,
      [source, contestId],
    );
    return rows.rows.map((r) => ({
      id: r.id,
      source: r.source,
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

const manualEventsOf = (contestId: string) =>
  withDb(async (db) =>
    Number(
      (
        await db.query<{ n: string }>(
          `SELECT count(*)::text AS n FROM events WHERE source = 'manual' AND attributes->>'contestId' = $1`,
          [contestId],
        )
      ).rows[0]?.n,
    ),
  );

describe('manual adjustments with a reason', () => {
  const prefix = uniquePrefix('manual');
  const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
  let processes: PodiumProcess[] = [];
  let api: PodiumApi;
  let dataSource: DataSource;
  const team = uid('north');
  const otherTeam = uid('south');
  const [ana, bob, cy] = [uid('ana'), uid('bob'), uid('cy')];
  const tokens = { manager: '', managerOfOther: '', rep: '' };
  let managerEmail = '';

  const as = <T>(token: string | null | undefined, method: string, path: string, body?: unknown) =>
    request<T>(`${api.url}${path}`, method, body, undefined, token);
  const adjustments = (contestId: string) => `/api/v1/contests/${contestId}/manual-adjustments`;
  const score = (s: StandingsResponse, rep: string) =>
    s.entries.find((e) => e.rep?.externalId === rep)?.score;

  beforeAll(async () => {
    processes = await Promise.all([startPodium('api', env), startPodium('worker', env)]);
    api = new PodiumApi(processes[0]?.url ?? '');
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
    for (const key of [team, otherTeam]) {
      expect((await as(undefined, 'POST', '/api/v1/teams', { key, name: key })).status).toBe(201);
    }
    for (const [rep, key] of [
      [ana, team],
      [bob, team],
      [cy, otherTeam],
    ] as const) {
      expect(
        (await as(undefined, 'PUT', `/api/v1/reps/${rep}`, { displayName: rep, team: key })).status,
      ).toBe(200);
    }
    const people: [keyof typeof tokens, Record<string, unknown>][] = [
      ['manager', { role: 'manager', teams: [team] }],
      ['managerOfOther', { role: 'manager', teams: [otherTeam] }],
      ['rep', { role: 'rep', rep: bob }],
    ];
    for (const [who, fields] of people) {
      const email = `${uid(who)}@example.com`.toLowerCase();
      if (who === 'manager') managerEmail = email;
      expect(
        (await as(undefined, 'POST', '/api/v1/users', { email, password: PASSWORD, ...fields })).status,
      ).toBe(201);
      const session = await as<SessionResponse>(null, 'POST', '/api/v1/auth/login', {
        email,
        password: PASSWORD,
      });
      expect(session.status).toBe(200);
      tokens[who] = session.body.accessToken;
    }
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await dataSource?.destroy();
    await deleteRedisKeys(prefix);
  });

  it('adds, changes and retracts points in exactly the contest it was made for, audited', async () => {
    const src = uid('src');
    const mine = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const other = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const now = new Date().toISOString();
    await api.postEvents([licenseSold(src, ana, 4, now), licenseSold(src, bob, 2, now)]);
    await api.waitForStandings(mine.id, (s) => s.total === 2);
    await api.waitForStandings(other.id, (s) => s.total === 2);

    const made = await as<ManualAdjustment>(tokens.manager, 'POST', adjustments(mine.id), {
      rep: bob,
      points: 5,
      reason: '  Paper deal during the CRM outage  ',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      rep: { externalId: bob },
      points: 5,
      reason: 'Paper deal during the CRM outage',
      status: 'active',
      revision: 1,
      by: { label: managerEmail },
    });
    const board = await api.waitForStandings(mine.id, (s) => score(s, bob) === 7);
    expect(board.entries.map((e) => e.rep?.externalId)).toEqual([bob, ana]);
    // The other contest counts the same sales but not the adjustment: it has been scored by now (one job).
    await expect(api.standings(other.id, 10).then((s) => score(s.body, bob))).resolves.toBe(2);

    const explained = await as<ScoreExplanation>(
      tokens.rep,
      'GET',
      `/api/v1/contests/${mine.id}/standings/explain/${bob}`,
    );
    expect(explained.status).toBe(200);
    expect(explained.body.score).toBe(7);
    expect(explained.body.events.find((e) => e.source === 'manual')).toMatchObject({
      id: made.body.id,
      type: 'manual_adjustment',
      points: 5,
      excluded: null,
      manual: { reason: 'Paper deal during the CRM outage', by: managerEmail },
    });
    const elsewhere = await as<ScoreExplanation>(
      tokens.rep,
      'GET',
      `/api/v1/contests/${other.id}/standings/explain/${bob}`,
    );
    expect(elsewhere.body.events.map((e) => e.source)).toEqual([src]);

    const changed = await as<ManualAdjustment>(
      tokens.manager,
      'PATCH',
      `${adjustments(mine.id)}/${made.body.id}`,
      {
        points: -1,
        reason: 'The paper deal was a duplicate',
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: made.body.id, points: -1, revision: 2, status: 'active' });
    await api.waitForStandings(mine.id, (s) => score(s, bob) === 1);

    const retracted = await as<ManualAdjustment>(
      tokens.manager,
      'DELETE',
      `${adjustments(mine.id)}/${made.body.id}`,
    );
    expect(retracted.status).toBe(200);
    expect(retracted.body).toMatchObject({ status: 'retracted', revision: 3 });
    await api.waitForStandings(mine.id, (s) => score(s, bob) === 2);
    const again = await as<ErrorResponse>(
      tokens.manager,
      'PATCH',
      `${adjustments(mine.id)}/${made.body.id}`,
      {
        reason: 'Back again',
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('manual_adjustment.retracted');

    const listed = await as<ManualAdjustment[]>(tokens.manager, 'GET', adjustments(mine.id));
    expect(listed.body.map((a) => [a.id, a.status, a.revision, a.points])).toEqual([
      [made.body.id, 'retracted', 3, -1],
    ]);
    await expect(
      as<ManualAdjustment[]>(undefined, 'GET', adjustments(other.id)).then((a) => a.body),
    ).resolves.toEqual([]);
    const audit = await withDb((db) =>
      db.query<{ action: string; actor_label: string }>(
        `SELECT action, actor_label FROM audit_log WHERE entity = 'manual_adjustment' AND entity_id = $1 ORDER BY id`,
        [made.body.id],
      ),
    );
    expect(audit.rows.map((r) => [r.action, r.actor_label])).toEqual([
      ['manual_adjustment.create', managerEmail],
      ['manual_adjustment.change', managerEmail],
      ['manual_adjustment.retract', managerEmail],
    ]);
  });

  it('refuses an adjustment without a valid reason or points, naming the field, and writes nothing', async () => {
    const contest = await api.createContest(weeklyContest(uid('src'), { period: YEAR_2026 }));
    const cases: [Record<string, unknown>, string][] = [
      [{ rep: ana, points: 3 }, 'reason'],
      [{ rep: ana, points: 3, reason: '     ' }, 'reason'],
      [{ rep: ana, points: 3, reason: ' ok ' }, 'reason'],
      [{ rep: ana, points: 3, reason: 'x'.repeat(501) }, 'reason'],
      [{ rep: ana, points: 0, reason: 'Nothing at all' }, 'points'],
      [{ rep: ana, points: 2.5, reason: 'Half a license' }, 'points'],
      [{ rep: ana, points: 1_000_001, reason: 'Far too many' }, 'points'],
      [{ rep: uid('nobody'), points: 3, reason: 'Unknown rep' }, 'rep'],
      [{ rep: ana, points: 3, reason: 'Next year', period: '2027-06-01T00:00:00Z' }, 'period'],
    ];
    for (const [body, path] of cases) {
      const answer = await as<ErrorResponse>(tokens.manager, 'POST', adjustments(contest.id), body);
      expect([answer.status, answer.body.problems?.map((p) => p.path)]).toEqual([400, [path]]);
    }
    await expect(manualEventsOf(contest.id)).resolves.toBe(0);
    await expect(
      withDb(async (db) =>
        Number(
          (
            await db.query<{ n: string }>(
              `SELECT count(*)::text AS n FROM audit_log WHERE action LIKE 'manual_adjustment.%' AND after->>'contestId' = $1`,
              [contest.id],
            )
          ).rows[0]?.n,
        ),
      ),
    ).resolves.toBe(0);
  });

  it('admits admins and managers of the rep’s team only, and writes nothing for anyone else', async () => {
    const contest = await api.createContest(weeklyContest(uid('src'), { period: YEAR_2026 }));
    const body = (rep: string) => ({ rep, points: 2, reason: 'Access check' });
    const refused = [
      await as(tokens.managerOfOther, 'POST', adjustments(contest.id), body(ana)),
      await as(tokens.manager, 'POST', adjustments(contest.id), body(cy)),
      await as(tokens.rep, 'POST', adjustments(contest.id), body(bob)),
    ];
    expect(refused.map((a) => a.status)).toEqual([403, 403, 403]);
    await expect(manualEventsOf(contest.id)).resolves.toBe(0);
    expect((await as(undefined, 'POST', adjustments(contest.id), body(cy))).status).toBe(201);
    const made = await as<ManualAdjustment>(tokens.manager, 'POST', adjustments(contest.id), body(ana));
    expect(made.status).toBe(201);
    // A manager lists and changes only their own teams' reps' adjustments.
    const theirs = await as<ManualAdjustment[]>(tokens.manager, 'GET', adjustments(contest.id));
    expect(theirs.body.map((a) => a.rep.externalId)).toEqual([ana]);
    const all = await as<ManualAdjustment[]>(undefined, 'GET', adjustments(contest.id));
    expect(all.body.map((a) => a.rep.externalId).sort()).toEqual([ana, cy].sort());
    const cyOne = all.body.find((a) => a.rep.externalId === cy)?.id ?? '';
    expect((await as(tokens.manager, 'DELETE', `${adjustments(contest.id)}/${cyOne}`)).status).toBe(403);
    expect(
      (
        await as(tokens.managerOfOther, 'PATCH', `${adjustments(contest.id)}/${made.body.id}`, {
          reason: 'Mine now',
        })
      ).status,
    ).toBe(403);
    await expect(manualEventsOf(contest.id)).resolves.toBe(2);
  });

  it('refuses source manual and type manual_adjustment on the public ingest, writing nothing', async () => {
    const id = uid('forged');
    const forged = await api.postEvents([
      licenseSold('manual', ana, 50, new Date().toISOString(), {
        id,
        attributes: { contestId: 'x', points: 50, reason: 'forged', byUserId: 'u', byLabel: 'u' },
      }),
    ]);
    expect(forged.status).toBe(400);
    expect((forged.body as unknown as ErrorResponse).problems).toEqual([
      { path: 'events[0].source', reason: expect.stringContaining('reserved') },
    ]);
    const typed = await api.postEvents([
      licenseSold(uid('src'), ana, 1, new Date().toISOString(), { id, type: 'manual_adjustment' }),
    ]);
    expect(typed.status).toBe(400);
    expect((typed.body as unknown as ErrorResponse).problems?.map((p) => p.path)).toEqual(['events[0].type']);
    await expect(
      withDb(async (db) => (await db.query(`SELECT 1 FROM events WHERE external_id = $1`, [id])).rowCount),
    ).resolves.toBe(0);
  });

  it('gives the same standings when recomputed from the ledger, and a rebuild keeps the adjustments', async () => {
    const src = uid('src');
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026 }));
    const now = new Date().toISOString();
    await api.postEvents([licenseSold(src, ana, 3, now), licenseSold(src, bob, 6, now)]);
    await api.waitForStandings(contest.id, (s) => s.total === 2);
    const plus = await as<ManualAdjustment>(tokens.manager, 'POST', adjustments(contest.id), {
      rep: ana,
      points: 4,
      reason: 'Licenses sold at the fair',
    });
    const minus = await as<ManualAdjustment>(undefined, 'POST', adjustments(contest.id), {
      rep: bob,
      points: -2,
      reason: 'Two licenses were refunded',
    });
    await as(tokens.manager, 'PATCH', `${adjustments(contest.id)}/${plus.body.id}`, {
      points: 3,
      reason: 'Three licenses sold at the fair',
    });
    expect([plus.status, minus.status]).toEqual([201, 201]);
    await api.waitForStandings(contest.id, (s) => score(s, ana) === 6 && score(s, bob) === 4);

    const entity = await dataSource.getRepository(ContestEntity).findOneByOrFail({ id: contest.id });
    const expected = recomputeStandings([toDomainContest(entity)], await ledgerOf(src, contest.id));
    const stored = async () =>
      new Map(
        (await new StandingsRepository().allOfContest(dataSource.manager, contest.id)).map((s) => [
          standingKeyOf({ contestId: contest.id, periodStart: s.periodStart, repId: s.repId }),
          { repId: s.repId, score: s.score, reachedAt: s.reachedAt },
        ]),
      );
    expect([...expected.values()].map((s) => s.score).sort()).toEqual([4, 6]);
    await expect(stored()).resolves.toEqual(expected);

    const reconcile = new ReconcileContestUseCase(dataSource, new LocalStandingsBus());
    await expect(reconcile.execute(contest.id, false)).resolves.toMatchObject({ differences: [] });
    // Tampered, then rebuilt from the ledger by the reconcile: the adjustments are still counted.
    await withDb((db) => db.query(`UPDATE standings SET score = 0 WHERE contest_id = $1`, [contest.id]));
    await expect(reconcile.execute(contest.id, true)).resolves.toMatchObject({ fixed: true });
    await expect(stored()).resolves.toEqual(expected);
  });

  it('puts an adjustment into a chosen past period, and into a final one as a post-close adjustment', async () => {
    const src = uid('src');
    const weekMs = 7 * 24 * 3600 * 1000;
    const contest: ContestResponse = await api.createContest(
      weeklyContest(src, {
        period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn: 1 },
        startsAt: new Date(Date.now() - 3 * weekMs).toISOString(),
        gracePeriodMinutes: 0,
      }),
    );
    // The worker finalises the weeks since the start; wait for last week's result.
    let final: PeriodResultResponse | undefined;
    for (let deadline = Date.now() + 20_000; final === undefined && Date.now() < deadline;) {
      const periods = await as<PeriodResultResponse[]>(
        undefined,
        'GET',
        `/api/v1/contests/${contest.id}/periods`,
      );
      final = periods.status === 200 ? periods.body[0] : undefined;
      if (final === undefined) await new Promise((r) => setTimeout(r, 200));
    }
    expect(final).toBeDefined();
    const lastWeek = final?.period.start ?? '';
    const made = await as<ManualAdjustment>(tokens.manager, 'POST', adjustments(contest.id), {
      rep: ana,
      points: 5,
      reason: 'Deal signed last Friday on paper',
      period: lastWeek,
    });
    expect(made.status).toBe(201);
    expect(Date.parse(made.body.period.start)).toBe(Date.parse(lastWeek));
    let pending: AdjustmentsResponse | undefined;
    for (let deadline = Date.now() + 15_000; Date.now() < deadline;) {
      pending = (
        await as<AdjustmentsResponse>(undefined, 'GET', `/api/v1/contests/${contest.id}/adjustments`)
      ).body;
      if (pending.periods.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      pending?.periods.map((p) => p.adjustments.map((a) => [a.event.source, a.pointsBefore, a.pointsAfter])),
    ).toEqual([[['manual', 0, 5]]]);
    // The week's board moved; this week's did not.
    const then = await as<StandingsResponse>(
      undefined,
      'GET',
      `/api/v1/contests/${contest.id}/standings?at=${encodeURIComponent(lastWeek)}`,
    );
    expect(score(then.body, ana)).toBe(5);
    expect((await api.standings(contest.id)).body.total).toBe(0);
  });
});
