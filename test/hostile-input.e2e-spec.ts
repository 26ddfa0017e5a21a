import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import {
  WS_CLIENT_EVENTS,
  WS_INPUT_BOUNDS,
  WS_NAMESPACE,
  WS_SUBSCRIBE,
  type ContestResponse,
  type ErrorResponse,
  type SubscribeAck,
} from '#contracts';
import {
  deleteRedisKeys,
  licenseSold,
  request,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uid,
  uniquePrefix,
  withDb,
  YEAR_2026,
  type PodiumProcess,
} from '#testing';

/** Fixed so a failure replays; set HOSTILE_SEED to explore others. Printed with every failure. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_201);
const RUNS_PER_ROUTE = Number(process.env.HOSTILE_RUNS ?? 12);
/** /health must answer within this while hostile requests arrive... */
const HEALTH_MS = 200;
/**
 * ...in at least 97% of the probes (and at least all but one), never slower than the ceiling. The test
 * machine is shared: its load alone delays a probe by a few hundred ms now and then (up to 1.6% of probes
 * over 200 ms, none over 450 ms, seen with no hostile request at fault). A request that stalls the event
 * loop, as a 120,000-key body did for seconds, or a class of requests that stalls it every time, fails.
 */
const HEALTH_SLOW_SHARE = 0.03;
const HEALTH_CEILING_MS = 1_000;

/** What is wrong with the /health latencies seen while hostile requests arrived. */
function healthProblems(latencies: readonly number[]): string[] {
  const slow = latencies.filter((ms) => ms > HEALTH_MS);
  const allowed = Math.max(1, Math.floor(latencies.length * HEALTH_SLOW_SHARE));
  const shown = slow.map((ms) => ms.toFixed(0)).join(', ');
  return [
    ...(latencies.length < 3 ? [`only ${latencies.length} /health probes`] : []),
    ...(slow.length > allowed
      ? [`${slow.length} of ${latencies.length} /health probes over ${HEALTH_MS} ms: ${shown}`]
      : []),
    ...(slow.some((ms) => ms > HEALTH_CEILING_MS) ? [`/health over ${HEALTH_CEILING_MS} ms: ${shown}`] : []),
  ];
}
/** Every table a request could write to: a refused request changes none of their row counts. */
const TABLES = [
  'events',
  'reps',
  'teams',
  'contests',
  'contest_periods',
  'awards',
  'users',
  'manager_teams',
  'sessions',
  'api_keys',
  'screens',
  'audit_log',
] as const;

interface OpenApiSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  items?: OpenApiSchema;
  oneOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  additionalProperties?: boolean | OpenApiSchema;
}
interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** Row counts of every table a request could write to. */
async function rowCounts(): Promise<Record<string, number>> {
  return withDb(async (db) => {
    const sql = `SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`;
    return (await db.query<Record<string, number>>(sql)).rows[0]!;
  });
}

/** One GET /health on a fresh connection, in milliseconds. */
function probeHealth(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((done) => {
    const req = httpRequest(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => done(performance.now() - started));
    });
    req.on('error', () => done(Number.POSITIVE_INFINITY));
    req.end();
  });
}

/** Probes /health every 25 ms until stopped; the slowest answers are what the tests check. */
function startProber(url: string): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    // At least 3 probes even when the hostile requests are refused faster than that (then the last
    // probes come just after them: the process answers, so nothing stalled it).
    while (running || latencies.length < 3) {
      latencies.push(await probeHealth(url));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/** A raw HTTP request with a body sent as is (so invalid JSON and huge bodies can be sent). */
async function send(
  url: string,
  method: string,
  path: string,
  text: string | undefined,
  token: string | null,
): Promise<{ status: number; body: ErrorResponse | null; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(text === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: text,
  });
  const raw = await response.text();
  let body: ErrorResponse | null;
  try {
    body = raw === '' ? null : (JSON.parse(raw) as ErrorResponse);
  } catch {
    body = { statusCode: response.status, error: 'not JSON', message: raw.slice(0, 200) };
  }
  return { status: response.status, body, ms: performance.now() - started };
}

/** What is wrong with an error answer: a 4xx must say why, and a 400 or 413 must name the fields. */
function answerProblems(status: number, body: ErrorResponse | null): string[] {
  if (status >= 500) return [`answered ${status}: ${JSON.stringify(body)}`];
  if (status < 400) return [];
  const wrong: string[] = [];
  if (body === null || typeof body.message !== 'string' || typeof body.error !== 'string') {
    wrong.push(`a ${status} without error and message: ${JSON.stringify(body)}`);
  }
  if (status === 400 || status === 413) {
    const problems = body?.problems ?? [];
    if (problems.length === 0) wrong.push(`a ${status} naming no field: ${JSON.stringify(body)}`);
    for (const p of problems) {
      if (typeof p.path !== 'string' || p.path === '' || typeof p.reason !== 'string' || p.reason === '') {
        wrong.push(`a problem without path or reason: ${JSON.stringify(p)}`);
      }
    }
  }
  return wrong;
}

