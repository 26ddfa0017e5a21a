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
import { StandingsReaderService, type BoardSnapshot } from '../standings/standings-reader.service.js';

interface Subscription {
  readonly socket: Socket;
  readonly top: number;
  readonly rep: string | null;
  /** Version of the last message this socket got for the contest. */
  lastVersion: number;
}

interface ContestState {
  readonly subscriptions: Map<string, Subscription>;
  /** Highest version sent from this instance. */
  sentVersion: number;
  /** End of the period last sent: once passed, the board rolls over to the next period. */
  periodEnd: number;
  lastFlush: number;
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  dirty: boolean;
}

/**
 * Turns "contest X changed" notices into standings messages for this instance's sockets, coalesced:
 * at most one read and one message per contest per REALTIME_COALESCE_MS, carrying the latest standings.
 * A version poll catches notices lost on the way (Redis pub/sub is at-most-once).
 */
@Injectable()
export class StandingsBroadcasterService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StandingsBroadcasterService.name);
  private readonly contests = new Map<string, ContestState>();
  private readonly contestsRepository = new ContestsRepository();
  private poll: NodeJS.Timeout | null = null;

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

  onApplicationShutdown(): void {
    if (this.poll !== null) clearInterval(this.poll);
    for (const state of this.contests.values()) if (state.timer !== null) clearTimeout(state.timer);
  }

  /** Registers a socket and returns its first snapshot. */
  async subscribe(
    socket: Socket,
    contestId: string,
    top: number,
    rep: string | null,
  ): Promise<StandingsMessage> {
    const snapshot = await this.reader.snapshot(contestId, top, rep);
    const state = this.stateOf(contestId);
    state.subscriptions.set(socket.id, { socket, top, rep, lastVersion: snapshot.version });
    state.sentVersion = Math.max(state.sentVersion, snapshot.version);
    state.periodEnd = Date.parse(snapshot.period.end);
    return this.message(snapshot, null, top, rep !== null);
  }

  unsubscribe(socketId: string, contestId?: string): void {
    for (const [id, state] of this.contests) {
      if (contestId !== undefined && id !== contestId) continue;
      state.subscriptions.delete(socketId);
      if (state.subscriptions.size === 0) {
        if (state.timer !== null) clearTimeout(state.timer);
        this.contests.delete(id);
      }
    }
  }

  private onNotice(notice: StandingsChangedNotice): void {
    const state = this.contests.get(notice.contestId);
    if (state === undefined || notice.version <= state.sentVersion) return;
    this.schedule(notice.contestId, state);
  }

  private schedule(contestId: string, state: ContestState): void {
    if (state.flushing !== null) {
      state.dirty = true;
      return;
    }
    if (state.timer !== null) return;
    const wait = Math.max(0, state.lastFlush + this.config.coalesceMs - this.clock());
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
            this.schedule(contestId, state);
          }
        });
    }, wait);
  }

  private async flush(contestId: string, state: ContestState): Promise<void> {
    state.lastFlush = this.clock();
    const subs = [...state.subscriptions.values()];
    if (subs.length === 0) return;
    const top = Math.max(...subs.map((s) => s.top));
    const board = await this.reader.snapshot(contestId, top, null);
    const periodChanged = Date.parse(board.period.end) !== state.periodEnd;
    if (board.version <= state.sentVersion && !periodChanged) return;
    state.sentVersion = board.version;
    state.periodEnd = Date.parse(board.period.end);
    const aroundByRep = new Map<string, BoardSnapshot>();
    for (const sub of subs) {
      let snapshot = board;
      if (sub.rep !== null) {
        const mine = aroundByRep.get(sub.rep) ?? (await this.reader.snapshot(contestId, top, sub.rep));
        aroundByRep.set(sub.rep, mine);
        snapshot = mine;
      }
      if (snapshot.version <= sub.lastVersion && !periodChanged) continue;
      sub.socket.emit(WS_UPDATED, this.message(snapshot, sub.lastVersion, sub.top, sub.rep !== null));
      sub.lastVersion = snapshot.version;
    }
  }

  private async pollVersions(): Promise<void> {
    if (this.contests.size === 0) return;
    try {
      const versions = await this.contestsRepository.versions(this.dataSource.manager, [
        ...this.contests.keys(),
      ]);
      const now = this.clock();
      for (const [id, state] of this.contests) {
        if ((versions.get(id) ?? 0) > state.sentVersion || now >= state.periodEnd) this.schedule(id, state);
      }
    } catch (error) {
      this.logger.warn(`standings version poll failed: ${String(error)}`);
    }
  }

  private stateOf(contestId: string): ContestState {
    let state = this.contests.get(contestId);
    if (state === undefined) {
      state = {
        subscriptions: new Map(),
        sentVersion: 0,
        periodEnd: Number.POSITIVE_INFINITY,
        lastFlush: 0,
        timer: null,
        flushing: null,
        dirty: false,
      };
      this.contests.set(contestId, state);
    }
    return state;
  }

  private message(
    s: BoardSnapshot,
    previousVersion: number | null,
    top: number,
    withAround: boolean,
  ): StandingsMessage {
    return {
      contestId: s.contestId,
      version: s.version,
      previousVersion,
      period: s.period,
      top: s.top.slice(0, top),
      ...(withAround ? { around: s.around ?? [] } : {}),
    };
  }
}
