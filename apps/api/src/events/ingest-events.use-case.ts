import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  JOB_SCORE_EVENTS,
  type IngestResponse,
  type IngestResult,
  type IngestStatus,
  type SalesEventInput,
} from '#contracts';
import {
  canonicalContent,
  checkEventShape,
  decideIngest,
  isReservedSource,
  MANUAL_SOURCE,
  type LedgerEventType,
  type LedgerVersion,
  WRITING_OUTCOMES,
  type FieldProblem,
  type Money,
} from '#domain';
import { EventLedgerRepository, isRetryableTransactionError, ledgerKey, type LedgerRow } from '#persistence';
import { CLOCK, enqueue, SCORING_QUEUE, type Clock, type ScoringQueue } from '#runtime';
import { parseIsoInstant } from '../common/iso-instant.js';

/**
 * Work that must commit with the events or not at all (the audit entry of a manual adjustment): run
 * inside the ledger transaction, after the write, with every result.
 */
export type WithinIngest = (tx: EntityManager, results: readonly IngestResult[]) => Promise<void>;

/** Largest `attributes` object, serialised. */
export const MAX_ATTRIBUTES_BYTES = 4096;
const MAX_TX_ATTEMPTS = 8;
const JOB_CHUNK = 1000;

/** A concurrent request inserted one of our new keys first: the transaction is retried. */
class ConcurrentInsertError extends Error {}

/**
 * Accepts a batch of sales events: validates all of them before writing any, stores the winning
 * version of each in the ledger in one transaction (durable before the 202), then enqueues scoring.
 * A lost enqueue is harmless: the worker's sweep scores every unscored ledger row.
 */
