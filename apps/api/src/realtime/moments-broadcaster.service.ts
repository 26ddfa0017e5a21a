import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import {
  CHANNEL_BOARD_CHANGED,
  CHANNEL_MOMENTS,
  WS_BOARD_CHANGED,
  WS_MOMENT,
  type BoardChangedMessage,
  type MomentMessage,
  type MomentNotice,
  type MomentsNotice,
} from '#contracts';
import {
  celebrates,
  DEFAULT_BOARD_SETTINGS,
  type CelebrationRules,
  type Moment,
  type Principal,
} from '#domain';
import { BoardsRepository, ContestsRepository, ScreensRepository } from '#persistence';
import { CLOCK, STANDINGS_BUS, type Clock, type StandingsBus } from '#runtime';
import { StandingsBroadcasterService } from './standings-broadcaster.service.js';

/** A moment (or a deal) already shown on a socket is not shown again for this long. */
export const MOMENT_DEDUPE_MS = 10 * 60 * 1000;
/** How long a screen's celebration settings are trusted without a `board.changed`. */
const SETTINGS_TTL_MS = 30_000;
/** Sockets of users (phones): the default celebrations, without big deals (they have no threshold). */
const USER_RULES: CelebrationRules = { ...DEFAULT_BOARD_SETTINGS.celebrations, bigDeal: null };

interface MomentSocketData {
  principal?: Principal;
  seen?: Map<string, number>;
}

/**
 * Delivers moments and board changes to this instance's sockets. A moment goes to every socket watching
 * its contest whose rules celebrate it: a screen's own board settings (kinds, big-deal threshold), the
 * defaults for everyone else; never a rep who hides from TVs. Each socket sees a moment once (by id, and
 * one deal once even if two of its contests counted it), within {@link MOMENT_DEDUPE_MS}.
 */
@Injectable()
export class MomentsBroadcasterService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MomentsBroadcasterService.name);
  private readonly screens = new ScreensRepository();
  private readonly boards = new BoardsRepository();
  private readonly contests = new ContestsRepository();
  private readonly rules = new Map<string, { rules: CelebrationRules; until: number }>();
  private server: Namespace | null = null;

  constructor(
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly standings: StandingsBroadcasterService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.listen(CHANNEL_MOMENTS, (notice) => {
      this.deliver(notice).catch((error: unknown) =>
        this.logger.warn(`moments not delivered: ${String(error)}`),
      );
    });
    await this.bus.listen(CHANNEL_BOARD_CHANGED, (message) => this.boardChanged(message));
  }

  /** The gateway's namespace, for board changes (sent to a screen's sockets whatever they watch). */
  attach(server: Namespace): void {
    this.server = server;
  }

  async deliver(notice: MomentsNotice): Promise<void> {
    const announced: readonly MomentNotice[] = notice.moments ?? [];
    if (announced.length === 0) return;
    // The worker detects no moments for a paused contest; this catches those detected just before a
    // pause committed, so a paused board never celebrates.
    const paused = await this.contests.pausedAmong(
      this.dataSource.manager,
      announced.map((m) => m.contestId),
    );
    const moments = announced.filter((m) => !paused.has(m.contestId));
    if (moments.length === 0) return;
    const reps = moments.flatMap((m) => (m.rep === null ? [] : [m.rep.externalId]));
    const lines = await this.boards.linesOf(this.dataSource.manager, reps);
    const hidden = new Set([...lines].filter(([, line]) => line.hidden).map(([id]) => id));
    const now = this.clock();
    for (const notice of moments) {
      const moment = toDomain(notice);
      const isHidden = notice.rep !== null && hidden.has(notice.rep.externalId);
      const message: MomentMessage = { ...withoutEvent(notice), emittedAt: new Date(now).toISOString() };
      for (const socket of this.standings.socketsWatching(notice.contestId)) {
        const rules = await this.rulesOf(socket);
        if (rules === null || !celebrates(rules, moment, isHidden)) continue;
        if (!this.firstTime(socket, notice, now)) continue;
        socket.emit(WS_MOMENT, message);
      }
    }
  }

  private boardChanged(message: BoardChangedMessage): void {
    this.rules.delete(message.screenId);
    if (this.server === null) return;
    for (const socket of this.server.sockets.values()) {
      const principal = (socket.data as MomentSocketData).principal;
      if (principal?.kind === 'screen' && principal.screenId === message.screenId) {
        socket.emit(WS_BOARD_CHANGED, message);
      }
    }
  }

  private async rulesOf(socket: Socket): Promise<CelebrationRules | null> {
    const principal = (socket.data as MomentSocketData).principal;
    if (principal === undefined) return null;
    if (principal.kind !== 'screen') return USER_RULES;
    const cached = this.rules.get(principal.screenId);
    const now = this.clock();
    if (cached !== undefined && cached.until > now) return cached.rules;
    const board = await this.screens.board(this.dataSource.manager, principal.screenId);
    if (board === null || board.revoked) return null;
    const rules: CelebrationRules = { ...board.settings.celebrations, bigDeal: board.settings.bigDeal };
    this.rules.set(principal.screenId, { rules, until: now + SETTINGS_TTL_MS });
    return rules;
  }

  /** Records the moment (and its deal) on the socket; false when the socket saw it already. */
  private firstTime(socket: Socket, notice: MomentNotice, now: number): boolean {
    const data = socket.data as MomentSocketData;
    const seen = (data.seen ??= new Map());
    if (seen.size > 1_000) {
      for (const [key, until] of seen) if (until <= now) seen.delete(key);
    }
    const keys = [
      notice.id,
      ...(notice.kind === 'big_deal' && notice.event !== null ? [`deal:${notice.event}`] : []),
    ];
    if (keys.some((k) => (seen.get(k) ?? 0) > now)) return false;
    for (const k of keys) seen.set(k, now + MOMENT_DEDUPE_MS);
    return true;
  }
}

function withoutEvent(n: MomentNotice): Omit<MomentMessage, 'emittedAt'> {
  return {
    id: n.id,
    contestId: n.contestId,
    kind: n.kind,
    at: n.at,
    rep: n.rep,
    team: n.team,
    score: n.score,
    amount: n.amount,
    currency: n.currency,
    eventType: n.eventType,
    rank: n.rank,
    prize: n.prize,
  };
}

function toDomain(notice: MomentNotice): Moment {
  const subject =
    notice.rep !== null
      ? { kind: 'rep' as const, externalId: notice.rep.externalId, name: notice.rep.displayName }
      : { kind: 'team' as const, externalId: notice.team?.key ?? '', name: notice.team?.name ?? '' };
  return {
    id: notice.id,
    contestId: notice.contestId,
    kind: notice.kind,
    at: Date.parse(notice.at),
    subject,
    score: notice.score,
    amount:
      notice.amount === null || notice.currency === null
        ? null
        : { minor: notice.amount, currency: notice.currency },
    eventType: notice.eventType,
    rank: notice.rank,
    prize: notice.prize,
    event: notice.event,
  };
}
