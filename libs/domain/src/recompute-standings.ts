import type { Contest } from './contest-rules.js';
import { decideIngest, WRITING_OUTCOMES } from './ingest-decision.js';
import type { SalesEvent } from './sales-event.js';
import { scoreEvent, type Contribution } from './score-event.js';
import { standingFromContributions, standingKeyOf, type Standing } from './standings.js';

/** A version of an event as it arrived, with the ledger key it belongs to and its content hash. */
export interface ArrivedVersion {
  readonly ledgerKey: string;
  readonly contentHash: string;
  readonly event: SalesEvent;
}

/**
 * Folds arrivals into the ledger (the version that stands per key) with {@link decideIngest}.
 * The highest revision wins whatever the order; conflicting content at one revision keeps the first.
 */
export function resolveLedger(arrivals: readonly ArrivedVersion[]): Map<string, ArrivedVersion> {
  const ledger = new Map<string, ArrivedVersion>();
  for (const arrival of arrivals) {
    const existing = ledger.get(arrival.ledgerKey);
    const outcome = decideIngest(
      existing === undefined
        ? null
        : {
            revision: existing.event.revision,
            contentHash: existing.contentHash,
            status: existing.event.status,
          },
      { revision: arrival.event.revision, contentHash: arrival.contentHash, status: arrival.event.status },
    );
    if (WRITING_OUTCOMES.has(outcome)) ledger.set(arrival.ledgerKey, arrival);
  }
  return ledger;
}

/**
 * The reference definition of the board: every standing, by board key, computed from the whole
 * ledger at once. Incremental scoring must always equal this (test/recompute.e2e-spec.ts checks it
 * against PostgreSQL).
 */
export function recomputeStandings(
  contests: readonly Contest[],
  events: readonly SalesEvent[],
): Map<string, Standing> {
  const byBoardRep = new Map<string, { repId: string; contributions: Contribution[] }>();
  for (const event of events) {
    for (const c of scoreEvent(contests, event)) {
      const key = standingKeyOf(c);
      const entry = byBoardRep.get(key) ?? { repId: c.repId, contributions: [] };
      entry.contributions.push(c);
      byBoardRep.set(key, entry);
    }
  }
  const standings = new Map<string, Standing>();
  for (const [key, { repId, contributions }] of byBoardRep) {
    const standing = standingFromContributions(repId, contributions);
    if (standing !== null) standings.set(key, standing);
  }
  return standings;
}
