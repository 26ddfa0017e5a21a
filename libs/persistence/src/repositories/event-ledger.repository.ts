import type { EntityManager } from 'typeorm';
import {
  MANUAL_ADJUSTMENT,
  MANUAL_SOURCE,
  type EventStatus,
  type LedgerEventType,
  type LedgerVersion,
  type SalesEvent,
} from '#domain';

/** One version of an event, normalised for the ledger. Times are epoch ms. */
export interface LedgerRow {
  readonly source: string;
  readonly externalId: string;
  readonly revision: number;
  readonly status: EventStatus;
  readonly type: LedgerEventType;
  readonly repId: string;
  readonly occurredAt: number;
  readonly quantity: number | null;
  readonly amountMinor: number | null;
  readonly currency: string | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly contentHash: string;
}

export interface StoredVersion extends LedgerVersion {
  readonly id: string;
}

export function ledgerKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

interface SalesEventRow {
  id: string;
  source: string;
  event_type: LedgerEventType;
  rep_id: string;
  occurred_at: Date;
  quantity: string | null;
  amount_minor: string | null;
  currency: string | null;
  attributes: Record<string, unknown>;
  revision: number;
  status: EventStatus;
}

function toSalesEvent(r: SalesEventRow): SalesEvent {
  return {
    id: r.id,
    source: r.source,
    type: r.event_type,
    repId: r.rep_id,
    occurredAt: r.occurred_at.getTime(),
    quantity: r.quantity === null ? null : Number(r.quantity),
    amount:
      r.amount_minor === null || r.currency === null
        ? null
        : { minor: Number(r.amount_minor), currency: r.currency },
    attributes: r.attributes,
    revision: r.revision,
    status: r.status,
  };
}

/**
 * Always select from `events e` and order by `e.id`: the output column `id` is text, and a bare
 * `ORDER BY id` would sort "100000" before "99999" (pages would skip and repeat events).
 */
const SALES_EVENT_COLUMNS = `e.id::text AS id, source, event_type, rep_id, occurred_at, quantity::text, amount_minor::text, currency,
  attributes, revision, status`;

/** SQL of the event ledger. Every method takes the caller's transaction. */
export class EventLedgerRepository {
  /** Creates unknown reps (flagged new) and returns the id of every external id. Sorted: no deadlocks. */
  async upsertReps(tx: EntityManager, reps: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    const externalIds = [...reps.keys()].sort();
    const names = externalIds.map((id) => reps.get(id) ?? id);
    // One round trip in the usual case: the reps that exist, plus the ones this statement creates.
    const rows: { id: string; external_id: string }[] = await tx.query(
      `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS u(external_id, display_name)),
       created AS (INSERT INTO reps (external_id, display_name) SELECT * FROM input
         ON CONFLICT (external_id) DO NOTHING RETURNING id, external_id)
       SELECT id, external_id FROM created
       UNION ALL SELECT r.id, r.external_id FROM reps r JOIN input i ON i.external_id = r.external_id`,
      [externalIds, names],
    );
    const ids = new Map(rows.map((r) => [r.external_id, r.id]));
    // A rep created meanwhile by a concurrent request is in neither part (its row was committed after
    // this statement's snapshot, while our insert waited for it): read those again.
    const missing = externalIds.filter((id) => !ids.has(id));
    if (missing.length > 0) {
      const late: { id: string; external_id: string }[] = await tx.query(
        `SELECT id, external_id FROM reps WHERE external_id = ANY($1::text[])`,
        [missing],
      );
      for (const r of late) ids.set(r.external_id, r.id);
    }
    return ids;
  }

  /** The stored version of each key, locked (NO KEY UPDATE, in id order) until the transaction ends. */
  async lockVersions(
    tx: EntityManager,
    keys: readonly { source: string; externalId: string }[],
    options: { noWait?: boolean } = {},
  ): Promise<Map<string, StoredVersion>> {
    const sorted = [...keys].sort((a, b) =>
      ledgerKey(a.source, a.externalId) < ledgerKey(b.source, b.externalId) ? -1 : 1,
    );
    const rows: {
      id: string;
      source: string;
      external_id: string;
      revision: number;
      content_hash: string;
      status: EventStatus;
    }[] = await tx.query(
      `SELECT e.id::text, e.source, e.external_id, e.revision, e.content_hash, e.status
         FROM events e JOIN unnest($1::text[], $2::text[]) AS k(source, external_id)
           ON e.source = k.source AND e.external_id = k.external_id
         ORDER BY e.id FOR NO KEY UPDATE OF e${options.noWait === true ? ' NOWAIT' : ''}`,
      [sorted.map((k) => k.source), sorted.map((k) => k.externalId)],
    );
    return new Map(
      rows.map((r) => [
        ledgerKey(r.source, r.external_id),
        { id: r.id, revision: r.revision, contentHash: r.content_hash, status: r.status },
      ]),
    );
  }

