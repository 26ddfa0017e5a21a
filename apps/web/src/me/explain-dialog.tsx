import { useEffect, useRef, useState } from 'react';
import { EVENT_TYPES, type ExplainedEvent, type MyContestResponse, type ScoreExplanation } from '#contracts';
import { api, ApiError } from '../api/client.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { amountText } from '../ui/units.js';

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

type Load =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly explanation: ScoreExplanation }
  | { readonly kind: 'failed'; readonly offline: boolean };

/**
 * "Explain my score": the rep's events in this period, those that count (with their points) and those
 * that do not (with the reason), from the api's explanation, whose total equals the board.
 */
export function ExplainDialog({
  data,
  rep,
  onClose,
}: {
  data: MyContestResponse;
  rep: string;
  onClose: () => void;
}) {
  const { t, lang } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ kind: 'loading' });
    const at = encodeURIComponent(data.period.start);
    api<ScoreExplanation>(
      `/api/v1/contests/${data.contest.id}/standings/explain/${encodeURIComponent(rep)}?at=${at}`,
      { signal: abort.signal },
    ).then(
      (explanation) => setLoad({ kind: 'ready', explanation }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ kind: 'failed', offline: !(error instanceof ApiError) });
      },
    );
    return () => abort.abort();
  }, [data.contest.id, data.period.start, rep, attempt]);

  const unit = data.contest.unit;
  const counted = load.kind === 'ready' ? load.explanation.events.filter((e) => e.excluded === null) : [];
  const notCounted = load.kind === 'ready' ? load.explanation.events.filter((e) => e.excluded !== null) : [];

  return (
    <dialog
      ref={dialog}
      className="explain"
      aria-labelledby="explain-title"
      onClose={onClose}
      onClick={(event) => {
        // A tap on the backdrop (outside the sheet) closes it.
        if (event.target === dialog.current) dialog.current.close();
      }}
    >
      <div className="explain__sheet">
        <header className="explain__head">
          <div>
            <h2 id="explain-title">{t('me.explain.title')}</h2>
            <p className="explain__contest">{data.contest.name}</p>
          </div>
          <button
            type="button"
            className="button button--quiet explain__close"
            onClick={() => dialog.current?.close()}
          >
            {t('me.explain.close')}
          </button>
        </header>
        {load.kind === 'loading' && <p aria-busy="true">{t('common.loading')}</p>}
        {load.kind === 'failed' && (
          <div role="alert">
            <p>{load.offline ? t('me.explain.offline') : t('me.explain.failed')}</p>
            <button type="button" className="button" onClick={() => setAttempt((a) => a + 1)}>
              {t('common.retry')}
            </button>
          </div>
        )}
        {load.kind === 'ready' && (
          <>
            <p className="explain__total">
              {t('me.explain.total', {
                score: amountText(t, lang, unit, load.explanation.score, true),
                count: counted.length,
              })}
            </p>
            <section aria-labelledby="explain-counted">
              <h3 id="explain-counted">{t('me.explain.counted', { count: counted.length })}</h3>
              {counted.length === 0 ? (
                <p className="explain__empty">{t('me.explain.noneCounted')}</p>
              ) : (
                <ul className="events">
                  {counted.map((event) => (
                    <EventRow key={`${event.source}/${event.id}`} event={event} data={data} />
                  ))}
                </ul>
              )}
            </section>
            {notCounted.length > 0 && (
              <section aria-labelledby="explain-not-counted">
                <h3 id="explain-not-counted">{t('me.explain.notCounted', { count: notCounted.length })}</h3>
                <ul className="events events--excluded">
                  {notCounted.map((event) => (
                    <EventRow key={`${event.source}/${event.id}`} event={event} data={data} />
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </dialog>
  );
}

function EventRow({ event, data }: { event: ExplainedEvent; data: MyContestResponse }) {
  const { t, lang } = useT();
  const type =
    event.manual !== undefined
      ? t('me.explain.manual')
      : KNOWN_TYPES.has(event.type)
        ? t(`me.eventTypes.${event.type}`)
        : event.type;
  const sign = event.points < 0 ? '−' : '+';
  return (
    <li className="event">
      <div className="event__main">
        <span className="event__type">{type}</span>
        <span className="event__points">
          {event.excluded === null
            ? `${sign}${amountText(t, lang, data.contest.unit, Math.abs(event.points), true)}`
            : '—'}
        </span>
      </div>
      <div className="event__meta">
        <time dateTime={event.occurredAt}>
          {formatDate(lang, event.occurredAt, data.contest.timeZone, {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            hour: '2-digit',
            minute: '2-digit',
          })}
        </time>
        <span className="event__id">{t('me.explain.eventId', { id: event.id })}</span>
        {event.revision > 1 && (
          <span>{t('me.explain.revision', { revision: formatNumber(lang, event.revision) })}</span>
        )}
      </div>
      {event.manual !== undefined && (
        <p className="event__manual">
          {t('me.explain.manualBy', { reason: event.manual.reason, by: event.manual.by })}
        </p>
      )}
      {event.excluded !== null && (
        <p className="event__reason">
          {event.manual !== undefined && event.excluded === 'retracted'
            ? t('me.explain.manualRetracted')
            : t(`me.explain.reasons.${event.excluded}`)}
        </p>
      )}
    </li>
  );
}
