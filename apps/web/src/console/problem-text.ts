import { MAX_GRACE_MINUTES } from '#domain';
import type { Problem } from './console-api.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * A field problem in the reader's language. The api and the domain name problems in English
 * (`prizes.ranks[0].rank`: "rank 1 already has a prize"); the form says the common ones in the page's
 * language and keeps the server's words for the rest.
 */
export function problemText(t: T, problem: Problem): string {
  const { path, reason } = problem;
  const known = (key: string, vars?: Record<string, unknown>) => t(`console.problems.${key}`, vars);
  if (path === 'name') return known('name');
  if (path === 'description') return known('description');
  if (path === 'metric.eventTypes') return known('eventTypes');
  if (path === 'metric.weights') return known('weights');
  if (path.startsWith('metric.weights.')) return known('weight');
  if (path === 'metric.currency') return known('currency');
  if (path === 'period.timeZone') return known('timeZone');
  if (path === 'period.start') return /2000/.test(reason) ? known('start2000') : known('date');
  if (path === 'period.end')
    return /400/.test(reason) ? known('end400') : /after/.test(reason) ? known('endAfter') : known('date');
  if (path === 'target' || path.startsWith('targets')) return known('wholeFromOne');
  if (path === 'minScore') return known('wholeFromZero');
  if (path === 'gracePeriodMinutes') return known('grace', { max: MAX_GRACE_MINUTES });
  if (/^participants\.teams\[\d+\]$/.test(path)) return known('unknownTeam');
  if (path === 'participants.teams' || path === 'participants.reps') return known('participants');
  if (/^prizes\.ranks\[\d+\]\.rank$/.test(path))
    return /already/.test(reason) ? known('rankTaken') : known('rank');
  if (/^prizes\.thresholds\[\d+\]\.atLeast$/.test(path)) return known('wholeFromOne');
  if (/\.prize\.name$/.test(path)) return known('prizeName');
  if (/\.prize\.imageUrl$/.test(path)) return known('imageUrl');
  if (/\.prize\.description$/.test(path)) return known('description');
  if (path === 'prizes') return known('tooManyPrizes');
  return reason;
}

/** The first problem at a path or below it (`prizes` finds `prizes.ranks[0].rank`). */
export function problemAt(problems: readonly Problem[], path: string, exact = false): Problem | undefined {
  return problems.find(
    (p) => p.path === path || (!exact && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))),
  );
}
