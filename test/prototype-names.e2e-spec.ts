import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ContestResponse, CreateContestRequest, StandingsResponse } from '#contracts';
import {
  deleteRedisKeys,
  licenseSold,
  LiveClient,
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

/** Rep ids (and roles) that a plain object used as a map finds on Object.prototype. */
const NAMES = ['valueOf', 'constructor', 'toString', '__proto__', 'hasOwnProperty'] as const;
/** The one of them that is a valid team key. */
const TEAM = 'constructor';

/**
 * An ingest key may name a rep anything: boards of every kind keep working for everyone, over REST and
 * the websocket, when reps are named like members of Object.prototype.
 */
describe('reps named like members of Object.prototype', () => {
  const prefix = uniquePrefix('protonames');
  let server: PodiumProcess;
  let worker: PodiumProcess;
  let api: PodiumApi;
  const src = uid('src');
  const contests = new Map<string, ContestResponse>();

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [worker, server] = await Promise.all([startPodium('worker', env), startPodium('api', env)]);
    api = new PodiumApi(server.url);
    // The team may remain from an earlier run on the same database.
    const team = await request(`${server.url}/api/v1/teams`, 'POST', { key: TEAM, name: 'Constructors' });
    expect([201, 400]).toContain(team.status);
    for (const name of NAMES) {
      const put = await request(`${server.url}/api/v1/reps/${encodeURIComponent(name)}`, 'PUT', {
        displayName: `Rep ${name}`,
        team: TEAM,
        role: name,
      });
      expect([name, put.status]).toEqual([name, 200]);
    }
    const base = (over: Partial<CreateContestRequest>): CreateContestRequest => ({
      name: uid('Prototype names'),
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period: YEAR_2026,
      filters: [{ field: 'source', op: 'eq', value: src }],
      ...over,
    });
    const kinds: [string, CreateContestRequest][] = [
      ['leaderboard', base({})],
      ['targets', base({ targets: { default: 10, perRep: { toString: 2, valueOf: 4, hasOwnProperty: 8 } } })],
      ['race', base({ kind: 'target_race', target: 3 })],
      ['team', base({ kind: 'team', participants: { kind: 'teams', teams: [TEAM] } })],
      ['divisions', base({ divisions: 'role' })],
      ['listed', base({ participants: { kind: 'reps', reps: [...NAMES] } })],
      [
        'filtered',
        base({
          filters: [
            { field: 'source', op: 'eq', value: src },
            { field: 'attributes.toString', op: 'eq', value: 'enterprise' },
          ],
        }),
      ],
    ];
    for (const [kind, contest] of kinds) contests.set(kind, await api.createContest(contest));
    const posted = await api.postEvents(
      NAMES.map((name, i) =>
        licenseSold(src, name, i + 1, '2026-03-03T10:00:00Z', {
          attributes: { toString: 'enterprise', valueOf: 1 },
        }),
      ),
    );
    expect(posted.status).toBe(202);
    expect(posted.body.written).toBe(NAMES.length);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await deleteRedisKeys(prefix);
  });

  it('scores them on every kind of board, read over REST', async () => {
    // The first board waits longest: the worker starts scoring with the suite.
    const plain = await api.waitForStandings(
      contests.get('leaderboard')!.id,
      (s) => s.total === NAMES.length,
      45_000,
    );
    expect(plain.entries.map((e) => e.rep?.externalId)).toEqual([...NAMES].reverse());
    const targeted = await api.waitForStandings(contests.get('targets')!.id, (s) => s.total === NAMES.length);
    // 3 of 2 (toString), 2 of 4 (valueOf), 5 of 8 (hasOwnProperty); the others against the default 10.
    expect(targeted.entries.map((e) => [e.rep?.externalId, e.target, e.percentToTarget])).toEqual(
      [
        ['toString', 2, 150],
        ['hasOwnProperty', 8, 62.5],
        ['valueOf', 4, 25],
        ['__proto__', 10, 40],
        ['constructor', 10, 20],
      ].sort((a, b) => (b[2] as number) - (a[2] as number)),
    );
    const race = await api.waitForStandings(contests.get('race')!.id, (s) => s.total === NAMES.length);
    expect(
      race.entries
        .filter((e) => e.finishedAt !== null)
        .map((e) => e.rep?.externalId)
        .sort(),
    ).toEqual(['toString', '__proto__', 'hasOwnProperty'].sort());
    const team = await api.waitForStandings(contests.get('team')!.id, (s) => s.total === 1);
    expect(team.entries.map((e) => [e.team?.key, e.score])).toEqual([[TEAM, 15]]);
    const listed = await api.waitForStandings(contests.get('listed')!.id, (s) => s.total === NAMES.length);
    expect(listed.entries).toHaveLength(NAMES.length);
    // Attributes named like inherited methods are stored and filtered on like any other.
    await api.waitForStandings(contests.get('filtered')!.id, (s) => s.total === NAMES.length);
    const divisions = await api.waitForStandings(contests.get('divisions')!.id, (s) => s.total > 0);
    expect([...(divisions.divisions ?? [])].sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const division = await request<StandingsResponse>(
        `${server.url}/api/v1/contests/${contests.get('divisions')!.id}/standings?division=${encodeURIComponent(name)}`,
        'GET',
      );
      expect([name, division.status, division.body.entries.map((e) => e.rep?.externalId)]).toEqual([
        name,
        200,
        [name],
      ]);
    }
  }, 120_000);

  it('explains, places and lists wins for each of them', async () => {
    for (const [, contest] of contests) {
      for (const name of NAMES) {
        const rep = encodeURIComponent(name);
        for (const path of [
          `/api/v1/contests/${contest.id}/standings/around/${rep}`,
          `/api/v1/contests/${contest.id}/standings/explain/${rep}`,
          `/api/v1/reps/${rep}/wins`,
        ]) {
          const answer = await request(`${server.url}${path}`, 'GET');
          expect([path, answer.status]).toEqual([path, 200]);
        }
      }
    }
  });

  it('serves them over the websocket, with "around me" for each', async () => {
    const live = new LiveClient(server.url);
    try {
      for (const [kind, contest] of contests) {
        for (const name of NAMES) {
          const ack = await live.subscribe(contest.id, { rep: name });
          expect([kind, name, ack.ok]).toEqual([kind, name, true]);
        }
      }
    } finally {
      live.close();
    }
  });
});
