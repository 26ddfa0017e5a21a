import { describe, expect, it } from '@jest/globals';
import type { BoardContest, MyContestResponse, StandingEntry, StandingsMessage } from '#contracts';
import { foldLive } from './live-merge.js';

const period = { start: '2026-09-07T00:00:00.000+02:00', end: '2026-09-14T00:00:00.000+02:00' };

function rep(id: string, rank: number, score: number, gapToNext: number | null): StandingEntry {
  return {
    rank,
    rep: { id: `uuid-${id}`, externalId: id, displayName: id.toUpperCase() },
    score,
    reachedAt: '2026-09-08T10:00:00Z',
    gapToNext,
  };
}

function team(key: string, rank: number, score: number, gapToNext: number | null): StandingEntry {
  return {
    rank,
    rep: null,
    team: { key, name: key, members: 3 },
    score,
    reachedAt: '2026-09-08T10:00:00Z',
    gapToNext,
  };
}

const contest = (kind: BoardContest['kind']): BoardContest => ({
  id: 'c1',
  name: 'Most licenses',
  description: null,
  kind,
  status: 'live',
  periodKind: 'weekly',
  timeZone: 'Europe/Amsterdam',
  unit: { kind: 'count', eventType: 'license_sold' },
  target: null,
  prizes: [],
  paused: false,
});

function mine(kind: BoardContest['kind'], over: Partial<MyContestResponse> = {}): MyContestResponse {
  return {
    contest: contest(kind),
    period,
    version: 10,
    total: 6,
    me: null,
    around: [],
    top: [],
    target: null,
    division: null,
    ...over,
  };
}

function message(over: Partial<StandingsMessage>): StandingsMessage {
  return { contestId: 'c1', version: 11, previousVersion: 10, period, top: [], ...over };
}

describe(foldLive.name, () => {
  const [sam, ana, bob, eva] = [
    rep('sam', 1, 8, null),
    rep('ana', 2, 5, 3),
    rep('bob', 3, 3, 2),
    rep('eva', 4, 2, 1),
  ];

  it('takes the rep and the lines above from around, the lines below from the public top', () => {
    const before = mine('leaderboard', { me: ana, around: [sam, ana, bob] });
    const moved = rep('ana', 1, 9, null);
    const after = foldLive(
      before,
      message({
        top: [moved, rep('sam', 2, 8, 1), bob],
        around: [moved],
      }),
      'ana',
    );
    expect(after?.me).toEqual(moved);
    expect(after?.around.map((e) => [e.rep?.externalId, e.rank])).toEqual([
      ['ana', 1],
      ['sam', 2],
      ['bob', 3],
    ]);
    expect(after?.version).toBe(11);
    expect(after?.total).toBe(6);
  });

  it('shows nobody below a rep outside the public top, as the api does', () => {
    const far = rep('ana', 5, 1, 1);
    const after = foldLive(
      mine('leaderboard'),
      message({ top: [sam, bob, eva], around: [rep('x', 3, 3, 1), rep('y', 4, 2, 1), far] }),
      'ana',
    );
    expect(after?.around.map((e) => e.rep?.externalId)).toEqual(['x', 'y', 'ana']);
  });

  it('clears the rep when they are no longer on the board (a sale withdrawn)', () => {
    const after = foldLive(
      mine('leaderboard', { me: ana, around: [sam, ana] }),
      message({ top: [sam], around: [] }),
      'ana',
    );
    expect(after?.me).toBeNull();
    expect(after?.around).toEqual([]);
  });

  it('keeps what it has for a message that is not newer', () => {
    const before = mine('leaderboard', { me: ana, around: [sam, ana] });
    expect(foldLive(before, message({ version: 10, around: [] }), 'ana')).toBe(before);
    expect(foldLive(before, message({ version: 9, around: [] }), 'ana')).toBe(before);
    expect(foldLive(before, message({ contestId: 'other' }), 'ana')).toBe(before);
  });

  it('asks for a new fetch when the period changed', () => {
    const next = { start: period.end, end: '2026-09-21T00:00:00.000+02:00' };
    expect(foldLive(mine('leaderboard'), message({ period: next }), 'ana')).toBeNull();
  });

  it("finds the rep's team on a team board, and keeps its last line when it is not shown", () => {
    const [north, south, east] = [
      team('north', 1, 30, null),
      team('south', 2, 20, 10),
      team('east', 3, 10, 10),
    ];
    const before = mine('team', { me: south, around: [north, south, east] });
    const after = foldLive(before, message({ top: [south, north, east] }), 'ana');
    expect(after?.me).toEqual(south);
    expect(after?.around.map((e) => e.team?.key)).toEqual(['south', 'north', 'east']);
    const hidden = foldLive(before, message({ top: [north] }), 'ana');
    expect(hidden?.me).toEqual(south);
    expect(hidden?.around).toEqual(before.around);
  });
});
