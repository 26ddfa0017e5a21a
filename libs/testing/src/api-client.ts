import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { ADMIN_TOKENS } from './podium-process.js';
import {
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  WS_UPDATED,
  type ClientToServerEvents,
  type ContestResponse,
  type CreateContestRequest,
  type IngestResponse,
  type SalesEventInput,
  type ServerToClientEvents,
  type StandingsMessage,
  type StandingsResponse,
  type SubscribeAck,
} from '#contracts';

export interface HttpAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * An HTTP request to a test server. Sends the server's admin token (see `ADMIN_TOKENS`) unless `token`
 * says otherwise (`null`: no token at all).
 */
export async function request<T>(
  url: string,
  method: string,
  body?: unknown,
  raw?: string,
  token?: string | null,
): Promise<HttpAnswer<T> & { headers: Headers }> {
  const bearer = token === undefined ? ADMIN_TOKENS.get(new URL(url).origin) : token;
  const response = await fetch(url, {
    method,
    headers: {
      ...(body === undefined && raw === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer === null || bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

/** A unique id for this test's reps, events and sources, so tests never see each other's data. */
export function uid(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 12)}`;
}

/** A one-off window with fixed bounds, so a test's events do not depend on today's date. */
export const YEAR_2026 = {
  kind: 'once',
  timeZone: 'UTC',
  start: '2026-01-01T00:00:00Z',
  end: '2027-01-01T00:00:00Z',
} as const;

/**
 * "Most licenses this week", counting only events of `source`: tests share one database, so each
 * test posts under its own source and its contests see only its own events.
 */
export function weeklyContest(
  source: string,
  overrides: Partial<CreateContestRequest> = {},
): CreateContestRequest {
  return {
    name: `Most licenses this week ${uid()}`,
    filters: [{ field: 'source', op: 'eq', value: source }],
    metric: { kind: 'sum_quantity', eventTypes: ['license_sold'] },
    period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
    ...overrides,
  };
}

export function licenseSold(
  source: string,
  rep: string,
  quantity: number,
  occurredAt: string,
  overrides: Partial<SalesEventInput> = {},
): SalesEventInput {
  return {
    id: uid('deal'),
    source,
    type: 'license_sold',
    rep: { id: rep, name: `Rep ${rep}` },
    occurredAt,
    quantity,
    ...overrides,
  };
}

export class PodiumApi {
  constructor(readonly url: string) {}

  async createContest(contest: CreateContestRequest): Promise<ContestResponse> {
    const answer = await request<ContestResponse>(`${this.url}/api/v1/contests`, 'POST', contest);
    if (answer.status !== 201)
      throw new Error(`contest not created: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  postEvents(events: readonly SalesEventInput[]): Promise<HttpAnswer<IngestResponse>> {
    return request<IngestResponse>(`${this.url}/api/v1/events`, 'POST', { events });
  }

  standings(contestId: string, top = 10): Promise<HttpAnswer<StandingsResponse>> {
    return request<StandingsResponse>(`${this.url}/api/v1/contests/${contestId}/standings?top=${top}`, 'GET');
  }

  around(contestId: string, rep: string): Promise<HttpAnswer<StandingsResponse>> {
    return request<StandingsResponse>(
      `${this.url}/api/v1/contests/${contestId}/standings/around/${rep}`,
      'GET',
    );
  }

  /** Polls the standings until `accept` holds (scoring is asynchronous). */
  async waitForStandings(
    contestId: string,
    accept: (s: StandingsResponse) => boolean,
    timeoutMs = 15_000,
  ): Promise<StandingsResponse> {
    const deadline = Date.now() + timeoutMs;
    let last: StandingsResponse | null = null;
    while (Date.now() < deadline) {
      last = (await this.standings(contestId, 100)).body;
      if (accept(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`standings never matched; last: ${JSON.stringify(last)}`);
  }
}

/** A Socket.IO client of the live standings that records every message it receives. */
export class LiveClient {
  readonly messages: StandingsMessage[] = [];
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  /** Connects with the server's admin token unless `token` says otherwise. */
  constructor(url: string, token?: string | null) {
    const bearer = token === undefined ? ADMIN_TOKENS.get(new URL(url).origin) : token;
    this.socket = io(`${url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      ...(bearer === null || bearer === undefined ? {} : { auth: { token: bearer } }),
    });
    this.socket.on(WS_UPDATED, (m) => this.messages.push(m));
  }

  async subscribe(contestId: string, options: { top?: number; rep?: string } = {}): Promise<SubscribeAck> {
    return (await this.socket
      .timeout(10_000)
      .emitWithAck(WS_SUBSCRIBE, { contestId, ...options })) as SubscribeAck;
  }

  /** Waits for an update that satisfies `accept`. */
  async waitFor(accept: (m: StandingsMessage) => boolean, timeoutMs = 10_000): Promise<StandingsMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.messages.find(accept);
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no matching update; received: ${JSON.stringify(this.messages.map((m) => m.version))}`);
  }

  /** Drops the connection, runs `meanwhile`, and connects again (the same client). */
  async reconnect(meanwhile: () => Promise<void>): Promise<void> {
    this.socket.disconnect();
    await meanwhile();
    await new Promise<void>((done) => {
      this.socket.once('connect', () => done());
      this.socket.connect();
    });
  }

  /** Resolves when the server closes the connection (fails after `timeoutMs`). */
  async waitForDisconnect(timeoutMs = 10_000): Promise<void> {
    if (!this.socket.connected) return;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('the server kept the connection open')), timeoutMs);
      this.socket.once('disconnect', () => {
        clearTimeout(timer);
        done();
      });
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