  /**
   * Inserts first-seen events. Returns the ids of the rows inserted; a key inserted meanwhile by a
   * concurrent transaction is skipped (the caller retries its transaction).
   */
  async insertNew(tx: EntityManager, unsorted: readonly LedgerRow[]): Promise<Map<string, string>> {
    if (unsorted.length === 0) return new Map();
    // Key order: two batches inserting the same new keys then wait on each other in one order only.
    const rows = [...unsorted].sort((a, b) => compareKeys(a, b));
    const inserted: { id: string; source: string; external_id: string }[] = await tx.query(
      `INSERT INTO events (source, external_id, revision, status, event_type, rep_id, occurred_at, quantity,
         amount_minor, currency, attributes, content_hash)
       SELECT s, x, r, st, t, rep, o, q, am, c, a::jsonb, h
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
         $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[])
         AS u(s, x, r, st, t, rep, o, q, am, c, a, h)
       ON CONFLICT (source, external_id) DO NOTHING
       RETURNING id::text, source, external_id`,
      columns(rows),
    );
    return new Map(inserted.map((r) => [ledgerKey(r.source, r.external_id), r.id]));
  }

  /** Replaces the stored version of existing events (revisions and retractions); they become unscored. */
  async replaceVersions(tx: EntityManager, unsorted: readonly (LedgerRow & { id: string })[]): Promise<void> {
    if (unsorted.length === 0) return;
    const rows = [...unsorted].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    await tx.query(
      `UPDATE events e SET revision = u.r, status = u.st, event_type = u.t, rep_id = u.rep, occurred_at = u.o,
         quantity = u.q, amount_minor = u.am, currency = u.c, attributes = u.a::jsonb, content_hash = u.h,
         received_at = now()
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
         $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::bigint[])
         AS u(s, x, r, st, t, rep, o, q, am, c, a, h, id)
       WHERE e.id = u.id`,
      [...columns(rows), rows.map((r) => r.id)],
    );
  }

  /**
   * Locks the given events that still need scoring (NO KEY UPDATE: the key never changes, and the
   * foreign-key checks of contribution inserts, which take KEY SHARE, must not wait for it). It waits
   * for a row another transaction holds
   * (an ingest revising it, or another worker scoring it) and then re-checks it: SKIP LOCKED would
   * silently drop an event that an ingest transaction merely looked at. Ordered by id, the same order
   * as the ingest's locks, so the two never deadlock.
   */
  async lockUnscored(tx: EntityManager, ids: readonly string[]): Promise<SalesEvent[]> {
    const rows: SalesEventRow[] = await tx.query(
      `SELECT ${SALES_EVENT_COLUMNS} FROM events e
       WHERE e.id = ANY($1::bigint[]) AND e.scored_revision IS DISTINCT FROM e.revision
       ORDER BY e.id FOR NO KEY UPDATE`,
      [ids],
    );
    return rows.map(toSalesEvent);
  }

