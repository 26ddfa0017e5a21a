import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import type { MyContestResponse, MyResultResponse } from '#contracts';
import { contestBoardView, participates, publicLength, targetOf, type Principal } from '#domain';
import { BoardsRepository, MeRepository, toContestDefinition } from '#persistence';
import { PODIUM_CONFIG, type PodiumConfig } from '#config';
import { ForbiddenError } from '../auth/access.guard.js';
import { boardContestOf } from '../boards/board.service.js';
import { topFor } from '../standings/board-view.js';
import { MAX_TOP, StandingsReaderService } from '../standings/standings-reader.service.js';

/** No own lines: the public board as anyone sees it. */
const NOBODY = { rep: null, team: null, teams: [] } as const;

/** Most finished periods a rep's history lists. */
export const MY_RESULTS_LIMIT = 100;

/**
 * A rep's own view: their live contests (their own position in full, the public board otherwise) and
 * their finished periods with prizes.
 */
@Injectable()
export class MeService {
  private readonly me = new MeRepository();
  private readonly boards = new BoardsRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: StandingsReaderService,
    @Inject(PODIUM_CONFIG) private readonly config: PodiumConfig,
  ) {}

  async contests(principal: Principal): Promise<MyContestResponse[]> {
    const rep = this.repOf(principal);
    const member = await this.boards.member(this.dataSource.manager, rep);
    const contests = await this.me.contestsOn(this.dataSource.manager);
    const topN = this.config.publicTopN;
    const answers: MyContestResponse[] = [];
    for (const entity of contests) {
      const definition = toContestDefinition(entity);
      const board = definition.board;
      // The one rule of what a viewer sees of a ranking: the public board, with the rep's own line.
      const view = contestBoardView(principal, { id: entity.id, participants: board.participants }, topN);
      // A rep the roster does not know yet takes part in company-wide contests only.
      const takesPart =
        member === null ? board.participants.kind === 'everyone' : participates(board, member);
      if (!takesPart) continue;
      const team = board.kind === 'team';
      const snapshot = await this.reader.snapshot(entity.id, team ? MAX_TOP : topN, team ? null : rep);
      const all = team ? snapshot.top : (snapshot.around ?? []);
      const mine = team
        ? all.findIndex((e) => e.team?.key === member?.team)
        : all.findIndex((e) => e.rep?.externalId === rep);
      const shown = publicLength(snapshot.total, topN);
      const around =
        mine < 0
          ? []
          : all.filter((e, i) => {
              if (Math.abs(i - mine) > 2) return false;
              // Their own line and the lines above in full; below only what the public board shows.
              return i <= mine || e.rank <= shown;
            });
      answers.push({
        contest: boardContestOf(entity),
        period: snapshot.period,
        version: snapshot.version,
        total: snapshot.total,
        me: mine < 0 ? null : (all[mine] ?? null),
        around,
        // The public board itself: the rep's own line is `me` and in `around`, not added to the top.
        top: topFor(snapshot, view.kind === 'public' ? { ...view, own: NOBODY } : view, topN),
        target:
          board.kind === 'target_race' ? board.target : member === null ? null : targetOf(board, member),
        division: snapshot.division,
      });
    }
    return answers;
  }

  async results(principal: Principal): Promise<MyResultResponse[]> {
    const rep = this.repOf(principal);
    const member = await this.boards.member(this.dataSource.manager, rep);
    if (member === null) return [];
    const rows = await this.me.repResults(this.dataSource.manager, member.repId, rep, MY_RESULTS_LIMIT);
    return rows.map((r) => ({
      contestId: r.contestId,
      contestName: r.contestName,
      period: {
        start: DateTime.fromMillis(r.periodStart, { zone: r.timeZone }).toISO() ?? '',
        end: DateTime.fromMillis(r.periodEnd, { zone: r.timeZone }).toISO() ?? '',
      },
      rank: r.rank,
      score: r.score,
      prizes: r.prizes,
    }));
  }

  private repOf(principal: Principal): string {
    if (principal.kind !== 'user' || principal.role !== 'rep' || principal.repExternalId === null) {
      throw new ForbiddenError('this view is for rep users');
    }
    return principal.repExternalId;
  }
}
