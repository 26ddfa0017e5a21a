import type { MetricUnit, MyContestResponse, MyResultResponse } from '#contracts';
import { formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { amountText } from '../ui/units.js';

/**
 * The calendar days of a finished period, as the contest's own time zone saw them: the api writes the
 * bounds with that zone's offset, so the date part is the local date (the end is exclusive: a period
 * ending at midnight ended the day before).
 */
export function periodDays(period: MyResultResponse['period']): { first: Date; last: Date } {
  const day = (iso: string) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const midnight = /T00:00(:00(\.0+)?)?/.test(period.end);
  const first = day(period.start);
  const last = Math.max(first, day(period.end) - (midnight ? 86_400_000 : 0));
  return { first: new Date(first), last: new Date(last) };
}

function periodText(lang: string, period: MyResultResponse['period']): string {
  const { first, last } = periodDays(period);
  const format = new Intl.DateTimeFormat(lang, {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return first.getTime() === last.getTime() ? format.format(first) : format.formatRange(first, last);
}

/** Past results, newest first, and the prizes won. */
export function HistoryPage({
  results,
  contests,
}: {
  results: readonly MyResultResponse[];
  contests: readonly MyContestResponse[];
}) {
  const { t, lang } = useT();
  // A result's unit is its contest's: known for the contests still running.
  const units = new Map<string, MetricUnit>(contests.map((c) => [c.contest.id, c.contest.unit]));
  const prizes = results.flatMap((r) => r.prizes.map((prize) => ({ prize, result: r })));
  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title" className="page-title">
        {t('me.history.title')}
      </h1>
      <section className="trophies" aria-labelledby="trophies-title">
        <h2 id="trophies-title">{t('me.history.prizesWon', { count: prizes.length })}</h2>
        {prizes.length === 0 ? (
          <p className="muted">{t('me.history.noPrizes')}</p>
        ) : (
          <ul className="trophies__list">
            {prizes.map(({ prize, result }) => (
              <li key={`${result.contestId}-${result.period.start}-${prize}`} className="trophy">
                <TrophyIcon />
                <span>
                  <strong>{prize}</strong>
                  <span className="muted">
                    {result.contestName} · {periodText(lang, result.period)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="results-title">
        <h2 id="results-title">{t('me.history.results')}</h2>
        {results.length === 0 ? (
          <p className="muted">{t('me.history.empty')}</p>
        ) : (
          <ul className="results">
            {results.map((result) => {
              const unit = units.get(result.contestId);
              return (
                <li key={`${result.contestId}-${result.period.start}`} className="result">
                  <span
                    className={`result__rank${result.rank !== null && result.rank <= 3 ? ` result__rank--${result.rank}` : ''}`}
                  >
                    {result.rank === null
                      ? '–'
                      : t('me.rankValue', { rank: formatNumber(lang, result.rank) })}
                  </span>
                  <span className="result__what">
                    <strong>{result.contestName}</strong>
                    <span className="muted">{periodText(lang, result.period)}</span>
                  </span>
                  <span className="result__score">
                    {unit === undefined
                      ? formatNumber(lang, result.score, 2)
                      : amountText(t, lang, unit, result.score)}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </section>
  );
}

/** A trophy drawn as a path: emoji fonts are not on every device. */
function TrophyIcon() {
  return (
    <svg
      className="trophy__icon"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M7 4h10v2h3v3a4 4 0 0 1-4 4h-.3A5 5 0 0 1 13 15.9V18h3v2H8v-2h3v-2.1A5 5 0 0 1 8.3 13H8a4 4 0 0 1-4-4V6h3zm0 4H6v1a2 2 0 0 0 1 1.7zm10 0v2.7A2 2 0 0 0 18 9V8z"
      />
    </svg>
  );
}
