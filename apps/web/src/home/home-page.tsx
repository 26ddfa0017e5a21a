import { useEffect, useState } from 'react';
import { session } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { signOut } from '../login/session-actions.js';
import { useSystemTheme } from '../ui/use-system-theme.js';
import '../ui/controls.css';
import './home.css';

/** `/`: tells a signed-in person where to go and a new one how to start. */
export function HomePage() {
  const { t } = useT();
  useSystemTheme();
  const [current, setCurrent] = useState(() => session.get());
  const rep = current?.user.role === 'rep';

  useEffect(() => {
    document.title = `${t('common.appName')} · ${t('home.tagline')}`;
  }, [t]);

  return (
    <main className="home">
      <header className="home__header">
        <img src="/icon.svg" alt="" width={56} height={56} />
        <h1>{t('home.title')}</h1>
      </header>
      <p className="home__tagline">{t('home.tagline')}</p>
      {current !== null && (
        <p className="home__who">
          <span>{t('home.signedInAs', { email: current.user.email })}</span>
          <button
            type="button"
            className="button"
            onClick={() => void signOut().then(() => setCurrent(null))}
          >
            {t('common.signOut')}
          </button>
        </p>
      )}
      <nav className="home__links" aria-label={t('home.title')}>
        {(current === null || rep) && (
          <a className="home__card home__card--primary" href={current === null ? '/login?next=/me' : '/me'}>
            <strong>{t('home.openMe')}</strong>
            <span>{t('home.openMeHint')}</span>
          </a>
        )}
        <a className="home__card" href="/tv">
          <strong>{t('home.openTv')}</strong>
          <span>{t('home.openTvHint')}</span>
        </a>
        {current === null && (
          <a className="home__card" href="/login">
            <strong>{t('home.signIn')}</strong>
            <span>{t('home.signInHint')}</span>
          </a>
        )}
        {current !== null && !rep && (
          <a className="home__card" href="/api/docs">
            <strong>{t('home.apiDocs')}</strong>
            <span>{t('home.steps.events')}</span>
          </a>
        )}
      </nav>
      {current === null && (
        <section className="home__start" aria-labelledby="home-start">
          <h2 id="home-start">{t('home.startTitle')}</h2>
          <ol className="home__steps">
            <li>{t('home.steps.contests')}</li>
            <li>{t('home.steps.events')}</li>
            <li>{t('home.steps.tv')}</li>
            <li>{t('home.steps.reps')}</li>
          </ol>
          <p>
            <a href="/api/docs">{t('home.apiDocs')}</a>
          </p>
        </section>
      )}
      {rep && <p className="home__tip">{t('home.install')}</p>}
    </main>
  );
}
