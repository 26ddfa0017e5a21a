import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorResponse, SalesEventInput } from '#contracts';
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
  type PodiumProcess,
} from '#testing';

/** Rows the ledger and the reps table hold for one source and its reps. */
async function written(source: string, reps: readonly string[]): Promise<{ events: number; reps: number }> {
  return withDb(async (db) => {
    const e = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM events WHERE source = $1`, [
      source,
    ]);
    const r = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM reps WHERE external_id = ANY($1)`,
      [reps],
    );
    return { events: Number(e.rows[0]?.n), reps: Number(r.rows[0]?.n) };
  });
}

describe('bad input gets a clear error and writes nothing', () => {
  const prefix = uniquePrefix('badinput');
  let server: PodiumProcess;
  let eventsUrl: string;

  beforeAll(async () => {
    server = await startPodium('api', {
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: TEST_REDIS_URL,
      PODIUM_KEY_PREFIX: prefix,
      BODY_LIMIT: '256kb',
      LOG_FORMAT: 'json',
    });
    eventsUrl = `${server.url}/api/v1/events`;
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await deleteRedisKeys(prefix);
  });

  /** Posts `events` as a batch whose first item is valid, and checks the answer names `problems`. */
  async function rejects(
    mutate: (e: Record<string, unknown>) => void,
    problems: { path: string; reason: RegExp }[],
  ): Promise<void> {
    const src = uid('src');
    const rep = uid('rep');
    const good = licenseSold(src, rep, 1, '2026-01-05T10:00:00+01:00');
    const bad: Record<string, unknown> = {
      ...licenseSold(src, uid('badrep'), 1, '2026-01-05T10:00:00+01:00'),
    };
    mutate(bad);
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', { events: [good, bad] });
    expect(answer.status).toBe(400);
    for (const p of problems) {
      expect(answer.body.problems).toContainEqual({ path: p.path, reason: expect.stringMatching(p.reason) });
    }
    await expect(written(src, [rep])).resolves.toEqual({ events: 0, reps: 0 });
  }

  it.each([
    [
      'a missing field',
      (e: Record<string, unknown>) => delete e.occurredAt,
      'events[1].occurredAt',
      /offset/,
    ],
    [
      'a wrong type',
      (e: Record<string, unknown>) => (e.quantity = '3'),
      'events[1].quantity',
      /whole number/,
    ],
    [
      'an unknown event type',
      (e: Record<string, unknown>) => (e.type = 'deal_dreamt'),
      'events[1].type',
      /one of/,
    ],
    [
      'a type without its measure',
      (e: Record<string, unknown>) => delete e.quantity,
      'events[1].quantity',
      /required for license_sold/,
    ],
    [
      'a time without an offset',
      (e: Record<string, unknown>) => (e.occurredAt = '2026-01-05T10:00:00'),
      'events[1].occurredAt',
      /with an offset/,
    ],
    [
      'a time far in the future',
      (e: Record<string, unknown>) => (e.occurredAt = '2099-01-01T00:00:00Z'),
      'events[1].occurredAt',
      /in the future/,
    ],
    [
      'a non-integer amount',
      (e: Record<string, unknown>) => {
        e.type = 'deal_won';
        e.amount = { minor: 1999.5, currency: 'EUR' };
      },
      'events[1].amount.minor',
      /integer number of minor units/,
    ],
    [
      'a negative quantity',
      (e: Record<string, unknown>) => (e.quantity = -2),
      'events[1].quantity',
      /not be less than 0/,
    ],
    [
      'an unknown field',
      (e: Record<string, unknown>) => (e.colour = 'red'),
      'events[1].colour',
      /should not exist/,
    ],
    [
      'a malformed source',
      (e: Record<string, unknown>) => (e.source = 'Hub Spot'),
      'events[1].source',
      /lower-case letters/,
    ],
    [
      'a date that is not on the calendar',
      (e: Record<string, unknown>) => (e.occurredAt = '2026-02-31T10:00:00Z'),
      'events[1].occurredAt',
      /with an offset/,
    ],
    [
      'a NUL character in a name',
      (e: Record<string, unknown>) => (e.rep = { id: 'r', name: 'a\u0000b' }),
      'events[1].rep.name',
      /NUL/,
    ],
    [
      'a NUL character in an attribute',
      (e: Record<string, unknown>) => (e.attributes = { note: ['ok', 'x\u0000'] }),
      'events[1].attributes.note[1]',
      /NUL/,
    ],
    [
      'a lone surrogate in an id',
      (e: Record<string, unknown>) => (e.id = 'x\ud800'),
      'events[1].id',
      /lone surrogate/,
    ],
    [
      'attributes nested too deep',
      (e: Record<string, unknown>) => {
        let deep: unknown = 1;
        for (let i = 0; i < 200; i++) deep = { a: deep };
        e.attributes = deep;
      },
      'events[1].attributes' + '.a'.repeat(5),
      /deeper than 8/,
    ],
  ])('refuses the whole batch for %s', async (_name, mutate, path, reason) => {
    await rejects(mutate, [{ path, reason }]);
  });

  it.each([
    [
      'a constructor key in attributes',
      { attributes: { constructor: { name: 'x' } } },
      'attributes.constructor',
    ],
    ['a __proto__ key in attributes', JSON.parse('{"attributes": {"__proto__": 1}}'), 'attributes.__proto__'],
    ['a prototype key in rep', { rep: { id: 'r', name: 'R', prototype: 1 } }, 'rep.prototype'],
    ['a constructor key on the event', { constructor: 1 }, 'constructor'],
  ])('refuses %s with 400 naming it (never dropped silently)', async (_name, extra, path) => {
    const src = uid('src');
    const event = { ...licenseSold(src, uid('rep'), 1, '2026-01-05T10:00:00Z'), ...(extra as object) };
    const single = await request<ErrorResponse>(eventsUrl, 'POST', event);
    expect(single.status).toBe(400);
    expect(single.body.problems).toContainEqual({ path, reason: expect.stringMatching(/reserved name/) });
    const batch = await request<ErrorResponse>(eventsUrl, 'POST', { events: [event] });
    expect(batch.status).toBe(400);
    expect(batch.body.problems).toContainEqual({
      path: `events[0].${path}`,
      reason: expect.stringMatching(/reserved name/),
    });
    await expect(written(src, [])).resolves.toMatchObject({ events: 0 });
  });

  it('refuses batch items that are not event objects, naming each', async () => {
    const src = uid('src');
    const good = licenseSold(src, uid('rep'), 1, '2026-01-05T10:00:00Z');
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', { events: [good, [], 'x', null] });
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([
      { path: 'events[1]', reason: 'must be an event object' },
      { path: 'events[2]', reason: 'must be an event object' },
      { path: 'events[3]', reason: 'must be an event object' },
    ]);
    expect((await request<ErrorResponse>(eventsUrl, 'POST', { events: [[]] })).status).toBe(400);
    await expect(written(src, [])).resolves.toMatchObject({ events: 0 });
  });

  it.each(['amount', 'quantity', 'attributes', 'revision', 'status'])(
    'refuses an explicit null %s on an event, naming it',
    async (field) => {
      const src = uid('src');
      const event = { ...licenseSold(src, uid('rep'), 1, '2026-01-05T10:00:00Z'), [field]: null };
      const answer = await request<ErrorResponse>(eventsUrl, 'POST', event);
      expect(answer.status).toBe(400);
      expect(answer.body.problems).toContainEqual({
        path: field,
        reason: expect.stringMatching(/not be null/),
      });
      await expect(written(src, [])).resolves.toMatchObject({ events: 0 });
    },
  );

  it('answers 409 naming the event when a single event conflicts, and 202 per item in a batch', async () => {
    const src = uid('src');
    const event = licenseSold(src, uid('rep'), 2, '2026-01-05T10:00:00Z');
    expect((await request(eventsUrl, 'POST', event)).status).toBe(202);
    const changed = { ...event, quantity: 5 };
    const single = await request<ErrorResponse>(eventsUrl, 'POST', changed);
    expect(single.status).toBe(409);
    expect(single.body).toMatchObject({
      statusCode: 409,
      error: 'event.conflict',
      message: expect.stringContaining(`${src}/${event.id} revision 1`),
      problems: [{ path: 'revision', reason: expect.stringMatching(/already stored/) }],
    });
    const batch = await request<{ written: number; results: { status: string }[] }>(eventsUrl, 'POST', {
      events: [changed],
    });
    expect(batch.status).toBe(202);
    expect(batch.body).toMatchObject({ written: 0, results: [{ status: 'conflict' }] });
    // The first version stands.
    const stored = await withDb((db) =>
      db.query<{ quantity: number }>(`SELECT quantity::int AS quantity FROM events WHERE source = $1`, [src]),
    );
    expect(stored.rows).toEqual([{ quantity: 2 }]);
  });

  it('refuses NUL and overlong path parameters on every kind of route, naming the parameter', async () => {
    const contest = await request<{ id: string }>(`${server.url}/api/v1/contests`, 'POST', {
      name: 'Params',
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'weekly', timeZone: 'UTC' },
    });
    expect(contest.status).toBe(201);
    const id = contest.body.id;
    const cases: [string, string, string, unknown][] = [
      ['GET', `/api/v1/contests/${id}/standings/around/a%00b`, 'rep', undefined],
      ['GET', `/api/v1/contests/${id}/standings/explain/a%00b`, 'rep', undefined],
      ['GET', `/api/v1/reps/a%00b/wins`, 'externalId', undefined],
      ['PUT', `/api/v1/reps/a%00b`, 'externalId', { displayName: 'X' }],
      ['PATCH', `/api/v1/teams/a%00b`, 'key', { name: 'X' }],
      ['GET', `/api/v1/contests/a%00b`, 'id', undefined],
      ['GET', `/api/v1/contests/${id}/periods/a%00b`, 'start', undefined],
      ['PUT', `/api/v1/reps/${'r'.repeat(201)}`, 'externalId', { displayName: 'X' }],
      ['GET', `/api/v1/contests/${id}/standings?division=a%00b`, 'division', undefined],
    ];
    for (const [method, path, param, body] of cases) {
      const answer = await request<ErrorResponse>(`${server.url}${path}`, method, body);
      expect([path, answer.status]).toEqual([path, 400]);
      expect(answer.body.problems).toEqual([{ path: param, reason: expect.any(String) }]);
    }
    const broken = await request<ErrorResponse>(`${server.url}/api/v1/reps/%E0%A4%A/wins`, 'GET');
    expect(broken.status).toBe(400);
    expect(broken.body.problems).toEqual([
      { path: '(path)', reason: expect.stringMatching(/percent-encoded/) },
    ]);
  });

  it('refuses null where a field takes none, and takes it where the api itself answers null', async () => {
    const api = (method: string, path: string, body: unknown) =>
      request<ErrorResponse & { id: string; description: string | null; targets: unknown }>(
        `${server.url}${path}`,
        method,
        body,
      );
    const base = {
      name: uid('Nulls'),
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'weekly', timeZone: 'UTC' },
      draft: true,
    };
    const refused: [string, string, Record<string, unknown>, string][] = [
      ...[
        'participants',
        'startsAt',
        'prizes',
        'kind',
        'tieRule',
        'filters',
        'minScore',
        'divisions',
        'gracePeriodMinutes',
        'draft',
        'teamScoring',
        'name',
      ].map((f): [string, string, Record<string, unknown>, string] => [
        'POST',
        '/api/v1/contests',
        { ...base, [f]: null },
        f,
      ]),
      ['POST', '/api/v1/contests', { ...base, metric: { kind: 'points', weights: null } }, 'metric.weights'],
      [
        'POST',
        '/api/v1/contests',
        { ...base, period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn: null } },
        'period.weekStartsOn',
      ],
      ['POST', '/api/v1/contests', { ...base, prizes: { ranks: null } }, 'prizes.ranks'],
      [
        'POST',
        '/api/v1/users',
        { email: `${uid('u')}@example.com`, password: 'long enough password', role: 'manager', teams: null },
        'teams',
      ],
      [
        'POST',
        '/api/v1/users',
        { email: `${uid('u')}@example.com`, password: 'long enough password', role: 'rep', rep: null },
        'rep',
      ],
      ['POST', '/api/v1/api-keys', { name: 'k', eventTypes: null }, 'eventTypes'],
      ['POST', '/api/v1/screens', { name: 's', contestIds: null }, 'contestIds'],
      ['PUT', `/api/v1/reps/${uid('rep')}`, { displayName: null }, 'displayName'],
      ['POST', '/api/v1/teams', { key: uid('team'), name: null }, 'name'],
    ];
    const contest = await api('POST', '/api/v1/contests', { ...base, description: 'first' });
    expect(contest.status).toBe(201);
    for (const f of ['name', 'metric', 'period', 'participants', 'prizes', 'startsAt']) {
      refused.push(['PATCH', `/api/v1/contests/${contest.body.id}`, { [f]: null }, f]);
    }
    const users = await request<{ id: string; role: string }[]>(`${server.url}/api/v1/users`, 'GET');
    const admin = users.body.find((u) => u.role === 'admin');
    for (const f of ['teams', 'password', 'role', 'disabled']) {
      refused.push(['PATCH', `/api/v1/users/${admin?.id ?? ''}`, { [f]: null }, f]);
    }
    const before = await withDb(
      async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows,
    );
    for (const [method, path, body, field] of refused) {
      const answer = await api(method, path, body);
      expect([method, path, field, answer.status]).toEqual([method, path, field, 400]);
      expect(answer.body.problems).toContainEqual({
        path: field,
        reason: 'must not be null (leave the field out instead)',
      });
    }
    const after = await withDb(
      async (db) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows,
    );
    expect(after).toEqual(before);
    // Null where the api answers null: none, or on a change, cleared.
    const cleared = await api('PATCH', `/api/v1/contests/${contest.body.id}`, {
      description: null,
      targets: null,
      target: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ description: null, targets: null });
    const targeted = await api('PATCH', `/api/v1/contests/${contest.body.id}`, { targets: { default: 5 } });
    expect(targeted.body.targets).toEqual({ default: 5, perRep: {} });
    expect(
      (await api('PATCH', `/api/v1/contests/${contest.body.id}`, { targets: null })).body.targets,
    ).toBeNull();
    const rep = await api('PUT', `/api/v1/reps/${uid('rep')}`, { team: null, role: null });
    expect(rep.status).toBe(200);
    const prize = await api('POST', '/api/v1/contests', {
      ...base,
      prizes: { ranks: [{ rank: 1, prize: { name: 'Trip', description: null, imageUrl: null } }] },
    });
    expect(prize.status).toBe(201);
  });

  it('names every failing item of a batch', async () => {
    const src = uid('src');
    const events: SalesEventInput[] = [
      licenseSold(src, uid('a'), 1, '2026-01-05T10:00:00Z'),
      { ...licenseSold(src, uid('b'), 1, '2026-01-05T10:00:00Z'), type: 'nope' },
      licenseSold(src, uid('c'), 1, '2026-01-05T10:00:00Z'),
      { ...licenseSold(src, uid('d'), 1, '2026-01-05T10:00:00Z'), occurredAt: 'yesterday' },
    ];
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', { events });
    expect(answer.status).toBe(400);
    expect([...new Set(answer.body.problems?.map((p) => p.path.split('.')[0]))]).toEqual([
      'events[1]',
      'events[3]',
    ]);
    await expect(
      written(
        src,
        events.map((e) => e.rep?.id),
      ),
    ).resolves.toEqual({ events: 0, reps: 0 });
  });

  it('reports rule problems and shape problems of different items together', async () => {
    const src = uid('src');
    const events = [
      { ...licenseSold(src, uid('a'), 1, '2026-01-05T10:00:00Z'), quantity: undefined },
      { ...licenseSold(src, uid('b'), 1, '2026-01-05T10:00:00Z'), type: 'nope' },
    ];
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', { events });
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([
      { path: 'events[1].type', reason: expect.stringMatching(/one of/) },
      { path: 'events[0].quantity', reason: 'is required for license_sold events' },
    ]);
  });

  it('refuses a standings query with a date that is not on the calendar', async () => {
    const contest = await request<{ id: string }>(`${server.url}/api/v1/contests`, 'POST', {
      name: 'Calendar',
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'weekly', timeZone: 'UTC' },
    });
    const answer = await request<ErrorResponse>(
      `${server.url}/api/v1/contests/${contest.body.id}/standings?at=2026-13-01T00:00:00Z`,
      'GET',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([{ path: 'at', reason: expect.stringMatching(/ISO-8601/) }]);
  });

  it('refuses malformed JSON with 400', async () => {
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', undefined, '{"events": [ {"id": ');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(/not valid JSON/);
  });

  it('refuses a batch over 1,000 events', async () => {
    const src = uid('src');
    const events = Array.from({ length: 1001 }, () => ({
      id: uid(),
      source: src,
      type: 'lead_created',
      rep: { id: 'r', name: 'R' },
      occurredAt: '2026-01-05T10:00:00Z',
    }));
    // Well under the body limit of this suite's server, so it is the count that is refused.
    const answer = await request<ErrorResponse>(`${server.url}/api/v1/events`, 'POST', {
      events: events.slice(0, 1001),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toContainEqual({
      path: 'events',
      reason: expect.stringMatching(/at most 1000/),
    });
    await expect(written(src, [])).resolves.toMatchObject({ events: 0 });
  });

  it('refuses a body over the size limit with 413', async () => {
    const src = uid('src');
    const big = licenseSold(src, uid('rep'), 1, '2026-01-05T10:00:00Z', {
      attributes: { note: 'x'.repeat(300_000) },
    });
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', { events: [big] });
    expect(answer.status).toBe(413);
    expect(answer.body.message).toMatch(/larger than the limit/);
    await expect(written(src, [])).resolves.toMatchObject({ events: 0 });
  });

  it('refuses a body that is not an event nor a batch', async () => {
    const answer = await request<ErrorResponse>(eventsUrl, 'POST', [1, 2]);
    expect(answer.status).toBe(400);
    expect(answer.body.problems).toEqual([{ path: '(body)', reason: expect.stringMatching(/JSON object/) }]);
  });

  it('accepts one event posted alone and reports a resend as a duplicate', async () => {
    const src = uid('src');
    const event = licenseSold(src, uid('rep'), 2, '2026-01-05T10:00:00Z');
    const first = await request<{ results: { status: string }[] }>(eventsUrl, 'POST', event);
    const again = await request<{ results: { status: string }[] }>(eventsUrl, 'POST', event);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect([first.body.results[0]?.status, again.body.results[0]?.status]).toEqual(['accepted', 'duplicate']);
    await expect(written(src, [event.rep.id])).resolves.toEqual({ events: 1, reps: 1 });
  });

  it('refuses a contest definition that cannot work, naming the field', async () => {
    const contests = `${server.url}/api/v1/contests`;
    const base = {
      name: 'Most leads',
      metric: { kind: 'count', eventTypes: ['lead_created'] },
      period: { kind: 'weekly', timeZone: 'Europe/Amsterdam' },
    };
    const cases: [unknown, string, RegExp][] = [
      [{ ...base, period: { kind: 'weekly', timeZone: 'Mars/Olympus' } }, 'period.timeZone', /IANA/],
      [{ ...base, metric: { kind: 'count', eventTypes: ['nope'] } }, 'metric.eventTypes', /one of/],
      [
        { ...base, period: { kind: 'weekly', timeZone: 'UTC', weekStartsOn: 9 } },
        'period.weekStartsOn',
        /Sunday/,
      ],
      [
        {
          ...base,
          period: {
            kind: 'once',
            timeZone: 'UTC',
            start: '2026-02-01T00:00:00Z',
            end: '2026-01-01T00:00:00Z',
          },
        },
        'period.end',
        /after/,
      ],
      [{ ...base, filters: [{ field: 'colour', op: 'eq', value: 'red' }] }, 'filters[0].field', /attributes/],
      [{ ...base, filters: [{ field: 'amount', op: 'gte', value: 'lots' }] }, 'filters[0].value', /number/],
      [{ ...base, filters: [{ field: 'source', op: 'in', value: [] }] }, 'filters[0].value', /1 to 100/],
      [
        { ...base, filters: [{ field: 'source', op: 'eq', value: { a: 1 } }] },
        'filters[0].value',
        /string, number/,
      ],
      [
        { ...base, metric: { kind: 'count', eventTypes: ['lead_created'], currency: 5 } },
        'metric.currency',
        /ISO-4217/,
      ],
      [
        { ...base, metric: { kind: 'count', eventTypes: ['lead_created'], currency: 'EUR' } },
        'metric.currency',
        /only to sum_amount/,
      ],
      [
        { ...base, period: { kind: 'daily', timeZone: 'UTC', start: '2026-01-01T00:00:00Z' } },
        'period.start',
        /only to once/,
      ],
      [
        {
          ...base,
          period: {
            kind: 'once',
            timeZone: 'UTC',
            start: '0001-01-01T00:00:00Z',
            end: '9999-12-01T00:00:00Z',
          },
        },
        'period.end',
        /400 days/,
      ],
      [
        {
          ...base,
          period: {
            kind: 'once',
            timeZone: 'UTC',
            start: '2026-02-30T00:00:00Z',
            end: '2026-03-01T00:00:00Z',
          },
        },
        'period.start',
        /ISO-8601/,
      ],
      [{ ...base, name: 'bad\u0000name' }, 'name', /NUL/],
      [
        { ...base, metric: { kind: 'points', weights: { demo_booked: 'five' } } },
        'metric.weights.demo_booked',
        /whole number/,
      ],
      [{ ...base, metric: { kind: 'points', weights: [] } }, 'metric.weights', /object of event type/],
      [{ ...base, kind: 'target_race', target: 0 }, 'target', /from 1/],
      [{ ...base, kind: 'target_race' }, 'target', /whole number/],
      [{ ...base, kind: 'target_race', target: 'ten' }, 'target', /whole number/],
      [{ ...base, target: 10 }, 'target', /only to target_race/],
      [{ ...base, targets: { default: 0 } }, 'targets.default', /from 1/],
      [{ ...base, targets: { default: 10, perRep: { ana: -1 } } }, 'targets.perRep.ana', /from 1/],
      [{ ...base, kind: 'team', divisions: 'role' }, 'divisions', /one board of teams/],
      [{ ...base, kind: 'cup' }, 'kind', /one of/],
      [{ ...base, startsAt: '2020-01-06T00:00:00Z' }, 'startsAt', /400 days/],
      [
        { ...base, participants: { kind: 'teams', teams: ['no-such-team'] } },
        'participants.teams[0]',
        /no team/,
      ],
      [{ ...base, participants: { kind: 'reps', reps: [] } }, 'participants.reps', /at least 1/],
      [{ ...base, minScore: -1 }, 'minScore', /not be less than 0/],
      [{ ...base, gracePeriodMinutes: 20_000 }, 'gracePeriodMinutes', /a week/],
      [
        {
          ...base,
          prizes: { ranks: [{ rank: 1, prize: { name: 'Trip', imageUrl: 'javascript:alert(1)' } }] },
        },
        'prizes.ranks[0].prize.imageUrl',
        /http/,
      ],
      [
        {
          ...base,
          prizes: {
            ranks: [
              { rank: 1, prize: { name: 'Trip' } },
              { rank: 1, prize: { name: 'Dinner' } },
            ],
          },
        },
        'prizes.ranks[1].rank',
        /already has a prize/,
      ],
      [
        { ...base, prizes: { thresholds: [{ atLeast: 0, prize: { name: 'Badge' } }] } },
        'prizes.thresholds[0].atLeast',
        /from 1/,
      ],
      [
        {
          ...base,
          period: {
            kind: 'once',
            timeZone: 'UTC',
            start: '2026-01-01T00:00:00Z',
            end: '2026-02-01T00:00:00Z',
          },
          startsAt: '2026-01-02T00:00:00Z',
        },
        'startsAt',
        /period.start/,
      ],
    ];
    const before = await withDb(
      async (db) => (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM contests')).rows[0]?.n,
    );
    for (const [body, path, reason] of cases) {
      const answer = await request<ErrorResponse>(contests, 'POST', body);
      expect(answer.status).toBe(400);
      expect(answer.body.problems).toContainEqual({ path, reason: expect.stringMatching(reason) });
    }
    const after = await withDb(
      async (db) => (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM contests')).rows[0]?.n,
    );
    expect(after).toBe(before);
  });

  it('counts oversized and malformed logins against the login rate limit, refusing them unread', async () => {
    const huge = JSON.stringify({
      email: Object.fromEntries(Array.from({ length: 120_000 }, (_, i) => [`k${i}`, 1])),
      password: 'x',
    });
    const statuses: number[] = [];
    // RATE_LOGIN_PER_MINUTE is 20 here; the suite's admin logged in once at the start.
    for (let i = 0; i < 25 && !statuses.includes(429); i++) {
      const body = i % 2 === 0 ? huge : JSON.stringify({ email: { constructor: 1 }, password: 'x' });
      statuses.push((await request(`${server.url}/api/v1/auth/login`, 'POST', undefined, body, null)).status);
    }
    expect(statuses.slice(0, 4)).toEqual([413, 400, 413, 400]);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.length).toBeLessThanOrEqual(20);
  });

  it('logs JSON lines and never an event payload', async () => {
    const src = uid('src');
    const secretName = uid('Confidential Rep Name');
    await request(
      eventsUrl,
      'POST',
      licenseSold(src, uid('rep'), 1, '2026-01-05T10:00:00Z', { rep: { id: uid('r'), name: secretName } }),
    );
    await request(eventsUrl, 'POST', {
      events: [{ id: 'x', source: src, type: 'nope', rep: { id: 'r', name: secretName } }],
    });
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const records = lines.map((l) => JSON.parse(l) as { msg?: string; level?: number });
    expect(records.some((r) => r.msg?.includes('listening on'))).toBe(true);
    expect(server.output()).not.toContain(secretName);
  });
});
