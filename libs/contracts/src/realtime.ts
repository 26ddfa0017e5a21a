import { WS_BOARD_CHANGED, WS_MOMENT, type BoardChangedMessage, type MomentMessage } from './boards.js';
import type { StandingEntry, StandingsPeriod } from './standings.js';

/** Socket.IO namespace of the live standings. */
export const WS_NAMESPACE = '/standings' as const;

/** Event names on the websocket, client to server and server to client. */
export const WS_SUBSCRIBE = 'standings.subscribe' as const;
export const WS_UNSUBSCRIBE = 'standings.unsubscribe' as const;
export const WS_SNAPSHOT = 'standings.snapshot' as const;
export const WS_UPDATED = 'standings.updated' as const;

/** Every message a client may send: the gateway handles exactly these (a test checks both ways). */
export const WS_CLIENT_EVENTS = [WS_SUBSCRIBE, WS_UNSUBSCRIBE] as const;

export interface SubscribeRequest {
  readonly contestId: string;
  /** How many entries from the top to receive (1-100, default 10). */
  readonly top?: number;
  /** A rep's external id: the message then also carries that rep with 2 above and 2 below. */
  readonly rep?: string;
  /** On a contest with divisions: the division's board (default: the rep's own, or the first). */
  readonly division?: string;
}

/** Acknowledgement of a subscription: the snapshot, or the reason it was refused. */
export type SubscribeAck =
  { readonly ok: true; readonly snapshot: StandingsMessage } | { readonly ok: false; readonly error: string };

/**
 * A snapshot (on subscribe) or an update. `version` strictly increases per contest; `previousVersion`
 * is the version of the message this connection received before for the contest (null on a snapshot).
 * A client whose last seen version differs from `previousVersion` missed a message and should resubscribe.
 */
export interface StandingsMessage {
  readonly contestId: string;
  readonly version: number;
  readonly previousVersion: number | null;
  readonly period: StandingsPeriod;
  /** On a contest with divisions: the division shown, and every division of the period. */
  readonly division?: string | null;
  readonly divisions?: readonly string[];
  readonly top: readonly StandingEntry[];
  readonly around?: readonly StandingEntry[];
}

export interface ServerToClientEvents {
  [WS_SNAPSHOT]: (message: StandingsMessage) => void;
  [WS_UPDATED]: (message: StandingsMessage) => void;
  [WS_MOMENT]: (message: MomentMessage) => void;
  [WS_BOARD_CHANGED]: (message: BoardChangedMessage) => void;
}

/** Acknowledgement of an unsubscription (the ack is optional). */
export type UnsubscribeAck = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface ClientToServerEvents {
  [WS_SUBSCRIBE]: (request: SubscribeRequest, ack: (ack: SubscribeAck) => void) => void;
  [WS_UNSUBSCRIBE]: (request: { contestId: string }, ack?: (ack: UnsubscribeAck) => void) => void;
}
