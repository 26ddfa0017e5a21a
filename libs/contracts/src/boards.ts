import type { ContestKind, ContestStatus, PeriodKind } from './value-lists.js';

/**
 * What a TV board celebrates, full screen. Sent as `moment` (WS_MOMENT) after the scoring commit.
 * - `big_deal`: one event's amount at least the board's threshold, in the same currency.
 * - `new_leader`: someone else is now first on the public board.
 * - `target_reached`: a rep (or team) reached the target (race target or their own target).
 * - `prize_won`: a threshold prize crossed during a live period, or a rank prize awarded at finalisation.
 * Never rename a kind: boards store the kinds they celebrate.
 */
export const MOMENT_KINDS = ['big_deal', 'new_leader', 'target_reached', 'prize_won'] as const;
export type MomentKind = (typeof MOMENT_KINDS)[number];

export const BOARD_THEMES = ['dark', 'light'] as const;
export type BoardTheme = (typeof BOARD_THEMES)[number];

export const BOARD_LANGUAGES = ['auto', 'en', 'nl'] as const;
export type BoardLanguage = (typeof BOARD_LANGUAGES)[number];

/** How a TV board looks and behaves. Every field has a default, so a new screen draws at once. */
export interface BoardSettings {
  /** Seconds each contest of the playlist stays on screen: 5-300, default 20. */
  readonly secondsPerSlide: number;
  /** Entries from the top a slide shows: 1-50, default 10 (the screen's topN). */
  readonly topN: number;
  /** Default 'dark'. */
  readonly theme: BoardTheme;
  /** Default 'auto': the browser's language. */
  readonly language: BoardLanguage;
  readonly celebrations: {
    readonly enabled: boolean;
    /** The kinds celebrated (default: all of them). */
    readonly kinds: readonly MomentKind[];
    /** Play a short sound with a celebration (default false: offices are quiet places). */
    readonly sound: boolean;
  };
  /** A deal of at least `amount` (minor units) in `currency` is a big deal; null: no big-deal moments. */
  readonly bigDeal: { readonly amount: number; readonly currency: string } | null;
  /** How long a finished period's winners stay on screen before the new period shows: 0-3600 s, default 300. */
  readonly winnersHoldSeconds: number;
}

/** A change to a screen: `PATCH /api/v1/screens/:id` (admin). Every field optional; settings merge field by field. */
export interface UpdateScreenRequest {
  readonly name?: string;
  readonly contestIds?: readonly string[];
  readonly topN?: number;
  readonly settings?: Partial<Omit<BoardSettings, 'topN' | 'celebrations'>> & {
    readonly celebrations?: Partial<BoardSettings['celebrations']>;
  };
}

/** Device authorization (RFC 8628 shape). POST /api/v1/screens/device (anonymous, rate-limited). */
export interface DeviceStartResponse {
  /** Secret: only the TV holds it; it polls with it. Stored only as a hash. */
  readonly deviceCode: string;
  /** Short, shown in large type, e.g. 'BCDF-GHJK' (RFC 8628's unambiguous consonants). */
  readonly userCode: string;
  /** Where a manager types the code: today the API route `POST /api/v1/screens/:id/link`. */
  readonly verificationPath: string;
  readonly expiresAt: string;
  /** Poll no faster than this, or the answer is `slow_down`. */
  readonly intervalSeconds: number;
}

/** POST /api/v1/screens/device/token { deviceCode } (anonymous, rate-limited). */
export interface DeviceTokenRequest {
  readonly deviceCode: string;
}

/**
 * Always 200 with a status (a browser console stays clean while pending). `paired` is answered once:
 * the token is handed over on the first poll after the link, and the device code is then spent
 * (a later poll answers `expired`).
 */
export type DeviceTokenResponse =
  | { readonly status: 'pending' | 'slow_down' | 'expired' }
  | { readonly status: 'paired'; readonly token: string; readonly screenId: string };

