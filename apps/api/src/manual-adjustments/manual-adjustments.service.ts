import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DateTime } from 'luxon';
import type {
  ChangeManualAdjustmentRequest,
  CreateManualAdjustmentRequest,
  ManualAdjustment,
  SalesEventInput,
} from '#contracts';
import {
  assertNoProblems,
  canAdjustRep,
  checkManualAdjustment,
  ContestIsDraftError,
  ContestStatusError,
  InvalidInputError,
  MANUAL_ADJUSTMENT,
  MANUAL_SOURCE,
  manualAdjustmentPeriod,
  ManualAdjustmentRetractedError,
  NotFoundError,
  participates,
  periodContaining,
  type FieldProblem,
  type Member,
  type Principal,
} from '#domain';
import {
  BoardsRepository,
  ManualAdjustmentsRepository,
  toContestDefinition,
  type ContestDefinition,
  type ContestEntity,
  type StoredManualAdjustment,
} from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import { AuditService } from '../access/audit.service.js';
import { ForbiddenError } from '../auth/access.guard.js';
import { parseIsoInstant } from '../common/iso-instant.js';
import { UUID } from '../common/uuid.js';
import { ContestsService } from '../contests/contests.service.js';
import { EventConflictError } from '../events/events.controller.js';
import { IngestEventsUseCase } from '../events/ingest-events.use-case.js';

/** Most adjustments a list returns (newest first). */
const MAX_LISTED = 500;

/**
 * Manual adjustments: points a manager adds or removes for one rep in one period of one contest, with a
 * reason. Each is a ledger event (source `manual`, type `manual_adjustment`) written through the same
 * ingest path as every other event, so the worker scores it, a recompute from the ledger finds it, and
 * a change or a retraction is a revision of that event. The rules of what it counts for are in
 * libs/domain (`manual-adjustment.ts`, `judgeEvent`); this service checks access and writes.
 */
@Injectable()
export class ManualAdjustmentsService {
  private readonly adjustments = new ManualAdjustmentsRepository();
  private readonly boards = new BoardsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly ingest: IngestEventsUseCase,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The contest's adjustments the principal may see (admins all; managers their teams' reps'). */
  async list(contestId: string, principal: Principal): Promise<ManualAdjustment[]> {
    const definition = toContestDefinition(await this.contests.get(contestId, principal));
    const teams = principal.kind === 'user' && principal.role === 'admin' ? null : teamsOf(principal);
    const rows = await this.adjustments.ofContest(this.dataSource.manager, contestId, teams, MAX_LISTED);
    return rows.map((row) => toResponse(definition, row));
  }

  async create(
    contestId: string,
    request: CreateManualAdjustmentRequest,
    principal: Principal,
  ): Promise<ManualAdjustment> {
    const definition = this.writable(await this.contests.get(contestId, principal));
    const member = await this.boards.member(this.dataSource.manager, request.rep);
    const problems: FieldProblem[] = [...checkManualAdjustment(request, definition.contest.rules.metric)];
    if (member === null) problems.push({ path: 'rep', reason: `no rep with id ${request.rep}` });
    else if (!participates(definition.board, member)) {
      problems.push({ path: 'rep', reason: 'does not take part in this contest' });
    }
    // The wire check (IsIsoInstant) has already refused a period that is not an instant.
    const chosen = request.period === undefined ? null : parseIsoInstant(request.period);
    const placed = manualAdjustmentPeriod(definition.contest.rules, chosen, this.clock());
    if ('problem' in placed) problems.push(placed.problem);
    assertNoProblems(problems);
    if (member === null || 'problem' in placed) throw new InvalidInputError(problems);
    this.assertMayAdjust(principal, definition, member.team);

    const id = randomUUID();
    const event = manualEvent(definition, member, principal, {
      id,
      revision: 1,
      status: 'active',
      occurredAt: placed.occurredAt,
      points: request.points,
      reason: request.reason.trim(),
    });
    await this.write(event, (tx) =>
      this.audit.record(tx, principal, {
        action: 'manual_adjustment.create',
        entity: 'manual_adjustment',
        entityId: id,
        teams: member.team === null ? [] : [member.team],
        after: auditView(contestId, member, event),
      }),
    );
    return this.read(definition, id);
  }

  /** A revision of the adjustment: new points and/or reason, same rep and period. */
  async change(
    contestId: string,
    adjustmentId: string,
    request: ChangeManualAdjustmentRequest,
    principal: Principal,
  ): Promise<ManualAdjustment> {
    const definition = this.writable(await this.contests.get(contestId, principal));
    const stored = await this.stored(contestId, adjustmentId);
    this.assertMayAdjust(principal, definition, stored.repTeam);
    if (stored.status === 'void') throw new ManualAdjustmentRetractedError();
    const points = request.points ?? stored.facts.points;
    assertNoProblems(
      checkManualAdjustment({ points, reason: request.reason }, definition.contest.rules.metric),
    );
    const member = memberOf(stored);
    const event = manualEvent(definition, member, principal, {
      id: adjustmentId,
      revision: stored.revision + 1,
      status: 'active',
      occurredAt: stored.occurredAt,
      points,
      reason: request.reason.trim(),
    });
    await this.write(event, (tx) =>
      this.audit.record(tx, principal, {
        action: 'manual_adjustment.change',
        entity: 'manual_adjustment',
        entityId: adjustmentId,
        teams: stored.repTeam === null ? [] : [stored.repTeam],
        before: storedAuditView(contestId, stored),
        after: auditView(contestId, member, event),
      }),
    );
    return this.read(definition, adjustmentId);
  }

