import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type {
  AwardResponse,
  ContestResponse,
  CreateContestRequest,
  HallOfFameResponse,
  PairedScreenResponse,
  PairingResponse,
  PeriodResultResponse,
  RepWinsResponse,
  ScreenResponse,
  SessionResponse,
  StandingEntry,
  StandingsMessage,
  StandingsResponse,
  WonPrizeResponse,
} from '#contracts';
import { periodContaining, type Weekday } from '#domain';
import { ContestEntity, createDataSource } from '#persistence';
import { ContestLifecycleService, FinalisePeriodUseCase } from '#scoring';
import {
  deleteRedisKeys,
  licenseSold,
  LiveClient,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  type PodiumProcess,
} from '#testing';

/**
 * The privacy property: for every view of results (every results route of the app's own route table,
 * and the websocket's snapshots and updates) and every kind of principal, nothing below the public
 * length of a board and, on screens, no rep who hides from TVs appears, unless the viewer may see the
 * full board or the line is their own. And nothing of it is left out either: each view lists exactly
 * the lines the rule allows.
 *
 * The rule is written out here by hand from the product rules (who manages what, whose lines are
 * whose), independently of libs/domain; the ground truth (who stands where) is the admin's full view.
 */

const PUBLIC_TOP_N = 4;
const SCREEN_TOP_N = 3;
const PASSWORD = 'a long enough password 42';
const MINUTE = 60_000;

type Who =
  'admin' | 'managerNorth' | 'managerSouth' | 'repNorth' | 'repSouth' | 'screen' | 'ingest' | 'anonymous';
const EVERYONE: readonly Who[] = [
  'admin',
  'managerNorth',
  'managerSouth',
  'repNorth',
  'repSouth',
  'screen',
  'ingest',
  'anonymous',
];

/**
 * The contests: `all` company-wide with shared ranks (a tie straddles the public cut); `north` for team
 * north only; `divisions` company-wide with a board per team; `teams` a team contest of north and south.
 */
type ContestName = 'all' | 'north' | 'divisions' | 'teams';
const CONTESTS: readonly ContestName[] = ['all', 'north', 'divisions', 'teams'];

/** Who may see which contest at all (everyone else gets 403, or 401 without a valid token). */
const SEES: Record<Who, readonly ContestName[]> = {
  admin: CONTESTS,
  managerNorth: CONTESTS,
  managerSouth: ['all', 'divisions', 'teams'],
  repNorth: CONTESTS,
  repSouth: ['all', 'divisions', 'teams'],
  screen: ['all', 'north', 'teams'],
  ingest: [],
  anonymous: [],
};
/** Who sees which contest's whole board: admins, and managers of every participant team. */
const FULL: Record<Who, readonly ContestName[]> = {
  admin: CONTESTS,
  managerNorth: ['north'],
  managerSouth: [],
  repNorth: [],
  repSouth: [],
  screen: [],
  ingest: [],
  anonymous: [],
};

/** One line of a board, where it stands. */
interface Line {
  readonly kind: 'rep' | 'team';
  /** The rep's external id or the team's key. */
  readonly key: string;
  readonly position: number;
  readonly total: number;
}

