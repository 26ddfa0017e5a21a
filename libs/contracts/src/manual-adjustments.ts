/**
 * Points a manager adds or removes by hand for one rep in one period of one contest, with a reason. It
 * is a ledger event like any other (source `manual`, type `manual_adjustment`): revised when changed,
 * retracted when withdrawn, scored by the worker and shown in the rep's explanation.
 */
export interface ManualAdjustment {
  /** The adjustment's id: its ledger event's id within source `manual`. */
  readonly id: string;
  readonly rep: { readonly externalId: string; readonly displayName: string };
  /** Signed, in the contest's unit (events, licenses, minor units of its currency, or points); never 0. */
  readonly points: number;
  readonly reason: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly status: 'active' | 'retracted';
  /** 1 when made; +1 for each change and for the retraction. */
  readonly revision: number;
  /** Who made it, or last changed or retracted it. */
  readonly by: { readonly userId: string; readonly label: string };
  /** When this revision was written. */
  readonly recordedAt: string;
}

/** `POST /api/v1/contests/{id}/manual-adjustments`. */
export interface CreateManualAdjustmentRequest {
  /** The rep's external id. */
  readonly rep: string;
  readonly points: number;
  /** 3 to 500 characters after trimming. */
  readonly reason: string;
  /** An instant inside the period (e.g. its start, ISO-8601); default: the current period. */
  readonly period?: string;
}

/** `PATCH /api/v1/contests/{id}/manual-adjustments/{adjustmentId}`: a revision of the adjustment. */
export interface ChangeManualAdjustmentRequest {
  readonly points?: number;
  /** Required: why it changes (3 to 500 characters after trimming). */
  readonly reason: string;
}
