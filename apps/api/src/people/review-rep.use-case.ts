import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RepResponse, ReviewRepRequest } from '#contracts';
import {
  assertNoProblems,
  canReviewRep,
  DomainError,
  InvalidInputError,
  NotFoundError,
  reviewProblems,
  type Principal,
} from '#domain';
import { RepsRepository, toRepResponse, type RepRow, type StoredRules } from '#persistence';
import { AuditService } from '../access/audit.service.js';
import { ForbiddenError } from '../auth/access.guard.js';
import { ContestsService } from '../contests/contests.service.js';

/** The rep is not in the review queue (reviewed, dismissed or changed by a manager already). */
export class RepReviewedError extends DomainError {
  readonly code = 'rep.reviewed';
  constructor(externalId: string) {
    super(`rep ${externalId} is not in the review queue: it was reviewed already`);
  }
}

/** Per-rep targets as a contest's rules store them. */
interface StoredTargets {
  readonly default: number;
  readonly perRep?: Readonly<Record<string, number>>;
}

/** `POST /api/v1/reps/{externalId}/review`: one rep out of the review queue. */
@Injectable()
export class ReviewRepUseCase {
  private readonly reps = new RepsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contests: ContestsService,
  ) {}

  /**
   * Takes a rep out of the review queue (reps an incoming event created): with a team, a role and a
   * per-rep target in a contest, or dismissed unchanged. Admins any rep; managers the reps they see,
   * into their teams or none (libs/domain `canReviewRep`). A rep reviewed already is refused (409), so
   * two managers reviewing the same rep at once do not both apply their choice.
   *
   * The target is a change to the contest's rules, made through the contests service (its rules,
   * access check, audit entry and rebuild) before the review is written: the review is checked first,
   * so a bad review writes no target, and a refused target (the contest is live) writes no review.
   */
  async execute(externalId: string, request: ReviewRepRequest, principal: Principal): Promise<RepResponse> {
    assertNoProblems(reviewProblems(request));
    await this.checkReview(this.dataSource.manager, externalId, request, principal);
    if (request.target === undefined) {
      return this.dataSource.transaction((tx) => this.review(tx, externalId, request, principal));
    }
    // The target and the review in one transaction: a refused review writes no target, a refused
    // target no review, and the rep's target is merged into the targets as stored under the lock.
    const target = request.target;
    let reviewed: RepResponse | null = null;
    await this.contests.update(
      target.contestId,
      (rules) => ({ targets: withRepTarget(rules, externalId, target.value) }),
      principal,
      async (tx) => {
        reviewed = await this.review(tx, externalId, request, principal);
      },
    );
    if (reviewed === null) throw new NotFoundError(`no rep with external id ${externalId}`);
    return reviewed;
  }

  /** The review itself, in `tx`: the rep locked and checked again, changed and audited. */
  private async review(
    tx: EntityManager,
    externalId: string,
    request: ReviewRepRequest,
    principal: Principal,
  ): Promise<RepResponse> {
    const { rep, teamId } = await this.checkReview(tx, externalId, request, principal, true);
    const before = toRepResponse(rep);
    await this.reps.review(tx, rep.id, {
      ...(teamId === undefined ? {} : { teamId }),
      ...(request.role === undefined ? {} : { role: request.role }),
    });
    const reviewed = await this.reps.find(tx, externalId);
    if (reviewed === null) throw new NotFoundError(`no rep with external id ${externalId}`);
    const after = toRepResponse(reviewed);
    await this.audit.record(tx, principal, {
      action: request.dismiss === true ? 'rep.dismiss' : 'rep.review',
      entity: 'rep',
      entityId: externalId,
      teams: [before.team, after.team].filter((t): t is string => t !== null),
      before,
      after: request.target === undefined ? after : { ...after, target: request.target },
    });
    return after;
  }

  /** The rep (locked when `lock`), refused unless in the queue and reviewable by the principal. */
  private async checkReview(
    tx: EntityManager,
    externalId: string,
    request: ReviewRepRequest,
    principal: Principal,
    lock = false,
  ): Promise<{ rep: RepRow; teamId: string | null | undefined }> {
    const rep = await this.reps.find(tx, externalId, lock);
    if (rep === null) throw new NotFoundError(`no rep with external id ${externalId}`);
    if (!canReviewRep(principal, rep, { team: request.team })) {
      throw new ForbiddenError(
        'managers review the reps of their teams and reps without a team, into their teams or none',
      );
    }
    if (!rep.isNew) throw new RepReviewedError(externalId);
    let teamId: string | null | undefined;
    if (request.team !== undefined && request.team !== null) {
      teamId = await this.reps.teamId(tx, request.team);
      if (teamId === null) {
        throw new InvalidInputError([{ path: 'team', reason: `no team with key ${request.team}` }]);
      }
    } else {
      teamId = request.team;
    }
    return { rep, teamId };
  }
}

/** The contest's per-rep targets with one rep's target set (refused when the contest has none). */
function withRepTarget(rules: StoredRules, externalId: string, value: number): StoredTargets {
  const targets = rules.targets ?? null;
  if (targets === null) {
    throw new InvalidInputError([
      { path: 'target.contestId', reason: 'this contest has no per-rep targets' },
    ]);
  }
  // fromEntries: a rep id such as "__proto__" stays an ordinary key.
  const perRep = Object.fromEntries([
    ...Object.entries(targets.perRep ?? {}).filter(([rep]) => rep !== externalId),
    [externalId, value],
  ]) as Record<string, number>;
  return { default: targets.default, perRep };
}
