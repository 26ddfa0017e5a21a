import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Decoder, Encoder } from 'socket.io-parser';
import { WS_UPDATED } from '#contracts';
import {
  licenseSold,
  PodiumApi,
  startPodium,
  TEST_DATABASE_URL,
  uid,
  weeklyContest,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';
import { LiveStandings, type LiveStatus, type LiveUpdate } from '../apps/web/src/realtime/live-standings.js';

/**
 * What the network does to this client's incoming standings messages: lose the next ones, or deliver an
 * old one again. Plugged in as the client's socket.io parser, so the server, the socket and the module are
 * all real; only the wire between them misbehaves, as it does on a phone.
 */
class Wire {
  /** How many of the next `standings.updated` packets to lose. */
  lose = 0;
  /** Deliver this packet again just before the next `standings.updated` packet. */
  repeatBeforeNext: string | null = null;
  /** Hold back the next acknowledgement (a subscription's snapshot) until the next update came in. */
  holdAck = false;
  private held: string | null = null;
  /** Every `standings.updated` packet that came in, raw, with its version. */
  readonly updates: { raw: string; version: number }[] = [];
  readonly lost: number[] = [];

  parser(): { Encoder: typeof Encoder; Decoder: typeof Decoder } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const wire = this;
    class MisbehavingDecoder extends Decoder {
      override add(chunk: unknown): void {
        // Packet type 3 is an acknowledgement (socket.io protocol v5).
        if (typeof chunk === 'string' && chunk.startsWith('3') && wire.holdAck) {
          wire.holdAck = false;
          wire.held = chunk;
          return;
        }
        if (typeof chunk === 'string' && chunk.includes(`"${WS_UPDATED}"`)) {
          const version = Number(/"version":(\d+)/.exec(chunk)?.[1] ?? NaN);
          wire.updates.push({ raw: chunk, version });
          if (wire.lose > 0) {
            wire.lose -= 1;
            wire.lost.push(version);
            return;
          }
          const repeat = wire.repeatBeforeNext;
          if (repeat !== null) {
            wire.repeatBeforeNext = null;
            super.add(repeat);
          }
          const held = wire.held;
          if (held !== null) {
            wire.held = null;
            super.add(chunk);
            super.add(held);
            return;
          }
        }
        super.add(chunk);
      }
    }
    return { Encoder, Decoder: MisbehavingDecoder };
  }
}

/** Everything a watch delivered and every status the client went through. */
class Recorder {
  readonly updates: LiveUpdate[] = [];
  readonly statuses: LiveStatus[] = [];
  readonly errors: string[] = [];

  async until<T>(find: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = find();
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(
      `never saw ${what}; updates: ${JSON.stringify(this.updates.map((u) => [u.kind, u.message.version]))}, ` +
        `statuses: ${this.statuses.join(' > ')}, errors: ${this.errors.join('; ')}`,
    );
  }

  update(accept: (u: LiveUpdate) => boolean, what: string, timeoutMs?: number): Promise<LiveUpdate> {
    return this.until(() => this.updates.find(accept), what, timeoutMs);
  }

  status(status: LiveStatus, timeoutMs?: number): Promise<LiveStatus> {
    return this.until(() => this.statuses.find((s) => s === status), `status ${status}`, timeoutMs);
  }
}

const scores = (u: LiveUpdate) => u.message.top.map((e) => [e.rep?.externalId, e.score]);

