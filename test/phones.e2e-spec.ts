import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { SessionResponse, StandingEntry, StandingsMessage } from '#contracts';
import { NO_OWN_LINES, type BoardView } from '#domain';
import { createDataSource } from '#persistence';
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
  waitUntil,
  withDb,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';
import { sliceLiveBoards } from '../apps/api/src/standings/board-slice.js';
import { aroundFor, topFor } from '../apps/api/src/standings/board-view.js';
import {
  StandingsReaderService,
  type BoardSnapshot,
} from '../apps/api/src/standings/standings-reader.service.js';

/**
 * Reps' phones at scale: every rep watching their own place in one contest. One ranked read per
 * coalesced update serves every rep's neighbourhood (the gateway's counters, logged at shutdown, say how
 * many reads each update took), each phone gets its own correct lines, and the lines cut in memory equal
 * those a single read gives, for every kind of board.
 */
describe('rep phones: one ranked read per update serves every neighbourhood', () => {
  const prefix = uniquePrefix('phones');
  const PUBLIC_TOP_N = 3;
  const PASSWORD = 'a long enough password 42';
  const env = {
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    PODIUM_KEY_PREFIX: prefix,
    PUBLIC_TOP_N: String(PUBLIC_TOP_N),
  };
  let worker: PodiumProcess;
  let dataSource: DataSource;

  beforeAll(async () => {
    worker = await startPodium('worker', env);
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
  }, 90_000);

  afterAll(async () => {
    await dataSource.destroy();
    await worker.stop();
    await deleteRedisKeys(prefix);
  });

  /** The gateway's whole-run counters, from the line it logs when it stops. */
  function gatewayTotals(output: string) {
    const line =
      /standings flushes=(\d+) boardReads=(\d+) maxReadsPerFlush=(\d+) messages=(\d+) encoded=(\d+)/.exec(
        output,
      );
    if (line === null) throw new Error(`no gateway totals in the api's output:\n${output.slice(-2000)}`);
    const [flushes, reads, maxReads, messages, encoded] = line.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return { flushes, reads, maxReads, messages, encoded };
  }

  /**
   * A snapshot without its reps' lookup (a cut carries every rep of the board, a single read only the
   * listed ones; `topFor`/`aroundFor` are compared separately to show they decide the same).
   */
  const withoutReps = (s: BoardSnapshot) => ({ ...s, reps: null });

  const line = (e: StandingEntry) => [e.rep?.externalId ?? e.team?.key, e.rank, e.score, e.gapToNext];

  it('sends every rep their own neighbourhood with one board read per coalesced update', async () => {
    const api = await startPodium('api', env);
    const clients: LiveClient[] = [];
    try {
      const http = new PodiumApi(api.url);
      const src = uid('src');
      const contest = await http.createContest({
        name: `phones ${uid()}`,
        filters: [{ field: 'source', op: 'eq', value: src }],
        metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
        period: YEAR_2026,
      });
      const reps = Array.from({ length: 24 }, (_, i) => uid(`r${i}`));
      // Distinct scores, rep i at i+1 points: rep 0 last.
      const seeded = await http.postEvents(
        reps.map((r, i) => licenseSold(src, r, i + 1, `2026-03-01T09:${String(i).padStart(2, '0')}:00Z`)),
      );
      expect(seeded.status).toBe(202);
      await http.waitForStandings(contest.id, (s) => s.total === reps.length);

      // A rep signed in on their own phone sees only what the privacy rule lets them (public view).
      const ownRep = reps[4] ?? '';
      const email = `${uid('phone')}@example.com`;
      const created = await request(`${api.url}/api/v1/users`, 'POST', {
        email,
        password: PASSWORD,
        role: 'rep',
        rep: ownRep,
      });
      expect(created.status).toBe(201);
      const login = await request<SessionResponse>(
        `${api.url}/api/v1/auth/login`,
        'POST',
        { email, password: PASSWORD },
        undefined,
        null,
      );
      expect(login.status).toBe(200);

      interface Phone {
        readonly rep: string;
        readonly client: LiveClient;
        readonly snapshot: StandingsMessage;
        readonly asRep: boolean;
      }
      const phones: Phone[] = [];
      const open = async (rep: string, token?: string) => {
        const client = new LiveClient(api.url, token);
        clients.push(client);
        const ack = await client.subscribe(contest.id, { top: 5, rep });
        if (!ack.ok) throw new Error(ack.error);
        phones.push({ rep, client, snapshot: ack.snapshot, asRep: token !== undefined });
      };
      for (const rep of reps) await open(rep);
      // Two more phones of the first rep (same view): one message for the three of them.
      await open(reps[0] ?? '');
      await open(reps[0] ?? '');
      await open(ownRep, login.body.accessToken);

      // Three changes, each seen by the phones as coalesced updates.
      for (const [rep, quantity] of [
        [reps[0], 30],
        [reps[10], 5],
        [reps[4], 2],
      ] as const) {
        expect(
          (await http.postEvents([licenseSold(src, rep ?? '', quantity, '2026-03-02T10:00:00Z')])).status,
        ).toBe(202);
        await new Promise((r) => setTimeout(r, 250));
      }
      const scored = await http.waitForStandings(contest.id, (s) =>
        [
          [reps[0], 31],
          [reps[10], 16],
          [reps[4], 7],
        ].every(([rep, score]) => s.entries.some((e) => e.rep?.externalId === rep && e.score === score)),
      );
      const { version } = scored;
      await waitUntil(
        'every phone holds the final version',
        () => phones.every((p) => p.client.messages.at(-1)?.version === version),
        15_000,
      );

      const board = (await http.standings(contest.id, 100)).body;
      expect(board.version).toBe(version);
      for (const phone of phones) {
        const { messages } = phone.client;
        // Versions only go forward and each update names the one before it: no gap, nothing twice.
        messages.forEach((m, i) => {
          expect(m.previousVersion).toBe(i === 0 ? phone.snapshot.version : messages[i - 1]?.version);
          expect(m.version).toBeGreaterThan(m.previousVersion ?? 0);
        });
        const last = messages.at(-1) as StandingsMessage;
        const around = await http.around(contest.id, phone.rep);
        expect(around.body.version).toBe(version);
        if (!phone.asRep) {
          expect(last.top.map(line)).toEqual(board.entries.slice(0, 5).map(line));
          expect((last.around ?? []).map(line)).toEqual(around.body.entries.map(line));
        } else {
          // The public board (at most PUBLIC_TOP_N, never the lower half) and, of the neighbourhood,
          // only the rep's own line: their neighbours stand below the public cut.
          const own = around.body.entries.find((e) => e.rep?.externalId === ownRep) as StandingEntry;
          expect(own.rank).toBeGreaterThan(PUBLIC_TOP_N + 2);
          expect(last.top.map(line)).toEqual(board.entries.slice(0, PUBLIC_TOP_N).map(line));
          expect((last.around ?? []).map(line)).toEqual([line(own)]);
        }
      }
    } finally {
      clients.forEach((c) => c.close());
      await api.stop();
    }
    const totals = gatewayTotals(api.output());
    // One board read per coalesced update, whatever the number of reps watching.
    expect(totals.flushes).toBeGreaterThan(0);
    expect(totals.maxReads).toBe(1);
    expect(totals.reads).toBe(totals.flushes);
    // The three phones of one rep shared their messages: fewer encodings than deliveries.
    expect(totals.messages).toBeGreaterThan(0);
    expect(totals.encoded).toBeLessThanOrEqual(totals.messages - 2);
  }, 120_000);

  it('cuts every board and neighbourhood from one read exactly as a single read gives them', async () => {
    const api = await startPodium('api', env);
    try {
      const http = new PodiumApi(api.url);
      const src = uid('src');
      const [north, south] = [uid('north'), uid('south')];
      for (const key of [north, south]) {
        expect((await request(`${api.url}/api/v1/teams`, 'POST', { key, name: key })).status).toBe(201);
      }
      const reps = Array.from({ length: 14 }, (_, i) => uid(`c${i}`));
      for (const [i, rep] of reps.entries()) {
        const team = i % 3 === 2 ? null : i % 2 === 0 ? north : south;
        const put = await request(`${api.url}/api/v1/reps/${rep}`, 'PUT', {
          displayName: `Rep ${i}`,
          ...(team === null ? {} : { team }),
        });
        expect(put.status).toBe(200);
      }
      // Reps who hide from TVs (a rep does it through their own account; the fixture sets the flag).
      await withDb((db) =>
        db.query(`UPDATE reps SET hidden_from_tv = true WHERE external_id = ANY($1::text[])`, [
          [reps[1], reps[6]],
        ]),
      );
      const base = {
        filters: [{ field: 'source' as const, op: 'eq' as const, value: src }],
        metric: { kind: 'sum_quantity' as const, eventTypes: ['license_sold'] },
        period: YEAR_2026,
      };
      const contests = await Promise.all(
        [
          { name: `plain ${uid()}` },
          { name: `shared ${uid()}`, tieRule: 'shared' as const },
          { name: `minimum ${uid()}`, minScore: 3 },
          { name: `divisions ${uid()}`, divisions: 'team' as const },
        ].map((c) => http.createContest({ ...base, ...c })),
      );
      // Scores with ties (1, 1, 2, 2, ...), so shared ranks and the tie order both show.
      const posted = await http.postEvents(
        reps.map((r, i) =>
          licenseSold(src, r, 1 + Math.floor(i / 2), `2026-04-01T08:${String(20 - i).padStart(2, '0')}:00Z`),
        ),
      );
      expect(posted.status).toBe(202);
      await http.waitForStandings(contests[0]?.id ?? '', (s) => s.total === reps.length);
      await http.waitForStandings(contests[1]?.id ?? '', (s) => s.total === reps.length);

      const reader = new StandingsReaderService(dataSource, Date.now);
      const views: BoardView[] = [
        { kind: 'full' },
        // A screen: its own top N, without the reps who hide from TVs.
        { kind: 'public', topN: 4, hideHidden: true, own: NO_OWN_LINES },
        ...[reps[0], reps[7], reps[13]].map((rep): BoardView => ({
          kind: 'public',
          topN: PUBLIC_TOP_N,
          hideHidden: false,
          own: { rep: rep ?? null, team: null, teams: [] },
        })),
        {
          kind: 'public',
          topN: PUBLIC_TOP_N,
          hideHidden: false,
          own: { rep: null, team: null, teams: [south] },
        },
      ];
      let compared = 0;
      for (const contest of contests) {
        const live = await reader.live(contest.id, 7, true);
        const divisions = live.divided ? [null, ...live.divisions, uid('nowhere')] : [null];
        for (const division of divisions) {
          for (const rep of [null, ...reps, uid('nobody')]) {
            const single = await reader.snapshot(contest.id, 7, rep, null, division);
            const cut = sliceLiveBoards(live, 7, rep, division) as BoardSnapshot;
            expect(single.version).toBe(live.version);
            expect(withoutReps(cut)).toEqual(withoutReps(single));
            for (const view of views) {
              expect(topFor(cut, view, 5)).toEqual(topFor(single, view, 5));
              expect(aroundFor(cut, view)).toEqual(aroundFor(single, view));
            }
            compared++;
          }
        }
        expect(live.complete).toBe(true);
        // Without a rep watching, a plain board is read only to its top.
        const topOnly = await reader.live(contest.id, 4, false);
        const head = sliceLiveBoards(topOnly, 4, null, null) as BoardSnapshot;
        expect(withoutReps(head)).toEqual(withoutReps(await reader.snapshot(contest.id, 4, null)));
      }
      expect(compared).toBeGreaterThan(4 * reps.length);
      // A division on a contest without divisions: a single read refuses it, the cut gives nothing.
      const plain = await reader.live(contests[0]?.id ?? '', 5, true);
      expect(sliceLiveBoards(plain, 5, reps[0] ?? null, north)).toBeNull();
      await expect(reader.snapshot(contests[0]?.id ?? '', 5, reps[0] ?? null, null, north)).rejects.toThrow(
        /division/,
      );
    } finally {
      await api.stop();
    }
  }, 120_000);
});
