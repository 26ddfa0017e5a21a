import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import * as parser from 'socket.io-parser';
import type { DataSource } from 'typeorm';
import { WS_UPDATED, type StandingEntry, type StandingsMessage } from '#contracts';
import { loadConfig } from '#config';
import { LocalStandingsBus } from '#runtime';
import { sliceLiveBoards, type LiveBoards } from '../standings/board-slice.js';
import type { BoardSnapshot, StandingsReaderService } from '../standings/standings-reader.service.js';
import { FLUSH_GROUPS_PER_TURN, StandingsBroadcasterService } from './standings-broadcaster.service.js';

/**
 * The gateway's delivery rules, with an in-memory board standing in for the standings reads (the
 * reads themselves are covered end to end against PostgreSQL in test/). Time is real but short.
 */
class Board {
  version = 1;
  reads = 0;
  /** When set, a read waits for this promise (to interleave a change with a read). */
  gate: Promise<void> | null = null;
  /** How long a read takes (ms). */
  delayMs = 0;
  /** The board's lines, best first (rep external ids with their scores). */
  lines: { rep: string; score: number }[] = [];

  async snapshot(contestId: string, top: number, rep: string | null): Promise<BoardSnapshot> {
    const live = await this.live(contestId, top, rep !== null);
    const snapshot = sliceLiveBoards(live, top, rep, null);
    if (snapshot === null) throw new Error('no such board');
    return snapshot;
  }