describe(LiveStandings.name, () => {
  let podium: PodiumProcess;
  let port: string;
  const clients: LiveStandings[] = [];

  const env = () => ({ DATABASE_URL: TEST_DATABASE_URL });

  beforeAll(async () => {
    podium = await startPodium('all', env());
    port = new URL(podium.url).port;
  }, 90_000);

  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
  });

  afterAll(async () => {
    await podium?.stop();
  });

  /** A live client of `podium` with the admin's token (or `token`), its wire and what it saw. */
  function client(token: () => string | null = () => podium.adminToken) {
    const wire = new Wire();
    const seen = new Recorder();
    const live = new LiveStandings({
      url: podium.url,
      token,
      socketOptions: { transports: ['websocket'], forceNew: true, parser: wire.parser() },
    });
    clients.push(live);
    live.onStatus((s) => seen.statuses.push(s));
    return { live, wire, seen };
  }

  async function contestWithEvents() {
    const api = new PodiumApi(podium.url);
    const source = uid('src');
    const contest = await api.createContest(weeklyContest(source, { period: YEAR_2026 }));
    const [ana, bob] = [uid('ana'), uid('bob')];
    /** Posts one sale and waits until it is on the board (scoring is asynchronous). */
    const post = async (rep: string, quantity: number, hour: number) => {
      const before = (await api.standings(contest.id)).body.version;
      const answer = await api.postEvents([
        licenseSold(source, rep, quantity, `2026-09-01T${String(hour).padStart(2, '0')}:00:00Z`),
      ]);
      expect(answer.status).toBe(202);
      await api.waitForStandings(contest.id, (s) => s.version > before);
    };
    return { api, source, contest, ana, bob, post };
  }

  it('starts from a snapshot, then applies each newer version in order', async () => {
    const { contest, ana, bob, post } = await contestWithEvents();
    await post(ana, 2, 9);
    const { live, seen } = client();
    live.watch({ contestId: contest.id, rep: ana }, (u) => seen.updates.push(u));

    const snapshot = await seen.update(
      (u) => u.kind === 'snapshot' && u.message.top.length === 1,
      'a snapshot with ana',
    );
    expect(seen.updates[0]).toBe(snapshot);
    expect(scores(snapshot)).toEqual([[ana, 2]]);
    expect(snapshot.message.around?.map((e) => e.rep?.externalId)).toEqual([ana]);
    expect(live.status).toBe('live');

    await post(bob, 5, 10);
    const update = await seen.update((u) => u.message.top.length === 2, 'bob on the board');
    expect(update.kind).toBe('update');
    expect(update.message.previousVersion).toBe(snapshot.message.version);
    expect(update.message.version).toBeGreaterThan(snapshot.message.version);
    expect(scores(update)).toEqual([
      [bob, 5],
      [ana, 2],
    ]);
    // Around-me follows the rep: ana is now second, with bob above her.
    expect(update.message.around?.map((e) => [e.rep?.externalId, e.rank])).toEqual([
      [bob, 1],
      [ana, 2],
    ]);
    // A second listener on the same contest gets the current board at once, from memory.
    const late: LiveUpdate[] = [];
    live.watch({ contestId: contest.id, rep: ana }, (u) => late.push(u));
    expect(late).toEqual([update]);
  });

  it('drops a message older than the board it holds or repeated', async () => {
    const { contest, ana, bob, post } = await contestWithEvents();
    await post(ana, 1, 9);
    const { live, wire, seen } = client();
    live.watch({ contestId: contest.id }, (u) => seen.updates.push(u));
    await seen.update((u) => u.kind === 'snapshot' && u.message.top.length === 1, 'the snapshot');

    await post(bob, 3, 10);
    const first = await seen.update((u) => u.message.top.length === 2, 'the first update');
    const firstRaw = wire.updates.at(-1)?.raw ?? '';
    expect(firstRaw).toContain(`"version":${first.message.version}`);
    // The wire delivers that first update again right before the next one.
    wire.repeatBeforeNext = firstRaw;
    await post(ana, 4, 11);
    const second = await seen.update(
      (u) => u.message.top[0]?.rep?.externalId === ana && u.message.top[0].score === 5,
      'ana back on top',
    );
    expect(wire.repeatBeforeNext).toBeNull(); // the old message did come in again
    expect(second.kind).toBe('update');
    expect(second.message.previousVersion).toBe(first.message.version);
    const versions = seen.updates.map((u) => u.message.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(seen.updates).toHaveLength(3);
  });

  it('applies an update that overtook the snapshot it follows', async () => {
    const { contest, ana, bob, post } = await contestWithEvents();
    await post(ana, 1, 9);
    const { live, wire, seen } = client();
    await seen.status('live');
    wire.holdAck = true;
    live.watch({ contestId: contest.id }, (u) => seen.updates.push(u));
    await seen.until(() => (wire.holdAck ? undefined : true), 'the held acknowledgement');
    await post(bob, 3, 10);

    const update = await seen.update((u) => u.message.top.length === 2, 'the update');
    expect(seen.updates.map((u) => u.kind)).toEqual(['snapshot', 'update']);
    expect(update.message.previousVersion).toBe(seen.updates[0]?.message.version);
    expect(wire.updates).toHaveLength(1);
  });

  it('starts again from a fresh snapshot after it missed a message', async () => {
    const { api, contest, ana, bob, post } = await contestWithEvents();
    await post(ana, 1, 9);
    const { live, wire, seen } = client();
    live.watch({ contestId: contest.id }, (u) => seen.updates.push(u));
    const snapshot = await seen.update((u) => u.kind === 'snapshot', 'the snapshot');

    // The next update is lost on the way: the client cannot know, yet.
    wire.lose = 1;
    await post(bob, 3, 10);
    await seen.until(() => (wire.lost.length === 1 ? true : undefined), 'the lost update');
    expect(seen.updates).toHaveLength(1);

    // The one after it says which version came before: not the one the client holds.
    await post(ana, 4, 11);
    const resync = await seen.update((u) => u.message.version > snapshot.message.version, 'the resync');
    expect(resync.kind).toBe('snapshot');
    expect(resync.message.previousVersion).toBeNull();
    const board = await api.waitForStandings(contest.id, (s) => s.entries[0]?.score === 5);
    expect(resync.message.version).toBe(board.version);
    expect(scores(resync)).toEqual([
      [ana, 5],
      [bob, 3],
    ]);
    // Only the snapshots reached the listener: never the message that followed a gap.
    expect(seen.updates.map((u) => u.kind)).toEqual(['snapshot', 'snapshot']);

    // And it is live again from there.
    await post(bob, 9, 12);
    const next = await seen.update((u) => u.message.top[0]?.score === 12, 'bob on top');
    expect(next.kind).toBe('update');
    expect(next.message.previousVersion).toBe(resync.message.version);
  });

  it('resyncs from a snapshot after the api went away and came back', async () => {
    const { source, contest, ana, bob, post } = await contestWithEvents();
    await post(ana, 1, 9);
    const { live, seen } = client();
    live.watch({ contestId: contest.id }, (u) => seen.updates.push(u));
    await seen.update((u) => u.kind === 'snapshot', 'the snapshot');

    await podium.stop();
    await seen.status('reconnecting');
    // While it is away, the board changes (through another Podium on the same database).
    const other = await startPodium('all', env());
    try {
      const api = new PodiumApi(other.url);
      const answer = await api.postEvents([licenseSold(source, bob, 6, '2026-09-01T10:00:00Z')]);
      expect(answer.status).toBe(202);
      await api.waitForStandings(contest.id, (s) => s.entries.length === 2);
    } finally {
      await other.stop();
    }
    podium = await startPodium('all', { ...env(), PORT: port });

    const resync = await seen.update(
      (u) => u.message.top.length === 2,
      'the board after the restart',
      20_000,
    );
    expect(resync.kind).toBe('snapshot');
    expect(scores(resync)).toEqual([
      [bob, 6],
      [ana, 1],
    ]);
    expect(seen.statuses.slice(-2)).toEqual(['reconnecting', 'live']);

    // Subscribed again on the new server: updates flow.
    await post(ana, 9, 11);
    const next = await seen.update((u) => u.message.top[0]?.score === 10, 'ana on top');
    expect(next.kind).toBe('update');
    expect(next.message.previousVersion).toBe(resync.message.version);
  }, 120_000);

  it('says unauthorized for a bad token, and connects once the token is good', async () => {
    const { contest, ana, post } = await contestWithEvents();
    await post(ana, 1, 9);
    let token = 'not-a-token';
    const { live, seen } = client(() => token);
    live.watch({ contestId: contest.id }, (u) => seen.updates.push(u));
    await seen.status('unauthorized');
    expect(live.status).toBe('unauthorized');
    expect(seen.updates).toEqual([]);

    // A renewed token is asked for at the next attempt.
    token = podium.adminToken;
    const snapshot = await seen.update((u) => u.kind === 'snapshot', 'the snapshot with the good token');
    expect(scores(snapshot)).toEqual([[ana, 1]]);
    expect(live.status).toBe('live');
  });

  it('reports a refused subscription to the watch, not as a broken connection', async () => {
    const { live, seen } = client();
    live.watch(
      { contestId: '00000000-0000-4000-8000-000000000000' },
      (u) => seen.updates.push(u),
      (e) => seen.errors.push(e),
    );
    const error = await seen.until(() => seen.errors[0], 'a refusal');
    expect(error).toMatch(/not found|contest/i);
    expect(live.status).toBe('live');
    expect(seen.updates).toEqual([]);
  });
});
