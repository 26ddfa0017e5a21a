import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExplainedEvent, ScoreExplanation, StandingEntry, StandingsPeriod } from '#contracts';
import { manualNoteOf } from '../manual-adjustments/manual-note.js';
import {
  buildBoards,
  ContestIsDraftError,
  ContestNotFoundError,
  InvalidInputError,
  judgeEvent,
  participates,
  periodContaining,
  rankStandings,
  valueUnitOf,
  type BoardEntry,
  type BoardRules,
  type Contest,
  type RankedStanding,
  type ValueUnit,
} from '#domain';
import {
  BoardsRepository,
  ContestsRepository,
  EventLedgerRepository,
  StandingsRepository,
  toContestDefinition,
  type BoardRow,
  type ContestDefinition,
} from '#persistence';
import { CLOCK, type Clock } from '#runtime';
import {
  AROUND_ABOVE,
  AROUND_BELOW,
  MAX_TOP,
  pickBoard,
  type LiveBoards,
  type RankedBoard,
} from './board-slice.js';

export interface BoardSnapshot {
  readonly contestId: string;
  readonly version: number;
  readonly period: StandingsPeriod;
  /** The division shown, on a contest with divisions (null otherwise). */
  readonly division: string | null;
  /** Every division of the period, on a contest with divisions (empty otherwise). */
  readonly divisions: string[];
  readonly total: number;
  /** The listed reps' teams and whether they hide from TVs, by external id (for `showsLine`). */
  readonly reps: ReadonlyMap<string, { readonly team: string | null; readonly hidden: boolean }>;
  /** From position 1. */
  readonly top: StandingEntry[];
  /** The rep asked for with 2 above and 2 below; empty when the rep has no score on this board. */
  readonly around: StandingEntry[] | null;
  /** How many lines of the board are above the first entry of `around`. */
  readonly aroundOffset: number;
}

export { MAX_TOP } from './board-slice.js';
/** Most events one explanation lists. */
export const MAX_EXPLAINED = 2_000;

/**
 * Reads boards: the period containing "now" (or a given instant), ranked by the domain's rule.
 * Version, top and around come from one REPEATABLE READ snapshot, so they always agree.
 */
