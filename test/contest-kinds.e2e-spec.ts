import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  ContestTemplate,
  CreateContestRequest,
  RepResponse,
  ScoreExplanation,
  StandingsResponse,
  TeamResponse,
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
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

/**
 * Every kind of contest and fairness rule through the REST api, against one small sales team:
 * north (ana, an AE; bo, an SDR) and south (cy, an AE).
 */
describe('contest kinds and fairness rules over REST', () => {
  const prefix = uniquePrefix('kinds');
  let worker: PodiumProcess;
  let server: PodiumProcess;
  let api: PodiumApi;
  const src = uid('src');
  const [ana, bo, cy] = [uid('ana'), uid('bo'), uid('cy')];
  const [north, south] = [uid('north'), uid('south')];

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [worker, server] = await Promise.all([startPodium('worker', env), startPodium('api', env)]);
    api = new PodiumApi(server.url);
    for (const [key, name] of [
      [north, 'North'],
      [south, 'South'],
    ] as const) {
      const team = await request<TeamResponse>(`${server.url}/api/v1/teams`, 'POST', { key, name });
      expect(team.status).toBe(201);
    }
    for (const [rep, team, role] of [
      [ana, north, 'AE'],
      [bo, north, 'SDR'],
      [cy, south, 'AE'],
    ] as const) {
      const put = await request<RepResponse>(`${server.url}/api/v1/reps/${rep}`, 'PUT', {
        displayName: `Rep ${rep}`,
        team,
        role,
      });
      expect(put.body).toEqual({ externalId: rep, displayName: `Rep ${rep}`, team, role, isNew: false });
    }
    const posted = await api.postEvents([
      licenseSold(src, ana, 3, '2026-03-03T09:00:00Z'),
      licenseSold(src, ana, 3, '2026-03-03T10:00:00Z'),
      licenseSold(src, bo, 2, '2026-03-03T09:15:00Z'),
      licenseSold(src, cy, 5, '2026-03-03T09:30:00Z'),
    ]);
    expect(posted.status).toBe(202);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  async function board(overrides: Partial<CreateContestRequest>, query = ''): Promise<StandingsResponse> {
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026, ...overrides }));
    await api.waitForStandings(contest.id, (s) => s.version > 0);
    // The rebuild has run (version > 0); read the board the way a screen does.
    const answer = await request<StandingsResponse>(
      `${server.url}/api/v1/contests/${contest.id}/standings?top=100${query}`,
      'GET',
    );
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('ranks teams by the sum of their members, or by the per-member average so a small team can win', async () => {
    const participants = { kind: 'teams', teams: [north, south] } as const;
    const sum = await board({ kind: 'team', participants });
    expect(sum.entries.map((e) => [e.team?.key, e.team?.members, e.score, e.rank, e.rep])).toEqual([
      [north, 2, 8, 1, null],
      [south, 1, 5, 2, null],
    ]);
    const average = await board({ kind: 'team', teamScoring: 'average', participants });
    expect(average.entries.map((e) => [e.team?.key, e.average, e.score, e.rank])).toEqual([
      [south, 5, 5, 1],
      [north, 4, 8, 2],
    ]);
  });

  it('ranks a target race by who reached the target first, then the rest by score', async () => {
    const race = await board({ kind: 'target_race', target: 5 });
    expect(race.entries.map((e) => [e.rep?.externalId, e.rank, e.score, e.finishedAt])).toEqual([
      [cy, 1, 5, '2026-03-03T09:30:00.000Z'],
      [ana, 2, 6, '2026-03-03T10:00:00.000Z'],
      [bo, 3, 2, null],
    ]);
  });

  it('ranks by percent of each rep’s own target, so a smaller quota can win', async () => {
    const targeted = await board({ targets: { default: 10, perRep: { [cy]: 5 } } });
    expect(targeted.entries.map((e) => [e.rep?.externalId, e.percentToTarget, e.target, e.rank])).toEqual([
      [cy, 100, 5, 1],
      [ana, 60, 10, 2],
      [bo, 20, 10, 3],
    ]);
  });

  it('keeps a separate board per division, picked by query or by the rep asking', async () => {
    const contest = await api.createContest(weeklyContest(src, { period: YEAR_2026, divisions: 'role' }));
    await api.waitForStandings(contest.id, (s) => s.version > 0);
    const base = `${server.url}/api/v1/contests/${contest.id}/standings`;
    const ae = await request<StandingsResponse>(`${base}?division=AE`, 'GET');
    expect(ae.body.divisions).toEqual(['AE', 'SDR']);
    expect(ae.body.division).toBe('AE');
    expect(ae.body.entries.map((e) => [e.rep?.externalId, e.rank])).toEqual([
      [ana, 1],
      [cy, 2],
    ]);
    const sdr = await request<StandingsResponse>(`${base}?division=SDR`, 'GET');
    expect(sdr.body.entries.map((e) => [e.rep?.externalId, e.rank])).toEqual([[bo, 1]]);
    const mine = await request<StandingsResponse>(`${base}/around/${bo}`, 'GET');
    expect(mine.body.division).toBe('SDR');
    expect(mine.body.entries.map((e) => e.rep?.externalId)).toEqual([bo]);
  });

  it('shows only listed participants at or above the minimum score, and explains why others are not on it', async () => {
    const contest = await api.createContest(
      weeklyContest(src, { period: YEAR_2026, minScore: 3, participants: { kind: 'reps', reps: [ana, bo] } }),
    );
    const shown = await api.waitForStandings(contest.id, (s) => s.version > 0);
    expect(shown.entries.map((e) => [e.rep?.externalId, e.score, e.rank])).toEqual([[ana, 6, 1]]);
    const why = await request<ScoreExplanation>(
      `${server.url}/api/v1/contests/${contest.id}/standings/explain/${cy}`,
      'GET',
    );
    expect(why.body.events.map((e) => [e.points, e.excluded])).toEqual([[0, 'not_a_participant']]);
    expect(why.body.score).toBe(0);
  });

  it('offers templates that create working contests', async () => {
    const templates = await request<ContestTemplate[]>(`${server.url}/api/v1/contest-templates`, 'GET');
    expect(templates.status).toBe(200);
    const race = templates.body.find((t) => t.id === 'first-to-10-demos');
    expect(race?.contest.kind).toBe('target_race');
    for (const template of templates.body) {
      const created = await request(`${server.url}/api/v1/contests`, 'POST', {
        ...template.contest,
        draft: true,
      });
      expect(created.status).toBe(201);
    }
  });
});
