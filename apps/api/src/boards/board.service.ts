import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CHANNEL_BOARD_CHANGED,
  type BoardContest,
  type BoardResponse,
  type ScreenResponse,
  type UpdateScreenRequest,
} from '#contracts';
import {
  assertNoProblems,
  checkBoardSettings,
  metricUnitOf,
  NotFoundError,
  type BoardSettings,
  type Principal,
} from '#domain';
import { ContestsRepository, ScreensRepository, toContestDefinition, type ContestEntity } from '#persistence';
import { announce, STANDINGS_BUS, type StandingsBus } from '#runtime';
import { AccessAdminService } from '../access/access-admin.service.js';
import { AuditService } from '../access/audit.service.js';
import { PrincipalResolverService } from '../auth/principal-resolver.service.js';

/** Statuses whose contests a board shows. */
const ON_BOARDS = new Set(['scheduled', 'live', 'finalising', 'final']);

/** What a TV draws (its settings and playlist), and the admin's changes to it. */
@Injectable()
export class BoardService {
  private readonly logger = new Logger(BoardService.name);
  private readonly screens = new ScreensRepository();
  private readonly contests = new ContestsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly admin: AccessAdminService,
    private readonly resolver: PrincipalResolverService,
    @Inject(STANDINGS_BUS) private readonly bus: StandingsBus,
  ) {}

  /** The board of the calling screen. */
  async board(principal: Principal): Promise<BoardResponse> {
    if (principal.kind !== 'screen') throw new NotFoundError('only a screen has a board');
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const screen = await this.screens.board(tx, principal.screenId);
      if (screen === null || screen.revoked) throw new NotFoundError('this screen no longer exists');
      const contests: BoardContest[] = [];
      for (const id of screen.contestIds) {
        const entity = await this.contests.findById(tx, id);
        if (entity !== null && ON_BOARDS.has(entity.status)) contests.push(boardContestOf(entity));
      }
      return {
        screenId: screen.id,
        name: screen.name,
        version: screen.version,
        settings: screen.settings,
        contests,
      };
    });
  }

  /** Changes a screen's name, playlist, top N and settings (merged field by field); audited. */
  async update(principal: Principal, id: string, request: UpdateScreenRequest): Promise<ScreenResponse> {
    const { result, version } = await this.dataSource.transaction(async (tx) => {
      const before = await this.admin.screen(id, tx);
      const current = await this.screens.lockBoard(tx, id);
      if (current === null) throw new NotFoundError(`no screen with id ${id}`);
      const patch = request.settings ?? {};
      const settings: BoardSettings = {
        ...current.settings,
        ...definedOnly(patch),
        topN: request.topN ?? current.settings.topN,
        celebrations: { ...current.settings.celebrations, ...definedOnly(patch.celebrations ?? {}) },
        bigDeal: patch.bigDeal === undefined ? current.settings.bigDeal : patch.bigDeal,
      };
      const contestIds = request.contestIds ?? current.contestIds;
      await this.checkContests(tx, contestIds);
      assertNoProblems(checkBoardSettings(settings, 'settings.'));
      const version = await this.screens.saveBoard(tx, id, {
        name: request.name ?? current.name,
        contestIds,
        settings,
      });
      const after = await this.admin.screen(id, tx);
      await this.audit.record(tx, principal, {
        action: 'screen.update',
        entity: 'screen',
        entityId: id,
        before,
        after,
      });
      return { result: after, version };
    });
    // The screen principal carries the playlist and top N: forget cached ones, then tell the TV.
    this.resolver.forget();
    await announce(this.bus, CHANNEL_BOARD_CHANGED, { screenId: id, version }, this.logger);
    return result;
  }

  private async checkContests(tx: EntityManager, ids: readonly string[]): Promise<void> {
    const known = await this.screens.existingContests(tx, ids);
    assertNoProblems(
      ids.flatMap((c, i) =>
        known.has(c) ? [] : [{ path: `contestIds[${i}]`, reason: `no contest with id ${c}` }],
      ),
    );
  }
}

/** The fields of `patch` that are set (undefined means "unchanged"; null is kept and then checked). */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A contest as a board draws it: its unit, target and prizes. */
export function boardContestOf(entity: ContestEntity): BoardContest {
  const definition = toContestDefinition(entity);
  const { rules } = definition.contest;
  const board = definition.board;
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    kind: board.kind,
    status: definition.status,
    periodKind: rules.period.kind,
    timeZone: rules.period.timeZone,
    unit: metricUnitOf(rules.metric, board),
    target: board.target ?? board.targets?.default ?? null,
    prizes: [
      ...definition.prizes.ranks.map(({ rank, prize }) => ({ ...prizeOf(prize), rank })),
      ...definition.prizes.thresholds.map(({ atLeast, prize }) => ({
        ...prizeOf(prize),
        threshold: atLeast,
      })),
    ],
    paused: definition.paused,
  };
}

function prizeOf(prize: { name: string; description?: string | null; imageUrl?: string | null }) {
  return { name: prize.name, description: prize.description ?? null, imageUrl: prize.imageUrl ?? null };
}
