import { describe, expect, it } from '@jest/globals';
import type { Principal, Role } from './access.js';
import { canReviewRep, reviewProblems } from './rep-review.js';

const user = (role: Role, teams: string[] = []): Principal => ({
  kind: 'user',
  userId: `u-${role}`,
  label: role,
  role,
  teams,
  repExternalId: role === 'rep' ? 'ana' : null,
  team: null,
});

describe(reviewProblems.name, () => {
  it.each([
    [{}, []],
    [{ team: 'north', role: 'AE' }, []],
    [{ dismiss: true }, []],
    [{ dismiss: false }, ['dismiss']],
    [{ dismiss: true, team: null }, ['team']],
    [{ dismiss: true, role: 'AE', target: { contestId: 'c', value: 3 } }, ['role', 'target']],
  ])('names the fields in conflict when the review is %j', (review, paths) => {
    expect(reviewProblems(review).map((p) => p.path)).toEqual(paths);
  });
});

describe(canReviewRep.name, () => {
  const manager = user('manager', ['north']);
  it.each<[string, Principal, string | null, string | null | undefined, boolean]>([
    ['an admin, any rep anywhere', user('admin'), 'south', 'east', true],
    ['a manager, a rep without a team into theirs', manager, null, 'north', true],
    ['a manager, a rep without a team left without one', manager, null, undefined, true],
    ['a manager, a rep without a team set to none', manager, null, null, true],
    ['a manager, a rep of theirs kept', manager, 'north', undefined, true],
    ['a manager, a rep of theirs released', manager, 'north', null, true],
    ['a manager, a rep without a team into another team', manager, null, 'south', false],
    ['a manager, a rep of another team', manager, 'south', undefined, false],
    ['a manager, a rep of another team taken into theirs', manager, 'south', 'north', false],
    ['a manager of no team, a rep without a team', user('manager'), null, undefined, true],
    ['a rep user', user('rep'), null, undefined, false],
    [
      'a screen',
      { kind: 'screen', screenId: 's', label: 'TV', contestIds: [], topN: 3 },
      null,
      undefined,
      false,
    ],
    ['an ingest key', { kind: 'ingest', keyId: 'k', label: 'crm', eventTypes: null }, null, undefined, false],
    ['nobody', { kind: 'anonymous' }, null, undefined, false],
  ])('answers %s', (_case, principal, from, to, allowed) => {
    expect(canReviewRep(principal, { team: from }, { team: to })).toBe(allowed);
  });
});
