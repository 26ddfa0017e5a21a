import type { StandingEntry } from '#contracts';
import { showsOnBoard, type BoardView } from '#domain';
import type { BoardSnapshot } from './standings-reader.service.js';

/**
 * The entries of a board as a principal may see them (libs/domain `showsOnBoard`): everything for a full
 * view; for the public board (reps, screens) at most the top N and never the lower half of the
 * ranking, and on screens without the reps who hide from TVs (the others keep their true ranks).
 */
export function topFor(snapshot: BoardSnapshot, view: BoardView, top: number): StandingEntry[] {
  const hidden = new Set(snapshot.hidden);
  return snapshot.top
    .slice(0, top)
    .filter((e, i) =>
      showsOnBoard(view, i + 1, snapshot.total, e.rep !== null && hidden.has(e.rep.externalId)),
    );
}

/**
 * "Around me" as a principal may see it: in full for admins and the rep's managers; for the rep, their
 * own line and the ones above, never the reps below them.
 */
export function aroundFor(snapshot: BoardSnapshot, view: BoardView, rep: string): StandingEntry[] {
  const around = snapshot.around ?? [];
  if (view.kind === 'full') return around;
  const mine = around.findIndex((e) => e.rep?.externalId === rep);
  return mine < 0 ? [] : around.slice(0, mine + 1);
}
