import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  deleteRedisKeys,
  startPodium,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniquePrefix,
  type PodiumProcess,
} from '#testing';

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly allOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
}

interface Operation {
  readonly tags?: readonly string[];
  readonly security?: readonly Record<string, readonly string[]>[];
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly requestBody?: { readonly content: Record<string, { readonly schema: Schema }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema: Schema }> }>;
}

interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: {
    readonly schemas: Record<string, Schema>;
    readonly securitySchemes?: Record<string, { readonly type: string; readonly scheme?: string }>;
  };
}

/**
 * Every operation the api serves, as read from the controllers (`@Controller` prefix + route):
 * contests, standings, results, people, events, auth, access and health. A route added to a controller
 * belongs here.
 */
const OPERATIONS = [
  'GET /api/v1/contest-templates',
  'POST /api/v1/contests',
  'GET /api/v1/contests',
  'GET /api/v1/contests/{id}',
  'PATCH /api/v1/contests/{id}',
  'POST /api/v1/contests/{id}/publish',
  'POST /api/v1/contests/{id}/archive',
  'POST /api/v1/contests/preview',
  'POST /api/v1/contests/{id}/pause',
  'POST /api/v1/contests/{id}/resume',
  'GET /api/v1/contests/{id}/standings',
  'GET /api/v1/contests/{id}/standings/around/{rep}',
  'GET /api/v1/contests/{id}/standings/explain/{rep}',
  'GET /api/v1/contests/{id}/periods',
  'GET /api/v1/contests/{id}/periods/{start}',
  'POST /api/v1/contests/{id}/periods/{start}/finalise',
  'GET /api/v1/contests/{id}/adjustments',
  'GET /api/v1/hall-of-fame',
  'GET /api/v1/reps/{externalId}/wins',
  'POST /api/v1/teams',
  'GET /api/v1/teams',
  'PATCH /api/v1/teams/{key}',
  'GET /api/v1/reps',
  'PUT /api/v1/reps/{externalId}',
  'POST /api/v1/reps/{externalId}/review',
  'POST /api/v1/events',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'GET /api/v1/me',
  'PATCH /api/v1/me',
  'POST /api/v1/users',
  'GET /api/v1/users',
  'PATCH /api/v1/users/{id}',
  'POST /api/v1/users/{id}/password-reset',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/api-keys',
  'GET /api/v1/api-keys',
  'POST /api/v1/api-keys/{id}/revoke',
  'POST /api/v1/screens',
  'GET /api/v1/screens',
  'POST /api/v1/screens/{id}/pairing-code',
  'POST /api/v1/screens/{id}/revoke',
  'POST /api/v1/screens/pair',
  'PATCH /api/v1/screens/{id}',
  'POST /api/v1/screens/device',
  'POST /api/v1/screens/device/token',
  'POST /api/v1/screens/{id}/link',
  'GET /api/v1/board',
  'GET /api/v1/me/contests',
  'GET /api/v1/me/results',
  'GET /api/v1/audit',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
] as const;

/** The operations anyone may call: every other one needs a bearer token. */
const PUBLIC_OPERATIONS = new Set<string>([
  'POST /api/v1/auth/login',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/screens/pair',
  'POST /api/v1/screens/device',
  'POST /api/v1/screens/device/token',
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
]);

/**
 * Health answers keep their own shape when a dependency is down (503): what load balancers and
 * orchestrators read is the same document with the failing dependencies in it, not an error body.
 */
const HEALTH_UNAVAILABLE: Record<string, string> = {
  'GET /health': '#/components/schemas/HealthResponseDto',
  'GET /health/ready': '#/components/schemas/ReadinessResponseDto',
};

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

function operationsOf(doc: OpenApiDocument): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.has(method)) found.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }
  return found;
}

function jsonSchemaOf(part: { readonly content?: Record<string, { readonly schema: Schema }> } | undefined) {
  return part?.content?.['application/json']?.schema;
}

/** Every `$ref` anywhere in the document. */
function refsIn(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v) => refsIn(v, into));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') into.push(v);
      else refsIn(v, into);
    }
  }
  return into;
}