  async markScored(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`UPDATE events SET scored_revision = revision WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Ids of events accepted at least `minAgeMs` ago and still unscored: their job was lost or failed. */
  async findUnscored(tx: EntityManager, minAgeMs: number, limit: number, afterId = '0'): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT e.id::text FROM events e
       WHERE scored_revision IS DISTINCT FROM revision AND id > $3::bigint
         AND received_at <= now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY e.id LIMIT $2`,
      [minAgeMs, limit, afterId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Current active versions of events of `types` (and of `sources`, unless null) that occurred at or
   * after `from`, in id order: the candidates of a contest rebuild, which still applies every rule.
   */
  async eventsSince(
    tx: EntityManager,
    scope: CandidateScope,
    afterId: string,
    limit: number,
  ): Promise<SalesEvent[]> {
    const rows: SalesEventRow[] = await tx.query(
      `SELECT ${SALES_EVENT_COLUMNS} FROM events e
       WHERE e.occurred_at >= $1 AND e.id > $2::bigint AND e.status = 'active'
         AND ${inScope('$4', '$5', '$6')}
       ORDER BY e.id LIMIT $3`,
      [new Date(scope.from), afterId, limit, scope.types, scope.sources, scope.manualFor ?? null],
    );
    return rows.map(toSalesEvent);
  }

  /**
   * Current versions (active or void) of one rep's events of `types` that occurred in [from, to), and
   * the rep's manual adjustments made for contest `manualFor`: what an explanation of the rep's score
   * walks through. At most `limit`, oldest first.
   */
  async repEventsIn(
    tx: EntityManager,
    repExternalId: string,
    scope: { from: number; to: number; types: readonly string[]; manualFor?: string },
    limit: number,
  ): Promise<{ event: SalesEvent; externalId: string }[]> {
    const rows: (SalesEventRow & { external_id: string })[] = await tx.query(
      `SELECT ${SALES_EVENT_COLUMNS}, e.external_id FROM events e JOIN reps r ON r.id = e.rep_id
       WHERE r.external_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
         AND ${inScope('$4', 'NULL', '$6')}
       ORDER BY e.occurred_at, e.id LIMIT $5`,
      [repExternalId, new Date(scope.from), new Date(scope.to), scope.types, limit, scope.manualFor ?? null],
    );
    return rows.map((r) => ({ event: toSalesEvent(r), externalId: r.external_id }));
  }

  /** Reps with events in the scope whose current revision is not scored yet (their boards are in flux). */
  async repsWithUnscored(tx: EntityManager, scope: CandidateScope): Promise<Set<string>> {
    const rows: { rep_id: string }[] = await tx.query(
      `SELECT DISTINCT e.rep_id FROM events e
       WHERE e.scored_revision IS DISTINCT FROM e.revision AND e.occurred_at >= $1
         AND ${inScope('$2', '$3', '$4')}`,
      [new Date(scope.from), scope.types, scope.sources, scope.manualFor ?? null],
    );
    return new Set(rows.map((r) => r.rep_id));
  }

  /** {@link eventsSince} page after page, until the scope is exhausted. */
  async *eventPages(
    tx: EntityManager,
    scope: CandidateScope,
    pageSize: number,
  ): AsyncGenerator<SalesEvent[]> {
    for (let afterId = '0'; ;) {
      const page = await this.eventsSince(tx, scope, afterId, pageSize);
      if (page.length > 0) yield page;
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) return;
      afterId = last.id;
    }
  }
}

/**
 * The events a contest could count (libs/domain `candidateScope`): of its types and sources, or a manual
 * adjustment made for it (`manualFor`: the contest id; null: none).
 */
export interface CandidateScope {
  readonly from: number;
  readonly types: readonly string[];
  readonly sources: readonly string[] | null;
  readonly manualFor?: string | null;
}

/**
 * SQL condition of {@link CandidateScope} on `events e`, given its parameters' placeholders. A manual
 * adjustment is never in the ordinary part: its type is no contest's type.
 */
function inScope(types: string, sources: string, manualFor: string): string {
  return `((e.event_type = ANY(${types}::text[]) AND (${sources}::text[] IS NULL OR e.source = ANY(${sources}::text[])))
    OR (e.source = '${MANUAL_SOURCE}' AND e.event_type = '${MANUAL_ADJUSTMENT}'
      AND e.attributes->>'contestId' = ${manualFor}::text))`;
}

function compareKeys(a: LedgerRow, b: LedgerRow): number {
  const ka = ledgerKey(a.source, a.externalId);
  const kb = ledgerKey(b.source, b.externalId);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function columns(rows: readonly LedgerRow[]): unknown[] {
  return [
    rows.map((r) => r.source),
    rows.map((r) => r.externalId),
    rows.map((r) => r.revision),
    rows.map((r) => r.status),
    rows.map((r) => r.type),
    rows.map((r) => r.repId),
    rows.map((r) => new Date(r.occurredAt).toISOString()),
    rows.map((r) => r.quantity),
    rows.map((r) => r.amountMinor),
    rows.map((r) => r.currency),
    rows.map((r) => JSON.stringify(r.attributes)),
    rows.map((r) => r.contentHash),
  ];
}
