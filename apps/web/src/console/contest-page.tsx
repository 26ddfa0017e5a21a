import { useState, type ReactNode } from 'react';
import type {
  AdjustmentsResponse,
  AwardResponse,
  ContestResponse,
  ManualAdjustment,
  MetricUnit,
  PeriodAdjustmentsResponse,
  PeriodResultResponse,
  RepResponse,
} from '#contracts';
import { ApiError } from '../api/client.js';
import { formatDate } from '../i18n/format.js';
import { useT, type Language } from '../i18n/index.js';
import { amountText } from '../ui/units.js';
import {
  del,
  get,
  isRouteMissing,
  messageOf,
  post,
  problemsOf,
  ROUTES,
  requireRoute,
  ROUTE_TEMPLATES,
} from './console-api.js';
import { metricText, metricUnitOfContest, periodText, previewIn, unitOf } from './contest-text.js';
import { Icon } from './icons.js';
import {
  ConfirmDialog,
  EmptyState,
  Field,
  PageHeader,
  ResourceState,
  StatusBadge,
  usePageTitle,
  useToast,
  When,
} from './kit.js';
import { problemAt, problemText } from './problem-text.js';
import { CONTEST_TABS, Link, navigate, type ContestTab } from './router.js';
import { useLiveBoard } from './use-live-board.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/** One contest: its rules in plain words, its live board, its actions, history and adjustments. */
export function ContestPage({ id, tab, admin }: { id: string; tab: ContestTab; admin: boolean }) {
  const { t } = useT();
  const { state, reload, set } = useResource(
    (signal) => get<ContestResponse>(`/api/v1/contests/${id}`, signal),
    [id],
  );
  usePageTitle(state.kind === 'ready' ? state.data.name : t('console.nav.contests'));
  return (
    <ResourceState state={state} onRetry={reload}>
      {(contest) => (
        <ContestView contest={contest} tab={tab} admin={admin} onChange={(next) => set(() => next)} />
      )}
    </ResourceState>
  );
}

type Action = 'publish' | 'archive' | 'pause' | 'resume';