describe('privacy: every view of results shows each principal only what the rule allows', () => {
  const prefix = uniquePrefix('privacy');
  let server: PodiumProcess;
  let worker: PodiumProcess;
  let dataSource: DataSource;
  let now = Date.now();
  let lifecycle: ContestLifecycleService;
  const tokens = new Map<Who, string | null>();
  const source = uid('src');
  const north = uid('north');
  const south = uid('south');
  const contestIds = new Map<ContestName, string>();
  const nameOf = (id: string): ContestName | undefined =>
    [...contestIds].find(([, contestId]) => contestId === id)?.[0];
  /** Reps: external id -> team and whether they hide from TVs. */
  const reps = new Map<string, { team: string; hidden: boolean }>();
  const northReps = Array.from({ length: 7 }, (_, i) => uid(`n${i + 1}`));
  const southReps = Array.from({ length: 5 }, (_, i) => uid(`s${i + 1}`));
  /** repNorth is n6 (low on every board), repSouth is s2; n1 and s1 (first of their boards) hide from TVs. */
  const repNorth = northReps[5] ?? '';
  const repSouth = southReps[1] ?? '';
  const unknownRep = uid('nobody');
  let weekStart = 0;
  /** A contest with per-rep targets (reps' own quotas): on the screen's board, off the ranking checks. */
  let targetsContest = '';

  const call = async <T>(who: Who, method: string, path: string, body?: unknown) => {
    const token = tokens.get(who) ?? null;
    return request<T>(`${server.url}${path}`, method, body, undefined, token);
  };
  const get = <T>(who: Who, path: string) => call<T>(who, 'GET', path);
  const id = (name: ContestName) => contestIds.get(name) ?? '';

  /** The viewer's own lines, wherever they rank: a rep their own and their team's; a manager their team's. */
  function own(who: Who, line: Pick<Line, 'kind' | 'key'>): boolean {
    const team = line.kind === 'team' ? line.key : (reps.get(line.key)?.team ?? null);
    switch (who) {
      case 'managerNorth':
        return team === north;
      case 'managerSouth':
        return team === south;
      case 'repNorth':
        return line.kind === 'rep' ? line.key === repNorth : line.key === north;
      case 'repSouth':
        return line.kind === 'rep' ? line.key === repSouth : line.key === south;
      case 'admin':
      case 'screen':
      case 'ingest':
      case 'anonymous':
        return false;
    }
  }

  /** The rule, by hand: may `who` see this line of a board of `contest`? */
  function allowed(who: Who, contest: ContestName, line: Line): boolean {
    if (!SEES[who].includes(contest)) return false;
    if (FULL[who].includes(contest) || own(who, line)) return true;
    const topN = who === 'screen' ? SCREEN_TOP_N : PUBLIC_TOP_N;
    const hidden = line.kind === 'rep' && (reps.get(line.key)?.hidden ?? false);
    // In the top N, and at least as many lines below it as above it (never in the lower half).
    const inTop = line.position <= topN;
    const notLowerHalf = line.total - line.position >= line.position - 1;
    return inTop && notLowerHalf && !(who === 'screen' && hidden);
  }

  /** Whether `who` may see one rep's full position and explanation: admins, the rep, their managers. */
  function seesRep(who: Who, rep: string): boolean {
    if (who === 'admin') return true;
    if (who === 'repNorth' || who === 'repSouth') return rep === (who === 'repNorth' ? repNorth : repSouth);
    if (who === 'managerNorth' || who === 'managerSouth') {
      return reps.get(rep)?.team === (who === 'managerNorth' ? north : south);
    }
    return false;
  }

  /** Every check made, for the test's own sanity: the rule cut something and let something through. */
  const outcomes = { shown: 0, cut: 0, cutForHiding: 0 };
  /**
   * Asserts that `got` lists exactly the items of `full` (the admin's view) that the rule lets `who`
   * see, where `placeOf` tells the contest and line of each item; in the same order unless `anyOrder`.
   */
  function expectLines<T>(
    who: Who,
    what: string,
    full: readonly T[],
    placeOf: (item: T) => [ContestName, Line],
    got: readonly T[],
    keyOf: (item: T) => string,
    anyOrder = false,
  ): void {
    const expected = full.filter((item) => {
      const [contest, line] = placeOf(item);
      const ok = allowed(who, contest, line);
      if (ok) outcomes.shown++;
      else {
        outcomes.cut++;
        if (who === 'screen' && line.kind === 'rep' && reps.get(line.key)?.hidden === true) {
          outcomes.cutForHiding++;
        }
      }
      return ok;
    });
    const keys = (items: readonly T[]) => (anyOrder ? items.map(keyOf).sort() : items.map(keyOf));
    expect({ who, what, lines: keys(got) }).toEqual({ who, what, lines: keys(expected) });
  }

  const entryKey = (e: StandingEntry) => (e.rep !== null ? `rep:${e.rep.externalId}` : `team:${e.team?.key}`);

  /** The admin's full live board of a contest (division: a team key on the division contest). */
  async function fullBoard(contest: ContestName, division: string | null): Promise<StandingsResponse> {
    const query = division === null ? '' : `&division=${division}`;
    const answer = await get<StandingsResponse>(
      'admin',
      `/api/v1/contests/${id(contest)}/standings?top=100${query}`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  }
  /** Where each entry of a full live board stands. */
  function liveLines(board: StandingsResponse): Map<string, Line> {
    return new Map(
      board.entries.map((e, i) => [
        entryKey(e),
        {
          kind: e.rep !== null ? 'rep' : 'team',
          key: e.rep?.externalId ?? e.team?.key ?? '',
          position: i + 1,
          total: board.total,
        } satisfies Line,
      ]),
    );
  }
  const divisionsOf = (contest: ContestName): (string | null)[] =>
    contest === 'divisions' ? [north, south] : [null];

  /** The admin's frozen period of a contest, with where every line and every winner stands. */
  const finals = new Map<ContestName, PeriodResultResponse>();
  function awardLine(contest: ContestName, a: AwardResponse): Line {
    const board = finals.get(contest)?.boards.find((b) => b.division === a.division);
    const index = board?.entries.findIndex(
      (e) => e.kind === a.winner.kind && e.externalId === a.winner.externalId,
    );
    if (board === undefined || index === undefined || index < 0)
      throw new Error(`no line for ${JSON.stringify(a)}`);
    return { kind: a.winner.kind, key: a.winner.externalId, position: index + 1, total: board.total };
  }
  const awardKey = (a: AwardResponse) =>
    `${a.division ?? ''}|${a.kind}|${a.rank ?? a.atLeast ?? ''}|${a.winner.kind}:${a.winner.externalId}`;
  const wonKey = (w: WonPrizeResponse) => `${w.contestId}|${Date.parse(w.period.start)}|${awardKey(w.award)}`;
  const wonPlace = (w: WonPrizeResponse): [ContestName, Line] => {
    const contest = nameOf(w.contestId);
    if (contest === undefined) throw new Error(`a prize of another contest: ${JSON.stringify(w)}`);
    return [contest, awardLine(contest, w.award)];
  };
  const mayShow = (who: Who, w: WonPrizeResponse) => allowed(who, ...wonPlace(w));

  /** What a principal answers for a contest it may not see (or any, without a token that may read). */
  function refused(who: Who, status: number): boolean {
    return who === 'anonymous' ? status === 401 : status === 403;
  }

  /**
   * Every results route of the app, each checked for every principal. A route of the `standings` or
   * `results` tag in the app's route table (the OpenAPI document Nest builds from the controllers)
   * without an entry here fails the test, so a new view of results is never silently unchecked.
   */
  const VIEWS: Record<string, { phase: 'live' | 'final'; check: (who: Who) => Promise<void> }> = {
    'GET /api/v1/contests/{id}/standings': {
      phase: 'live',
      check: async (who) => {
        for (const contest of CONTESTS) {
          for (const division of divisionsOf(contest)) {
            const full = await fullBoard(contest, division);
            const query = division === null ? '' : `&division=${division}`;
            const answer = await get<StandingsResponse>(
              who,
              `/api/v1/contests/${id(contest)}/standings?top=100${query}`,
            );
            if (!SEES[who].includes(contest)) {
              expect({
                who,
                contest,
                status: answer.status,
                refused: refused(who, answer.status),
              }).toMatchObject({
                refused: true,
              });
              continue;
            }
            expect(answer.status).toBe(200);
            expect(answer.body.total).toBe(full.total);
            const lines = liveLines(full);
            expectLines(
              who,
              `${contest} standings ${division ?? ''}`,
              full.entries,
              (e) => [contest, lines.get(entryKey(e)) as Line],
              answer.body.entries,
              entryKey,
            );
          }
        }
      },
    },
    'GET /api/v1/contests/{id}/standings/around/{rep}': {
      phase: 'live',
      check: async (who) => {
        for (const contest of CONTESTS) {
          for (const rep of [...reps.keys(), unknownRep]) {
            const answer = await get<StandingsResponse>(
              who,
              `/api/v1/contests/${id(contest)}/standings/around/${rep}`,
            );
            if (!SEES[who].includes(contest) || !seesRep(who, rep)) {
              // Unknown and invisible reps answer the same.
              expect({ who, contest, rep, refused: refused(who, answer.status) }).toEqual({
                who,
                contest,
                rep,
                refused: true,
              });
              continue;
            }
            expect(answer.status).toBe(200);
            const division = contest === 'divisions' ? (reps.get(rep)?.team ?? null) : null;
            const full = await fullBoard(contest, division);
            const around = (
              await get<StandingsResponse>('admin', `/api/v1/contests/${id(contest)}/standings/around/${rep}`)
            ).body;
            const lines = liveLines(full);
            expectLines(
              who,
              `${contest} around ${rep}`,
              around.entries,
              (e) => [contest, lines.get(entryKey(e)) as Line],
              answer.body.entries,
              entryKey,
            );
            // The rep asked for is always there when they are on the board (it is theirs, or their rep's).
            if (lines.has(`rep:${rep}`)) expect(answer.body.entries.map(entryKey)).toContain(`rep:${rep}`);
          }
        }
      },
    },
    'GET /api/v1/contests/{id}/standings/explain/{rep}': {
      phase: 'live',
      check: async (who) => {
        // Not a ranking: one rep's own events, for them and their managers; the same answer for every
        // rep the caller may not see, known or not.
        for (const contest of CONTESTS) {
          for (const rep of [...reps.keys(), unknownRep]) {
            const answer = await get(who, `/api/v1/contests/${id(contest)}/standings/explain/${rep}`);
            const may = SEES[who].includes(contest) && seesRep(who, rep);
            expect({
              who,
              contest,
              rep,
              ok: answer.status === 200,
              refused: refused(who, answer.status),
            }).toEqual({
              who,
              contest,
              rep,
              ok: may,
              refused: !may,
            });
          }
        }
      },
    },
    'GET /api/v1/contests/{id}/periods': {
      phase: 'final',
      check: async (who) => {
        for (const contest of CONTESTS) {
          const answer = await get<PeriodResultResponse[]>(who, `/api/v1/contests/${id(contest)}/periods`);
          if (!SEES[who].includes(contest)) {
            expect({ who, contest, refused: refused(who, answer.status) }).toEqual({
              who,
              contest,
              refused: true,
            });
            continue;
          }
          expect(answer.status).toBe(200);
          const final = finals.get(contest);
          const period = answer.body.find((p) => Date.parse(p.period.start) === weekStart);
          expect(period?.boards.map((b) => [b.division, b.total])).toEqual(
            final?.boards.map((b) => [b.division, b.total]),
          );
          expectLines(
            who,
            `${contest} periods, awards`,
            final?.awards ?? [],
            (a) => [contest, awardLine(contest, a)],
            period?.awards ?? [],
            awardKey,
          );
        }
      },
    },
    'GET /api/v1/contests/{id}/periods/{start}': {
      phase: 'final',
      check: async (who) => {
        for (const contest of CONTESTS) {
          const start = new Date(weekStart).toISOString();
          const answer = await get<PeriodResultResponse>(
            who,
            `/api/v1/contests/${id(contest)}/periods/${start}`,
          );
          if (!SEES[who].includes(contest)) {
            expect({ who, contest, refused: refused(who, answer.status) }).toEqual({
              who,
              contest,
              refused: true,
            });
            continue;
          }
          expect(answer.status).toBe(200);
          const final = finals.get(contest) as PeriodResultResponse;
          for (const board of final.boards) {
            const mine = answer.body.boards.find((b) => b.division === board.division);
            expect(mine?.total).toBe(board.total);
            expectLines(
              who,
              `${contest} period board ${board.division ?? ''}`,
              board.entries,
              (e) => [
                contest,
                {
                  kind: e.kind,
                  key: e.externalId,
                  position: board.entries.indexOf(e) + 1,
                  total: board.total,
                },
              ],
              mine?.entries ?? [],
              (e) => `${e.kind}:${e.externalId}`,
            );
          }
          expectLines(
            who,
            `${contest} period awards`,
            final.awards,
            (a) => [contest, awardLine(contest, a)],
            answer.body.awards,
            awardKey,
          );
        }
      },
    },
    'GET /api/v1/hall-of-fame': {
      phase: 'final',
      check: async (who) => {
        const answer = await get<HallOfFameResponse>(who, '/api/v1/hall-of-fame');
        if (who === 'ingest' || who === 'anonymous') {
          expect({ who, refused: refused(who, answer.status) }).toEqual({ who, refused: true });
          return;
        }
        expect(answer.status).toBe(200);
        const all = allPrizes();
        const visible = all.filter((w) => mayShow(who, w));
        const recent = answer.body.recent.filter((w) => nameOf(w.contestId) !== undefined);
        // Nothing listed that the rule hides.
        expect(recent.filter((w) => !mayShow(who, w)).map(wonKey)).toEqual([]);
        // And nothing left out: this test's prizes are the newest, so unless the 50 listed end with one
        // of them, every one the viewer may see is there.
        const last = answer.body.recent.at(-1);
        if (answer.body.recent.length < 50 || (last !== undefined && nameOf(last.contestId) === undefined)) {
          expectLines(who, 'hall of fame, recent', all, wonPlace, recent, wonKey, true);
        }
        // Reps by wins: each of this test's reps counts exactly the prizes the viewer may see.
        for (const [rep] of reps) {
          const theirs = visible.filter(
            (w) => w.award.winner.kind === 'rep' && w.award.winner.externalId === rep,
          );
          const row = answer.body.reps.find((r) => r.externalId === rep);
          const expected =
            theirs.length === 0
              ? undefined
              : {
                  wins: theirs.filter((w) => w.award.kind === 'rank' && w.award.rank === 1).length,
                  prizes: theirs.length,
                };
          const listedAll = answer.body.reps.length < 100;
          if (listedAll || row !== undefined) {
            expect({
              who,
              rep,
              counts: row === undefined ? undefined : { wins: row.wins, prizes: row.prizes },
            }).toEqual({
              who,
              rep,
              counts: expected,
            });
          }
        }
      },
    },
    'GET /api/v1/reps/{externalId}/wins': {
      phase: 'final',
      check: async (who) => {
        const unknown = await get<{ message: string }>(who, `/api/v1/reps/${unknownRep}/wins`);
        const sameAsUnknown = (rep: string, body: unknown) =>
          JSON.stringify(body).replaceAll(rep, '<rep>') ===
          JSON.stringify(unknown.body).replaceAll(unknownRep, '<rep>');
        for (const [rep] of reps) {
          const answer = await get<RepWinsResponse>(who, `/api/v1/reps/${rep}/wins`);
          if (who === 'screen' || who === 'ingest' || who === 'anonymous') {
            // Screens show boards, not people: no rep's wins, so no hidden rep's name either.
            expect({
              who,
              rep,
              refused: refused(who, answer.status),
              same: answer.status === unknown.status,
            }).toEqual({
              who,
              rep,
              refused: true,
              same: true,
            });
            continue;
          }
          const full = (await get<RepWinsResponse>('admin', `/api/v1/reps/${rep}/wins`)).body.prizes;
          const expected = full.filter((w) => mayShow(who, w));
          if (expected.length === 0 && !seesRep(who, rep)) {
            // Nothing to show of a rep the caller may not see: the same answer as a rep who does not exist.
            expect({ who, rep, status: answer.status, same: sameAsUnknown(rep, answer.body) }).toEqual({
              who,
              rep,
              status: 404,
              same: true,
            });
            outcomes.cut += full.length;
            continue;
          }
          expect(answer.status).toBe(200);
          expectLines(who, `wins of ${rep}`, full, wonPlace, answer.body.prizes, wonKey);
          expect(answer.body.wins).toBe(
            expected.filter((w) => w.award.kind === 'rank' && w.award.rank === 1).length,
          );
        }
        expect(unknown.status).toBe(
          who === 'screen' || who === 'ingest' ? 403 : who === 'anonymous' ? 401 : 404,
        );
      },
    },
  };
  /** Results routes that are not a view of a ranking for anyone who may not see the full board. */
  const NOT_VIEWS: Record<string, string> = {
    'GET /api/v1/contests/{id}/adjustments':
      'results.manage: only for those who manage the contest, who see its full board (the access matrix checks who)',
  };

  /** Every prize of this test's contests, as the admin sees them (all of them). */
  function allPrizes(): WonPrizeResponse[] {
    return [...finals].flatMap(([name, final]) =>
      final.awards.map((award) => ({
        contestId: id(name),
        contestName: final.contestName,
        period: final.period,
        award,
      })),
    );
  }

  async function login(email: string): Promise<string> {
    const answer = await request<SessionResponse>(
      `${server.url}/api/v1/auth/login`,
      'POST',
      { email, password: PASSWORD },
      undefined,
      null,
    );
    if (answer.status !== 200) throw new Error(`login of ${email} failed: ${answer.status}`);
    return answer.body.accessToken;
  }

  async function user(fields: Record<string, unknown>): Promise<string> {
    const email = `${uid('user')}@example.com`;
    const created = await call('admin', 'POST', '/api/v1/users', { email, password: PASSWORD, ...fields });
    expect(created.status).toBe(201);
    return login(email);
  }

  beforeAll(async () => {
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      PUBLIC_TOP_N: String(PUBLIC_TOP_N),
    };
    [worker, server] = await Promise.all([startPodium('worker', env), startPodium('api', env)]);
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
    lifecycle = new ContestLifecycleService(dataSource, new FinalisePeriodUseCase(dataSource), () => now);
    tokens.set('admin', server.adminToken);
    tokens.set('anonymous', null);

    for (const key of [north, south]) {
      expect((await call('admin', 'POST', '/api/v1/teams', { key, name: key })).status).toBe(201);
    }
    for (const [team, list] of [
      [north, northReps],
      [south, southReps],
    ] as const) {
      for (const rep of list) {
        expect(
          (await call('admin', 'PUT', `/api/v1/reps/${rep}`, { displayName: `Rep ${rep}`, team })).status,
        ).toBe(200);
        reps.set(rep, { team, hidden: false });
      }
    }
    tokens.set('managerNorth', await user({ role: 'manager', teams: [north] }));
    tokens.set('managerSouth', await user({ role: 'manager', teams: [south] }));
    tokens.set('repNorth', await user({ role: 'rep', rep: repNorth }));
    tokens.set('repSouth', await user({ role: 'rep', rep: repSouth }));
    // The first of each team hides from TVs (through their own account, as a rep does).
    for (const rep of [northReps[0] ?? '', southReps[0] ?? '']) {
      const token = await user({ role: 'rep', rep });
      const hidden = await request(
        `${server.url}/api/v1/me`,
        'PATCH',
        { hiddenFromTv: true },
        undefined,
        token,
      );
      expect(hidden.status).toBe(200);
      reps.set(rep, { team: reps.get(rep)?.team ?? '', hidden: true });
    }

    // Weekly contests whose week started three days ago, so the test never straddles a real boundary.
    const realNow = Date.now();
    const today = new Date(realNow).getUTCDay() || 7;
    const weekStartsOn = (((((today - 3 - 1) % 7) + 7) % 7) + 1) as Weekday;
    const period = { kind: 'weekly', timeZone: 'UTC', weekStartsOn } as const;
    const week = periodContaining(period, realNow);
    weekStart = week.start;
    const ranks = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ rank: i + 1, prize: { name: `Prize ${i + 1}` } }));
    const base = (name: string): CreateContestRequest => ({
      name: uid(name),
      metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
      period,
      filters: [{ field: 'source', op: 'eq', value: source }],
    });
    const definitions: [ContestName, CreateContestRequest][] = [
      [
        'all',
        {
          ...base('All'),
          tieRule: 'shared',
          prizes: { ranks: ranks(12), thresholds: [{ atLeast: 1, prize: { name: 'Club' } }] },
        },
      ],
      [
        'north',
        {
          ...base('North'),
          participants: { kind: 'teams', teams: [north] },
          prizes: { ranks: ranks(7), thresholds: [] },
        },
      ],
      ['divisions', { ...base('Divisions'), divisions: 'team', prizes: { ranks: ranks(5), thresholds: [] } }],
      [
        'teams',
        {
          ...base('Teams'),
          kind: 'team',
          participants: { kind: 'teams', teams: [north, south] },
          prizes: { ranks: ranks(2), thresholds: [] },
        },
      ],
    ];
    for (const [name, definition] of definitions) {
      const created = await call<ContestResponse>('admin', 'POST', '/api/v1/contests', definition);
      expect(created.status).toBe(201);
      contestIds.set(name, created.body.id);
    }
    const targeted = await call<ContestResponse>('admin', 'POST', '/api/v1/contests', {
      ...base('Targets'),
      targets: { default: 10, perRep: { [northReps[0] ?? '']: 20, [repNorth]: 5, [repSouth]: 8 } },
    });
    expect(targeted.status).toBe(201);
    targetsContest = targeted.body.id;
    const screen = await call<ScreenResponse & { pairing: PairingResponse }>(
      'admin',
      'POST',
      '/api/v1/screens',
      {
        name: 'Floor TV',
        contestIds: [id('all'), id('north'), id('teams'), targetsContest],
        topN: SCREEN_TOP_N,
      },
    );
    expect(screen.status).toBe(201);
    const paired = await request<PairedScreenResponse>(
      `${server.url}/api/v1/screens/pair`,
      'POST',
      { code: screen.body.pairing.code },
      undefined,
      null,
    );
    expect(paired.status).toBe(200);
    tokens.set('screen', paired.body.token);
    const key = await call<{ key: string }>('admin', 'POST', '/api/v1/api-keys', { name: 'CRM' });
    expect(key.status).toBe(201);
    tokens.set('ingest', key.body.key);

    // n3 and s2 tie at 20: under shared ranks both are 4th, at lines 4 and 5 of 12, where the public cut is.
    const scores = new Map<string, number>([
      [northReps[0] ?? '', 30],
      [southReps[0] ?? '', 25],
      [northReps[1] ?? '', 22],
      [southReps[1] ?? '', 20],
      [northReps[2] ?? '', 20],
      [northReps[3] ?? '', 15],
      [southReps[2] ?? '', 12],
      [northReps[4] ?? '', 10],
      [southReps[3] ?? '', 8],
      [northReps[5] ?? '', 5],
      [southReps[4] ?? '', 3],
      [northReps[6] ?? '', 1],
    ]);
    const sales = [...scores].map(([rep, quantity], i) =>
      licenseSold(source, rep, quantity, new Date(realNow - (60 - i) * MINUTE).toISOString()),
    );
    expect((await call('ingest', 'POST', '/api/v1/events', { events: sales })).status).toBe(202);
    await waitFor(
      async () =>
        (await fullBoard('all', null)).total === 12 &&
        (await fullBoard('teams', null)).entries[0]?.score === 103,
      'the sales scored',
    );
    // The worker's first rebuild of each contest is done before anything is read (and before finalising).
    for (const name of CONTESTS) {
      await waitFor(
        async () =>
          (await dataSource.getRepository(ContestEntity).findOneByOrFail({ id: id(name) })).rebuiltAt !==
          null,
        'the first rebuild',
      );
    }
    now = week.end + 16 * MINUTE;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), worker?.stop()]);
    await dataSource?.destroy();
    await deleteRedisKeys(prefix);
  });

  async function waitFor(ok: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!(await ok())) {
      if (Date.now() > deadline) throw new Error(`${what} never happened`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('covers every results route of the app’s route table', async () => {
    const document = await request<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
      `${server.url}/api/docs-json`,
      'GET',
      undefined,
      undefined,
      null,
    );
    const results = Object.entries(document.body.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(
          ([method, op]) =>
            method === 'get' && (op.tags ?? []).some((t) => t === 'standings' || t === 'results'),
        )
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((route) => VIEWS[route] === undefined && NOT_VIEWS[route] === undefined)).toEqual(
      [],
    );
    expect(Object.keys(VIEWS).filter((route) => !results.includes(route))).toEqual([]);
  });

  it('lists per-rep targets in contest definitions only for reps whose lines the caller may see', async () => {
    const expected: Record<Who, string[] | 'refused'> = {
      admin: [northReps[0] ?? '', repNorth, repSouth],
      managerNorth: [northReps[0] ?? '', repNorth],
      managerSouth: [repSouth],
      repNorth: [repNorth],
      repSouth: [repSouth],
      screen: [],
      ingest: 'refused',
      anonymous: 'refused',
    };
    for (const who of EVERYONE) {
      const one = await get<ContestResponse>(who, `/api/v1/contests/${targetsContest}`);
      const listed = await get<ContestResponse[]>(who, '/api/v1/contests');
      const keys = (c: ContestResponse | undefined) => Object.keys(c?.targets?.perRep ?? {}).sort();
      const got =
        one.status === 200
          ? { one: keys(one.body), listed: keys(listed.body.find((c) => c.id === targetsContest)) }
          : refused(who, one.status) && refused(who, listed.status)
            ? 'refused'
            : `status ${one.status}`;
      const want = expected[who];
      expect({ who, got }).toEqual({
        who,
        got: want === 'refused' ? want : { one: [...want].sort(), listed: [...want].sort() },
      });
      if (one.status === 200) expect(one.body.targets?.default).toBe(10);
    }
  });

  it('shows every live view (standings, around-me, explanations) only as the rule allows, to every principal', async () => {
    for (const [route, view] of Object.entries(VIEWS)) {
      if (view.phase !== 'live') continue;
      for (const who of EVERYONE)
        await view
          .check(who)
          .catch((error: unknown) => Promise.reject(new Error(`${route} as ${who}: ${String(error)}`)));
    }
    expect(outcomes.shown).toBeGreaterThan(0);
    expect(outcomes.cut).toBeGreaterThan(0);
    expect(outcomes.cutForHiding).toBeGreaterThan(0);
  }, 120_000);

  it('shows websocket snapshots and updates only as the rule allows, to every principal', async () => {
    const watchers: {
      who: Who;
      contest: ContestName;
      rep: string | null;
      client: LiveClient;
      version: number;
    }[] = [];
    const check = async (who: Who, contest: ContestName, message: StandingsMessage, rep: string | null) => {
      const full = await fullBoard(contest, message.division ?? null);
      expect(full.version).toBe(message.version);
      const lines = liveLines(full);
      const placeOf = (e: StandingEntry): [ContestName, Line] => [contest, lines.get(entryKey(e)) as Line];
      expectLines(who, `${contest} websocket top`, full.entries, placeOf, message.top, entryKey);
      if (rep !== null) {
        const around = (
          await get<StandingsResponse>('admin', `/api/v1/contests/${id(contest)}/standings/around/${rep}`)
        ).body;
        expectLines(
          who,
          `${contest} websocket around ${rep}`,
          around.entries,
          placeOf,
          message.around ?? [],
          entryKey,
        );
      }
    };
    try {
      for (const who of EVERYONE) {
        if (who === 'ingest' || who === 'anonymous') continue;
        const subject =
          who === 'managerSouth' || who === 'repSouth' ? repSouth : who === 'screen' ? null : repNorth;
        for (const contest of CONTESTS) {
          for (const rep of subject === null ? [null] : [null, subject]) {
            const client = new LiveClient(server.url, tokens.get(who) ?? null);
            const ack = await client.subscribe(id(contest), rep === null ? { top: 100 } : { top: 100, rep });
            if (!SEES[who].includes(contest)) {
              expect({ who, contest, ok: ack.ok }).toEqual({ who, contest, ok: false });
              client.close();
              continue;
            }
            if (!ack.ok) throw new Error(`${who} ${contest}: ${ack.error}`);
            await check(who, contest, ack.snapshot, rep);
            watchers.push({ who, contest, rep, client, version: ack.snapshot.version });
          }
        }
        // A screen never watches one rep.
        if (who === 'screen') {
          const client = new LiveClient(server.url, tokens.get(who) ?? null);
          const ack = await client.subscribe(id('all'), { rep: repNorth });
          client.close();
          expect(ack.ok).toBe(false);
        }
      }
      // n7 climbs from the last line to the middle of the board: every watcher gets an update.
      const climb = licenseSold(
        source,
        northReps[6] ?? '',
        10,
        new Date(Date.now() - 5 * MINUTE).toISOString(),
      );
      expect((await call('ingest', 'POST', '/api/v1/events', climb)).status).toBe(202);
      await waitFor(
        async () =>
          (await fullBoard('teams', null)).entries[0]?.score === 113 &&
          (await fullBoard('all', null)).entries.some(
            (e) => e.rep?.externalId === northReps[6] && e.score === 11,
          ),
        'the climb scored',
      );
      const versions = new Map<ContestName, number>();
      for (const contest of CONTESTS) versions.set(contest, (await fullBoard(contest, null)).version);
      for (const watcher of watchers) {
        const current = versions.get(watcher.contest) ?? 0;
        expect(current).toBeGreaterThan(watcher.version);
        const update = await watcher.client.waitFor(
          (m) => m.contestId === id(watcher.contest) && m.version >= current,
          15_000,
        );
        await check(watcher.who, watcher.contest, update, watcher.rep);
      }
    } finally {
      for (const watcher of watchers) watcher.client.close();
    }
  }, 120_000);

  it('shows every finished view (periods, period boards, hall of fame, wins) only as the rule allows, to every principal', async () => {
    const tick = await lifecycle.tick();
    for (const name of CONTESTS)
      expect(tick.finalised).toContainEqual({ contestId: id(name), periodStart: weekStart });
    for (const name of CONTESTS) {
      const final = await get<PeriodResultResponse>(
        'admin',
        `/api/v1/contests/${id(name)}/periods/${new Date(weekStart).toISOString()}`,
      );
      expect(final.status).toBe(200);
      finals.set(name, final.body);
    }
    // The seeded shape: 12 on the company board, a tie at lines 4 and 5 sharing rank 4, prizes to the last line.
    const all = finals.get('all');
    expect(all?.boards[0]?.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 4, 6, 7, 8, 9, 10, 11, 12]);
    expect(all?.awards.filter((a) => a.kind === 'rank')).toHaveLength(12);
    expect(
      finals
        .get('divisions')
        ?.boards.map((b) => b.total)
        .sort(),
    ).toEqual([5, 7]);
    expect(finals.get('teams')?.boards[0]?.entries.map((e) => e.externalId)).toEqual([north, south]);
    const before = { ...outcomes };
    for (const [route, view] of Object.entries(VIEWS)) {
      if (view.phase !== 'final') continue;
      for (const who of EVERYONE)
        await view
          .check(who)
          .catch((error: unknown) => Promise.reject(new Error(`${route} as ${who}: ${String(error)}`)));
    }
    expect(outcomes.shown).toBeGreaterThan(before.shown);
    expect(outcomes.cut).toBeGreaterThan(before.cut);
    expect(outcomes.cutForHiding).toBeGreaterThan(before.cutForHiding);
  }, 180_000);
});