  /** The retraction of the adjustment (a void revision): it counts nowhere from now on. Idempotent. */
  async retract(contestId: string, adjustmentId: string, principal: Principal): Promise<ManualAdjustment> {
    const definition = this.writable(await this.contests.get(contestId, principal));
    const stored = await this.stored(contestId, adjustmentId);
    this.assertMayAdjust(principal, definition, stored.repTeam);
    if (stored.status === 'void') return toResponse(definition, stored);
    const member = memberOf(stored);
    const event = manualEvent(definition, member, principal, {
      id: adjustmentId,
      revision: stored.revision + 1,
      status: 'void',
      occurredAt: stored.occurredAt,
      points: stored.facts.points,
      reason: stored.facts.reason,
    });
    await this.write(event, (tx) =>
      this.audit.record(tx, principal, {
        action: 'manual_adjustment.retract',
        entity: 'manual_adjustment',
        entityId: adjustmentId,
        teams: stored.repTeam === null ? [] : [stored.repTeam],
        before: storedAuditView(contestId, stored),
      }),
    );
    return this.read(definition, adjustmentId);
  }

  /** A contest that can take adjustments: published and still scored (not archived). */
  private writable(entity: ContestEntity): ContestDefinition {
    if (entity.status === 'draft') throw new ContestIsDraftError();
    if (entity.status === 'archived') {
      throw new ContestStatusError(
        'this contest is archived: it scores nothing more, so it takes no adjustments',
      );
    }
    return toContestDefinition(entity);
  }

  private assertMayAdjust(principal: Principal, definition: ContestDefinition, team: string | null): void {
    const scope = { id: definition.contest.id, participants: definition.board.participants };
    if (!canAdjustRep(principal, scope, team)) {
      throw new ForbiddenError('manual adjustments are for admins and for the managers of the rep’s team');
    }
  }

  private async stored(contestId: string, adjustmentId: string): Promise<StoredManualAdjustment> {
    const stored = UUID.test(adjustmentId)
      ? await this.adjustments.find(this.dataSource.manager, contestId, adjustmentId)
      : null;
    if (stored === null) throw new NotFoundError(`no manual adjustment ${adjustmentId} in this contest`);
    return stored;
  }

  /**
   * Through the ingest path, with the audit entry in the same transaction. A concurrent change wrote
   * the same revision first: refused with 409, nothing written.
   */
  private async write(event: SalesEventInput, within: (tx: EntityManager) => Promise<void>): Promise<void> {
    const answer = await this.ingest.execute([event], async (tx, results) => {
      if (
        results.every((r) => r.status === 'accepted' || r.status === 'revised' || r.status === 'retracted')
      ) {
        await within(tx);
      }
    });
    const [result] = answer.results;
    if (result === undefined || result.status === 'conflict' || result.status === 'stale') {
      throw new EventConflictError(MANUAL_SOURCE, event.id, event.revision ?? 1);
    }
  }

  private async read(definition: ContestDefinition, id: string): Promise<ManualAdjustment> {
    const row = await this.adjustments.find(this.dataSource.manager, definition.contest.id, id);
    if (row === null) throw new NotFoundError(`no manual adjustment ${id} in this contest`);
    return toResponse(definition, row);
  }
}

function teamsOf(principal: Principal): readonly string[] {
  return principal.kind === 'user' ? principal.teams : [];
}

function memberOf(stored: StoredManualAdjustment): Pick<Member, 'externalId' | 'displayName' | 'team'> {
  return { externalId: stored.repExternalId, displayName: stored.repName, team: stored.repTeam };
}

/** The ledger event of one version of an adjustment. */
function manualEvent(
  definition: ContestDefinition,
  member: Pick<Member, 'externalId' | 'displayName'>,
  principal: Principal,
  version: {
    id: string;
    revision: number;
    status: 'active' | 'void';
    occurredAt: number;
    points: number;
    reason: string;
  },
): SalesEventInput {
  return {
    id: version.id,
    source: MANUAL_SOURCE,
    type: MANUAL_ADJUSTMENT,
    rep: { id: member.externalId, name: member.displayName },
    occurredAt: new Date(version.occurredAt).toISOString(),
    revision: version.revision,
    status: version.status,
    attributes: {
      contestId: definition.contest.id,
      points: version.points,
      reason: version.reason,
      byUserId: principal.kind === 'user' ? principal.userId : '',
      byLabel: principal.kind === 'user' ? principal.label : '',
    },
  };
}

function auditView(contestId: string, member: Pick<Member, 'externalId'>, event: SalesEventInput) {
  return {
    contestId,
    rep: member.externalId,
    points: event.attributes?.points,
    reason: event.attributes?.reason,
    occurredAt: event.occurredAt,
    revision: event.revision,
  };
}

function storedAuditView(contestId: string, stored: StoredManualAdjustment) {
  return {
    contestId,
    rep: stored.repExternalId,
    points: stored.facts.points,
    reason: stored.facts.reason,
    occurredAt: new Date(stored.occurredAt).toISOString(),
    revision: stored.revision,
  };
}

function toResponse(definition: ContestDefinition, row: StoredManualAdjustment): ManualAdjustment {
  const { period } = definition.contest.rules;
  const window = periodContaining(period, row.occurredAt);
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: period.timeZone }).toISO() ?? '';
  return {
    id: row.id,
    rep: { externalId: row.repExternalId, displayName: row.repName },
    points: row.facts.points,
    reason: row.facts.reason,
    period: { start: iso(window.start), end: iso(window.end) },
    status: row.status === 'void' ? 'retracted' : 'active',
    revision: row.revision,
    by: { userId: row.facts.byUserId, label: row.facts.byLabel },
    recordedAt: new Date(row.receivedAt).toISOString(),
  };
}
