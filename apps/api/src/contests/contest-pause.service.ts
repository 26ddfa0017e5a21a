import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNEL_BOARD_CHANGED, type ContestResponse } from '#contracts';
import {
  assertPausable,
  assertResumable,
  ContestNotFoundError,
  contestStatusAt,
  type ContestStatus,
  type Principal,
} from '#domain';
import {
  ContestEntity,
  contestRulesOf,
  ScreensRepository,
  toContestResponse,
  type StoredRules,
} from '#persistence';
import { announce, CLOCK, STANDINGS_BUS, type Clock, type StandingsBus } from '#runtime';
import { AuditService } from '../access/audit.service.js';
import { ContestsService, teamsOrNull } from './contests.service.js';

/**
 * Pauses and resumes a live contest. A paused contest keeps scoring (its standings stay exact) and its
 * periods end and are finalised as usual; its boards show it paused and it celebrates nothing. Each
 * change is audited, and every screen showing the contest is told to fetch its board again.
 */
@Injectable()
export class ContestPauseService {
  private readonly logger = new Logger(ContestPauseService.name);
  private readonly screens = new ScreensRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  pause(id: string, principal: Principal): Promise<ContestResponse> {
    return this.change(id, principal, 'contest.pause');
  }

  resume(id: string, principal: Principal): Promise<ContestResponse> {
    return this.change(id, principal, 'contest.resume');
  }

  private async change(
    id: string,
    principal: Principal,
    action: 'contest.pause' | 'contest.resume',
  ): Promise<ContestResponse> {
    // 404 for an unknown contest, 403 outside the caller's scope: the same rule as every contest write.
    await this.contests.getManaged(id, principal);
    const now = this.clock();
    const { entity, touched } = await this.dataSource.transaction(async (tx) => {
      const current = await tx.findOne(ContestEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (current === null) throw new ContestNotFoundError(id);
      const before = toContestResponse(current);
      if (action === 'contest.pause') {
        assertPausable(statusByClock(current, now), current.pausedAt !== null);
        current.pausedAt = new Date(now);
      } else {
        assertResumable(current.pausedAt !== null);
        current.pausedAt = null;
      }
      const saved = await tx.getRepository(ContestEntity).save(current);
      await this.audit.record(tx, principal, {
        action,
        entity: 'contest',
        entityId: id,
        teams: [...(teamsOrNull(saved) ?? [])],
        before,
        after: toContestResponse(saved),
      });
      return { entity: saved, touched: await this.screens.touchShowing(tx, id) };
    });
    // After the commit: the TVs showing the contest fetch their board again and show it (un)paused.
    for (const screen of touched) {
      await announce(
        this.bus,
        CHANNEL_BOARD_CHANGED,
        { screenId: screen.id, version: screen.version },
        this.logger,
      );
    }
    return await this.contests.read(entity.id, principal);
  }
}

/**
 * A contest's status by the clock: a scheduled contest whose start has passed already counts (the worker
 * records the move to live within seconds, or later if it is down).
 */
function statusByClock(contest: ContestEntity, now: number): ContestStatus {
  const stored = contest.status as ContestStatus;
  if (stored !== 'scheduled') return stored;
  const rules = contest.rules as unknown as StoredRules;
  return contestStatusAt(
    stored,
    contestRulesOf(rules, 0).period,
    contest.startsAt.getTime(),
    (rules.gracePeriodMinutes ?? 0) * 60_000,
    now,
  );
}