@Injectable()
export class StandingsReaderService {
  private readonly standings = new StandingsRepository();
  private readonly ledger = new EventLedgerRepository();
  private readonly contests = new ContestsRepository();
  private readonly boards = new BoardsRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A board's top `top` entries and, for `rep`, the slice around them, with the version, all from one
   * snapshot. `division` picks a division's board (default: the rep's own, or else the first).
   */
  async snapshot(
    contestId: string,
    top: number,
    rep: string | null,
    at: number | null = null,
    division: string | null = null,
  ): Promise<BoardSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const snapshot = await this.read(tx, contestId, top, rep, at, division);
      const listed = [...snapshot.top, ...(snapshot.around ?? [])].flatMap((e) =>
        e.rep === null ? [] : [e.rep.externalId],
      );
      return { ...snapshot, reps: await this.boards.linesOf(tx, listed) };
    });
  }

  /**
   * Every board of a contest now, ranked, from one snapshot: one read that the live fan-out slices
   * every watcher's view from (board-slice.ts `sliceLiveBoards`). `everyLine` false reads only the
   * first `top` lines of a plain board (enough while nobody watches a rep); ruled boards are always
   * built whole.
   */
  async live(contestId: string, top: number, everyLine: boolean): Promise<LiveBoards> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const { definition, window, base } = await this.boardAt(tx, contestId, null);
      const rules = definition.board;
      if (!isPlain(rules)) {
        const boards = await this.ruledBoards(tx, definition, window.start);
        const listed = boards.flatMap((b) =>
          b.entries.flatMap((e) => (e.rep === null ? [] : [e.rep.externalId])),
        );
        return {
          ...base,
          divided: rules.divisions !== 'none',
          divisions: rules.divisions === 'none' ? [] : boards.map((b) => b.division ?? ''),
          boards,
          complete: true,
          reps: await this.boards.linesOf(tx, listed),
        };
      }
      const { tieRule } = definition.contest.rules;
      const plain = { divided: false, divisions: [] };
      if (everyLine) {
        const { rows, lines } = await this.standings.wholeBoard(tx, contestId, window.start);
        const entries = this.entries(rows, rankStandings(rows, tieRule));
        return {
          ...base,
          ...plain,
          boards: [{ division: null, entries, total: rows.length }],
          complete: true,
          reps: lines,
        };
      }
      const board = await this.standings.top(
        tx,
        contestId,
        window.start,
        Math.min(Math.max(top, 0), MAX_TOP),
      );
      const entries = this.entries(board.rows, rankStandings(board.rows, tieRule));
      return {
        ...base,
        ...plain,
        boards: [{ division: null, entries, total: board.total }],
        complete: false,
        reps: await this.boards.linesOf(
          tx,
          entries.flatMap((e) => (e.rep === null ? [] : [e.rep.externalId])),
        ),
      };
    });
  }

  /** A contest's definition, the period shown at `at` (null: now), and what every snapshot of it starts with. */
  private async boardAt(tx: EntityManager, contestId: string, at: number | null) {
    const entity = await this.contests.findById(tx, contestId);
    if (entity === null) throw new ContestNotFoundError(contestId);
    if (entity.status === 'draft') throw new ContestIsDraftError();
    const definition = toContestDefinition(entity);
    const { contest } = definition;
    // Without `at`: the board's current period, which the worker moves at each boundary (with a new
    // version), so a gateway whose clock runs a little behind never shows a newer version of an
    // older period.
    const instant = at ?? Math.max(this.clock(), entity.currentPeriodStart.getTime());
    const window = periodContaining(contest.rules.period, instant);
    const base = {
      contestId,
      version: Number(entity.standingsVersion),
      period: this.period(contest, window),
    };
    return { definition, window, base };
  }

  private async read(
    tx: EntityManager,
    contestId: string,
    top: number,
    rep: string | null,
    at: number | null,
    division: string | null,
  ): Promise<Omit<BoardSnapshot, 'reps'>> {
    const { definition, window, base } = await this.boardAt(tx, contestId, at);
    const { contest } = definition;
    const limit = Math.min(Math.max(top, 0), MAX_TOP);
    if (!isPlain(definition.board)) {
      return { ...base, ...(await this.ruledBoard(tx, definition, window.start, limit, rep, division)) };
    }
    if (division !== null) {
      throw new InvalidInputError([{ path: 'division', reason: 'this contest has no divisions' }]);
    }
    const board = await this.standings.top(tx, contestId, window.start, limit);
    const ranked = rankStandings(board.rows, contest.rules.tieRule);
    let around: StandingEntry[] | null = null;
    let aroundOffset = 0;
    if (rep !== null) {
      const slice = await this.standings.around(tx, contestId, window.start, rep, AROUND_ABOVE, AROUND_BELOW);
      aroundOffset = slice?.offset ?? 0;
      around =
        slice === null
          ? []
          : this.entries(
              board.rows.concat(slice.rows),
              rankStandings(slice.rows, contest.rules.tieRule, {
                offset: slice.offset,
                previous: slice.previous,
                previousRank: contest.rules.tieRule === 'shared' ? slice.previousSharedRank : slice.offset,
              }),
            );
    }
    return {
      ...base,
      division: null,
      divisions: [],
      total: board.total,
      top: this.entries(board.rows, ranked),
      around,
      aroundOffset,
    };
  }

  /**
   * A board with rules beyond "most points" (targets, teams, races, participants, minimum score,
   * divisions): built whole by libs/domain `buildBoards` from the period's standings.
   */
  private async ruledBoard(
    tx: EntityManager,
    definition: ContestDefinition,
    periodStart: number,
    limit: number,
    rep: string | null,
    division: string | null,
  ): Promise<Pick<BoardSnapshot, 'division' | 'divisions' | 'total' | 'top' | 'around' | 'aroundOffset'>> {
    const rules = definition.board;
    if (division !== null && rules.divisions === 'none') {
      throw new InvalidInputError([{ path: 'division', reason: 'this contest has no divisions' }]);
    }
    const boards = await this.ruledBoards(tx, definition, periodStart);
    const divisions = rules.divisions === 'none' ? [] : boards.map((b) => b.division ?? '');
    return pickBoard(boards, divisions, limit, rep, division);
  }

  /** Every board of a ruled contest's period, built whole by libs/domain `buildBoards`. */
  private async ruledBoards(
    tx: EntityManager,
    definition: ContestDefinition,
    periodStart: number,
  ): Promise<RankedBoard[]> {
    const rules = definition.board;
    const unit = valueUnitOf(rules);
    return buildBoards(rules, await this.boards.load(tx, definition.contest.id, periodStart, rules)).map(
      (b) => ({
        division: b.division,
        entries: b.entries.map((e) => toEntry(e, unit, rules.kind === 'target_race')),
        total: b.entries.length,
      }),
    );
  }

  /**
   * Every event of a rep in the board's period, with the points it adds or why it adds nothing
   * (libs/domain `judgeEvent`, the same rule the scoring applies). At most {@link MAX_EXPLAINED}.
   */
  async explain(contestId: string, repExternalId: string, at: number | null): Promise<ScoreExplanation> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      const entity = await this.contests.findById(tx, contestId);
      if (entity === null) throw new ContestNotFoundError(contestId);
      if (entity.status === 'draft') throw new ContestIsDraftError();
      const definition = toContestDefinition(entity);
      const { contest } = definition;
      const member = await this.boards.member(tx, repExternalId);
      const competes = member === null || participates(definition.board, member);
      const window = periodContaining(
        contest.rules.period,
        at ?? Math.max(this.clock(), entity.currentPeriodStart.getTime()),
      );
      const rows = await this.ledger.repEventsIn(
        tx,
        repExternalId,
        { from: window.start, to: window.end, types: contest.rules.metric.eventTypes, manualFor: contestId },
        MAX_EXPLAINED,
      );
      const events: ExplainedEvent[] = rows.map(({ event, externalId }) => {
        const verdict = judgeEvent(contest, event);
        return {
          source: event.source,
          id: externalId,
          type: event.type,
          occurredAt: new Date(event.occurredAt).toISOString(),
          revision: event.revision,
          points: verdict.counted && competes ? verdict.contribution.points : 0,
          excluded: !verdict.counted ? verdict.reason : competes ? null : 'not_a_participant',
          ...manualNoteOf(event),
        };
      });
      return {
        contestId,
        period: this.period(contest, window),
        rep: { externalId: repExternalId },
        score: events.reduce((sum, e) => sum + e.points, 0),
        events,
      };
    });
  }

  private period(contest: Contest, window: { start: number; end: number }): StandingsPeriod {
    const zone = contest.rules.period.timeZone;
    return {
      start: DateTime.fromMillis(window.start, { zone }).toISO() ?? '',
      end: DateTime.fromMillis(window.end, { zone }).toISO() ?? '',
    };
  }

  private entries(rows: readonly BoardRow[], ranked: readonly RankedStanding[]): StandingEntry[] {
    const reps = new Map(rows.map((r) => [r.repId, r]));
    return ranked.map((r) => {
      const rep = reps.get(r.repId);
      return {
        rank: r.rank,
        rep: { id: r.repId, externalId: rep?.externalId ?? '', displayName: rep?.displayName ?? '' },
        score: r.score,
        reachedAt: new Date(r.reachedAt).toISOString(),
        gapToNext: r.gapToNext,
      };
    });
  }
}

