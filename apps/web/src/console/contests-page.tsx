import { useMemo, useState } from 'react';
import type { ContestStatus, StandingEntry, StandingsResponse } from '#contracts';
import { useT } from '../i18n/index.js';
import { Avatar } from '../ui/avatar.js';
import { amountText } from '../ui/units.js';
import { get } from './console-api.js';
import {
  metricText,
  periodText,
  previewIn,
  prizesText,
  STATUS_ORDER,
  unitOf,
  type ConsoleContest,
} from './contest-text.js';
import { Icon } from './icons.js';
import { EmptyState, PageHeader, ResourceState, StatusBadge, usePageTitle, When } from './kit.js';
import { Link, navigate } from './router.js';
import { useResource } from './use-resource.js';

type Filter = 'current' | ContestStatus;
const FILTERS: readonly Filter[] = ['current', ...STATUS_ORDER];

/** Contests by status: what runs now first; a new contest from a template or from scratch. */
export function ContestsPage() {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.contests'));
  const { state, reload } = useResource((signal) => get<ConsoleContest[]>('/api/v1/contests', signal), []);
  const [filter, setFilter] = useState<Filter>('current');

  return (
    <>
      <PageHeader
        title={t('console.contests.title')}
        lead={t('console.contests.lead')}
        actions={
          <Link to={{ page: 'contest-new', template: null }} className="c-button c-button--primary">
            <Icon name="plus" size={18} />
            {t('console.contests.new')}
          </Link>
        }
      />
      <ResourceState state={state} onRetry={reload}>
        {(contests) => (
          <ContestList contests={contests} filter={filter} setFilter={setFilter} lang={lang} t={t} />
        )}
      </ResourceState>
    </>
  );
}

function ContestList({
  contests,
  filter,
  setFilter,
  lang,
  t,
}: {
  contests: readonly ConsoleContest[];
  filter: Filter;
  setFilter: (f: Filter) => void;
  lang: 'en' | 'nl';
  t: (key: string, options?: Record<string, unknown>) => string;
}) {
  const counts = useMemo(() => {
    const map = new Map<Filter, number>();
    for (const c of contests) {
      map.set(c.status, (map.get(c.status) ?? 0) + 1);
      if (c.status !== 'archived' && c.status !== 'final') map.set('current', (map.get('current') ?? 0) + 1);
    }
    return map;
  }, [contests]);

  if (contests.length === 0) {
    return (
      <EmptyState
        title={t('console.contests.emptyTitle')}
        body={t('console.contests.empty')}
        action={
          <Link to={{ page: 'contest-new', template: null }} className="c-button c-button--primary">
            <Icon name="plus" size={18} />
            {t('console.contests.new')}
          </Link>
        }
      />
    );
  }

  const shown =
    filter === 'current'
      ? contests.filter((c) => c.status !== 'archived' && c.status !== 'final')
      : contests.filter((c) => c.status === filter);
  const groups = STATUS_ORDER.map((status) => ({
    status,
    items: shown.filter((c) => c.status === status),
  })).filter((g) => g.items.length > 0);

  return (
    <>
      <div className="c-tabs" role="group" aria-label={t('console.contests.filter')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className="c-tabs__tab"
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {f === 'current' ? t('console.contests.current') : t(`console.status.${f}`)}
            <span className="c-tabs__count">{counts.get(f) ?? 0}</span>
          </button>
        ))}
      </div>
      {groups.length === 0 && <p className="c-muted c-pad">{t('console.contests.noneWithStatus')}</p>}
      {groups.map((group) => (
        <section key={group.status} className="c-group" aria-labelledby={`group-${group.status}`}>
          <h2 id={`group-${group.status}`} className="c-group__title">
            {t(`console.status.${group.status}`)} <span className="c-muted">({group.items.length})</span>
          </h2>
          <ul className="c-cards">
            {group.items.map((contest) => (
              <li key={contest.id}>
                <ContestCard contest={contest} lang={lang} t={t} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ContestCard({
  contest,
  lang,
  t,
}: {
  contest: ConsoleContest;
  lang: 'en' | 'nl';
  t: (key: string, options?: Record<string, unknown>) => string;
}) {
  const preview = previewIn(contest.preview, lang);
  const prizes = prizesText(t, contest);
  return (
    <article
      className="c-contest-card"
      data-contest-id={contest.id}
      onClick={(event) => {
        // The whole card opens the contest; its link is the keyboard's (and the screen reader's) way in.
        if ((event.target as HTMLElement).closest('a,button') === null) {
          navigate({ page: 'contest', id: contest.id, tab: 'overview' });
        }
      }}
    >
      <div className="c-contest-card__head">
        <span className={`c-kind c-kind--${contest.kind}`} aria-hidden="true">
          <Icon
            name={contest.kind === 'team' ? 'people' : contest.kind === 'target_race' ? 'flag' : 'contests'}
          />
        </span>
        <div className="c-contest-card__title">
          <h3>
            <Link to={{ page: 'contest', id: contest.id, tab: 'overview' }}>{contest.name}</Link>
          </h3>
          <p className="c-contest-card__kind">{t(`console.kinds.${contest.kind}`)}</p>
        </div>
        <StatusBadge status={contest.status} paused={contest.paused === true} />
      </div>
      <p className="c-contest-card__rules">
        {preview ?? `${metricText(t, contest.metric)} · ${periodText(t, contest.period, lang)}`}
      </p>
      {(contest.status === 'live' || contest.status === 'finalising') && (
        <Leaders contest={contest} lang={lang} t={t} />
      )}
      <div className="c-contest-card__foot">
        {prizes !== null ? (
          <span className="c-prize-chip">
            <Icon name="contests" size={14} /> <span className="c-prize-chip__text">{prizes}</span>
          </span>
        ) : (
          <span className="c-muted">{t('console.prizes.none')}</span>
        )}
        <span className="c-muted c-contest-card__when">
          {t('console.contests.created')} <When iso={contest.createdAt} lang={lang} />
        </span>
      </div>
    </article>
  );
}

/** The top three of a running contest at a glance: who leads, with what. */
function Leaders({
  contest,
  lang,
  t,
}: {
  contest: ConsoleContest;
  lang: 'en' | 'nl';
  t: (key: string, options?: Record<string, unknown>) => string;
}) {
  const { state } = useResource(
    (signal) => get<StandingsResponse>(`/api/v1/contests/${contest.id}/standings?top=3`, signal),
    [contest.id],
  );
  if (state.kind !== 'ready') return <p className="c-leaders c-muted">&nbsp;</p>;
  const entries = state.data.entries;
  const first = entries[0];
  if (first === undefined) return <p className="c-leaders c-muted">{t('console.contests.noScoresYet')}</p>;
  const unit = unitOf(contest);
  const name = (e: StandingEntry) => e.team?.name ?? e.rep?.displayName ?? '';
  return (
    <p className="c-leaders">
      <span className="c-leaders__faces" aria-hidden="true">
        {entries.map((e) => (
          <Avatar key={`${e.rank}-${name(e)}`} name={name(e)} size="2.1em" />
        ))}
      </span>
      <span>
        {t('console.contests.leads', {
          name: name(first),
          score:
            first.percentToTarget !== undefined
              ? amountText(t, lang, { kind: 'percent' }, first.percentToTarget)
              : amountText(t, lang, unit.kind === 'percent' ? { kind: 'points' } : unit, first.score),
        })}
      </span>
    </p>
  );
}