function ContestView({
  contest,
  tab,
  admin,
  onChange,
}: {
  contest: ContestResponse;
  tab: ContestTab;
  admin: boolean;
  onChange: (contest: ContestResponse) => void;
}) {
  const { t, lang } = useT();
  const { toast, node: toastNode } = useToast();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  // Only a live contest can be paused; a paused one can be resumed whatever happened since.
  const canPause = contest.status === 'live' || contest.paused;

  async function run(action: Action) {
    setBusy(true);
    setActionError(null);
    try {
      if (action === 'pause' || action === 'resume') await requireRoute('post', ROUTE_TEMPLATES[action]);
      const path =
        action === 'pause'
          ? ROUTES.pause(contest.id)
          : action === 'resume'
            ? ROUTES.resume(contest.id)
            : `/api/v1/contests/${contest.id}/${action}`;
      const next = await post<ContestResponse>(path);
      onChange(next);
      setConfirming(null);
      toast(t(`console.contest.done.${action}`));
    } catch (error) {
      setActionError(
        isRouteMissing(error)
          ? t('console.common.unavailableTitle', { feature: t(`console.contest.actions.${action}`) })
          : messageOf(error, t('console.common.error')),
      );
    } finally {
      setBusy(false);
    }
  }

  const preview = previewIn(contest.preview, lang);
  const actions: ReactNode[] = [];
  if (contest.status === 'draft') {
    actions.push(
      <button
        key="publish"
        type="button"
        className="c-button c-button--primary"
        onClick={() => setConfirming('publish')}
      >
        <Icon name="play" size={16} /> {t('console.contest.actions.publish')}
      </button>,
    );
  }
  if (canPause) {
    actions.push(
      contest.paused === true ? (
        <button
          key="resume"
          type="button"
          className="c-button"
          data-action="resume"
          onClick={() => setConfirming('resume')}
        >
          <Icon name="play" size={16} /> {t('console.contest.actions.resume')}
        </button>
      ) : (
        <button
          key="pause"
          type="button"
          className="c-button"
          data-action="pause"
          onClick={() => setConfirming('pause')}
        >
          <Icon name="pause" size={16} /> {t('console.contest.actions.pause')}
        </button>
      ),
    );
  }
  if (contest.status !== 'archived') {
    actions.push(
      <Link key="edit" to={{ page: 'contest-edit', id: contest.id }} className="c-button">
        <Icon name="edit" size={16} /> {t('console.contest.actions.edit')}
      </Link>,
      <button
        key="archive"
        type="button"
        className="c-button c-button--ghost"
        onClick={() => setConfirming('archive')}
      >
        <Icon name="archive" size={16} /> {t('console.contest.actions.archive')}
      </button>,
    );
  }

  return (
    <>
      <PageHeader
        back={
          <Link to={{ page: 'contests' }} className="c-back">
            <Icon name="chevronLeft" size={16} />
            {t('console.nav.contests')}
          </Link>
        }
        title={
          <>
            {contest.name} <StatusBadge status={contest.status} paused={contest.paused === true} />
          </>
        }
        lead={preview ?? `${metricText(t, contest.metric)} · ${periodText(t, contest.period, lang)}`}
        actions={<>{actions}</>}
      />
      {contest.paused === true && (
        <p className="c-notice c-notice--warn">{t('console.contest.pausedNotice')}</p>
      )}
      {(contest.status === 'live' || contest.status === 'scheduled') && admin && (
        <div className="c-callout">
          <Icon name="tv" />
          <span>{t('console.contest.onTvHint')}</span>
          <a
            className="c-button c-button--small"
            href={`/console/boards/new?contest=${contest.id}`}
            data-action="show-on-tv"
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              navigate(`/console/boards/new?contest=${contest.id}`);
            }}
          >
            {t('console.contest.showOnTv')}
          </a>
        </div>
      )}
      <nav className="c-tabs c-tabs--underline" aria-label={t('console.contest.sections')}>
        {CONTEST_TABS.map((name) => (
          <Link
            key={name}
            to={{ page: 'contest', id: contest.id, tab: name }}
            className="c-tabs__tab"
            aria-current={tab === name ? 'page' : undefined}
          >
            {t(`console.contest.tabs.${name}`)}
          </Link>
        ))}
      </nav>
      {tab === 'overview' && <Overview contest={contest} lang={lang} t={t} />}
      {tab === 'history' && <History contest={contest} lang={lang} t={t} />}
      {tab === 'adjustments' && <Adjustments contest={contest} lang={lang} t={t} />}
      {tab === 'manual' && <ManualAdjustments contest={contest} lang={lang} t={t} />}
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming === null ? '' : t(`console.contest.confirm.${confirming}Title`, { name: contest.name })
        }
        body={<p>{confirming === null ? '' : t(`console.contest.confirm.${confirming}`)}</p>}
        confirm={confirming === null ? '' : t(`console.contest.actions.${confirming}`)}
        danger={confirming === 'archive'}
        busy={busy}
        error={actionError}
        onConfirm={() => confirming !== null && void run(confirming)}
        onClose={() => {
          setConfirming(null);
          setActionError(null);
        }}
      />
      {toastNode}
    </>
  );
}

