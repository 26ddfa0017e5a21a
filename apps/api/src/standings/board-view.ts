import type { StandingEntry } from '#contracts';
import { showsLine, type BoardView, type LineSubject } from '#domain';
import type { BoardSnapshot } from './standings-reader.service.js';

/** Who stands on a line of a live board, as libs/domain `showsLine` needs it. */
function subjectOf(snapshot: BoardSnapshot, e: StandingEntry): LineSubject {
  if (e.rep === null) return { kind: 'team', key: e.team?.key ?? '' };
  const rep = snapshot.reps.get(e.rep.externalId);
  return { kind: 'rep', externalId: e.rep.externalId, team: rep?.team ?? null, hidden: rep?.hidden ?? false };
}

/**
 * The first `top` lines of a board as a principal may see them (libs/domain `showsLine`): every line in
 * a full view; otherwise the public board (at most the top N, never the lower half, on screens without
 * the reps who hide from TVs; the others keep their true ranks) and the viewer's own lines.
 */
export function topFor(snapshot: BoardSnapshot, view: BoardView, top: number): StandingEntry[] {
  return snapshot.top
    .slice(0, top)
    .filter((e, i) =>
      showsLine(view, { position: i + 1, total: snapshot.total, subject: subjectOf(snapshot, e) }),
    );
}

/**
 * "Around me" as a principal may see it, by the same rule: in full for admins and managers of the
 * contest; otherwise the rep's own line (theirs, or a rep of the manager's teams) and of the neighbours
 * only those on the public board or among the viewer's own lines.
 */
export function aroundFor(snapshot: BoardSnapshot, view: BoardView): StandingEntry[] {
  return (snapshot.around ?? []).filter((e, i) =>
    showsLine(view, {
      position: snapshot.aroundOffset + i + 1,
      total: snapshot.total,
      subject: subjectOf(snapshot, e),
    }),
  );
}
