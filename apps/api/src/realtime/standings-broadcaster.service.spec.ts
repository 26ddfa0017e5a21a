import { afterEach, describe, expect, it } from '@jest/globals';
import type { Socket } from 'socket.io';
import type { DataSource } from 'typeorm';
import { WS_UPDATED, type StandingsMessage } from '#contracts';
import { loadConfig } from '#config';
import { LocalStandingsBus } from '#runtime';
import type { BoardSnapshot, StandingsReaderService } from '../standings/standings-reader.service.js';
import { StandingsBroadcasterService } from './standings-broadcaster.service.js';

/**
 * The gateway's delivery rules, with an in-memory board standing in for the standings reads (the
 * reads themselves are covered end to end against PostgreSQL in test/). Time is real but short.
 */
class Board {
  version = 1;
  reads = 0;
  /** When set, a read waits for this promise (to interleave a change with a read). */
  gate: Promise<void> | null = null;

  async snapshot(contestId: string): Promise<BoardSnapshot> {
    this.reads++;
    const version = this.version;
    if (this.gate !== null) await this.gate;
    return {
      contestId,
      version,
      period: { start: '2026-01-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
      division: null,
      divisions: [],
      reps: new Map(),
      total: 0,
      top: [],
      around: null,
      aroundOffset: 0,
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
});