async function fetchDocument(server: PodiumProcess): Promise<{ contentType: string; doc: OpenApiDocument }> {
  const response = await fetch(`${server.url}/api/docs-json`);
  expect(response.status).toBe(200);
  return {
    contentType: response.headers.get('content-type') ?? '',
    doc: (await response.json()) as OpenApiDocument,
  };
}

describe('the OpenAPI document', () => {
  const prefix = uniquePrefix('openapi');
  let api: PodiumProcess;
  let all: PodiumProcess;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, PODIUM_KEY_PREFIX: prefix };
    [api, all] = await Promise.all([
      startPodium('api', env),
      startPodium('all', { ...env, PODIUM_ROLE: 'all' }),
    ]);
    doc = (await fetchDocument(api)).doc;
  }, 90_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), all?.stop()]);
    await deleteRedisKeys(prefix);
  });

  it('is served as OpenAPI 3 JSON at /api/docs-json', async () => {
    const { contentType } = await fetchDocument(api);
    expect(contentType).toMatch(/^application\/json/);
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Podium API');
  });

  it('is the same document in the api and the all-in-one roles', async () => {
    const fromAll = (await fetchDocument(all)).doc;
    expect(fromAll.paths).toEqual(doc.paths);
    expect(fromAll.components).toEqual(doc.components);
  });

  it('documents every route the api serves', () => {
    const documented = operationsOf(doc);
    const missing = OPERATIONS.filter((op) => !documented.has(op));
    expect(missing).toEqual([]);
  });

  it('gives every operation a typed success answer and types every error answer', () => {
    const untyped: string[] = [];
    for (const [name, operation] of operationsOf(doc)) {
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((s) => s.startsWith('2'));
      // A 204 has no body, so it must describe none; any other success carries a typed JSON body.
      const body = success.length === 1 ? operation.responses[success[0]!] : undefined;
      const typed =
        success[0] === '204'
          ? body !== undefined && body.content === undefined
          : jsonSchemaOf(body) !== undefined;
      if (success.length !== 1 || !typed) untyped.push(`${name}: success`);
      for (const status of statuses.filter((s) => /^[45]/.test(s))) {
        const expected =
          status === '503' && Object.hasOwn(HEALTH_UNAVAILABLE, name)
            ? HEALTH_UNAVAILABLE[name]
            : '#/components/schemas/ErrorResponseDto';
        if (jsonSchemaOf(operation.responses[status])?.$ref !== expected) {
          untyped.push(`${name}: ${status}`);
        }
      }
      if ((operation.tags ?? []).length === 0) untyped.push(`${name}: tag`);
    }
    expect(untyped).toEqual([]);
  });

  it('offers bearer authentication, and asks no token of the public operations', () => {
    expect(doc.components.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const wrong: string[] = [];
    for (const [name, operation] of operationsOf(doc)) {
      const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
      if (PUBLIC_OPERATIONS.has(name) && schemes.length > 0) wrong.push(`${name}: public, asks a token`);
      if (schemes.some((scheme) => scheme !== 'bearer')) wrong.push(`${name}: unknown scheme`);
      // The login, user, key, screen and audit routes: every one but the public ones needs a token.
      const authOrAccess = (operation.tags ?? []).some((tag) => tag === 'auth' || tag === 'access');
      if (authOrAccess && !PUBLIC_OPERATIONS.has(name) && !schemes.includes('bearer')) {
        wrong.push(`${name}: needs a token, says none`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('documents the session answers and the 429 of a login', () => {
    const login = doc.paths['/api/v1/auth/login']?.post;
    expect(jsonSchemaOf(login?.requestBody)).toEqual({ $ref: '#/components/schemas/LoginDto' });
    expect(jsonSchemaOf(login?.responses['200'])).toEqual({
      $ref: '#/components/schemas/SessionResponseDto',
    });
    expect(login?.responses['429']).toMatchObject({ headers: { 'Retry-After': expect.anything() } });
    const created = doc.components.schemas.CreatedScreenResponseDto?.properties;
    expect(created?.pairing).toEqual({ $ref: '#/components/schemas/PairingResponseDto' });
    expect(doc.paths['/api/v1/auth/logout']?.post?.responses['204']).toBeDefined();
  });

  it('resolves every schema reference', () => {
    const dangling = refsIn(doc).filter((ref) => {
      const name = ref.replace('#/components/schemas/', '');
      return !ref.startsWith('#/components/schemas/') || doc.components.schemas[name] === undefined;
    });
    expect(dangling).toEqual([]);
  });

  it('describes the body of a new contest', () => {
    const create = doc.components.schemas.CreateContestDto!;
    expect(Object.keys(create.properties ?? {})).toEqual(
      expect.arrayContaining([
        'name',
        'metric',
        'period',
        'kind',
        'prizes',
        'target',
        'participants',
        'gracePeriodMinutes',
      ]),
    );
    expect(create.required).toEqual(expect.arrayContaining(['name', 'metric', 'period']));
    expect(create.required).not.toContain('kind');
    expect(create.required).not.toContain('prizes');
    expect(create.properties?.kind).toMatchObject({ enum: ['leaderboard', 'target_race', 'team'] });
    expect(doc.components.schemas.MetricDto?.properties?.kind).toMatchObject({
      enum: ['count', 'sum_quantity', 'sum_amount', 'points'],
    });
    // A change names only what it changes.
    expect(doc.components.schemas.UpdateContestDto?.required ?? []).toEqual([]);
  });

  it('documents POST /api/v1/contests with its body, 201 and 400', () => {
    const post = doc.paths['/api/v1/contests']?.post;
    expect(jsonSchemaOf(post?.requestBody)).toEqual({ $ref: '#/components/schemas/CreateContestDto' });
    expect(jsonSchemaOf(post?.responses['201'])).toEqual({ $ref: '#/components/schemas/ContestResponseDto' });
    expect(jsonSchemaOf(post?.responses['400'])).toEqual({ $ref: '#/components/schemas/ErrorResponseDto' });
  });

  it('documents the preview with the body of a create and its plain words in every language', () => {
    const post = doc.paths['/api/v1/contests/preview']?.post;
    expect(jsonSchemaOf(post?.requestBody)).toEqual({ $ref: '#/components/schemas/CreateContestDto' });
    expect(jsonSchemaOf(post?.responses['200'])).toEqual({
      $ref: '#/components/schemas/ContestPreviewResponseDto',
    });
    expect(jsonSchemaOf(post?.responses['400'])).toEqual({ $ref: '#/components/schemas/ErrorResponseDto' });
    expect(doc.components.schemas.LocalizedTextDto?.required).toEqual(['en', 'nl']);
    const contest = doc.components.schemas.ContestResponseDto?.properties;
    expect(contest?.preview?.allOf).toEqual([{ $ref: '#/components/schemas/LocalizedTextDto' }]);
    expect(Object.keys(contest ?? {})).toEqual(expect.arrayContaining(['paused', 'pausedAt']));
    for (const action of ['pause', 'resume']) {
      const route = doc.paths[`/api/v1/contests/{id}/${action}`]?.post;
      expect(jsonSchemaOf(route?.responses['200'])).toEqual({
        $ref: '#/components/schemas/ContestResponseDto',
      });
      expect(route?.responses['409']).toBeDefined();
    }
  });

  it('describes the error body', () => {
    const error = doc.components.schemas.ErrorResponseDto!;
    expect(Object.keys(error.properties ?? {})).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'problems']),
    );
    expect(error.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message']));
    expect(error.properties?.problems?.items).toEqual({ $ref: '#/components/schemas/FieldProblemDto' });
    expect(doc.components.schemas.FieldProblemDto?.required).toEqual(['path', 'reason']);
  });

  it('documents the query and path parameters of the standings', () => {
    const get = doc.paths['/api/v1/contests/{id}/standings']?.get;
    expect(get?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:id', 'query:top', 'query:at', 'query:division']),
    );
    const entries = doc.components.schemas.StandingsResponseDto?.properties?.entries;
    expect(entries?.items).toEqual({ $ref: '#/components/schemas/StandingEntryDto' });
  });

  it('serves the interactive documentation at /api/docs from this process', async () => {
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/src=['"]https?:/);
    const init = await fetch(`${api.url}/api/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
    expect(await init.text()).toContain('Podium API');
    expect((await fetch(`${api.url}/api/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
