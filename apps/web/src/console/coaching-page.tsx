import { useState } from 'react';
import type { CoachingRep, CoachingResponse, MeResponse, TeamResponse } from '#contracts';
import { formatDate, formatMoney, formatNumber } from '../i18n/format.js';
import { useT, type Language } from '../i18n/index.js';
import { Avatar } from '../ui/avatar.js';
import { get, requireRoute, ROUTE_TEMPLATES, ROUTES } from './console-api.js';
import { EmptyState, PageHeader, ResourceState, usePageTitle, When } from './kit.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/** The manager's coaching view: each rep against their own average, not against each other. */
export function CoachingPage({ user }: { user: MeResponse }) {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.coaching'));
  const teams = useResource((signal) => get<TeamResponse[]>('/api/v1/teams', signal), []);
  const [team, setTeam] = useState<string | null>(null);
  const choices =
    teams.state.kind === 'ready'
      ? teams.state.data.filter((x) => user.role === 'admin' || user.teams.includes(x.key))
      : [];
  const chosen = team ?? choices[0]?.key ?? null;

  return (
    <>
      <PageHeader
        title={t('console.coaching.title')}
        lead={t('console.coaching.lead')}
        actions={
          choices.length > 1 ? (
            <label className="c-inline-field">
              <span className="c-field__label">{t('console.people.team')}</span>
              <select className="c-input" value={chosen ?? ''} onChange={(e) => setTeam(e.target.value)}>
                {choices.map((x) => (
                  <option key={x.key} value={x.key}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          ) : undefined
        }
      />
      <ResourceState state={teams.state} onRetry={teams.reload}>
        {() =>
          chosen === null ? (
            <EmptyState title={t('console.coaching.noTeamTitle')} body={t('console.coaching.noTeam')} />
          ) : (
            <TeamCoaching key={chosen} team={chosen} lang={lang} t={t} />
          )
        }
      </ResourceState>
    </>
  );
}

function TeamCoaching({ team, lang, t }: { team: string; lang: Language; t: T }) {
  const { state, reload } = useResource(
    async (signal) => {
      await requireRoute('get', ROUTE_TEMPLATES.coaching);
      return get<CoachingResponse>(`${ROUTES.coaching}?team=${encodeURIComponent(team)}`, signal);
    },
    [team],
  );
  return (
    <ResourceState state={state} onRetry={reload} feature={t('console.coaching.title')}>
      {(view) => {
        const reps = [...view.reps].sort((a, b) => a.rep.displayName.localeCompare(b.rep.displayName, lang));
        const stalled = reps.filter((r) => r.stalled);
        const first = view.weeks[0];
        const last = view.weeks[view.weeks.length - 1];
        return (
          <>
            <p className="c-muted">
              {first !== undefined && last !== undefined
                ? t('console.coaching.range', {
                    count: view.weeks.length,
                    start: formatDate(lang, first.start, view.timeZone, { dateStyle: 'medium' }),
                    end: formatDate(lang, new Date(Date.parse(last.end) - 1).toISOString(), view.timeZone, {
                      dateStyle: 'medium',
                    }),
                  })
                : null}
            </p>
            {stalled.length > 0 && (
              <section
                className="c-notice c-notice--warn"
                aria-labelledby="stalled-title"
                data-testid="stalled"
              >
                <h2 id="stalled-title" className="c-panel__subtitle">
                  {t('console.coaching.stalledTitle', { count: stalled.length })}
                </h2>
                <p>
                  {stalled
                    .map((r) =>
                      t('console.coaching.stalledRep', {
                        name: r.rep.displayName,
                        count: r.daysSinceActivity ?? view.stalledDays,
                      }),
                    )
                    .join(' · ')}
                </p>
              </section>
            )}
            <div className="c-legend" aria-hidden="true">
              <span className="c-legend__item c-legend__item--outcome">{t('console.coaching.outcome')}</span>
              <span className="c-legend__item c-legend__item--process">{t('console.coaching.process')}</span>
              <span className="c-legend__item c-legend__item--avg">{t('console.coaching.ownAverage')}</span>
            </div>
            <ul className="c-coach">
              {reps.map((rep) => (
                <li
                  key={rep.rep.externalId}
                  className={`c-coach__rep c-panel${rep.stalled ? ' c-coach__rep--stalled' : ''}`}
                  data-rep={rep.rep.externalId}
                >
                  <div className="c-coach__about">
                    <div className="c-coach__head">
                      <span className="c-person">
                        <Avatar name={rep.rep.displayName} size="2.4em" />
                        <span>
                          <strong>{rep.rep.displayName}</strong>
                          <span className="c-muted c-block">
                            {t('console.coaching.lastActivity')} <When iso={rep.lastActivityAt} lang={lang} />
                          </span>
                        </span>
                      </span>
                      {rep.stalled && (
                        <span className="c-badge c-badge--paused">{t('console.coaching.oneOnOne')}</span>
                      )}
                    </div>
                    <p className="c-coach__prompt">{rep.prompt[lang]}</p>
                  </div>
                  <div className="c-coach__metrics">
                    {view.metrics.map((metric) => {
                      const values = rep.metrics.find((m) => m.key === metric.key);
                      if (values === undefined) return null;
                      return (
                        <div key={metric.key} className={`c-metric c-metric--${metric.nature}`}>
                          <div className="c-metric__label">{metric.label[lang]}</div>
                          <Sparkline
                            values={values.values}
                            average={values.average}
                            partialLast={view.weeks[view.weeks.length - 1]?.partial === true}
                            label={t('console.coaching.sparkLabel', {
                              metric: metric.label[lang],
                              name: rep.rep.displayName,
                            })}
                          />
                          <div className="c-metric__numbers">
                            <strong>{valueText(lang, values.latest, metric.currency ?? null)}</strong>
                            <span className="c-muted">
                              {' '}
                              {t('console.coaching.vsAverage', {
                                average: valueText(lang, values.average, metric.currency ?? null),
                              })}
                            </span>
                            <Trend trend={values.trend} change={values.changePercent} lang={lang} t={t} />
                          </div>
                        </div>
                      );
                    })}
                  </div>
                </li>
              ))}
            </ul>
          </>
        );
      }}
    </ResourceState>
  );
}

function valueText(lang: Language, value: number, currency: string | null): string {
  return currency === null ? formatNumber(lang, value, 1) : formatMoney(lang, value, currency, true);
}

function Trend({
  trend,
  change,
  lang,
  t,
}: {
  trend: CoachingRep['metrics'][number]['trend'];
  change: number | null;
  lang: Language;
  t: T;
}) {
  const arrow = trend === 'up' ? '▲' : trend === 'down' ? '▼' : trend === 'flat' ? '▶' : '•';
  return (
    <span className={`c-trend c-trend--${trend}`}>
      <span aria-hidden="true">{arrow}</span>{' '}
      {change === null
        ? t(`console.coaching.trends.${trend}`)
        : `${change > 0 ? '+' : ''}${formatNumber(lang, change)}%`}
    </span>
  );
}

/** Weekly values as bars with the rep's own average as a line; the current, partial week lighter. */
function Sparkline({
  values,
  average,
  partialLast,
  label,
}: {
  values: readonly number[];
  average: number;
  partialLast: boolean;
  label: string;
}) {
  const width = 160;
  const height = 40;
  const max = Math.max(1, average, ...values);
  const bar = width / Math.max(1, values.length);
  const y = (v: number) => height - (v / max) * (height - 4);
  return (
    <svg
      className="c-spark"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      {values.map((v, i) => (
        <rect
          key={i}
          x={i * bar + 2}
          y={y(v)}
          width={Math.max(2, bar - 4)}
          height={height - y(v)}
          rx="2"
          className={
            partialLast && i === values.length - 1 ? 'c-spark__bar c-spark__bar--partial' : 'c-spark__bar'
          }
        />
      ))}
      <line
        x1="0"
        x2={width}
        y1={y(average)}
        y2={y(average)}
        className="c-spark__avg"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