/** Values that broke, or could break, a field: wrong types, nulls, NULs, prototype keys, size. */
function hostileValue(): fc.Arbitrary<unknown> {
  const reserved = fc.constantFrom('__proto__', 'constructor', 'prototype');
  return fc.oneof(
    // Null most often: an explicit null in an optional field was the most common way to a 500.
    { weight: 6, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', [], [[]], {}, [{}], [null]),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('valueOf', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('\ud800', 'x\udc00', 'Zoë 🚀', '%00', '../../etc', "'; DROP TABLE reps; --"),
    },
    { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 20_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: reserved.map((k) => ({ [k]: { polluted: true } })) },
    { weight: 1, arbitrary: reserved.map((k) => [{ [k]: 1 }]) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 20, max: 80 }).map((depth) => {
        let deep: unknown = 'leaf';
        for (let i = 0; i < depth; i++) deep = i % 2 === 0 ? { a: deep } : [deep];
        return deep;
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 200, max: 3_000 })
        .map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1_001, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/**
 * Bodies for one route, from its request schema in the OpenAPI document. Mostly a plausible body built
 * from the schema's own examples (its required fields, and some optional ones) with one to three of its
 * fields, at any depth, replaced by a hostile value or removed: the rest of the body passes validation,
 * so the hostile value reaches as deep as it can. Otherwise a hostile value as the whole body, or text
 * that is not JSON at all.
 */
function bodies(doc: OpenApiDocument, schema: OpenApiSchema | undefined): fc.Arbitrary<string | undefined> {
  const resolve = (s: OpenApiSchema): OpenApiSchema =>
    s.$ref === undefined ? s : (doc.components.schemas[s.$ref.split('/').pop() ?? ''] ?? {});
  const plausible = (s: OpenApiSchema, depth: number): fc.Arbitrary<unknown> => {
    const r = resolve(s) as OpenApiSchema & { example?: unknown; required?: string[] };
    if (r.example !== undefined) return fc.constant(r.example);
    if (r.oneOf !== undefined && r.oneOf.length > 0)
      return fc.oneof(...r.oneOf.map((o) => plausible(o, depth)));
    if (r.allOf !== undefined && r.allOf.length > 0) return plausible(r.allOf[0]!, depth);
    if (r.enum !== undefined && r.enum.length > 0) return fc.constantFrom(...r.enum);
    if (r.properties !== undefined && depth < 5) {
      const entries = Object.entries(r.properties).map(([k, v]) => [k, plausible(v, depth + 1)] as const);
      return fc.record(Object.fromEntries(entries), { requiredKeys: r.required ?? [] });
    }
    switch (r.type) {
      case 'string':
        return fc.constantFrom('x', randomUUID(), '2026-03-03T10:00:00Z');
      case 'integer':
      case 'number':
        return fc.integer({ min: 1, max: 10 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(r.items === undefined ? fc.string() : plausible(r.items, depth + 1), {
          minLength: 1,
          maxLength: 2,
        });
      case undefined:
      default:
        return fc.constant({});
    }
  };
  /** Every path into a value: keys of objects and indexes of arrays, at any depth. */
  const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] => {
    if (typeof value !== 'object' || value === null) return [];
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value);
    return entries.flatMap(([k, v]) => [[...at, k], ...paths(v, [...at, k])]);
  };
  const mutated = fc
    .tuple(
      schema === undefined ? fc.constant({}) : plausible(schema, 0),
      fc.array(fc.tuple(fc.nat(), fc.option(hostileValue(), { freq: 5, nil: undefined })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([base, changes]) => {
      const body = structuredClone(base) as Record<string, unknown>;
      for (const [pick, value] of changes) {
        const all = paths(body);
        const path = all.length === 0 ? ['extra'] : all[pick % all.length]!;
        let parent = body as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        const last = path[path.length - 1]!;
        if (value === undefined) delete parent[last];
        else parent[last] = value;
      }
      return body;
    });
  return fc.oneof(
    { weight: 8, arbitrary: mutated.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: hostileValue().map((b) => JSON.stringify(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        '{',
        '{"a": 1,}',
        'nul',
        '"\\u0000"',
        '{"events": [[]]}',
        '[]',
      ),
    },
  );
}

/** Path parameter values: a fixture that exists, or a hostile one. */
function paramValue(fixture: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(fixture) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '%00',
        'a%00b',
        '%E0%A4%A',
        '%ED%A0%80',
        'valueOf',
        '__proto__',
        'constructor',
        encodeURIComponent('x'.repeat(300)),
        randomUUID(),
        '..%2F..',
        '%20',
      ),
    },
  );
}

describe('hostile input over every write route and websocket message', () => {
  const prefix = uniquePrefix('hostile');
  let server: PodiumProcess;
  let doc: OpenApiDocument;
  let contest: ContestResponse;
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    server = await startPodium('api', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      // Budgets out of the way: this suite is about what a request does, not how many are allowed.
      RATE_LOGIN_PER_MINUTE: '1000000',
      RATE_PUBLIC_PER_MINUTE: '1000000',
      RATE_INGEST_PER_SECOND: '1000000',
      RATE_INGEST_IP_PER_SECOND: '1000000',
    });
    doc = (await request<OpenApiDocument>(`${server.url}/api/docs-json`, 'GET', undefined, undefined, null))
      .body;
    const team = uid('team');
    expect((await request(`${server.url}/api/v1/teams`, 'POST', { key: team, name: team })).status).toBe(201);
    const rep = uid('rep');
    expect((await request(`${server.url}/api/v1/reps/${rep}`, 'PUT', { team })).status).toBe(200);
    contest = (
      await request<ContestResponse>(`${server.url}/api/v1/contests`, 'POST', {
        name: uid('Hostile'),
        metric: { kind: 'count', eventTypes: ['lead_created'] },
        period: YEAR_2026,
      })
    ).body;
    Object.assign(fixtures, {
      id: contest.id,
      key: team,
      externalId: rep,
      rep,
      start: '2026-03-03T00:00:00Z',
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  it(`answers every write route with a 2xx or a 4xx naming the field, writing nothing on a refusal (seed ${SEED})`, async () => {
    const writes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
    // The route table is the app's own: a write route added later is covered without being listed here.
    expect(writes.length).toBeGreaterThanOrEqual(20);
    const prober = startProber(server.url);
    const wrong: string[] = [];
    try {
      for (const [i, { method, path, operation }] of writes.entries()) {
        const params = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        // Logging out with the suite's token would end its session: that route is tried without one.
        const token = path === '/api/v1/auth/logout' ? null : server.adminToken;
        const route = `${method} ${path}`;
        await fc
          .assert(
            fc.asyncProperty(
              fc.tuple(...params.map((p) => paramValue(fixtures[p] ?? randomUUID()))),
              bodies(doc, schema),
              async (values, text) => {
                let concrete = path;
                params.forEach((p, k) => (concrete = concrete.replace(`{${p}}`, values[k] ?? '')));
                const before = await rowCounts();
                const answer = await send(server.url, method, concrete, text, token);
                const problems = answerProblems(answer.status, answer.body);
                if (answer.status >= 400) {
                  const after = await rowCounts();
                  for (const table of TABLES) {
                    if (after[table] !== before[table]) problems.push(`a ${answer.status} changed ${table}`);
                  }
                }
                if (problems.length > 0) {
                  wrong.push(
                    `${route} as ${method} ${concrete} ${String(text).slice(0, 120)}: ${problems.join('; ')}`,
                  );
                }
                return problems.length === 0;
              },
            ),
            { seed: SEED + i, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
          )
          .catch((error: unknown) => {
            wrong.push(`${route}: ${String(error).slice(0, 600)} (seed ${SEED + i})`);
          });
      }
    } finally {
      wrong.push(...healthProblems(await prober.stop()));
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  /** A connected, authenticated socket of the suite's admin. */
  async function connect(): Promise<Socket> {
    const socket = io(`${server.url}${WS_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: server.adminToken },
    });
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
    return socket;
  }

  /** A payload the gateway takes for `event` (every other one must be refused naming a field). */
  function wellFormed(event: string, payload: unknown): boolean {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
    const p = payload as Record<string, unknown>;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const text = (v: unknown) =>
      v === undefined ||
      (typeof v === 'string' && v.length <= 200 && !v.includes('\u0000') && !/[\ud800-\udfff]/.test(v));
    const fields = event === WS_SUBSCRIBE ? ['contestId', 'top', 'rep', 'division'] : ['contestId'];
    return (
      Object.keys(p).every((k) => fields.includes(k)) &&
      typeof p.contestId === 'string' &&
      uuid.test(p.contestId) &&
      (p.top === undefined ||
        (Number.isInteger(p.top) && (p.top as number) >= 1 && (p.top as number) <= 100)) &&
      text(p.rep) &&
      text(p.division)
    );
  }

  it(`acknowledges every websocket message, naming the field of a malformed one (seed ${SEED})`, async () => {
    const socket = await connect();
    const prober = startProber(server.url);
    const wrong: string[] = [];
    try {
      const subscribeFields = fc.record(
        {
          contestId: fc.oneof(fc.constant(contest.id), fc.constant(randomUUID()), hostileValue()),
          top: fc.oneof(fc.integer({ min: -5, max: 200 }), hostileValue()),
          rep: fc.oneof(fc.constant(fixtures.rep), hostileValue()),
          division: hostileValue(),
        },
        { requiredKeys: [] },
      );
      // Larger messages close the connection before they are parsed: the last test covers them.
      const payloads = fc
        .oneof(
          { weight: 4, arbitrary: subscribeFields },
          { weight: 2, arbitrary: hostileValue() },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              { contestId: contest.id, constructor: 1 },
              { contestId: contest.id, rep: { constructor: 1 } },
              { contestId: contest.id, rep: 'a\u0000b' },
            ),
          },
        )
        .filter((p) => (JSON.stringify(p) ?? '').length < WS_INPUT_BOUNDS.bodyBytes! - 1_000);
      for (const [i, event] of WS_CLIENT_EVENTS.entries()) {
        await fc
          .assert(
            fc.asyncProperty(payloads, fc.boolean(), async (payload, withAck) => {
              if (!withAck) {
                // No acknowledgement wanted: nothing may throw, and the connection keeps serving.
                socket.emit(event, payload);
                const ack = (await socket
                  .timeout(5_000)
                  .emitWithAck(WS_SUBSCRIBE, { contestId: contest.id })) as SubscribeAck;
                if (!ack.ok) wrong.push(`${event} without ack broke the connection: ${ack.error}`);
                return ack.ok;
              }
              const ack = (await socket
                .timeout(5_000)
                .emitWithAck(event, payload)
                .catch(() => ({ ok: false, error: '' }))) as SubscribeAck;
              const problems: string[] = [];
              if (!ack.ok && (typeof ack.error !== 'string' || ack.error === ''))
                problems.push('no acknowledgement, or one without an error');
              const shaped = wellFormed(event, payload);
              if (!shaped && ack.ok) problems.push('a malformed message was taken');
              if (!shaped && !ack.ok && !/^[^:\s]+: /.test(ack.error))
                problems.push(`the error names no field: ${ack.error}`);
              if (problems.length > 0)
                wrong.push(`${event} ${JSON.stringify(payload)?.slice(0, 120)}: ${problems.join('; ')}`);
              return problems.length === 0;
            }),
            { seed: SEED + 100 + i, numRuns: 60, endOnFailure: true },
          )
          .catch((error: unknown) => {
            wrong.push(
              `${event}: ${String(error).split('\n').slice(0, 3).join(' ')} (seed ${SEED + 100 + i})`,
            );
          });
      }
    } finally {
      socket.disconnect();
      wrong.push(...healthProblems(await prober.stop()));
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('refuses a 120,000-key login, a 120,000-key event and a 650 KB subscription quickly while /health answers', async () => {
    const manyKeys = Object.fromEntries(Array.from({ length: 120_000 }, (_, i) => [`k${i}`, 1]));
    const login = JSON.stringify({ email: manyKeys, password: 'x' });
    const event = JSON.stringify(
      licenseSold(uid('src'), uid('rep'), 1, '2026-03-03T10:00:00Z', { attributes: manyKeys }),
    );
    expect(login.length).toBeGreaterThan(1_300_000);
    const before = await rowCounts();
    const prober = startProber(server.url);
    const answers: { status: number; ms: number }[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        answers.push(await send(server.url, 'POST', '/api/v1/auth/login', login, null));
        answers.push(await send(server.url, 'POST', '/api/v1/events', event, server.adminToken));
      }
      const socket = await connect();
      const closed = new Promise<string>((done) => socket.once('disconnect', (reason) => done(reason)));
      const started = performance.now();
      socket.emit(WS_SUBSCRIBE, {
        contestId: contest.id,
        rep: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 1])),
      });
      await expect(closed).resolves.toBe('transport close');
      answers.push({ status: 0, ms: performance.now() - started });
    } finally {
      expect(healthProblems(await prober.stop())).toEqual([]);
    }
    expect(answers.map((a) => a.status)).toEqual([413, 400, 413, 400, 413, 400, 0]);
    // Refused in far less than the seconds it took before any bound existed.
    expect(answers.filter((a) => a.ms > 1_000)).toEqual([]);
    await expect(rowCounts()).resolves.toEqual(before);
  }, 60_000);
});
