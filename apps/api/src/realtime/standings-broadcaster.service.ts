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
  /** Version of the last message this socket got for the contest; null while its snapshot is read. */
  lastVersion: number | null;
}

interface ContestState {
  readonly subscriptions: Map<string, Subscription>;
  /** Highest standings version this instance has heard of (notices, polls, reads). */
  latestKnown: number;
  lastFlush: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  dirty: boolean;
}

/** At most this many contests one socket may watch at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/**
 * Turns "contest X changed" notices into standings messages for this instance's sockets, coalesced:
 * at most one read per contest per REALTIME_COALESCE_MS, carrying the latest standings. Each socket
 * gets a message only when the version moved past the one it last got, so versions never go back;
 * a version poll catches notices lost on the way (Redis pub/sub is at-most-once).
 */
@Injectable()
export class StandingsBroadcasterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StandingsBroadcasterService.name);
  private readonly contests = new Map<string, ContestState>();
  private readonly contestsRepository = new ContestsRepository();
  private poll: NodeJS.Timeout | null = null;
  private polling = false;
  private closed = false;
  private readonly totals = { flushes: 0, reads: 0, maxReads: 0, sent: 0 };

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
      `standings flushes=${t.flushes} boardReads=${t.reads} maxReadsPerFlush=${t.maxReads} messages=${t.sent}`,
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
    const sub: Subscription = { socket, top, rep, division, view, lastVersion: null };
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
    // Monotonic time: a wall-clock jump must not stall or hurry the coalescing.
    const wait = Math.max(0, state.lastFlush + this.config.coalesceMs - performance.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      state.flushing = this.flush(contestId, state)
        .catch((error: unknown) =>
          this.logger.warn(`standings flush of ${contestId} failed: ${String(error)}`),
        )
        .finally(() => {
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
    const subs = [...state.subscriptions.entries()].filter(([, s]) => s.lastVersion !== null);
    if (subs.length === 0) return;
    let reads = 0;
    let sent = 0;
    const top = Math.max(...subs.map(([, s]) => s.top));
    // One read per distinct (rep, division) view: every socket watching the same view shares it.
    const views = new Map<string, BoardSnapshot>();
    for (const [socketId, sub] of subs) {
      const view = `${sub.rep ?? ''}\u0000${sub.division ?? ''}`;
      let snapshot = views.get(view);
      if (snapshot === undefined) {
        snapshot = await this.reader.snapshot(contestId, top, sub.rep, null, sub.division);
        reads++;
        views.set(view, snapshot);
        state.latestKnown = Math.max(state.latestKnown, snapshot.version);
      }
      // The socket may have resubscribed (a newer snapshot) or left while we read.
      if (state.subscriptions.get(socketId) !== sub || sub.lastVersion === null) continue;
      if (snapshot.version <= sub.lastVersion) continue;
      sub.socket.emit(WS_UPDATED, this.message(snapshot, sub.lastVersion, sub));
      sub.lastVersion = snapshot.version;
      sent++;
    }
    this.countFlush(reads, sent);
  }

  private countFlush(reads: number, sent: number): void {
    if (sent === 0 && reads === 0) return;
    this.totals.flushes++;
    this.totals.reads += reads;
    this.totals.maxReads = Math.max(this.totals.maxReads, reads);
    this.totals.sent += sent;
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