@Injectable()
export class IngestEventsUseCase {
  private readonly logger = new Logger(IngestEventsUseCase.name);
  private readonly ledger = new EventLedgerRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SCORING_QUEUE) private readonly queue: ScoringQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The rules an event must meet beyond its wire shape (libs/domain `checkEventShape`, the size of
   * `attributes`), checked on the raw items so that they are reported together with shape problems.
   * A field whose shape is wrong is left to the shape check.
   */
  ruleProblems(items: readonly unknown[], pathOf: (i: number) => string): FieldProblem[] {
    const now = this.clock();
    return items.flatMap((item, i) => {
      if (typeof item !== 'object' || item === null) return [];
      const e = item as Record<string, unknown>;
      const prefix = pathOf(i);
      const measure = (v: unknown) => (v === undefined || v === null ? null : v);
      const problems = checkEventShape(
        {
          type: typeof e.type === 'string' ? e.type : '',
          occurredAt: parseIsoInstant(e.occurredAt) ?? now,
          quantity: measure(e.quantity) as number | null,
          amount: measure(e.amount) as Money | null,
        },
        now,
        prefix,
      ).filter((p) => p.path !== `${prefix}type`);
      // Only the manual-adjustment route writes this source: nobody may forge a manager's adjustment.
      if (typeof e.source === 'string' && isReservedSource(e.source)) {
        problems.push({
          path: `${prefix}source`,
          reason: `"${MANUAL_SOURCE}" is reserved for manual adjustments made in Podium`,
        });
      }
      if (typeof e.attributes === 'object' && e.attributes !== null) {
        if (Buffer.byteLength(JSON.stringify(e.attributes)) > MAX_ATTRIBUTES_BYTES) {
          problems.push({
            path: `${prefix}attributes`,
            reason: `must serialise to at most ${MAX_ATTRIBUTES_BYTES} bytes`,
          });
        }
      }
      return problems;
    });
  }

  /**
   * Writes events that passed {@link ruleProblems} and the wire-shape checks (or, for a manual
   * adjustment, its own route's checks). `within` runs in the same transaction, after the write.
   */
  async execute(events: readonly SalesEventInput[], within?: WithinIngest): Promise<IngestResponse> {
    let outcome: { results: IngestResult[]; written: string[] } | null = null;
    for (let attempt = 1; outcome === null; attempt++) {
      try {
        outcome = await this.dataSource.transaction(async (tx) => {
          const written = await this.write(tx, events);
          if (within !== undefined) await within(tx, written.results);
          return written;
        });
      } catch (error) {
        const retryable = error instanceof ConcurrentInsertError || isRetryableTransactionError(error);
        if (!retryable) throw error;
        if (attempt >= MAX_TX_ATTEMPTS) {
          this.logger.warn(`ingest gave up after ${attempt} conflicting attempts`);
          throw new ServiceUnavailableException('the ledger is busy with the same events: retry in a second');
        }
        // Jittered backoff, so the transactions that collided do not collide again in lockstep.
        await new Promise((done) => setTimeout(done, Math.random() * 20 * attempt));
      }
    }
    await this.enqueue(outcome.written);
    return { written: outcome.written.length, results: outcome.results };
  }

  private async write(
    tx: EntityManager,
    events: readonly SalesEventInput[],
  ): Promise<{ results: IngestResult[]; written: string[] }> {
    const reps = new Map<string, string>();
    for (const e of events) if (!reps.has(e.rep.id)) reps.set(e.rep.id, e.rep.name);
    const repIds = await this.ledger.upsertReps(tx, reps);
    const keys = events.map((e) => ({ source: e.source, externalId: e.id }));
    const stored = await this.ledger.lockVersions(tx, keys);
    const rows = events.map((e) => {
      const repId = repIds.get(e.rep.id);
      // upsertReps returns every rep it was given; a miss is a bug, never a reason to write bad rows.
      if (repId === undefined) throw new Error(`rep ${e.rep.id} was not stored`);
      return this.toRow(e, repId);
    });
    const itemsByKey = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = ledgerKey(row.source, row.externalId);
      itemsByKey.set(key, [...(itemsByKey.get(key) ?? []), i]);
    });

    // Fold each key's items in batch order against the ledger: a key sent twice in one batch behaves
    // as two requests. Keys are independent, so a key can be decided again on its own.
    const results: IngestResult[] = new Array<IngestResult>(events.length);
    const winners = new Map<string, LedgerRow>();
    const decide = (key: string) => {
      winners.delete(key);
      let current: LedgerVersion | null = stored.get(key) ?? null;
      for (const i of itemsByKey.get(key) ?? []) {
        const row = rows[i]!;
        const status: IngestStatus = decideIngest(current, row);
        if (WRITING_OUTCOMES.has(status)) {
          winners.set(key, row);
          current = row;
        }
        results[i] = { index: i, source: row.source, id: row.externalId, status };
      }
    };
    for (const key of itemsByKey.keys()) decide(key);

    const fresh = [...winners].filter(([key]) => !stored.has(key));
    const inserted = await this.ledger.insertNew(
      tx,
      fresh.map(([, row]) => row),
    );
    // A concurrent request inserted some of our new keys first (our insert waited for its commit):
    // lock what it stored and decide those keys again, within this transaction.
    const raced = fresh.map(([key]) => key).filter((key) => !inserted.has(key));
    if (raced.length > 0) {
      // NOWAIT: these rows are locked out of id order (after others we hold); if someone holds one,
      // retry the whole transaction rather than risk a deadlock with a scoring job.
      const now = await this.ledger.lockVersions(
        tx,
        raced.map((key) => {
          const row = winners.get(key)!;
          return { source: row.source, externalId: row.externalId };
        }),
        { noWait: true },
      );
      for (const key of raced) {
        const version = now.get(key);
        if (version === undefined) throw new ConcurrentInsertError();
        stored.set(key, version);
        decide(key);
      }
    }
    const replaced = [...winners].flatMap(([key, row]) => {
      const existing = stored.get(key);
      return existing === undefined || inserted.has(key) ? [] : [{ ...row, id: existing.id }];
    });
    await this.ledger.replaceVersions(tx, replaced);
    return { results, written: [...inserted.values(), ...replaced.map((r) => r.id)] };
  }

  private toRow(e: SalesEventInput, repId: string): LedgerRow {
    const status = e.status ?? 'active';
    const content = {
      type: e.type,
      rep: e.rep.id,
      occurredAt: parseIsoInstant(e.occurredAt) ?? Number.NaN,
      quantity: e.quantity ?? null,
      amount: e.amount === undefined ? null : { minor: e.amount.minor, currency: e.amount.currency },
      attributes: e.attributes ?? {},
      status,
    };
    return {
      source: e.source,
      externalId: e.id,
      revision: e.revision ?? 1,
      status,
      type: e.type as LedgerEventType,
      repId,
      occurredAt: content.occurredAt,
      quantity: content.quantity,
      amountMinor: content.amount?.minor ?? null,
      currency: content.amount?.currency ?? null,
      attributes: content.attributes,
      contentHash: createHash('sha256').update(canonicalContent(content)).digest('base64url'),
    };
  }

  private async enqueue(ids: readonly string[]): Promise<void> {
    try {
      for (let i = 0; i < ids.length; i += JOB_CHUNK) {
        await enqueue(
          this.queue,
          JOB_SCORE_EVENTS,
          { eventIds: ids.slice(i, i + JOB_CHUNK) },
          {
            attempts: 8,
            backoff: { type: 'exponential', delay: 500 },
            removeOnComplete: { count: 1000 },
            removeOnFail: { count: 5000 },
          },
        );
      }
    } catch (error) {
      // The events are durable in the ledger; the worker's sweep will score them.
      this.logger.warn(
        `scoring job not enqueued for ${ids.length} events, the sweep will score them: ${String(error)}`,
      );
    }
  }
}
