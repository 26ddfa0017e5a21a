import type {
  ContestResponse,
  CreatedApiKeyResponse,
  ApiKeyResponse,
  PairingResponse,
  RepResponse,
  ScreenResponse,
  SessionResponse,
  TeamResponse,
  UserResponse,
  IngestResponse,
  SalesEventInput,
  MeResponse,
} from '#contracts';
import {
  DEMO_CONTESTS,
  DEMO_HIDDEN_REP,
  DEMO_REP_LOGIN,
  DEMO_REPS,
  DEMO_SCREEN_NAME,
  DEMO_SCREEN_SETTINGS,
  DEMO_TEAMS,
  type DemoRep,
} from './demo-organisation.js';
import { backfillEvents, weekStartOf } from './demo-events.js';
import { seedOf, seededRandom } from './random.js';

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface SeedOptions {
  /** The admin Podium was started with (PODIUM_ADMIN_EMAIL / PODIUM_ADMIN_PASSWORD). */
  readonly admin: Credentials;
  /** The password of the demo's rep users (at least 12 characters). */
  readonly repPassword: string;
  /** The domain of the rep users' emails, e.g. `podium.demo`. */
  readonly emailDomain: string;
  /** Now, for the week so far that is posted first (default: the clock). */
  readonly now?: Date;
}

export interface DemoSetup {
  readonly contests: readonly ContestResponse[];
  readonly screen: ScreenResponse;
  readonly pairing: PairingResponse;
  /** The ingest key the stream posts with (a new one each run; the earlier demo keys are revoked). */
  readonly apiKey: string;
  readonly repLogin: Credentials & { readonly rep: DemoRep };
  readonly hiddenRep: Credentials & { readonly rep: DemoRep };
  readonly reps: readonly DemoRep[];
  /** How many events of the week so far were posted, and how many of them were new. */
  readonly backfill: { readonly posted: number; readonly written: number };
}

const API_KEY_NAME = 'Demo CRM stream';

