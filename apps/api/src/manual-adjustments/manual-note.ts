import type { ExplainedEvent } from '#contracts';
import { manualAdjustmentOf, type SalesEvent } from '#domain';

/** On an explained event that is a manual adjustment, its reason and who made it; nothing otherwise. */
export function manualNoteOf(event: SalesEvent): Pick<ExplainedEvent, 'manual'> {
  const facts = manualAdjustmentOf(event);
  return facts === null ? {} : { manual: { reason: facts.reason, by: facts.byLabel } };
}
