import type { EntityManager } from 'typeorm';
import {
  boardKeyOf,
  buildBoards,
  detectMoments,
  periodContaining,
  valueUnitOf,
  type BoardChange,
  type BoardRules,
  type Contribution,
  type Member,
  type Moment,
  type MomentBoard,
  type MomentCause,
  type MomentEntry,
  type SalesEvent,
} from '#domain';
import type { MomentNotice } from '#contracts';
import {
  BoardsRepository,
  ContestsRepository,
  ScreensRepository,
  StandingsRepository,
  type ContestDefinition,
} from '#persistence';

interface Watched {
  readonly contestId: string;
  readonly periodStart: number;
  readonly definition: ContestDefinition;
  /** Reps this commit changed on the board. */
  readonly repIds: string[];
  before: MomentBoard[];
  members: ReadonlyMap<string, Member>;
}

/** A board that is "most points, everyone, one board": its leader is the first row of the standings index. */
function isPlain(rules: BoardRules): boolean {
  return (
    rules.kind === 'leaderboard' &&
    rules.targets === null &&
    rules.participants.kind === 'everyone' &&
    rules.minScore === 0 &&
    rules.divisions === 'none'
  );
}

/**
 * Gathers, inside a scoring transaction, what libs/domain `detectMoments` needs: each touched board of a
 * contest some TV shows, in its current period, before and after the standings change (the leader and
 * the changed entries of a plain board, the whole board of a ruled one), the events behind each change,
 * and the deals counted for the first time. Boards no screen shows, and closed periods, cost nothing.
 */
export class MomentsCollector {
  private readonly screens = new ScreensRepository();
  private readonly contests = new ContestsRepository();
  private readonly standings = new StandingsRepository();
  private readonly boards = new BoardsRepository();
  private watched: Watched[] = [];

  /** Call after the standing rows are locked and before they change. */
  async before(tx: EntityManager, added: readonly Contribution[], now: number): Promise<void> {
    const contestIds = [...new Set(added.map((c) => c.contestId))];
    if (contestIds.length === 0) return;
    const shown = new Set((await this.screens.showing(tx, contestIds)).flatMap((s) => s.contestIds));
    const definitions = await this.contests.definitionsOf(
      tx,
      contestIds.filter((id) => shown.has(id)),
    );
    for (const definition of definitions) {
      // A paused contest keeps scoring but celebrates nothing (docs/RULES.md, "A contest's life").
      if (definition.status !== 'live' || definition.paused) continue;
      const { contest } = definition;
      const current = periodContaining(contest.rules.period, now).start;
      const repIds = [
        ...new Set(
          added.filter((c) => c.contestId === contest.id && c.periodStart === current).map((c) => c.repId),
        ),
      ];
      if (repIds.length === 0) continue;
      const watched: Watched = {
        contestId: contest.id,
        periodStart: current,
        definition,
        repIds,
        before: [],
        members: new Map(),
      };
      const read = await this.read(tx, watched);
      watched.before = read.boards;
      watched.members = read.members;
      this.watched.push(watched);
    }
  }

  /** Call after the standings changed, still inside the transaction: the candidate moments. */
  async after(
    tx: EntityManager,
    before: readonly Contribution[],
    added: readonly Contribution[],
    events: readonly SalesEvent[],
  ): Promise<Moment[]> {
    if (this.watched.length === 0) return [];
    const byId = new Map(events.map((e) => [e.id, e]));
    const counted = new Set(before.map((c) => `${c.eventId}|${c.contestId}`));
    const changes: BoardChange[] = [];
    for (const w of this.watched) {
      const read = await this.read(tx, w);
      const members = new Map([...w.members, ...read.members]);
      const rules = w.definition.board;
      const team = rules.kind === 'team';
      const causes = new Map<string, MomentCause>();
      const deals: { entry: MomentEntry; cause: MomentCause }[] = [];
      const repEntries = new Map(read.boards.flatMap((b) => b.entries).map((e) => [e.id, e]));
      const board = boardKeyOf(w.contestId, w.periodStart);
      for (const c of added) {
        if (boardKeyOf(c.contestId, c.periodStart) !== board) continue;
        const event = byId.get(c.eventId);
        if (event === undefined) continue;
        const cause: MomentCause = {
          eventId: event.id,
          revision: event.revision,
          type: event.type,
          occurredAt: event.occurredAt,
          amount: event.amount,
        };
        const member = members.get(c.repId);
        const key = team ? (member?.team ?? null) : c.repId;
        if (key !== null) {
          const known = causes.get(key);
          if (known === undefined || known.occurredAt <= cause.occurredAt) causes.set(key, cause);
        }
        if (event.amount !== null && !counted.has(`${c.eventId}|${c.contestId}`)) {
          const entry: MomentEntry | undefined = team
            ? member === undefined
              ? undefined
              : {
                  kind: 'rep',
                  id: member.repId,
                  externalId: member.externalId,
                  name: member.displayName,
                  score: 0,
                  value: 0,
                }
            : repEntries.get(c.repId);
          if (entry !== undefined) deals.push({ entry, cause });
        }
      }
      changes.push({
        contestId: w.contestId,
        kind: rules.kind,
        unit: valueUnitOf(rules),
        raceTarget: rules.target,
        thresholds: w.definition.prizes.thresholds.map((t) => ({ atLeast: t.atLeast, prize: t.prize.name })),
        before: w.before,
        after: read.boards,
        causes,
        deals,
      });
    }
    this.watched = [];
    return detectMoments(changes);
  }

  private async read(
    tx: EntityManager,
    w: Watched,
  ): Promise<{ boards: MomentBoard[]; members: ReadonlyMap<string, Member> }> {
    const rules = w.definition.board;
    if (isPlain(rules)) {
      const leader = await this.standings.top(tx, w.contestId, w.periodStart, 1);
      const changed = await this.standings.ofReps(tx, w.contestId, w.periodStart, w.repIds);
      const rows = [...leader.rows, ...changed.filter((r) => r.repId !== leader.rows[0]?.repId)];
      const entries = rows.map((r): MomentEntry => ({
        kind: 'rep',
        id: r.repId,
        externalId: r.externalId,
        name: r.displayName,
        score: r.score,
        value: r.score,
      }));
      return { boards: [{ division: null, entries }], members: new Map() };
    }
    const input = await this.boards.load(tx, w.contestId, w.periodStart, rules);
    const boards = buildBoards(rules, input).map((b) => ({
      division: b.division,
      entries: b.entries.map((e): MomentEntry => ({
        kind: e.kind,
        id: e.id,
        externalId: e.externalId,
        name: e.name,
        score: e.score,
        value: e.value,
      })),
    }));
    return { boards, members: input.members };
  }
}

/** A moment as the bus carries it to the gateways. */
export function toMomentNotice(moment: Moment): MomentNotice {
  const { subject } = moment;
  return {
    id: moment.id,
    contestId: moment.contestId,
    kind: moment.kind,
    at: new Date(moment.at).toISOString(),
    rep: subject.kind === 'rep' ? { externalId: subject.externalId, displayName: subject.name } : null,
    team: subject.kind === 'team' ? { key: subject.externalId, name: subject.name } : null,
    score: moment.score,
    amount: moment.amount?.minor ?? null,
    currency: moment.amount?.currency ?? null,
    eventType: moment.eventType,
    rank: moment.rank,
    prize: moment.prize,
    event: moment.event,
  };
}