/** A failed call to Podium, with what it answered. */
export class DemoApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/** A minimal REST client for the demo: JSON in and out, one bearer token. */
export class DemoClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  static async login(baseUrl: string, credentials: Credentials): Promise<DemoClient> {
    const client = new DemoClient(baseUrl);
    const { email, password } = credentials;
    const session = await client.call<SessionResponse>(
      'POST',
      '/api/v1/auth/login',
      { email, password },
      [200],
    );
    client.token = session.accessToken;
    return client;
  }

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    expect: readonly number[] = [200, 201],
  ): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token === null ? {} : { authorization: `Bearer ${this.token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expect.includes(response.status)) throw new DemoApiError(method, path, response.status, text);
    return (text === '' ? null : JSON.parse(text)) as T;
  }
}

/**
 * Seeds the demo organisation into the Podium at `baseUrl` over its REST API, as an admin would.
 * Idempotent: teams, reps, contests, the screen and users are looked up (by key, id, name, email)
 * and created only when missing, so a second run on the same data reuses them. Every run gets a
 * fresh pairing code and a fresh ingest key.
 */
export async function seedDemo(baseUrl: string, options: SeedOptions): Promise<DemoSetup> {
  const admin = await DemoClient.login(baseUrl, options.admin);

  const teams = new Set((await admin.call<TeamResponse[]>('GET', '/api/v1/teams')).map((team) => team.key));
  for (const team of DEMO_TEAMS) {
    if (!teams.has(team.key)) await admin.call('POST', '/api/v1/teams', team);
  }
  for (const rep of DEMO_REPS) {
    await admin.call<RepResponse>('PUT', `/api/v1/reps/${encodeURIComponent(rep.externalId)}`, {
      displayName: rep.displayName,
      team: rep.team,
    });
  }

  const existing = await admin.call<ContestResponse[]>('GET', '/api/v1/contests');
  const contests: ContestResponse[] = [];
  for (const wanted of DEMO_CONTESTS) {
    const found = existing.find((contest) => contest.name === wanted.name && contest.status !== 'archived');
    contests.push(found ?? (await admin.call<ContestResponse>('POST', '/api/v1/contests', wanted)));
  }
  const contestIds = contests.map((contest) => contest.id);

  const screens = await admin.call<ScreenResponse[]>('GET', '/api/v1/screens');
  let screenId = screens.find((screen) => screen.name === DEMO_SCREEN_NAME && screen.revokedAt === null)?.id;
  let pairing: PairingResponse;
  if (screenId === undefined) {
    const created = await admin.call<ScreenResponse & { pairing: PairingResponse }>(
      'POST',
      '/api/v1/screens',
      {
        name: DEMO_SCREEN_NAME,
        contestIds,
        topN: 10,
      },
    );
    screenId = created.id;
    pairing = created.pairing;
  } else {
    pairing = await admin.call<PairingResponse>('POST', `/api/v1/screens/${screenId}/pairing-code`);
  }
  const screen = await admin.call<ScreenResponse>('PATCH', `/api/v1/screens/${screenId}`, {
    contestIds,
    topN: 10,
    settings: DEMO_SCREEN_SETTINGS,
  });

  const users = await admin.call<UserResponse[]>('GET', '/api/v1/users');
  const repUser = async (externalId: string): Promise<Credentials & { rep: DemoRep }> => {
    const rep = DEMO_REPS.find((candidate) => candidate.externalId === externalId);
    if (rep === undefined) throw new Error(`no demo rep ${externalId}`);
    const credentials = { email: `${rep.externalId}@${options.emailDomain}`, password: options.repPassword };
    const user = users.find((candidate) => candidate.email === credentials.email);
    if (user === undefined) {
      await admin.call('POST', '/api/v1/users', { ...credentials, role: 'rep', rep: rep.externalId });
    } else {
      // The password printed must work, whatever happened to the user since the last run.
      await admin.call('PATCH', `/api/v1/users/${user.id}`, {
        password: options.repPassword,
        disabled: false,
      });
    }
    return { ...credentials, rep };
  };
  const repLogin = await repUser(DEMO_REP_LOGIN);
  const hiddenRep = await repUser(DEMO_HIDDEN_REP);
  // The rep's own choice, made as the rep: admins cannot hide someone.
  const hidden = await DemoClient.login(baseUrl, hiddenRep);
  await hidden.call<MeResponse>('PATCH', '/api/v1/me', { hiddenFromTv: true });

  const keys = await admin.call<ApiKeyResponse[]>('GET', '/api/v1/api-keys');
  for (const key of keys) {
    if (key.name === API_KEY_NAME && key.revokedAt === null) {
      await admin.call('POST', `/api/v1/api-keys/${key.id}/revoke`);
    }
  }
  const apiKey = await admin.call<CreatedApiKeyResponse>('POST', '/api/v1/api-keys', { name: API_KEY_NAME });

  const now = options.now ?? new Date();
  const weekStart = weekStartOf(now);
  const week = backfillEvents(DEMO_REPS, weekStart, now, seededRandom(seedOf(weekStart.toISO() ?? '')));
  let written = 0;
  for (let i = 0; i < week.length; i += 1_000) {
    written += (await postEvents(baseUrl, apiKey.key, week.slice(i, i + 1_000))).written;
  }

  return {
    contests,
    screen,
    pairing,
    apiKey: apiKey.key,
    repLogin,
    hiddenRep,
    reps: DEMO_REPS,
    backfill: { posted: week.length, written },
  };
}

/** Posts events with an ingest key; refuses anything but a 202. */
export async function postEvents(
  baseUrl: string,
  apiKey: string,
  events: readonly SalesEventInput[],
): Promise<IngestResponse> {
  const client = new DemoClient(baseUrl, apiKey);
  return client.call<IngestResponse>('POST', '/api/v1/events', { events }, [202]);
}
