import { io, type Socket } from 'socket.io-client';
import {
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  WS_UNSUBSCRIBE,
  WS_UPDATED,
  type StandingsMessage,
  type SubscribeAck,
  type SubscribeRequest,
} from '#contracts';

/**
 * The one live-standings client of every page (TV, phone, console), free of any framework so that it is
 * tested in Node against a real server.
 *
 * The protocol (docs/API.md): a subscription answers with a snapshot; `standings.updated` follows with a
 * strictly increasing `version` and the `previousVersion` this connection received before. A message
 * older than what we hold is dropped; a message whose `previousVersion` is not ours means one was lost,
 * so we subscribe again and start from a fresh snapshot. After any reconnect every subscription starts
 * again from a snapshot. Listeners therefore only ever see a consistent, newer board.
 */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface LiveUpdate {
  readonly message: StandingsMessage;
  /** `snapshot`: a fresh start (subscribe, resync after a gap or a reconnect); `update`: the next version. */
  readonly kind: 'snapshot' | 'update';
  /** Local time the message arrived (ms since the epoch). */
  readonly receivedAt: number;
}

export interface LiveOptions {
  /** The server's origin; default: the page's own. */
  readonly url?: string;
  /** The token for each (re)connection: a person's fresh access token or a TV's display token. */
  readonly token: () => Promise<string | null> | string | null;
  /** Extra socket.io-client options (tests pass `transports`, `forceNew`). */
  readonly socketOptions?: Parameters<typeof io>[1];
}

interface Watch {
  readonly request: SubscribeRequest;
  readonly listeners: Set<(update: LiveUpdate) => void>;
  readonly errorListeners: Set<(error: string) => void>;
  version: number | null;
  last: LiveUpdate | null;
  /** The newest update that came while the snapshot was on its way: applied after it if it follows it. */
  early: StandingsMessage | null;
  /** Incremented per subscribe call: a late ack of an older call is ignored. */
  attempt: number;
}

const keyOf = (request: SubscribeRequest): string => request.contestId;

export class LiveStandings {
  private readonly socket: Socket;
  private readonly watches = new Map<string, Watch>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private currentStatus: LiveStatus = 'connecting';
  private everConnected = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(options: LiveOptions) {
    const url = `${options.url ?? ''}${WS_NAMESPACE}`;
    this.socket = io(url, {
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      ...options.socketOptions,
      // A function: asked again before every reconnection, so a renewed token is used.
      auth: (done: (data: { token: string | null }) => void) => {
        void Promise.resolve(options.token()).then(
          (token) => done({ token }),
          () => done({ token: null }),
        );
      },
    });
    this.socket.on('connect', () => {
      this.everConnected = true;
      this.setStatus('live');
      for (const watch of this.watches.values()) this.subscribe(watch);
    });
    this.socket.on('disconnect', (reason) => {
      for (const watch of this.watches.values()) watch.version = null;
      // The server closed us (a revoked token, a changed scope): reconnect by hand; socket.io does not.
      if (reason === 'io server disconnect') this.socket.connect();
      this.setStatus('reconnecting');
    });
    this.socket.on('connect_error', (error: Error) => {
      if (/unauthenticated/i.test(error.message)) this.setStatus('unauthorized');
      else this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
      // socket.io stops retrying after a middleware refusal; keep trying, slowly (a token may be renewed).
      if (!this.socket.active && this.retry === null && !this.closed) {
        this.retry = setTimeout(() => {
          this.retry = null;
          if (!this.closed) this.socket.connect();
        }, 5_000);
      }
    });
    this.socket.on(WS_UPDATED, (message: StandingsMessage) => this.onUpdate(message));
    this.socket.onAny((event: string, payload: unknown) => {
      for (const listener of this.eventListeners.get(event) ?? []) listener(payload);
    });
  }

  get status(): LiveStatus {
    return this.currentStatus;
  }

  /** Watches one contest's board; the listener gets the current board at once if there is one. */
  watch(
    request: SubscribeRequest,
    listener: (update: LiveUpdate) => void,
    onError?: (error: string) => void,
  ): () => void {
    const key = keyOf(request);
    let watch = this.watches.get(key);
    if (watch === undefined || JSON.stringify(watch.request) !== JSON.stringify(request)) {
      watch = {
        request,
        listeners: watch?.listeners ?? new Set(),
        errorListeners: watch?.errorListeners ?? new Set(),
        version: null,
        last: null,
        early: null,
        attempt: 0,
      };
      this.watches.set(key, watch);
      if (this.socket.connected) this.subscribe(watch);
    } else if (watch.last !== null) {
      listener(watch.last);
    }
    watch.listeners.add(listener);
    if (onError !== undefined) watch.errorListeners.add(onError);
    const current = watch;
    return () => {
      current.listeners.delete(listener);
      if (onError !== undefined) current.errorListeners.delete(onError);
      if (current.listeners.size === 0 && this.watches.get(key) === current) {
        this.watches.delete(key);
        if (this.socket.connected) this.socket.emit(WS_UNSUBSCRIBE, { contestId: request.contestId });
      }
    };
  }

  /** Any other server event (e.g. celebrations), typed by the caller. */
  on<T>(event: string, listener: (payload: T) => void): () => void {
    let set = this.eventListeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.eventListeners.set(event, set);
    }
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.currentStatus);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    this.watches.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
  }

  private subscribe(watch: Watch): void {
    const attempt = ++watch.attempt;
    watch.version = null;
    watch.early = null;
    this.socket.emit(WS_SUBSCRIBE, watch.request, (ack: SubscribeAck) => {
      if (attempt !== watch.attempt || this.watches.get(keyOf(watch.request)) !== watch) return;
      if (!ack.ok) {
        for (const listener of watch.errorListeners) listener(ack.error);
        return;
      }
      const early = watch.early;
      watch.early = null;
      this.deliver(watch, ack.snapshot, 'snapshot');
      // The server may send the next version before this acknowledgement reaches us.
      if (early !== null) this.onUpdate(early);
    });
  }

  private onUpdate(message: StandingsMessage): void {
    const watch = this.watches.get(message.contestId);
    if (watch === undefined) return;
    if (watch.version === null) {
      // Waiting for a snapshot: keep the newest update, to apply after the snapshot if it follows it.
      if (watch.early === null || message.version > watch.early.version) watch.early = message;
      return;
    }
    if (message.version <= watch.version) return; // older or repeated: drop
    if (message.previousVersion !== watch.version) {
      this.subscribe(watch); // a message was lost: start again from a snapshot
      return;
    }
    this.deliver(watch, message, 'update');
  }

  private deliver(watch: Watch, message: StandingsMessage, kind: LiveUpdate['kind']): void {
    watch.version = message.version;
    const update: LiveUpdate = { message, kind, receivedAt: Date.now() };
    watch.last = update;
    for (const listener of watch.listeners) listener(update);
  }
}