/** POST /api/v1/screens/:id/link { userCode } by an admin: binds the waiting TV to the screen. */
export interface LinkScreenRequest {
  readonly userCode: string;
}

/** GET /api/v1/board with the screen's token: everything the TV needs to draw its playlist. */
export interface BoardResponse {
  readonly screenId: string;
  readonly name: string;
  /**
   * Increases with every change to the screen (name, playlist, settings) and when a contest of its playlist
   * is paused or resumed: see WS_BOARD_CHANGED.
   */
  readonly version: number;
  readonly settings: BoardSettings;
  /** The playlist in order; contests not (or no longer) on a board (drafts, archived) are left out. */
  readonly contests: readonly BoardContest[];
}

export interface BoardContest {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly kind: ContestKind;
  readonly status: ContestStatus;
  readonly periodKind: PeriodKind;
  readonly timeZone: string;
  readonly unit: MetricUnit;
  /** A race's target, or a leaderboard's default per-rep target, in the unit; null without one. */
  readonly target: number | null;
  readonly prizes: readonly BoardPrize[];
  /** Paused by a manager: the scores still count, the board says so calmly and celebrates nothing. */
  readonly paused: boolean;
}

/** A prize for a rank (`rank`) or for everyone reaching a board value (`threshold`, in the unit). */
export interface BoardPrize {
  readonly name: string;
  readonly description: string | null;
  readonly imageUrl: string | null;
  readonly rank?: number;
  readonly threshold?: number;
}

/** What a contest counts, so numbers read "3 licenses", "€1,200.00", "12 points". */
export type MetricUnit =
  /** A quantity or a count of one event type (null: of several types). */
  | { readonly kind: 'count'; readonly eventType: string | null }
  /** Minor units of `currency`. */
  | { readonly kind: 'money'; readonly currency: string | null }
  | { readonly kind: 'points' }
  /** Boards ranked by percent of each rep's target. */
  | { readonly kind: 'percent' };

/** A pace projection (libs/domain `projectPace`): the web shows it, never re-computes it. */
export interface Pace {
  /** The score at the period's end if the rest of it goes like the elapsed part (rounded down). */
  readonly projected: number;
  /** Whether `projected` reaches the target; null without a target. */
  readonly onPaceForTarget: boolean | null;
  /** 'early' while less than 10 % of the period has elapsed: say "too early to tell", not a number. */
  readonly confidence: 'early' | 'normal';
}

/** Server to client, to sockets watching the contest (screens filtered by their settings). Never rename. */
export const WS_MOMENT = 'moment' as const;
/** Server to client, to a screen's sockets: its name, playlist or settings changed; refetch GET /api/v1/board. */
export const WS_BOARD_CHANGED = 'board.changed' as const;

export interface BoardChangedMessage {
  readonly screenId: string;
  readonly version: number;
}

export interface MomentMessage {
  /** Stable: contest + kind + who + event source/id/revision; a redelivered job yields the same id. */
  readonly id: string;
  readonly contestId: string;
  readonly kind: MomentKind;
  /** When it happened (the event's occurredAt; the period's end for rank prizes). */
  readonly at: string;
  /** Server time of emission: clients drop stale ones (older than about 60 s). */
  readonly emittedAt: string;
  readonly rep: { readonly externalId: string; readonly displayName: string } | null;
  readonly team: { readonly key: string; readonly name: string } | null;
  /** The rep's or team's score after the event, in the contest's unit. */
  readonly score: number;
  /** big_deal: the deal's amount (minor units) and currency; null otherwise. */
  readonly amount: number | null;
  readonly currency: string | null;
  /** The event type behind the moment (e.g. `deal_won`); null for a rank prize awarded at finalisation. */
  readonly eventType: string | null;
  /** new_leader: 1; prize_won: the rank (null for a threshold prize); null otherwise. */
  readonly rank: number | null;
  /** prize_won: the prize's name; null otherwise. */
  readonly prize: string | null;
}
