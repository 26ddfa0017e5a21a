import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { WS_UPDATED, type StandingsChangedNotice, type StandingsMessage } from '#contracts';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { ContestsRepository } from '#persistence';
import { CLOCK, STANDINGS_BUS, type Clock, type StandingsBus } from '#runtime';
import type { BoardView } from '#domain';
import { sliceLiveBoards, type LiveBoards } from '../standings/board-slice.js';
import { aroundFor, topFor } from '../standings/board-view.js';
import { StandingsReaderService, type BoardSnapshot } from '../standings/standings-reader.service.js';

interface Subscription {
  readonly socket: Socket;
  readonly top: number;
  readonly rep: string | null;
  /** A division's board on a contest with divisions (null: the rep's own, or the first). */
  readonly division: string | null;
  /** How much of the board this socket's principal may see. */
  readonly view: BoardView;
  /**
   * What decides this socket's message besides the versions (view, top, rep, division): sockets with
   * the same audience that hold the same version get the same bytes, built and encoded once.
   */
  readonly audience: string;
  /** Version of the last message this socket got for the contest; null while its snapshot is read. */
  lastVersion: number | null;
}

interface ContestState {
  readonly subscriptions: Map<string, Subscription>;
  /** Highest standings version this instance has heard of (notices, polls, reads). */
  latestKnown: number;
  /** When the last flush started (monotonic ms). */
  lastFlush: number;
  /** How long the last flush took, from its read to its last message (ms). */
  lastFlushMs: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  dirty: boolean;
}

/** At most this many contests one socket may watch at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/**
 * Messages (groups of sockets) a flush sends before it lets the event loop serve other work (ingest
 * requests, other contests), so that a thousand phones never hold the api for one long turn: a message
 * to one socket costs about 0.1 ms here (encoding, and the socket write, which on loopback also runs
 * the receiving side in the kernel), so a turn stays near 2 ms.
 */
export const FLUSH_GROUPS_PER_TURN = 16;

/** The largest share of its time a contest's fan-out may take: a flush of D ms is followed by D ms of rest. */
export const FLUSH_DUTY = 0.5;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Turns "contest X changed" notices into standings messages for this instance's sockets, coalesced:
 * at most one read per contest per REALTIME_COALESCE_MS, carrying the latest standings. Each socket
 * gets a message only when the version moved past the one it last got, so versions never go back;
 * a version poll catches notices lost on the way (Redis pub/sub is at-most-once).
 *
 * One read serves every socket of the contest, whatever rep or division it watches: the ranked
 * lines are read once (all of them when some socket watches a rep) and each socket's board and
 * neighbourhood are cut from them in memory, then narrowed by the same privacy rule as every other
 * view (`topFor`/`aroundFor`). Sockets that would get identical bytes (same view, top, rep, division
 * and last version) get one message, encoded once, sent through their Socket.IO rooms.
 */
