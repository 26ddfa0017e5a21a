import { useEffect, useState, type ReactNode } from 'react';
import type { MeResponse } from '#contracts';
import { ApiError, session } from '../api/client.js';
import { LANGUAGES, setLanguage, useT, type Language } from '../i18n/index.js';
import { signOut } from '../login/session-actions.js';
import { ApiKeysPage } from './api-keys-page.js';
import { AuditPage } from './audit-page.js';
import { BoardEditorPage } from './board-editor-page.js';
import { BoardsPage } from './boards-page.js';
import { CoachingPage } from './coaching-page.js';
import { get } from './console-api.js';
import { ContestFormPage } from './contest-form-page.js';
import { ContestPage } from './contest-page.js';
import { ContestsPage } from './contests-page.js';
import { Icon, type IconName } from './icons.js';
import { PeoplePage } from './people-page.js';
import { Link, useRoute, type Route } from './router.js';
import { SetupPage } from './setup-page.js';
import { UsersPage } from './users-page.js';
import '../ui/controls.css';
import './console.css';

const LANGUAGE_KEY = 'podium.console.language';
/** Each language by its own name (the same in every language, so not a text to translate). */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nl: 'Nederlands' };

interface NavItem {
  readonly key: string;
  readonly icon: IconName;
  readonly to: Route;
  /** Admin-only areas are not shown to managers (the api would refuse them). */
  readonly adminOnly: boolean;
  readonly active: (route: Route) => boolean;
}

const NAV: readonly NavItem[] = [
  {
    key: 'contests',
    icon: 'contests',
    to: { page: 'contests' },
    adminOnly: false,
    active: (r) =>
      r.page === 'contests' || r.page === 'contest' || r.page === 'contest-new' || r.page === 'contest-edit',
  },
  {
    key: 'boards',
    icon: 'boards',
    to: { page: 'boards' },
    adminOnly: true,
    active: (r) => r.page === 'boards' || r.page === 'board',
  },
  {
    key: 'people',
    icon: 'people',
    to: { page: 'people', tab: 'reps' },
    adminOnly: false,
    active: (r) => r.page === 'people',
  },
  { key: 'users', icon: 'users', to: { page: 'users' }, adminOnly: true, active: (r) => r.page === 'users' },
  {
    key: 'apiKeys',
    icon: 'keys',
    to: { page: 'api-keys' },
    adminOnly: true,
    active: (r) => r.page === 'api-keys',
  },
  { key: 'audit', icon: 'audit', to: { page: 'audit' }, adminOnly: false, active: (r) => r.page === 'audit' },
  {
    key: 'coaching',
    icon: 'coaching',
    to: { page: 'coaching' },
    adminOnly: false,
    active: (r) => r.page === 'coaching',
  },
];

function storedLanguage(): Language | null {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return stored === 'en' || stored === 'nl' ? stored : null;
}

/**
 * The manager's console: `/` for a signed-in admin or manager, and `/console/...`. A visitor without a
 * session is sent to sign in (and back); a rep to their own view. `/setup` (the first run) needs no one.
 */
