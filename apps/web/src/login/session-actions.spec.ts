import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api/client.js';
import { failureOf, nextPath } from './session-actions.js';

const ORIGIN = 'https://podium.example';

describe(nextPath.name, () => {
  it.each([
    ['?next=/me', 'rep', '/me'],
    ['?next=%2Fme%2Fhistory', 'rep', '/me/history'],
    ['?next=/me?lang=nl#top', 'rep', '/me?lang=nl#top'],
    ['?next=/tv', 'admin', '/tv'],
    ['', 'rep', '/me'],
    ['', 'admin', '/'],
    ['', 'manager', '/'],
    ['', null, '/'],
  ] as const)('follows a path of this site: %s as %s goes to %s', (search, role, expected) => {
    expect(nextPath(search, role, ORIGIN)).toBe(expected);
  });

  it.each([
    '?next=https://evil.example/me',
    '?next=//evil.example/me',
    '?next=/\\evil.example',
    '?next=%2F%09%2Fevil.example',
    '?next=%2F%0A%2Fevil.example',
    '?next=javascript:alert(1)',
    '?next=me',
    '?next=/login',
    '?next=/login?next=/me',
  ])('never follows %s (another origin, a scheme, a loop): a rep goes to /me', (search) => {
    expect(nextPath(search, 'rep', ORIGIN)).toBe('/me');
  });
});

describe(failureOf.name, () => {
  const refusal = (status: number, body: object | null, retryAfter: number | null = null) =>
    new ApiError(status, body as never, retryAfter);

  it('tells a wrong password from a locked account and from too many attempts of one network', () => {
    expect(
      failureOf(refusal(401, { statusCode: 401, error: 'auth.invalid_credentials', message: 'x' })),
    ).toEqual({ kind: 'credentials' });
    expect(
      failureOf(
        refusal(
          429,
          {
            statusCode: 429,
            error: 'rate.limited',
            message: 'too many failed logins for this account: try again in 900 s',
          },
          900,
        ),
      ),
    ).toEqual({ kind: 'locked', retryAfterSeconds: 900 });
    expect(failureOf(refusal(429, { statusCode: 429, error: 'auth.locked', message: 'locked' }))).toEqual({
      kind: 'locked',
      retryAfterSeconds: null,
    });
    expect(
      failureOf(
        refusal(
          429,
          {
            statusCode: 429,
            error: 'rate.limited',
            message: 'too many login attempts from this address: try again in 42 s',
          },
          42,
        ),
      ),
    ).toEqual({ kind: 'rate_limited', retryAfterSeconds: 42 });
  });

  it('names the fields of a refused request, the error id of a server error, and a network failure', () => {
    expect(
      failureOf(
        refusal(400, {
          statusCode: 400,
          error: 'Bad Request',
          message: 'bad',
          problems: [{ path: 'email', reason: 'must be an email' }],
        }),
      ),
    ).toEqual({ kind: 'invalid', message: 'email: must be an email' });
    expect(
      failureOf(
        refusal(500, { statusCode: 500, error: 'Internal Server Error', message: 'x', errorId: 'e-1' }),
      ),
    ).toEqual({ kind: 'server', errorId: 'e-1' });
    expect(failureOf(refusal(502, null))).toEqual({ kind: 'server', errorId: null });
    expect(failureOf(new TypeError('Failed to fetch'))).toEqual({ kind: 'offline' });
  });
});