@Injectable()
export class StandingsBroadcasterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StandingsBroadcasterService.name);
  private readonly contests = new Map<string, ContestState>();
  private readonly contestsRepository = new ContestsRepository();
  private poll: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;
  private readonly totals = { flushes: 0, reads: 0, maxReads: 0, sent: 0, encoded: 0 };

  constructor(
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly reader: StandingsReaderService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe((notice) => this.onNotice(notice));
    this.poll = setInterval(() => void this.pollVersions(), this.config.realtimePollMs);
    this.poll.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const t = this.totals;
    this.logger.log(
      `standings flushes=${t.flushes} boardReads=${t.reads} maxReadsPerFlush=${t.maxReads} messages=${t.sent} encoded=${t.encoded}`,
    );
    if (this.poll !== null) clearInterval(this.poll);
    for (const state of this.contests.values()) if (state.timer !== null) clearTimeout(state.timer);
    await Promise.allSettled(
      [...this.contests.values()].flatMap((s) => (s.flushing === null ? [] : [s.flushing])),
    );
  }

  /**
   * Registers a socket (before reading, so no change slips between its snapshot and its first
   * update) and returns its first snapshot.
   */
  async subscribe(
    socket: Socket,
    contestId: string,
    top: number,
    rep: string | null,
    division: string | null = null,
    view: BoardView = { kind: 'full' },
  ): Promise<StandingsMessage> {
    const watching = [...this.contests.values()].filter((s) => s.subscriptions.has(socket.id)).length;
    const state = this.stateOf(contestId);
    if (!state.subscriptions.has(socket.id) && watching >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      this.dropIfEmpty(contestId, state);
      throw new TooManySubscriptionsError();
    }
    const audience = JSON.stringify([view, top, rep, division]);
    const sub: Subscription = { socket, top, rep, division, view, audience, lastVersion: null };
    state.subscriptions.set(socket.id, sub);
    let snapshot: BoardSnapshot;
    try {
      snapshot = await this.reader.snapshot(contestId, top, rep, null, division);
    } catch (error) {
      this.remove(socket.id, contestId, sub);
      throw error;
    }
    if (!socket.connected) {
      // Gone while we read: handleDisconnect ran before the registration could be cleaned.
      this.remove(socket.id, contestId, sub);
    } else if (state.subscriptions.get(socket.id) === sub) {
      sub.lastVersion = snapshot.version;
      state.latestKnown = Math.max(state.latestKnown, snapshot.version);
      // A change announced while the snapshot was read may not be in it: send it.
      this.schedule(contestId, state);
    }
    return this.message(snapshot, null, sub);
  }

  /** This instance's sockets watching a contest (each once). */
  socketsWatching(contestId: string): Socket[] {
    const state = this.contests.get(contestId);
    return state === undefined ? [] : [...state.subscriptions.values()].map((s) => s.socket);
  }

  unsubscribe(socketId: string, contestId?: string): void {
    for (const [id, state] of [...this.contests]) {
      if (contestId !== undefined && id !== contestId) continue;
      state.subscriptions.delete(socketId);
      this.dropIfEmpty(id, state);
    }
  }

  private remove(socketId: string, contestId: string, sub: Subscription): void {
    const state = this.contests.get(contestId);
    if (state === undefined || state.subscriptions.get(socketId) !== sub) return;
    state.subscriptions.delete(socketId);
    this.dropIfEmpty(contestId, state);
  }

  private dropIfEmpty(contestId: string, state: ContestState): void {
    if (state.subscriptions.size > 0) return;
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = null;
    if (this.contests.get(contestId) === state) this.contests.delete(contestId);
  }

  private onNotice(notice: StandingsChangedNotice): void {
    const state = this.contests.get(notice.contestId);
    if (state === undefined) return;
    state.latestKnown = Math.max(state.latestKnown, notice.version);
    if (this.behind(state)) this.schedule(notice.contestId, state);
  }

  /** True when some socket has not yet got the latest version this instance knows of. */
  private behind(state: ContestState): boolean {
    for (const sub of state.subscriptions.values()) {
      if (sub.lastVersion !== null && sub.lastVersion < state.latestKnown) return true;
    }
    return false;
  }

  private schedule(contestId: string, state: ContestState): void {
    if (this.closed) return;
    if (state.flushing !== null) {
      state.dirty = true;
      return;
    }
    if (state.timer !== null) return;
    // Monotonic time: a wall-clock jump must not stall or hurry the coalescing. A flush that took long
    // (a thousand phones on a busy machine) is followed by a rest at least as long, so the fan-out
    // never takes more than half of the api's time from ingest and the rest: updates come less often,
    // and each still reaches every socket.
    const period = Math.max(this.config.coalesceMs, state.lastFlushMs / FLUSH_DUTY);
    const wait = Math.max(0, state.lastFlush + period - performance.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      state.flushing = this.flush(contestId, state)
        .catch((error: unknown) =>
          this.logger.warn(`standings flush of ${contestId} failed: ${String(error)}`),
        )
        .finally(() => {
          state.lastFlushMs = performance.now() - state.lastFlush;
          state.flushing = null;
          if (state.dirty) {
            state.dirty = false;
            if (this.contests.get(contestId) === state && this.behind(state)) this.schedule(contestId, state);
          }
        });
    }, wait);
  }

  private async flush(contestId: string, state: ContestState): Promise<void> {
    state.lastFlush = performance.now();
    const subs = [...state.subscriptions.values()].filter((s) => s.lastVersion !== null);
    if (subs.length === 0) return;
    const top = Math.max(...subs.map((s) => s.top));
    // One read for every socket: every line when some socket watches a rep, else just the top.
    const live = await this.reader.live(
      contestId,
      top,
      subs.some((s) => s.rep !== null),
    );
    state.latestKnown = Math.max(state.latestKnown, live.version);
    // Sockets that left or resubscribed while we read are no longer in `subscriptions`.
    const groups = new Map<string, Subscription[]>();
    for (const sub of state.subscriptions.values()) {
      if (sub.lastVersion === null || live.version <= sub.lastVersion) continue;
      const key = `${sub.lastVersion}\u0000${sub.audience}`;
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [sub]);
      else group.push(sub);
    }
    const snapshots = new Map<string, BoardSnapshot | null>();
    let sent = 0;
    let encoded = 0;
    let thisTurn = 0;
    for (const group of groups.values()) {
      if (thisTurn === FLUSH_GROUPS_PER_TURN) {
        await nextTurn();
        thisTurn = 0;
      }
      thisTurn++;
      // A socket may have left or resubscribed (a newer snapshot) during the last turn.
      const current = group.filter(
        (s) =>
          state.subscriptions.get(s.socket.id) === s &&
          s.lastVersion !== null &&
          s.lastVersion < live.version,
      );
      const first = current[0];
      if (first === undefined) continue;
      // A socket that watches a rep and got its snapshot while this flush read only the top: the next
      // flush (its subscription asked for one) reads every line for it.
      if (first.rep !== null && !live.complete) continue;
      const message = this.updateOf(live, snapshots, first);
      if (message === null) continue;
      if (current.length === 1) first.socket.emit(WS_UPDATED, message);
      else first.socket.nsp.local.to(current.map((s) => s.socket.id)).emit(WS_UPDATED, message);
      for (const s of current) s.lastVersion = live.version;
      sent += current.length;
      encoded++;
    }
    this.countFlush(1, sent, encoded);
  }

  /**
   * The update for one group of sockets (they share `first`'s audience and last version), from the
   * board cut for its rep, division and top (cut once per flush and shared by the views that watch it).
   */
  private updateOf(
    live: LiveBoards,
    snapshots: Map<string, BoardSnapshot | null>,
    first: Subscription,
  ): StandingsMessage | null {
    const cut = JSON.stringify([first.rep, first.division, first.top]);
    let snapshot = snapshots.get(cut);
    if (snapshot === undefined) {
      // Only the lines this audience lists: a thousand phones must not copy the top 100 each.
      snapshot = sliceLiveBoards(live, first.top, first.rep, first.division);
      snapshots.set(cut, snapshot);
    }
    if (snapshot === null) {
      this.logger.warn(`standings of ${live.contestId}: division ${first.division ?? ''} no longer exists`);
      return null;
    }
    return this.message(snapshot, first.lastVersion, first);
  }

  private countFlush(reads: number, sent: number, encoded: number): void {
    if (sent === 0 && reads === 0) return;
    this.totals.flushes++;
    this.totals.reads += reads;
    this.totals.maxReads = Math.max(this.totals.maxReads, reads);
    this.totals.sent += sent;
    this.totals.encoded += encoded;
  }

  private async pollVersions(): Promise<void> {
    if (this.contests.size === 0 || this.polling || this.closed) return;
    this.polling = true;
    try {
      const versions = await this.contestsRepository.versions(this.dataSource.manager, [
        ...this.contests.keys(),
      ]);
      for (const [id, state] of this.contests) {
        state.latestKnown = Math.max(state.latestKnown, versions.get(id) ?? 0);
        if (this.behind(state)) this.schedule(id, state);
      }
    } catch (error) {
      this.logger.warn(`standings version poll failed: ${String(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private stateOf(contestId: string): ContestState {
    let state = this.contests.get(contestId);
    if (state === undefined) {
      state = {
        subscriptions: new Map(),
        latestKnown: 0,
        lastFlush: 0,
        lastFlushMs: 0,
        timer: null,
        flushing: null,
        dirty: false,
      };
      this.contests.set(contestId, state);
    }
    return state;
  }

  private message(s: BoardSnapshot, previousVersion: number | null, sub: Subscription): StandingsMessage {
    return {
      contestId: s.contestId,
      version: s.version,
      previousVersion,
      period: s.period,
      ...(s.divisions.length > 0 ? { division: s.division, divisions: s.divisions } : {}),
      top: topFor(s, sub.view, sub.top),
      ...(sub.rep !== null ? { around: aroundFor(s, sub.view) } : {}),
    };
  }
}

export class TooManySubscriptionsError extends Error {
  constructor() {
    super(`a connection may watch at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} contests at once`);
  }
}
