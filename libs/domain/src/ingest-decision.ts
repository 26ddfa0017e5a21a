import type { EventStatus } from './sales-event.js';

/** What the ledger holds for one (source, id), or what a client sent for it. */
export interface LedgerVersion {
  readonly revision: number;
  /** Hash of the canonical content (see {@link canonicalContent}); equal hashes mean identical content. */
  readonly contentHash: string;
  readonly status: EventStatus;
}

/**
 * - `accepted`: first time this id is seen; stored.
 * - `revised`: a higher revision; replaces the earlier version's contribution.
 * - `retracted`: a higher revision with status `void` (or a first-seen void); removes the contribution.
 * - `duplicate`: the same revision with identical content; changes nothing.
 * - `stale`: a lower revision than the ledger holds (arrived out of order); changes nothing.
 * - `conflict`: the same revision with different content; refused, the stored version stands.
 */
export type IngestOutcome = 'accepted' | 'revised' | 'retracted' | 'duplicate' | 'stale' | 'conflict';

/** Outcomes that write the incoming version to the ledger. */
export const WRITING_OUTCOMES: ReadonlySet<IngestOutcome> = new Set(['accepted', 'revised', 'retracted']);

/**
 * Decides what an incoming version of an event does to the ledger. The highest revision wins whatever
 * the arrival order, so out-of-order delivery converges to the same ledger as in-order delivery.
 */
export function decideIngest(existing: LedgerVersion | null, incoming: LedgerVersion): IngestOutcome {
  if (existing === null) return incoming.status === 'void' ? 'retracted' : 'accepted';
  if (incoming.revision < existing.revision) return 'stale';
  if (incoming.revision === existing.revision) {
    return incoming.contentHash === existing.contentHash ? 'duplicate' : 'conflict';
  }
  return incoming.status === 'void' ? 'retracted' : 'revised';
}

/**
 * A canonical string of an event's content: keys sorted at every depth, so two JSON bodies that
 * differ only in key order or whitespace hash the same.
 */
export function canonicalContent(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Like JSON.stringify, serialise through toJSON (a Date would otherwise become {} and hide a change).
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalContent((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map(canonicalContent).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalContent(v)}`).join(',')}}`;
}
