import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { StandingsChangedNotice } from '#contracts';
import { ContestEntity, createDataSource } from '#persistence';
import { LocalStandingsBus, Shutdown } from '#runtime';
import { PeriodRolloverService } from '#scoring';
import { TEST_DATABASE_URL, uid } from '#testing';

/** The worker's roll-over at period boundaries, driven by a controlled clock against the real database. */
describe(PeriodRolloverService.name, () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource(TEST_DATABASE_URL, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('moves a weekly board to the next week at local midnight, once, with a newer version', async () => {
    // Week of Monday 2026-03-23 in Amsterdam (CET, +01:00); the next starts Monday 2026-03-30 00:00 CEST.
    const weekStart = Date.parse('2026-03-23T00:00:00+01:00');
    const nextWeek = Date.parse('2026-03-30T00:00:00+02:00');
    const contest = await dataSource.getRepository(ContestEntity).save({
      name: uid('Rollover'),
      description: null,
      status: 'live',
      rules: {
        metric: { kind: 'count', eventTypes: ['lead_created'] },
        period: { kind: 'weekly', timeZone: 'Europe/Amsterdam', weekStartsOn: 1 },
        tieRule: 'first_to_reach',
        filters: [{ field: 'source', op: 'eq', value: uid('src') }],
      },
      prizes: { ranks: [], thresholds: [] },
      startsAt: new Date(weekStart),
      currentPeriodStart: new Date(weekStart),
      standingsVersion: '7',
    });
    const bus = new LocalStandingsBus();
    const notices: StandingsChangedNotice[] = [];
    await bus.subscribe((n) => notices.push(n));
    let now = nextWeek - 1;
    const rollover = new PeriodRolloverService(dataSource, bus, () => now, new Shutdown());

    expect(await rollover.tick()).not.toContain(contest.id);
    now = nextWeek;
    expect(await rollover.tick()).toContain(contest.id);
    expect(await rollover.tick()).not.toContain(contest.id);

    const stored = await dataSource.getRepository(ContestEntity).findOneByOrFail({ id: contest.id });
    expect(stored.currentPeriodStart.getTime()).toBe(nextWeek);
    expect(stored.standingsVersion).toBe('8');
    expect(notices.filter((n) => n.contestId === contest.id)).toEqual([
      { contestId: contest.id, version: 8 },
    ]);
    await dataSource.getRepository(ContestEntity).update({ id: contest.id }, { status: 'archived' });
  });
});