function Overview({ contest, lang, t }: { contest: ContestResponse; lang: Language; t: T }) {
  const unit = unitOf(contest);
  const live = contest.status !== 'draft';
  const board = useLiveBoard(contest.id, live);
  return (
    <div className="c-grid-2">
      <section className="c-panel" aria-labelledby="standings-title">
        <div className="c-panel__head">
          <h2 id="standings-title" className="c-panel__title">
            {t('console.contest.standings')}
          </h2>
          {live && (
            <span className={`c-live c-live--${board.status}`}>
              <span className="c-dot" aria-hidden="true" />
              {t(`console.contest.live.${board.status}`)}
            </span>
          )}
        </div>
        {!live ? (
          <p className="c-muted">{t('console.contest.draftNoBoard')}</p>
        ) : board.error !== null ? (
          <p className="c-muted">{board.error}</p>
        ) : board.entries === null ? (
          <div className="c-state" role="status">
            <span className="c-spinner" aria-hidden="true" />
            {t('common.loading')}
          </div>
        ) : (
          <>
            {board.period !== null && (
              <p className="c-muted">
                {t('console.contest.periodRange', {
                  start: formatDate(lang, board.period.start, contest.period.timeZone, {
                    dateStyle: 'medium',
                  }),
                  end: formatDate(
                    lang,
                    new Date(Date.parse(board.period.end) - 1).toISOString(),
                    contest.period.timeZone,
                    {
                      dateStyle: 'medium',
                    },
                  ),
                })}
              </p>
            )}
            {board.entries.length === 0 ? (
              <p className="c-muted">{t('console.contest.noScores')}</p>
            ) : (
              <ol className="c-board">
                {board.entries.map((entry) => {
                  const name = entry.team?.name ?? entry.rep?.displayName ?? '';
                  return (
                    <li key={`${entry.rank}-${name}`} className="c-board__row">
                      <span className={`c-board__rank c-board__rank--${Math.min(entry.rank, 4)}`}>
                        {entry.rank}
                      </span>
                      <span className="c-board__name">{name}</span>
                      <span className="c-board__score">
                        {entry.percentToTarget !== undefined
                          ? amountText(t, lang, { kind: 'percent' }, entry.percentToTarget)
                          : amountText(
                              t,
                              lang,
                              unit.kind === 'percent' ? { kind: 'points' } : unit,
                              entry.score,
                            )}
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
          </>
        )}
      </section>
      <section className="c-panel" aria-labelledby="rules-title">
        <h2 id="rules-title" className="c-panel__title">
          {t('console.contest.rules')}
        </h2>
        <dl className="c-facts">
          <dt>{t('console.form.kind')}</dt>
          <dd>{t(`console.kinds.${contest.kind}`)}</dd>
          <dt>{t('console.form.sections.metric')}</dt>
          <dd>{metricText(t, contest.metric)}</dd>
          <dt>{t('console.form.sections.period')}</dt>
          <dd>{periodText(t, contest.period, lang)}</dd>
          <dt>{t('console.form.participants')}</dt>
          <dd>
            {contest.participants.kind === 'everyone'
              ? t('console.form.participantsOptions.everyone')
              : contest.participants.kind === 'teams'
                ? contest.participants.teams.join(', ')
                : t('console.contest.repsCount', { count: contest.participants.reps.length })}
          </dd>
          {contest.target !== null && (
            <>
              <dt>{t('console.form.target')}</dt>
              <dd>{amountText(t, lang, unit, contest.target)}</dd>
            </>
          )}
          <dt>{t('console.contest.startsAt')}</dt>
          <dd>
            {formatDate(lang, contest.startsAt, contest.period.timeZone, {
              dateStyle: 'medium',
              timeStyle: 'short',
            })}
          </dd>
        </dl>
        <h3 className="c-panel__subtitle">{t('console.form.sections.prizes')}</h3>
        {contest.prizes.ranks.length + contest.prizes.thresholds.length === 0 ? (
          <p className="c-muted">{t('console.prizes.none')}</p>
        ) : (
          <ul className="c-prize-list">
            {contest.prizes.ranks.map((p) => (
              <li key={`r${p.rank}`}>
                <span className={`c-medal c-medal--${Math.min(p.rank, 4)}`} aria-hidden="true">
                  {p.rank}
                </span>
                <span>
                  <strong>{p.prize.name}</strong>
                  <span className="c-muted c-block">
                    {t('console.prizes.forRank', { rank: p.rank })}
                    {p.prize.description !== null ? ` · ${p.prize.description}` : ''}
                  </span>
                </span>
              </li>
            ))}
            {contest.prizes.thresholds.map((p) => (
              <li key={`t${p.atLeast}-${p.prize.name}`}>
                <span className="c-medal c-medal--goal" aria-hidden="true">
                  ★
                </span>
                <span>
                  <strong>{p.prize.name}</strong>
                  <span className="c-muted c-block">
                    {t('console.prizes.forThreshold', { atLeast: p.atLeast })}
                    {p.prize.description !== null ? ` · ${p.prize.description}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function awardLine(t: T, lang: Language, unit: MetricUnit, award: AwardResponse): string {
  return t('console.history.award', {
    prize: award.prize.name,
    winner: award.winner.name,
    score: amountText(t, lang, unit.kind === 'percent' ? { kind: 'points' } : unit, award.score),
  });
}

function History({ contest, lang, t }: { contest: ContestResponse; lang: Language; t: T }) {
  const unit = unitOf(contest);
  const { state, reload } = useResource(
    (signal) => get<PeriodResultResponse[]>(`/api/v1/contests/${contest.id}/periods`, signal),
    [contest.id],
  );
  return (
    <ResourceState state={state} onRetry={reload}>
      {(periods) =>
        periods.length === 0 ? (
          <EmptyState title={t('console.history.emptyTitle')} body={t('console.history.empty')} />
        ) : (
          <ul className="c-periods">
            {periods.map((period) => (
              <li key={period.period.start} className="c-panel">
                <h2 className="c-panel__title">
                  {formatDate(lang, period.period.start, contest.period.timeZone, { dateStyle: 'medium' })} –{' '}
                  {formatDate(
                    lang,
                    new Date(Date.parse(period.period.end) - 1).toISOString(),
                    contest.period.timeZone,
                    {
                      dateStyle: 'medium',
                    },
                  )}
                </h2>
                <p className="c-muted">
                  {t('console.history.finalised', { count: period.finalisation })} ·{' '}
                  <When iso={period.finalisedAt} lang={lang} />
                  {period.pendingAdjustments > 0 && (
                    <>
                      {' · '}
                      <Link to={{ page: 'contest', id: contest.id, tab: 'adjustments' }}>
                        {t('console.history.pending', { count: period.pendingAdjustments })}
                      </Link>
                    </>
                  )}
                </p>
                {period.awards.length === 0 ? (
                  <p className="c-muted">{t('console.history.noAwards')}</p>
                ) : (
                  <ul className="c-award-list">
                    {period.awards.map((award, i) => (
                      <li key={i}>
                        <span
                          className={`c-medal c-medal--${award.kind === 'rank' ? Math.min(award.rank ?? 4, 4) : 'goal'}`}
                          aria-hidden="true"
                        >
                          {award.kind === 'rank' ? award.rank : '★'}
                        </span>
                        {awardLine(t, lang, unit, award)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )
      }
    </ResourceState>
  );
}

function Adjustments({ contest, lang, t }: { contest: ContestResponse; lang: Language; t: T }) {
  const unit = unitOf(contest);
  const { toast, node } = useToast();
  const { state, reload } = useResource(
    (signal) => get<AdjustmentsResponse>(`/api/v1/contests/${contest.id}/adjustments`, signal),
    [contest.id],
  );
  const [confirming, setConfirming] = useState<PeriodAdjustmentsResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refinalise(period: PeriodAdjustmentsResponse) {
    setBusy(true);
    setError(null);
    try {
      await post(
        `/api/v1/contests/${contest.id}/periods/${encodeURIComponent(period.period.start)}/finalise`,
      );
      setConfirming(null);
      toast(t('console.adjustments.done'));
      reload();
    } catch (caught) {
      setError(messageOf(caught, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  const periodName = (p: PeriodAdjustmentsResponse) =>
    `${formatDate(lang, p.period.start, contest.period.timeZone, { dateStyle: 'medium' })} – ${formatDate(
      lang,
      new Date(Date.parse(p.period.end) - 1).toISOString(),
      contest.period.timeZone,
      { dateStyle: 'medium' },
    )}`;

  return (
    <>
      <p className="c-lead">{t('console.adjustments.lead')}</p>
      <ResourceState state={state} onRetry={reload}>
        {(answer) =>
          answer.periods.length === 0 ? (
            <EmptyState title={t('console.adjustments.emptyTitle')} body={t('console.adjustments.empty')} />
          ) : (
            <ul className="c-periods">
              {answer.periods.map((period) => (
                <li key={period.period.start} className="c-panel" data-adjusted-period={period.period.start}>
                  <div className="c-panel__head">
                    <h2 className="c-panel__title">{periodName(period)}</h2>
                    <button
                      type="button"
                      className="c-button c-button--primary"
                      onClick={() => setConfirming(period)}
                    >
                      {t('console.adjustments.refinalise')}
                    </button>
                  </div>
                  <table className="c-table">
                    <caption className="visually-hidden">{t('console.adjustments.changes')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('console.people.rep')}</th>
                        <th scope="col">{t('console.adjustments.event')}</th>
                        <th scope="col" className="c-num">
                          {t('console.adjustments.before')}
                        </th>
                        <th scope="col" className="c-num">
                          {t('console.adjustments.after')}
                        </th>
                        <th scope="col">{t('console.adjustments.recorded')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {period.adjustments.map((a) => (
                        <tr key={a.id}>
                          <td>{a.rep.externalId}</td>
                          <td>
                            <code>
                              {a.event.source}/{a.event.id} r{a.event.revision}
                            </code>
                          </td>
                          <td className="c-num">{a.pointsBefore}</td>
                          <td className="c-num">
                            <strong className={a.pointsAfter < a.pointsBefore ? 'c-down' : 'c-up'}>
                              {a.pointsAfter}
                            </strong>
                          </td>
                          <td>
                            <When iso={a.recordedAt} lang={lang} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <PrizeChanges period={period} unit={unit} lang={lang} t={t} />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceState>
      <ConfirmDialog
        open={confirming !== null}
        title={t('console.adjustments.confirmTitle')}
        body={
          confirming === null ? null : (
            <>
              <p>{t('console.adjustments.confirm', { period: periodName(confirming) })}</p>
              <PrizeChanges period={confirming} unit={unit} lang={lang} t={t} />
            </>
          )
        }
        confirm={t('console.adjustments.refinalise')}
        busy={busy}
        error={error}
        onConfirm={() => confirming !== null && void refinalise(confirming)}
        onClose={() => {
          setConfirming(null);
          setError(null);
        }}
      />
      {node}
    </>
  );
}

function PrizeChanges({
  period,
  unit,
  lang,
  t,
}: {
  period: PeriodAdjustmentsResponse;
  unit: MetricUnit;
  lang: Language;
  t: T;
}) {
  if (period.wouldLose.length === 0 && period.wouldWin.length === 0) {
    return <p className="c-muted">{t('console.adjustments.noPrizeChange')}</p>;
  }
  return (
    <div className="c-prize-changes">
      {period.wouldLose.length > 0 && (
        <div>
          <h3 className="c-panel__subtitle c-down">{t('console.adjustments.wouldLose')}</h3>
          <ul>
            {period.wouldLose.map((a, i) => (
              <li key={i}>{awardLine(t, lang, unit, a)}</li>
            ))}
          </ul>
        </div>
      )}
      {period.wouldWin.length > 0 && (
        <div>
          <h3 className="c-panel__subtitle c-up">{t('console.adjustments.wouldWin')}</h3>
          <ul>
            {period.wouldWin.map((a, i) => (
              <li key={i}>{awardLine(t, lang, unit, a)}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Points added or removed by hand, with the reason (a ledger event like any other, on newer servers). */
function ManualAdjustments({ contest, lang, t }: { contest: ContestResponse; lang: Language; t: T }) {
  const { toast, node } = useToast();
  const { state, reload } = useResource(
    async (signal) => {
      await requireRoute('get', ROUTE_TEMPLATES.manualAdjustments);
      const [list, reps] = await Promise.all([
        get<ManualAdjustment[]>(ROUTES.manualAdjustments(contest.id), signal),
        get<RepResponse[]>('/api/v1/reps', signal),
      ]);
      return { list, reps };
    },
    [contest.id],
  );
  const [rep, setRep] = useState('');
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<readonly { path: string; reason: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  const localProblems = [
    ...(rep === '' ? [{ path: 'rep', reason: 'required' }] : []),
    ...(/^-?\d+$/.test(points.trim()) && Number(points) !== 0 ? [] : [{ path: 'points', reason: 'whole' }]),
    ...(reason.trim().length >= 3 && reason.trim().length <= 500
      ? []
      : [{ path: 'reason', reason: 'length' }]),
  ];
  const [submitted, setSubmitted] = useState(false);
  // What the typed points mean in the contest's own unit (money in minor units: 50 is €0.50).
  const unit = metricUnitOfContest(contest);
  const signed = (value: number) =>
    `${value < 0 ? '−' : '+'}${amountText(t, lang, unit, Math.abs(value), true)}`;
  const typed = /^-?\d+$/.test(points.trim()) && Number(points) !== 0 ? Number(points) : null;
  const shownProblems = [...problems, ...(submitted ? localProblems : [])];
  const errorOf = (path: string): string | undefined => {
    const problem = problemAt(shownProblems, path, true);
    if (problem === undefined) return undefined;
    if (problem.reason === 'required') return t('console.manual.errors.rep');
    if (problem.reason === 'whole') return t('console.manual.errors.points');
    if (problem.reason === 'length') return t('console.manual.errors.reason');
    return problemText(t, problem);
  };

  const [retracting, setRetracting] = useState<string | null>(null);

  /** A retraction of the adjustment's ledger event: it counts nowhere from now on. */
  async function retract(adjustment: ManualAdjustment) {
    setRetracting(adjustment.id);
    setBanner(null);
    try {
      await del(ROUTES.manualAdjustment(contest.id, adjustment.id));
      toast(t('console.manual.retractDone'));
      reload();
    } catch (error) {
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setRetracting(null);
    }
  }

  async function add() {
    setSubmitted(true);
    if (localProblems.length > 0) return;
    setBusy(true);
    setBanner(null);
    try {
      await post(ROUTES.manualAdjustments(contest.id), {
        rep,
        points: Number(points),
        reason: reason.trim(),
      });
      setRep('');
      setPoints('');
      setReason('');
      setSubmitted(false);
      setProblems([]);
      toast(t('console.manual.done'));
      reload();
    } catch (error) {
      setProblems(problemsOf(error));
      setBanner(
        error instanceof ApiError && problemsOf(error).length > 0
          ? null
          : messageOf(error, t('console.common.error')),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <ResourceState state={state} onRetry={reload} feature={t('console.manual.title')}>
      {({ list, reps }) => (
        <div className="c-grid-2">
          <section className="c-panel" aria-labelledby="manual-new">
            <h2 id="manual-new" className="c-panel__title">
              {t('console.manual.new')}
            </h2>
            <p className="c-muted">{t('console.manual.lead')}</p>
            <form
              className="c-stack"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void add();
              }}
            >
              {banner !== null && (
                <p className="c-notice c-notice--error" role="alert">
                  {banner}
                </p>
              )}
              <Field label={t('console.people.rep')} error={errorOf('rep')}>
                {({ id, describedBy, invalid }) => (
                  <select
                    id={id}
                    className="c-input"
                    value={rep}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setRep(e.target.value)}
                  >
                    <option value="">{t('console.form.pickRep')}</option>
                    {reps.map((r) => (
                      <option key={r.externalId} value={r.externalId}>
                        {r.displayName}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                label={t('console.manual.points')}
                hint={
                  typed === null
                    ? t('console.manual.pointsHint')
                    : t(typed < 0 ? 'console.manual.previewRemove' : 'console.manual.previewAdd', {
                        amount: amountText(t, lang, unit, Math.abs(typed), true),
                      })
                }
                error={errorOf('points')}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    className="c-input c-input--short"
                    inputMode="numeric"
                    value={points}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setPoints(e.target.value)}
                  />
                )}
              </Field>
              <Field
                label={t('console.manual.reason')}
                hint={t('console.manual.reasonHint')}
                error={errorOf('reason')}
              >
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    className="c-input"
                    rows={3}
                    value={reason}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
              <div>
                <button type="submit" className="c-button c-button--primary" disabled={busy}>
                  {busy ? t('console.common.saving') : t('console.manual.add')}
                </button>
              </div>
            </form>
          </section>
          <section className="c-panel" aria-labelledby="manual-list">
            <h2 id="manual-list" className="c-panel__title">
              {t('console.manual.title')}
            </h2>
            {list.length === 0 ? (
              <p className="c-muted">{t('console.manual.empty')}</p>
            ) : (
              <ul className="c-feed">
                {list.map((a) => (
                  <li
                    key={`${a.id}`}
                    className={a.status === 'retracted' ? 'c-feed__item c-feed__item--off' : 'c-feed__item'}
                  >
                    <strong className={a.points < 0 ? 'c-down' : 'c-up'}>{signed(a.points)}</strong>{' '}
                    {a.rep.displayName} · <span className="c-muted">“{a.reason}”</span>
                    <span className="c-muted c-block">
                      <When iso={a.recordedAt} lang={lang} />
                      {a.status === 'retracted' ? ` · ${t('console.manual.retracted')}` : ''}
                      {` · ${t('console.manual.by', { name: a.by.label })}`}
                    </span>
                    {a.status === 'active' && (
                      <button
                        type="button"
                        className="c-button c-button--ghost c-button--small"
                        disabled={retracting !== null}
                        aria-label={t('console.manual.retractLabel', {
                          name: a.rep.displayName,
                          reason: a.reason,
                        })}
                        onClick={() => void retract(a)}
                      >
                        {retracting === a.id ? t('console.common.saving') : t('console.manual.retract')}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {node}
        </div>
      )}
    </ResourceState>
  );
}