export function ConsoleApp() {
  const route = useRoute();
  const { t, lang } = useT();
  const [user, setUser] = useState<MeResponse | null>(() => session.get()?.user ?? null);

  useEffect(() => {
    // The console is a desk tool: a light page, whatever the device's theme (the TV sets its own).
    document.documentElement.dataset.theme = 'light';
    const stored = storedLanguage();
    if (stored !== null && new URLSearchParams(location.search).get('lang') === null) setLanguage(stored);
    return () => {
      delete document.documentElement.dataset.theme;
    };
  }, []);

  useEffect(() => {
    if (route.page === 'setup') return;
    if (session.get() === null) {
      location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    // Who is signed in now (a role may have changed since the session began).
    get<MeResponse>('/api/v1/me')
      .then((me) => {
        if (me.role === 'rep') location.assign('/me');
        else setUser(me);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) {
          session.clear();
          location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
        }
      });
    // Once per visit (and again after the first-run page hands over to the console).
  }, [route.page === 'setup']);

  if (route.page === 'setup') return <SetupPage />;
  if (user === null || user.role === 'rep') return null;
  const admin = user.role === 'admin';

  return (
    <div className="console">
      <a className="c-skip" href="#main">
        {t('console.shell.skip')}
      </a>
      <aside className="c-side">
        <Link to={{ page: 'contests' }} className="c-brand">
          <img src="/icon.svg" alt="" width={30} height={30} />
          <span className="c-brand__name">{t('common.appName')}</span>
        </Link>
        <nav aria-label={t('console.shell.navigation')} className="c-nav">
          <ul>
            {NAV.filter((item) => admin || !item.adminOnly).map((item) => {
              const active = item.active(route);
              return (
                <li key={item.key}>
                  <Link
                    to={item.to}
                    className={`c-nav__link${active ? ' c-nav__link--active' : ''}`}
                    aria-current={active ? 'page' : undefined}
                  >
                    <Icon name={item.icon} />
                    <span className="c-nav__label">{t(`console.nav.${item.key}`)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <a className="c-nav__tv" href="/tv" target="_blank" rel="noopener">
          <Icon name="tv" />
          <span className="c-nav__label">{t('console.shell.openTv')}</span>
        </a>
      </aside>
      <div className="c-main">
        <header className="c-topbar">
          <span className="c-topbar__role">{t(`console.roles.${user.role}`)}</span>
          <div className="c-topbar__end">
            <label className="c-lang">
              <Icon name="globe" size={18} />
              <span className="visually-hidden">{t('common.language')}</span>
              <select
                value={lang}
                onChange={(event) => {
                  const next = event.target.value as Language;
                  localStorage.setItem(LANGUAGE_KEY, next);
                  setLanguage(next);
                }}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {LANGUAGE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
            <span className="c-user" title={user.email}>
              <span className="c-user__avatar" aria-hidden="true">
                {user.email.slice(0, 1).toUpperCase()}
              </span>
              <span className="c-user__email">{user.email}</span>
            </span>
            <button
              type="button"
              className="c-button c-button--ghost"
              onClick={() => void signOut().then(() => location.assign('/login'))}
            >
              <Icon name="signOut" size={18} />
              {t('common.signOut')}
            </button>
          </div>
        </header>
        <main id="main" className="c-content" tabIndex={-1} aria-labelledby="page-title">
          <Page route={route} user={user} />
        </main>
      </div>
    </div>
  );
}

function Page({ route, user }: { route: Route; user: MeResponse }): ReactNode {
  const admin = user.role === 'admin';
  switch (route.page) {
    case 'contests':
      return <ContestsPage />;
    case 'contest-new':
      return <ContestFormPage contestId={null} template={route.template} user={user} />;
    case 'contest-edit':
      return <ContestFormPage contestId={route.id} template={null} user={user} />;
    case 'contest':
      return <ContestPage id={route.id} tab={route.tab} admin={admin} />;
    case 'boards':
      return admin ? <BoardsPage /> : <AdminOnly />;
    case 'board':
      return admin ? <BoardEditorPage id={route.id} /> : <AdminOnly />;
    case 'people':
      return <PeoplePage tab={route.tab} user={user} />;
    case 'users':
      return admin ? <UsersPage user={user} /> : <AdminOnly />;
    case 'api-keys':
      return admin ? <ApiKeysPage /> : <AdminOnly />;
    case 'audit':
      return <AuditPage />;
    case 'coaching':
      return <CoachingPage user={user} />;
    case 'setup':
      return null;
    case 'not-found':
      return <NotFound />;
  }
}

function AdminOnly() {
  const { t } = useT();
  return (
    <div className="c-state c-state--box">
      <h1 id="page-title">{t('console.common.forbiddenTitle')}</h1>
      <p>{t('console.common.adminOnly')}</p>
    </div>
  );
}

function NotFound() {
  const { t } = useT();
  return (
    <div className="c-state c-state--box">
      <h1 id="page-title">{t('common.notFound')}</h1>
      <Link to={{ page: 'contests' }}>{t('console.nav.contests')}</Link>
    </div>
  );
}
