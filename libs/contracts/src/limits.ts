/**
 * Bounds on the shape of a JSON body or a websocket message, checked right after parsing and before any
 * validation: what a request can cost the server before it is refused stays small and linear in its
 * size, whoever sends it. docs/API.md ("Limits and validation") shows this table; a test keeps the two
 * equal.
 */
export interface InputBounds {
  /** Largest body in bytes; `null`: the configured `BODY_LIMIT` (the ingest route). */
  readonly bodyBytes: number | null;
  /** Deepest nesting of objects and arrays; the body itself is level 1. */
  readonly depth: number;
  /** Most keys in one object. */
  readonly keys: number;
  /** Most items in one array. */
  readonly items: number;
  /** Longest string value or key, in characters (UTF-16 code units). */
  readonly chars: number;
}

/** Small bodies: a login, a refresh token, a pairing code, a rep, a team. */
const TINY: InputBounds = { bodyBytes: 4 * 1024, depth: 2, keys: 8, items: 8, chars: 1_000 };
/** Admin forms: users, API keys, screens. */
const FORM: InputBounds = { bodyBytes: 16 * 1024, depth: 3, keys: 16, items: 100, chars: 1_000 };

/**
 * Bounds per route (`METHOD /path` as the OpenAPI document names it). Every other route, including
 * those that take no body, gets {@link DEFAULT_INPUT_BOUNDS}.
 */
export const ROUTE_INPUT_BOUNDS = {
  'POST /api/v1/auth/login': TINY,
  'POST /api/v1/setup': TINY,
  'POST /api/v1/auth/refresh': TINY,
  'POST /api/v1/screens/pair': TINY,
  'PATCH /api/v1/me': TINY,
  'POST /api/v1/teams': TINY,
  'PATCH /api/v1/teams/{key}': TINY,
  'PUT /api/v1/reps/{externalId}': TINY,
  'POST /api/v1/users': FORM,
  'PATCH /api/v1/users/{id}': FORM,
  'POST /api/v1/api-keys': FORM,
  'POST /api/v1/screens': FORM,
  'POST /api/v1/screens/device': TINY,
  'POST /api/v1/screens/device/token': TINY,
  'POST /api/v1/screens/{id}/link': TINY,
  /** A board's name, playlist, top N and settings (celebrations nest one level deeper). */
  'PATCH /api/v1/screens/{id}': { bodyBytes: 16 * 1024, depth: 4, keys: 16, items: 100, chars: 1_000 },
  /** A rep, points and a reason of up to 500 characters. */
  'POST /api/v1/contests/{id}/manual-adjustments': TINY,
  'PATCH /api/v1/contests/{id}/manual-adjustments/{adjustmentId}': TINY,
  /** Up to 1,000 events; `attributes` hold at most 100 names. */
  'POST /api/v1/events': { bodyBytes: null, depth: 8, keys: 100, items: 1_000, chars: 4_096 },
  /** Up to 1,000 participants and 1,000 per-rep targets. */
  'POST /api/v1/contests': { bodyBytes: 1024 * 1024, depth: 8, keys: 1_000, items: 1_000, chars: 2_000 },
  /** The same body as a create. */
  'POST /api/v1/contests/preview': {
    bodyBytes: 1024 * 1024,
    depth: 8,
    keys: 1_000,
    items: 1_000,
    chars: 2_000,
  },
  'PATCH /api/v1/contests/{id}': {
    bodyBytes: 1024 * 1024,
    depth: 8,
    keys: 1_000,
    items: 1_000,
    chars: 2_000,
  },
} as const satisfies Record<string, InputBounds>;

export type BoundedRoute = keyof typeof ROUTE_INPUT_BOUNDS;

/** Routes not in {@link ROUTE_INPUT_BOUNDS}: most take no body at all. */
export const DEFAULT_INPUT_BOUNDS: InputBounds = { bodyBytes: 1024, depth: 2, keys: 8, items: 8, chars: 200 };

/**
 * Every websocket message (`standings.subscribe`, `standings.unsubscribe`). `bodyBytes` is also the
 * Socket.IO `maxHttpBufferSize`: a larger message closes the connection before it is parsed.
 */
export const WS_INPUT_BOUNDS: InputBounds = { bodyBytes: 16 * 1024, depth: 2, keys: 8, items: 8, chars: 200 };

/** Keys refused anywhere in a body: they reach object prototypes, and validators silently skip them. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
