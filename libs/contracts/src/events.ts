/** One sales event as a CRM or a script posts it. */
export interface SalesEventInput {
  /** Client-chosen id, unique per source: the idempotency key. */
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly rep: { readonly id: string; readonly name: string };
  /** ISO-8601 with an explicit offset (`Z` or `+01:00`). */
  readonly occurredAt: string;
  /** Starts at 1; a higher revision replaces the earlier one. */
  readonly revision?: number;
  /** `void` retracts the event (a reversed deal). */
  readonly status?: 'active' | 'void';
  readonly quantity?: number;
  readonly amount?: { readonly minor: number; readonly currency: string };
  readonly attributes?: Readonly<Record<string, unknown>>;
}

export type IngestStatus = 'accepted' | 'revised' | 'retracted' | 'duplicate' | 'stale' | 'conflict';

export interface IngestResult {
  readonly index: number;
  readonly source: string;
  readonly id: string;
  readonly status: IngestStatus;
}

export interface IngestResponse {
  /** Events that changed the ledger (accepted, revised, retracted) and will be scored. */
  readonly written: number;
  readonly results: readonly IngestResult[];
}

/** The body of every 4xx/5xx answer. */
export interface ErrorResponse {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly problems?: readonly { readonly path: string; readonly reason: string }[];
  readonly errorId?: string;
}