  async live(contestId: string, top: number, everyLine: boolean): Promise<LiveBoards> {
    this.reads++;
    const version = this.version;
    const entries = this.lines.map((l, i): StandingEntry => ({
      rank: i + 1,
      rep: { id: `id-${l.rep}`, externalId: l.rep, displayName: `Rep ${l.rep}` },
      score: l.score,
      reachedAt: '2026-06-01T00:00:00.000Z',
      gapToNext: i === 0 ? null : (this.lines[i - 1]?.score ?? 0) - l.score,
    }));
    if (this.gate !== null) await this.gate;
    if (this.delayMs > 0) await sleep(this.delayMs);
    return {
      contestId,
      version,
      period: { start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
      divided: false,
      divisions: [],
      boards: [
        { division: null, entries: everyLine ? entries : entries.slice(0, top), total: entries.length },
      ],
      complete: everyLine,
      reps: new Map(this.lines.map((l) => [l.rep, { team: null, hidden: false }])),
    };
  }
}

class FakeSocket {
  readonly received: StandingsMessage[] = [];
  connected = true;
  constructor(readonly id: string) {}
  emit(event: string, message: StandingsMessage): boolean {
    if (event === WS_UPDATED) this.received.push(message);
    return true;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts every packet the server encodes (each encoding is one JSON serialisation of a message). */
const encodings = { count: 0 };
class CountingEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder['encode']> {
    encodings.count++;
    return super.encode(packet);
  }
}

/** A real Socket.IO server on loopback with `n` connected clients: the server's side and the clients'. */
async function realSockets(n: number) {
  const http = createServer();
  const server = new Server(http, { parser: { ...parser, Encoder: CountingEncoder } });
  const serverSide: Socket[] = [];
  server.of('/standings').on('connection', (socket) => serverSide.push(socket));
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  const { port } = http.address() as AddressInfo;
  const clients: { socket: ClientSocket; received: StandingsMessage[] }[] = [];
  for (let i = 0; i < n; i++) {
    const socket = connect(`http://127.0.0.1:${port}/standings`, { transports: ['websocket'] });
    const client = { socket, received: [] as StandingsMessage[] };
    socket.on(WS_UPDATED, (m: StandingsMessage) => client.received.push(m));
    await new Promise<void>((done) => socket.once('connect', () => done()));
    clients.push(client);
  }
  while (serverSide.length < n) await sleep(5);
  const byId = new Map(serverSide.map((s) => [s.id, s]));
  return {
    /** The server's socket of each client, in the clients' order. */
    pairs: clients.map((c) => ({ client: c, socket: byId.get(c.socket.id ?? '') as Socket })),
    close: async () => {
      clients.forEach((c) => c.socket.disconnect());
      await server.close();
    },
  };
}

describe(StandingsBroadcasterService.name, () => {
  const services: StandingsBroadcasterService[] = [];

  afterEach(async () => {
    await Promise.all(services.map((s) => s.onApplicationShutdown()));
  });

  async function start(board: Board, coalesceMs = 20) {
    const config = loadConfig({ REALTIME_COALESCE_MS: String(coalesceMs), REALTIME_POLL_MS: '600000' });
    const bus = new LocalStandingsBus();
    const service = new StandingsBroadcasterService(
      config,
      bus,
      Date.now,
      {} as DataSource,
      board as unknown as StandingsReaderService,
    );
    await service.onApplicationBootstrap();
    services.push(service);
    return { service, bus };
  }

  const asSocket = (s: FakeSocket) => s as unknown as Socket;

  it('sends a change announced while the snapshot was being read', async () => {
    const board = new Board();
    const { service, bus } = await start(board);
    let release = () => {};
    board.gate = new Promise((r) => (release = r));
    const socket = new FakeSocket('a');
    const subscribed = service.subscribe(asSocket(socket), 'c1', 10, null);
    // The change commits (version 2) and is announced while the snapshot (version 1) is in flight.
    board.version = 2;
    await bus.publish({ contestId: 'c1', version: 2 });
    board.gate = null;
    release();
    const snapshot = await subscribed;
    expect(snapshot.version).toBe(1);
    await sleep(80);
    expect(socket.received.map((m) => [m.version, m.previousVersion])).toEqual([[2, 1]]);
  });

  it('merges a burst of changes into few messages with increasing versions that name their predecessor', async () => {
    const board = new Board();
    const { service, bus } = await start(board, 50);
    const socket = new FakeSocket('a');
    await service.subscribe(asSocket(socket), 'c1', 10, null);
    const readsBefore = board.reads;
    for (let v = 2; v <= 21; v++) {
      board.version = v;
      await bus.publish({ contestId: 'c1', version: v });
    }
    await sleep(150);
    const versions = socket.received.map((m) => m.version);
    expect(versions.at(-1)).toBe(21);
    expect(versions.length).toBeLessThanOrEqual(3);
    expect(board.reads - readsBefore).toBeLessThanOrEqual(3);
    socket.received.forEach((m, i) =>
      expect(m.previousVersion).toBe(i === 0 ? 1 : socket.received[i - 1]?.version),
    );
  });

  it('ignores a notice older than what the socket has', async () => {
    const board = new Board();
    board.version = 5;
    const { service, bus } = await start(board);
    const socket = new FakeSocket('a');
    await service.subscribe(asSocket(socket), 'c1', 10, null);
    await bus.publish({ contestId: 'c1', version: 4 });
    await sleep(60);
    expect(socket.received).toEqual([]);
  });

  it('forgets a socket that disconnected while it was subscribing', async () => {
    const board = new Board();
    const { service, bus } = await start(board);
    let release = () => {};
    board.gate = new Promise((r) => (release = r));
    const socket = new FakeSocket('a');
    const subscribed = service.subscribe(asSocket(socket), 'c1', 10, null);
    socket.connected = false;
    service.unsubscribe('a');
    board.gate = null;
    release();
    await subscribed;
    const reads = board.reads;
    board.version = 2;
    await bus.publish({ contestId: 'c1', version: 2 });
    await sleep(60);
    expect(board.reads).toBe(reads);
    expect(socket.received).toEqual([]);
  });

  it('sends every rep their own neighbourhood from one read per coalesced update, encoding once per audience', async () => {
    const board = new Board();
    board.lines = Array.from({ length: 12 }, (_, i) => ({ rep: `r${i}`, score: 100 - i }));
    const { service, bus } = await start(board, 20);
    const { pairs, close } = await realSockets(14);
    try {
      // Twelve phones, one per rep, and two more phones of r5 (the same audience as its first).
      const watched = pairs.map((_, i) => `r${i < 12 ? i : 5}`);
      for (const [i, { socket }] of pairs.entries()) {
        await service.subscribe(socket, 'c1', 3, watched[i] ?? null);
      }
      await sleep(60);
      const readsBefore = board.reads;
      encodings.count = 0;
      // r11 jumps from last to first.
      board.lines = [{ rep: 'r11', score: 200 }, ...board.lines.slice(0, 11)];
      board.version = 2;
      await bus.publish({ contestId: 'c1', version: 2 });
      const deadline = Date.now() + 2_000;
      while (pairs.some((p) => p.client.received.length === 0) && Date.now() < deadline) await sleep(10);

      expect(board.reads - readsBefore).toBe(1);
      // Twelve audiences, twelve encodings, fourteen deliveries.
      expect(encodings.count).toBe(12);
      const order = board.lines.map((l) => l.rep);
      for (const [i, { client }] of pairs.entries()) {
        const rep = watched[i] ?? '';
        expect(client.received.map((m) => [m.version, m.previousVersion])).toEqual([[2, 1]]);
        const at = order.indexOf(rep);
        const message = client.received[0] as StandingsMessage;
        expect((message.around ?? []).map((e) => [e.rep?.externalId, e.rank])).toEqual(
          order.slice(Math.max(0, at - 2), at + 3).map((r) => [r, order.indexOf(r) + 1]),
        );
        expect(message.top.map((e) => e.rep?.externalId)).toEqual(['r11', 'r0', 'r1']);
      }
    } finally {
      await close();
    }
  });

  it('still delivers every update when a flush spans several turns of the event loop', async () => {
    const board = new Board();
    const reps = 3 * FLUSH_GROUPS_PER_TURN + 7;
    board.lines = Array.from({ length: reps }, (_, i) => ({ rep: `r${i}`, score: 1000 - i }));
    const { service, bus } = await start(board, 20);
    const sockets = Array.from({ length: reps }, (_, i) => new FakeSocket(`s${i}`));
    for (const [i, socket] of sockets.entries()) await service.subscribe(asSocket(socket), 'c1', 3, `r${i}`);
    await sleep(60);
    const readsBefore = board.reads;
    board.version = 2;
    await bus.publish({ contestId: 'c1', version: 2 });
    // The last socket leaves while the flush is under way: it must get nothing after it left.
    let turns = 0;
    while (sockets.every((s) => s.received.length === 0)) await new Promise((r) => setImmediate(r));
    while (sockets.some((s, i) => i < reps - 1 && s.received.length === 0) && turns < 1_000) {
      if (turns === 0) service.unsubscribe(`s${reps - 1}`);
      turns++;
      await new Promise((r) => setImmediate(r));
    }
    expect(turns).toBeGreaterThan(0);
    expect(board.reads - readsBefore).toBe(1);
    sockets.slice(0, -1).forEach((s, i) => {
      expect(s.received.map((m) => m.version)).toEqual([2]);
      expect(s.received[0]?.around?.some((e) => e.rep?.externalId === `r${i}`)).toBe(true);
    });
    expect(sockets.at(-1)?.received).toEqual([]);
  });

  it('rests after a long flush as long as the flush took, then sends the latest version', async () => {
    const board = new Board();
    const { service, bus } = await start(board, 20);
    const socket = new FakeSocket('a');
    await service.subscribe(asSocket(socket), 'c1', 10, null);
    await sleep(40);
    const arrived: number[] = [];
    const emit = socket.emit.bind(socket);
    socket.emit = (event, message) => {
      arrived.push(performance.now());
      return emit(event, message);
    };
    // A slow flush (its read takes 150 ms); a change lands while it runs.
    board.delayMs = 150;
    board.version = 2;
    await bus.publish({ contestId: 'c1', version: 2 });
    await sleep(60);
    board.delayMs = 0;
    board.version = 3;
    await bus.publish({ contestId: 'c1', version: 3 });
    const deadline = Date.now() + 2_000;
    while (socket.received.length < 2 && Date.now() < deadline) await sleep(5);
    expect(socket.received.map((m) => [m.version, m.previousVersion])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    // The flush of version 2 took about 150 ms: version 3 waits about as long again, not 20 ms.
    expect((arrived[1] ?? 0) - (arrived[0] ?? 0)).toBeGreaterThan(100);
  });

  it('reads every line again for a rep whose snapshot arrived while a flush read only the top', async () => {
    const board = new Board();
    board.lines = Array.from({ length: 8 }, (_, i) => ({ rep: `r${i}`, score: 50 - i }));
    const { service, bus } = await start(board, 20);
    const screen = new FakeSocket('screen');
    await service.subscribe(asSocket(screen), 'c1', 3, null);
    await sleep(40);
    const phone = new FakeSocket('phone');
    const screen2 = new FakeSocket('screen2');
    const arrived = new Map<string, number>();
    for (const socket of [screen, phone, screen2]) {
      const emit = socket.emit.bind(socket);
      socket.emit = (event, message) => {
        arrived.set(socket.id, performance.now());
        return emit(event, message);
      };
    }
    // The flush for version 2 starts when only the screen (no rep) holds a version: it reads the top.
    let release = () => {};
    board.gate = new Promise((r) => (release = r));
    board.version = 2;
    await bus.publish({ contestId: 'c1', version: 2 });
    await sleep(30);
    // While that read is in flight, the snapshots of a phone and of another screen, taken at version 1,
    // complete.
    board.gate = null;
    board.version = 1;
    await service.subscribe(asSocket(phone), 'c1', 3, 'r6');
    await service.subscribe(asSocket(screen2), 'c1', 4, null);
    board.version = 2;
    release();
    const deadline = Date.now() + 2_000;
    while ([screen, phone, screen2].some((s) => s.received.length === 0) && Date.now() < deadline) {
      await sleep(5);
    }
    expect(screen.received.map((m) => [m.version, m.previousVersion])).toEqual([[2, 1]]);
    expect(phone.received.map((m) => [m.version, m.previousVersion])).toEqual([[2, 1]]);
    expect(screen2.received.map((m) => [m.version, m.previousVersion])).toEqual([[2, 1]]);
    expect(phone.received[0]?.around?.map((e) => e.rep?.externalId)).toEqual(['r4', 'r5', 'r6', 'r7']);
    // Both screens got their update from the first flush (the phone did not make it fail), the phone
    // from the next one, after the rest that follows a flush of about 30 ms.
    expect((arrived.get('screen2') ?? 0) - (arrived.get('screen') ?? 0)).toBeLessThan(10);
    expect((arrived.get('phone') ?? 0) - (arrived.get('screen') ?? 0)).toBeGreaterThan(20);
  });
});
