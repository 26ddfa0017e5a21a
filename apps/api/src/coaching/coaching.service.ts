import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { COACHING_STALLED_DAYS, COACHING_WEEKS, type CoachingResponse } from '#contracts';
import {
  buildCoaching,
  coachingCalendar,
  coachingMetrics,
  coachingWeeks,
  contestCoversTeam,
  NotFoundError,
  type Principal,
} from '#domain';
import { CoachingRepository, toContestDefinition } from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import { ForbiddenError } from '../auth/access.guard.js';

export interface CoachingQuery {
  readonly team: string;
  readonly stalledDays?: number;
  /** The instant the view is computed for (epoch ms); default now. */
  readonly at?: number;
}

/**
 * The coaching view of one team: reads the ledger's weekly aggregates and hands them to the domain,
 * which computes every trend, flag and prompt. Admins see any team; managers only the teams they manage.
 */
@Injectable()
export class CoachingService {
  private readonly repository = new CoachingRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async view(query: CoachingQuery, principal: Principal): Promise<CoachingResponse> {
    const mayCoach =
      principal.kind === 'user' &&
      (principal.role === 'admin' || (principal.role === 'manager' && principal.teams.includes(query.team)));
    // Before the lookup: a manager learns nothing about teams that are not theirs, not even that they exist.
    if (!mayCoach) throw new ForbiddenError('coaching shows only the teams you manage');
    const tx = this.dataSource.manager;
    const team = await this.repository.team(tx, query.team);
    if (team === null) throw new NotFoundError(`no team with key ${query.team}`);
    const now = query.at ?? this.clock();
    const stalledDays = query.stalledDays ?? COACHING_STALLED_DAYS.default;
    const until = new Date(now);
    const reps = await this.repository.reps(tx, team.id, until);
    const externalIds = reps.map((r) => r.externalId);
    const contests = (await this.repository.contests(tx))
      .map((entity) => ({ id: entity.id, definition: toContestDefinition(entity) }))
      .filter((c) => contestCoversTeam(c.definition.board.participants, team.key, externalIds));
    // The team's own contests set its calendar before company-wide ones do.
    const named = (c: (typeof contests)[number]) =>
      c.definition.board.participants.kind === 'teams' ? 0 : 1;
    const calendar = coachingCalendar(
      [...contests].sort((a, b) => named(a) - named(b)).map((c) => c.definition.contest.rules.period),
    );
    const weeks = coachingWeeks(calendar, now, COACHING_WEEKS);
    const metrics = coachingMetrics(
      contests.map((c) => ({ id: c.id, metric: c.definition.contest.rules.metric })),
    );
    const eventTypes = [...new Set(metrics.flatMap((m) => m.rule.eventTypes))];
    const bounds = [...weeks.map((w) => new Date(w.start)), new Date(weeks[weeks.length - 1]?.end ?? now)];
    const activity = await this.repository.weeklyActivity(tx, team.id, bounds, until, eventTypes);
    const views = buildCoaching({ now, stalledDays, weeks, metrics, reps, activity });
    return {
      team: { key: team.key, name: team.name },
      timeZone: calendar.timeZone,
      stalledDays,
      weeks: weeks.map((w) => ({
        start: new Date(w.start).toISOString(),
        end: new Date(w.end).toISOString(),
        partial: w.partial,
      })),
      metrics: metrics.map((m) => ({
        key: m.key,
        label: m.label,
        nature: m.nature,
        contestIds: m.contestIds,
        currency: m.currency,
      })),
      reps: views.map((r) => ({
        rep: r.rep,
        lastActivityAt: r.lastActivityAt === null ? null : new Date(r.lastActivityAt).toISOString(),
        daysSinceActivity: r.daysSinceActivity,
        stalled: r.stalled,
        metrics: r.metrics.map((m) => ({
          key: m.key,
          values: m.values,
          latest: m.latest,
          average: m.average,
          changePercent: m.changePercent,
          trend: m.trend,
        })),
        prompt: r.prompt,
      })),
    };
  }
}
