import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import type { MyContestResponse } from '#contracts';
import { serverClock } from '../api/client.js';
import { formatDate } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { useNow } from '../ui/use-now.js';
import { useSystemTheme } from '../ui/use-system-theme.js';
import { ContestCard } from './contest-card.js';
import { ExplainDialog } from './explain-dialog.js';
import { HistoryPage } from './history-page.js';
import { SettingsPage } from './settings-page.js';
import { useMyData, type LoadState } from './use-my-data.js';
import { cacheShell } from './offline-shell.js';
import '../ui/ui.css';
import '../ui/controls.css';
import './me.css';

type Tab = 'contests' | 'history' | 'settings';

const PATHS: Record<Tab, string> = { contests: '/me', history: '/me/history', settings: '/me/settings' };

function tabOf(pathname: string): Tab {
  if (/^\/me\/history\/?$/.test(pathname)) return 'history';
  if (/^\/me\/settings\/?$/.test(pathname)) return 'settings';
  return 'contests';
}

/**
 * The rep's view (`/me`), phone first: their contests live (rank, gap, pace, goals, time left), the
 * explanation of a score, their history and prizes, and their own settings (hide from TVs, sign out).
 */
export function MeApp() {
  const { t, lang } = useT();
  useSystemTheme();
  const [tab, setTab] = useState<Tab>(() => tabOf(location.pathname));
  const [explaining, setExplaining] = useState<MyContestResponse | null>(null);
  const { data, state, live, reload, setUser } = useMyData();
  // The server's clock (estimated from its answers): countdowns and pace agree with the TV's.
  const now = useNow(1000) + serverClock.offsetMs();

  useEffect(() => {
    const back = () => setTab(tabOf(location.pathname));
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  useEffect(() => {
    document.title = `${t(`me.nav.${tab}`)} · ${t('common.appName')}`;
  }, [t, tab]);

  useEffect(() => {
    if (state.kind === 'ready') cacheShell();
  }, [state.kind]);

  const go = useCallback(
    (next: Tab) => (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      if (location.pathname !== PATHS[next]) history.pushState(null, '', PATHS[next]);
      setTab(next);
      window.scrollTo(0, 0);
    },
    [],
  );

  const rep = data?.user.rep?.externalId ?? null;
  // Greeted by first name: the first word of the name the CRM gives the rep.
  const name =
    data?.contests.find((c) => c.me?.rep?.externalId === rep)?.me?.rep?.displayName.split(/\s+/)[0] ?? '';

  return (
    <div className="me">
      <header className="me__bar">
        <a className="me__brand" href="/me" onClick={go('contests')}>
          <img src="/icon.svg" alt="" width={28} height={28} />
          <span>{t('common.appName')}</span>
        </a>
        <LiveBadge state={state} live={live} />
      </header>

      <Banner state={state} live={live} fetchedAt={data?.fetchedAt ?? null} lang={lang} onRetry={reload} />

      <main className="me__main" id="main">
        {state.kind === 'not-a-rep' ? (
          <section className="panel" aria-labelledby="not-a-rep">
            <h1 id="not-a-rep" className="page-title">
              {t('me.notARep.title')}
            </h1>
            <p>{t('me.notARep.text', { email: state.email })}</p>
            <p>
              <a href="/">{t('common.goHome')}</a>
            </p>
          </section>
        ) : data === null ? (
          state.kind === 'loading' ? (
            <p className="me__loading" aria-busy="true">
              {t('common.loading')}
            </p>
          ) : null
        ) : tab === 'contests' ? (
          <section aria-labelledby="contests-title">
            <h1 id="contests-title" className="page-title">
              {name === '' ? t('me.title') : t('me.hello', { name })}
            </h1>
            {data.contests.length === 0 ? (
              <p className="panel muted">{t('me.noContests')}</p>
            ) : (
              <div className="contests">
                {data.contests.map((c) => (
                  <ContestCard key={c.contest.id} data={c} now={now} onExplain={setExplaining} />
                ))}
              </div>
            )}
          </section>
        ) : tab === 'history' ? (
          <HistoryPage results={data.results} contests={data.contests} />
        ) : (
          <SettingsPage user={data.user} onUser={setUser} />
        )}
      </main>

      {state.kind !== 'not-a-rep' && (
        <nav className="me__nav" aria-label={t('me.nav.label')}>
          {(['contests', 'history', 'settings'] as const).map((item) => (
            <a
              key={item}
              href={PATHS[item]}
              onClick={go(item)}
              aria-current={tab === item ? 'page' : undefined}
              className="me__tab"
            >
              <TabIcon tab={item} />
              <span>{t(`me.nav.${item}`)}</span>
            </a>
          ))}
        </nav>
      )}

      {explaining !== null && rep !== null && (
        <ExplainDialog
          data={data?.contests.find((c) => c.contest.id === explaining.contest.id) ?? explaining}
          rep={rep}
          onClose={() => setExplaining(null)}
        />
      )}
    </div>
  );
}

function LiveBadge({ state, live }: { state: LoadState; live: string }) {
  const { t } = useT();
  const kind = state.kind === 'offline' ? 'offline' : live === 'live' ? 'live' : 'waiting';
  return (
    <span className={`live-badge live-badge--${kind}`}>
      <span className="live-badge__dot" aria-hidden="true" />
      {t(`me.live.${kind}`)}
    </span>
  );
}

function Banner({
  state,
  live,
  fetchedAt,
  lang,
  onRetry,
}: {
  state: LoadState;
  live: string;
  fetchedAt: number | null;
  lang: string;
  onRetry: () => void;
}) {
  const { t } = useT();
  const time =
    fetchedAt === null
      ? null
      : formatDate(
          lang,
          new Date(fetchedAt).toISOString(),
          Intl.DateTimeFormat().resolvedOptions().timeZone,
          {
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
          },
        );
  if (state.kind === 'offline') {
    return (
      <div className="banner banner--offline" role="status">
        <span>{time === null ? t('me.offlineNoData') : t('me.offline', { time })}</span>
        <button type="button" className="button button--quiet" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (state.kind === 'failed') {
    return (
      <div className="banner banner--failed" role="alert">
        <span>{t('me.failed', { reason: state.message })}</span>
        <button type="button" className="button button--quiet" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (state.kind === 'ready' && live === 'reconnecting') {
    return (
      <div className="banner" role="status">
        {t('common.reconnecting')}
      </div>
    );
  }
  return null;
}

function TabIcon({ tab }: { tab: Tab }) {
  const paths: Record<Tab, string> = {
    contests: 'M4 20h4V10H4zm6 0h4V4h-4zm6 0h4v-7h-4z',
    history:
      'M7 4h10v2h3v3a4 4 0 0 1-4 4h-.3A5 5 0 0 1 13 15.9V18h3v2H8v-2h3v-2.1A5 5 0 0 1 8.3 13H8a4 4 0 0 1-4-4V6h3zm0 4H6v1a2 2 0 0 0 1 1.7zm10 0v2.7A2 2 0 0 0 18 9V8z',
    settings: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4 0-8 2-8 5v1h16v-1c0-3-4-5-8-5z',
  };
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d={paths[tab]} fill="currentColor" />
    </svg>
  );
}
