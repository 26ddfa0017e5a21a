import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AuditEntryResponse,
  ContestResponse,
  PasswordResetResponse,
  RepResponse,
  SessionResponse,
  UserResponse,
} from '#contracts';
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
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

const PASSWORD = 'a long enough password 42';

/**
 * The console's people routes against the real api: an admin resets a password (sessions end), the
 * review queue of reps created by incoming events (assign, dismiss, per-rep targets, who may), and the
 * audit log filtered by who, what and when.
 */
describe('password reset, the review queue and audit filters', () => {
  const prefix = uniquePrefix('console-people');
  let server: PodiumProcess;
  const source = uid('crm');
  const north = uid('north').toLowerCase();
  const south = uid('south').toLowerCase();
  const tokens = new Map<string, string | null>();
  const emails = new Map<string, string>();
  const ids = new Map<string, string>();
  /** Reps an incoming event created: the review queue. */
  const fresh = Array.from({ length: 10 }, (_, i) => uid(`new${i}`));
  const archive: string[] = [];

  const call = <T>(who: string | null, method: string, path: string, body?: unknown) =>
    request<T>(
      `${server.url}${path}`,
      method,
      body,
      undefined,
      who === null ? null : (tokens.get(who) ?? who),
    );

  async function login(email: string, password: string): Promise<string> {
    const answer = await call<SessionResponse>(null, 'POST', '/api/v1/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`login of ${email}: ${answer.status}`);
    return answer.body.accessToken;
  }

  const rep = async (externalId: string) =>
    (await call<RepResponse[]>('admin', 'GET', '/api/v1/reps')).body.find((r) => r.externalId === externalId);

  beforeAll(async () => {
    server = await startPodium('all', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      PODIUM_ROLE: 'all',
      RATE_LOGIN_PER_MINUTE: '300',
    });
    tokens.set('admin', server.adminToken);
    for (const key of [north, south]) {
      expect((await call('admin', 'POST', '/api/v1/teams', { key, name: key })).status).toBe(201);
    }
    const known = uid('known');
    expect(
      (await call('admin', 'PUT', `/api/v1/reps/${known}`, { displayName: 'Known', team: north })).status,
    ).toBe(200);
    ids.set('known', known);
    for (const [who, fields] of [
      ['managerOfNorth', { role: 'manager', teams: [north] }],
      ['managerOfSouth', { role: 'manager', teams: [south] }],
      ['rep', { role: 'rep', rep: known }],
    ] as const) {
      const email = `${uid(who)}@example.com`.toLowerCase();
      const created = await call<UserResponse>('admin', 'POST', '/api/v1/users', {
        email,
        password: PASSWORD,
        ...fields,
      });
      expect(created.status).toBe(201);
      emails.set(who, email);
      ids.set(who, created.body.id);
      tokens.set(who, await login(email, PASSWORD));
    }
    const ingest = await new PodiumApi(server.url).postEvents(
      fresh.map((id, i) => licenseSold(source, id, i + 1, `2026-06-0${(i % 9) + 1}T10:00:00Z`)),
    );
    expect(ingest.status).toBe(202);
  }, 120_000);

  afterAll(async () => {
    for (const id of archive)
      await call('admin', 'POST', `/api/v1/contests/${id}/archive`).catch(() => undefined);
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  describe('POST /api/v1/users/{id}/password-reset', () => {
    it('gives a new password once, ends every session of the user, and audits it without the password', async () => {
      const email = `${uid('lea')}@example.com`.toLowerCase();
      const user = await call<UserResponse>('admin', 'POST', '/api/v1/users', {
        email,
        password: PASSWORD,
        role: 'manager',
        teams: [north],
      });
      expect(user.status).toBe(201);
      const sessions = [await login(email, PASSWORD), await login(email, PASSWORD)];
      for (const token of sessions) expect((await call(token, 'GET', '/api/v1/me')).status).toBe(200);

      const reset = await call<PasswordResetResponse>(
        'admin',
        'POST',
        `/api/v1/users/${user.body.id}/password-reset`,
      );
      expect(reset.status).toBe(200);
      expect(reset.headers.get('cache-control')).toMatch(/no-store/);
      expect(reset.body.user).toEqual(user.body);
      expect(reset.body.temporaryPassword).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{20}$/);

      for (const token of sessions) expect((await call(token, 'GET', '/api/v1/me')).status).toBe(401);
      const old = await call(null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD });
      expect(old.status).toBe(401);
      await expect(login(email, reset.body.temporaryPassword)).resolves.toMatch(/^pod_at_/);

      const again = await call<PasswordResetResponse>(
        'admin',
        'POST',
        `/api/v1/users/${user.body.id}/password-reset`,
      );
      expect(again.body.temporaryPassword).not.toBe(reset.body.temporaryPassword);

      const audit = await call<AuditEntryResponse[]>(
        'admin',
        'GET',
        `/api/v1/audit?action=user.password_reset&entity=user&limit=1000`,
      );
      const mine = audit.body.filter((e) => e.entityId === user.body.id);
      expect(mine).toHaveLength(2);
      expect(mine[0]).toMatchObject({
        actor: { kind: 'user', label: 'admin@podium.test' },
        teams: [north],
        after: { passwordChanged: true, email },
      });
      expect(JSON.stringify(audit.body)).not.toContain(reset.body.temporaryPassword);
      expect(JSON.stringify(audit.body)).not.toContain(again.body.temporaryPassword);
    });

    it('is for admins only, and answers 404 for an unknown user', async () => {
      const target = ids.get('managerOfSouth')!;
      for (const who of ['managerOfNorth', 'rep']) {
        const refused = await call(who, 'POST', `/api/v1/users/${target}/password-reset`);
        expect(refused.status).toBe(403);
      }
      expect((await call(null, 'POST', `/api/v1/users/${target}/password-reset`)).status).toBe(401);
      // Refused calls changed nothing: the user's session still works.
      expect((await call('managerOfSouth', 'GET', '/api/v1/me')).status).toBe(200);
      for (const id of ['7d9c4c1e-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const unknown = await call<{ error: string }>('admin', 'POST', `/api/v1/users/${id}/password-reset`);
        expect(unknown.status).toBe(404);
        expect(unknown.body.error).toBe('not_found');
      }
    });
  });

  describe('POST /api/v1/reps/{externalId}/review', () => {
    it('lists reps created by incoming events as new, and those a manager made as reviewed', async () => {
      const reps = (await call<RepResponse[]>('admin', 'GET', '/api/v1/reps')).body;
      for (const id of fresh) {
        expect(reps.find((r) => r.externalId === id)).toEqual({
          externalId: id,
          displayName: `Rep ${id}`,
          team: null,
          role: null,
          isNew: true,
        });
      }
      expect(reps.find((r) => r.externalId === ids.get('known'))).toMatchObject({ isNew: false });
      // A manager sees the queue too: reps without a team are theirs to take.
      const managers = (await call<RepResponse[]>('managerOfNorth', 'GET', '/api/v1/reps')).body;
      expect(managers.filter((r) => fresh.includes(r.externalId)).every((r) => r.isNew)).toBe(true);
    });

    it("assigns a team and a role, and the rep leaves the queue; another team's manager may not", async () => {
      const [a] = fresh;
      const into = await call<{ error: string }>('managerOfNorth', 'POST', `/api/v1/reps/${a}/review`, {
        team: south,
      });
      expect(into.status).toBe(403);
      await expect(rep(a!)).resolves.toMatchObject({ team: null, isNew: true });

      const reviewed = await call<RepResponse>('managerOfNorth', 'POST', `/api/v1/reps/${a}/review`, {
        team: north,
        role: 'AE',
      });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body).toEqual({
        externalId: a,
        displayName: `Rep ${a}`,
        team: north,
        role: 'AE',
        isNew: false,
      });
      await expect(rep(a!)).resolves.toEqual(reviewed.body);

      // Now north's: south's manager is refused before being told it was reviewed.
      expect(
        (await call('managerOfSouth', 'POST', `/api/v1/reps/${a}/review`, { dismiss: true })).status,
      ).toBe(403);
      const twice = await call<{ error: string }>('admin', 'POST', `/api/v1/reps/${a}/review`, {
        role: 'SDR',
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toBe('rep.reviewed');
      await expect(rep(a!)).resolves.toMatchObject({ role: 'AE' });

      const audit = await call<AuditEntryResponse[]>(
        'admin',
        'GET',
        `/api/v1/audit?action=rep.review&entity=rep`,
      );
      expect(audit.body.find((e) => e.entityId === a)).toMatchObject({
        actor: { label: emails.get('managerOfNorth') },
        teams: [north],
        before: { team: null, isNew: true },
        after: { team: north, role: 'AE', isNew: false },
      });
    });

    it('dismisses a rep unchanged, and refuses bad reviews by field, writing nothing', async () => {
      const b = fresh[1]!;
      const bad: [unknown, string][] = [
        [{ dismiss: true, team: north }, 'team'],
        [{ dismiss: false }, 'dismiss'],
        [{ team: 'no-such-team' }, 'team'],
        [{ team: 'Not A Key' }, 'team'],
        [{ role: 5 }, 'role'],
        [{ role: '' }, 'role'],
        [{ target: { contestId: 'x', value: 3 } }, 'target.contestId'],
        [{ target: { contestId: '7d9c4c1e-0000-4000-8000-000000000000', value: 0 } }, 'target.value'],
        [{ target: { contestId: '7d9c4c1e-0000-4000-8000-000000000000', value: 1.5 } }, 'target.value'],
        [{ unknown: 1 }, 'unknown'],
      ];
      for (const [body, path] of bad) {
        const answer = await call<{ problems?: { path: string }[] }>(
          'admin',
          'POST',
          `/api/v1/reps/${b}/review`,
          body,
        );
        expect([JSON.stringify(body), answer.status]).toEqual([JSON.stringify(body), 400]);
        expect(answer.body.problems?.map((p) => p.path)).toContain(path);
      }
      await expect(rep(b)).resolves.toMatchObject({ team: null, role: null, isNew: true });
      expect(
        (await call('admin', 'POST', `/api/v1/reps/${uid('nobody')}/review`, { dismiss: true })).status,
      ).toBe(404);

      // A manager may dismiss a rep without a team (nobody's yet), which leaves it as it was.
      const dismissed = await call<RepResponse>('managerOfSouth', 'POST', `/api/v1/reps/${b}/review`, {
        dismiss: true,
      });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({ team: null, role: null, isNew: false });
      const audit = await call<AuditEntryResponse[]>('admin', 'GET', `/api/v1/audit?action=rep.dismiss`);
      expect(audit.body.find((e) => e.entityId === b)).toMatchObject({
        actor: { label: emails.get('managerOfSouth') },
      });
      // Rep users, screens and keys never review.
      expect((await call('rep', 'POST', `/api/v1/reps/${fresh[2]}/review`, { dismiss: true })).status).toBe(
        403,
      );
    });

    it('applies one of two reviews sent at once and refuses the other', async () => {
      const c = fresh[2]!;
      // Reviewers who may all review it, whichever wins: the others are told it was reviewed.
      const answers = await Promise.all(
        (['managerOfNorth', 'admin', 'managerOfNorth', 'admin'] as const).map((who, i) =>
          call<RepResponse>(who, 'POST', `/api/v1/reps/${c}/review`, { team: north, role: `R${i}` }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409]);
      const winner = answers.find((a) => a.status === 200)!.body;
      await expect(rep(c)).resolves.toEqual(winner);
      const entries = await call<AuditEntryResponse[]>('admin', 'GET', '/api/v1/audit?action=rep.review');
      expect(entries.body.filter((e) => e.entityId === c)).toHaveLength(1);
    });

    it("sets the rep's own target in a contest whose rules may change, and refuses one that is live", async () => {
      const d = fresh[3]!;
      const e = fresh[4]!;
      const contest = (draft: boolean, targets: unknown) =>
        call<ContestResponse>('admin', 'POST', '/api/v1/contests', {
          name: uid('Quota'),
          metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
          period: YEAR_2026,
          filters: [{ field: 'source', op: 'eq', value: source }],
          participants: { kind: 'teams', teams: [north] },
          draft,
          ...(targets === null ? {} : { targets }),
        });
      const drafted = await contest(true, { default: 10, perRep: { someone: 4 } });
      const live = await contest(false, { default: 10 });
      const plain = await contest(true, null);
      for (const c of [drafted, live, plain]) {
        expect(c.status).toBe(201);
        archive.push(c.body.id);
      }

      // A contest of north's is not south's manager's to change: refused, and the review not written.
      const theirs = await call('managerOfSouth', 'POST', `/api/v1/reps/${d}/review`, {
        team: south,
        target: { contestId: drafted.body.id, value: 25 },
      });
      expect(theirs.status).toBe(403);
      await expect(rep(d)).resolves.toMatchObject({ team: null, isNew: true });

      const set = await call<RepResponse>('managerOfNorth', 'POST', `/api/v1/reps/${d}/review`, {
        team: north,
        target: { contestId: drafted.body.id, value: 25 },
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ team: north, isNew: false });
      const after = await call<ContestResponse>('admin', 'GET', `/api/v1/contests/${drafted.body.id}`);
      expect(after.body.targets).toEqual({ default: 10, perRep: { someone: 4, [d]: 25 } });

      const locked = await call<{ error: string }>('admin', 'POST', `/api/v1/reps/${e}/review`, {
        team: north,
        target: { contestId: live.body.id, value: 25 },
      });
      expect(locked.status).toBe(409);
      expect(locked.body.error).toBe('contest.rules_locked');
      const none = await call<{ problems: { path: string }[] }>('admin', 'POST', `/api/v1/reps/${e}/review`, {
        target: { contestId: plain.body.id, value: 25 },
      });
      expect(none.status).toBe(400);
      expect(none.body.problems.map((p) => p.path)).toEqual(['target.contestId']);
      // Refused: the rep is still in the queue as it was, and the live contest's targets are unchanged.
      await expect(rep(e)).resolves.toMatchObject({ team: null, isNew: true });
      expect(
        (await call<ContestResponse>('admin', 'GET', `/api/v1/contests/${live.body.id}`)).body.targets,
      ).toEqual({
        default: 10,
        perRep: {},
      });
      // A bad review writes no target: the team check comes first.
      const bad = await call('admin', 'POST', `/api/v1/reps/${e}/review`, {
        team: 'no-such-team',
        target: { contestId: drafted.body.id, value: 7 },
      });
      expect(bad.status).toBe(400);
      expect(
        Object.keys(
          (await call<ContestResponse>('admin', 'GET', `/api/v1/contests/${drafted.body.id}`)).body.targets!
            .perRep,
        ),
      ).not.toContain(e);
    });

    it('keeps every target of reviews sent at once, and none of a review that lost', async () => {
      const [h, i, j] = [fresh[7]!, fresh[8]!, fresh[9]!];
      const made = await call<ContestResponse>('admin', 'POST', '/api/v1/contests', {
        name: uid('Quota race'),
        metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
        period: YEAR_2026,
        filters: [{ field: 'source', op: 'eq', value: source }],
        participants: { kind: 'teams', teams: [north] },
        draft: true,
        targets: { default: 10 },
      });
      expect(made.status).toBe(201);
      archive.push(made.body.id);
      const review = (who: 'admin' | 'managerOfNorth', rep: string, value: number) =>
        call<RepResponse>(who, 'POST', `/api/v1/reps/${rep}/review`, {
          team: north,
          target: { contestId: made.body.id, value },
        });
      // Two reps into one contest at once: both targets stay (merged under the contest's lock).
      // Two reviews of one rep at once: one wins, and only the winner's target is written.
      const answers = await Promise.all([
        review('admin', h, 11),
        review('managerOfNorth', i, 12),
        review('admin', j, 13),
        review('managerOfNorth', j, 14),
      ]);
      expect(answers.slice(0, 2).map((a) => a.status)).toEqual([200, 200]);
      expect(
        answers
          .slice(2)
          .map((a) => a.status)
          .sort(),
      ).toEqual([200, 409]);
      const won = answers[2].status === 200 ? 13 : 14;
      const contest = await call<ContestResponse>('admin', 'GET', `/api/v1/contests/${made.body.id}`);
      expect(contest.body.targets).toEqual({ default: 10, perRep: { [h]: 11, [i]: 12, [j]: won } });
    });
  });

  describe('GET /api/v1/audit filters', () => {
    const audit = (who: string, query: string) =>
      call<AuditEntryResponse[] & { problems?: { path: string }[] }>(who, 'GET', `/api/v1/audit?${query}`);

    it('filters by who (id or email), what (action or prefix, entity) and when, in SQL', async () => {
      const manager = emails.get('managerOfNorth')!;
      const byEmail = await audit('admin', `actor=${encodeURIComponent(manager.toUpperCase())}&limit=1000`);
      expect(byEmail.status).toBe(200);
      expect(byEmail.body.length).toBeGreaterThanOrEqual(1);
      expect(byEmail.body.every((e) => e.actor.label === manager)).toBe(true);
      const byId = await audit('admin', `actor=${ids.get('managerOfNorth')}&limit=1000`);
      expect(byId.body.map((e) => e.id)).toEqual(byEmail.body.map((e) => e.id));

      const prefixed = await audit('admin', 'action=rep.&limit=1000');
      expect(prefixed.body.length).toBeGreaterThanOrEqual(4);
      expect(prefixed.body.every((e) => e.action.startsWith('rep.'))).toBe(true);
      const exact = await audit('admin', 'action=rep.review&limit=1000');
      expect(exact.body.every((e) => e.action === 'rep.review')).toBe(true);
      expect(exact.body.length).toBeLessThan(prefixed.body.length);
      expect((await audit('admin', 'action=rep&limit=1000')).body).toEqual([]);
      const users = await audit('admin', 'entity=user&limit=1000');
      expect(users.body.length).toBeGreaterThan(0);
      expect(users.body.every((e) => e.entity === 'user')).toBe(true);

      // When: an entry written between two instants, and nothing outside them.
      await new Promise((r) => setTimeout(r, 1_200));
      const before = new Date(Date.now() - 200).toISOString();
      const f = fresh[5]!;
      expect((await call('admin', 'POST', `/api/v1/reps/${f}/review`, { role: 'SDR' })).status).toBe(200);
      const afterwards = new Date(Date.now() + 1000).toISOString();
      const window = await audit(
        'admin',
        `from=${encodeURIComponent(before)}&to=${encodeURIComponent(afterwards)}&action=rep.review`,
      );
      expect(window.body.map((e) => e.entityId)).toEqual([f]);
      expect(window.body.every((e) => e.at >= before && e.at < afterwards)).toBe(true);
      expect((await audit('admin', `from=${encodeURIComponent(afterwards)}`)).body).toEqual([]);
      expect((await audit('admin', 'to=2000-01-01T00:00:00Z')).body).toEqual([]);
      expect((await audit('admin', 'limit=2')).body).toHaveLength(2);
      // Newest first.
      const newest = (await audit('admin', 'limit=50')).body;
      expect(newest.map((e) => e.at)).toEqual([...newest.map((e) => e.at)].sort().reverse());
    });

    it("keeps a manager to their teams' entries whatever the filters", async () => {
      const southTeam = south;
      const g = fresh[6]!;
      expect((await call('managerOfSouth', 'POST', `/api/v1/reps/${g}/review`, { team: south })).status).toBe(
        200,
      );
      const southEntries = await audit('managerOfSouth', 'action=rep.&limit=1000');
      expect(southEntries.status).toBe(200);
      expect(southEntries.body.length).toBeGreaterThan(0);
      expect(southEntries.body.every((e) => e.teams.includes(southTeam))).toBe(true);
      expect(southEntries.body.some((e) => e.entityId === g)).toBe(true);
      expect(southEntries.body.some((e) => e.entityId === fresh[0])).toBe(false);
    });

    it('refuses bad filters with a 400 naming the parameter', async () => {
      const cases: [string, string][] = [
        ['from=yesterday', 'from'],
        ['to=2026-13-01T00:00:00Z', 'to'],
        ['from=2026-06-01T00:00:00', 'from'],
        ['from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z', 'to'],
        ['action=DROP%20TABLE', 'action'],
        ['action=rep..review', 'action'],
        ['entity=x%20y', 'entity'],
        ['actor=', 'actor'],
        [`actor=${'a'.repeat(321)}`, 'actor'],
        ['actor=a&actor=b', 'actor'],
        ['limit=0', 'limit'],
        ['limit=1001', 'limit'],
        ['limit=ten', 'limit'],
        ['actor=%00', 'actor'],
        ['who=admin', 'who'],
      ];
      for (const [query, path] of cases) {
        const answer = await audit('admin', query);
        expect([query, answer.status]).toEqual([query, 400]);
        expect([query, answer.body.problems?.map((p) => p.path)]).toEqual([
          query,
          expect.arrayContaining([path]),
        ]);
      }
    });
  });
});
