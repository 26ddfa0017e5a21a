import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOB_REBUILD_CONTEST, type ContestResponse, type CreateContestRequest } from '#contracts';
import {
  assertNoProblems,
  checkContestRules,
  periodContaining,
  DomainError,
  type FieldProblem,
} from '#domain';
import { ContestEntity, contestRulesOf, storedRulesOf, toContestResponse } from '#persistence';
import { CLOCK, enqueue, SCORING_QUEUE, type Clock, type ScoringQueue } from '#runtime';

export class ContestNotFoundError extends DomainError {
  readonly code = 'contest.not_found';
  constructor(id: string) {
    super(`no contest with id ${id}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class ContestsService {
  private readonly logger = new Logger(ContestsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Creates a live contest. It counts events from the start of the period containing "now", including
   * events already in the ledger (a "this week" contest created on Wednesday counts Monday's sales):
   * a rebuild job scores them.
   */
  async create(
    request: CreateContestRequest,
    shapeProblems: readonly FieldProblem[] = [],
  ): Promise<ContestResponse> {
    const stored = storedRulesOf(request);
    const probe = contestRulesOf(stored, 0);
    assertNoProblems([...shapeProblems, ...checkContestRules(probe)]);
    const startsAt = periodContaining(probe.period, this.clock()).start;
    const entity = await this.dataSource.getRepository(ContestEntity).save({
      name: request.name,
      description: request.description ?? null,
      status: 'live',
      rules: stored as unknown as Record<string, unknown>,
      startsAt: new Date(startsAt),
      currentPeriodStart: new Date(startsAt),
    });
    try {
      await enqueue(
        this.queue,
        JOB_REBUILD_CONTEST,
        { contestId: entity.id },
        { attempts: 8, backoff: { type: 'exponential', delay: 500 } },
      );
    } catch (error) {
      // The contest exists: answering 500 would make the client create it again. The worker's sweep
      // rebuilds contests whose rebuild never ran.
      this.logger.warn(
        `rebuild of contest ${entity.id} not enqueued, the sweep will run it: ${String(error)}`,
      );
    }
    return toContestResponse(entity);
  }

  async list(): Promise<ContestResponse[]> {
    const rows = await this.dataSource
      .getRepository(ContestEntity)
      .find({ order: { createdAt: 'DESC' }, take: 500 });
    return rows.map(toContestResponse);
  }

  async get(id: string): Promise<ContestEntity> {
    const entity = UUID.test(id)
      ? await this.dataSource.getRepository(ContestEntity).findOne({ where: { id } })
      : null;
    if (entity === null) throw new ContestNotFoundError(id);
    return entity;
  }
}
