import { useT } from '../i18n/index.js';
import { session } from '../api/client.js';
import './home.css';

/** `/`: tells a signed-in person where to go and a new one how to start. */
export function HomePage() {
  const { t } = useT();
  const current = session.get();
  return (
    <main className="home">
      <header className="home__header">
        <img src="/icon.svg" alt="" width={56} height={56} />
        <h1>{t('home.title')}</h1>
      </header>
      <p className="home__tagline">{t('home.tagline')}</p>
      {current !== null && <p className="home__who">{t('home.signedInAs', { email: current.user.email })}</p>}
      <nav className="home__links" aria-label={t('home.title')}>
        <a className="home__card" href={current === null ? '/login?next=/me' : '/me'}>
          <strong>{t('home.openMe')}</strong>
          <span>{t('home.openMeHint')}</span>
        </a>
        <a className="home__card" href="/tv">
          <strong>{t('home.openTv')}</strong>
          <span>{t('home.openTvHint')}</span>
        </a>
        {current === null && (
          <a className="home__card" href="/login">
            <strong>{t('home.signIn')}</strong>
          </a>
        )}
      </nav>
      <section className="home__start" aria-labelledby="home-start">
        <h2 id="home-start">{t('home.startTitle')}</h2>
        <p>{t('home.startSteps')}</p>
        <p>
          <a href="/api/docs">{t('home.apiDocs')}</a>
        </p>
      </section>
    </main>
  );
}