/** A board that is "most points, everyone, one board": read straight from the ordered standings index. */
function isPlain(rules: BoardRules): boolean {
  return (
    rules.kind === 'leaderboard' &&
    rules.targets === null &&
    rules.participants.kind === 'everyone' &&
    rules.minScore === 0 &&
    rules.divisions === 'none'
  );
}

function toEntry(e: BoardEntry, unit: ValueUnit, race: boolean): StandingEntry {
  const scaled = unit !== 'points';
  return {
    rank: e.rank,
    rep: e.kind === 'rep' ? { id: e.id, externalId: e.externalId, displayName: e.name } : null,
    ...(e.kind === 'team' ? { team: { key: e.id, name: e.name, members: e.members ?? 0 } } : {}),
    score: e.score,
    ...(unit === 'percent_hundredths' ? { percentToTarget: e.value / 100, target: e.target ?? 0 } : {}),
    ...(unit === 'average_hundredths' ? { average: e.value / 100 } : {}),
    ...(race ? { finishedAt: e.finishedAt === null ? null : new Date(e.finishedAt).toISOString() } : {}),
    reachedAt: new Date(e.reachedAt).toISOString(),
    gapToNext: e.gapToNext === null ? null : scaled ? e.gapToNext / 100 : e.gapToNext,
  };
}
