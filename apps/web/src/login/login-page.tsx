import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { session } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { useSystemTheme } from '../ui/use-system-theme.js';
import { formatWait } from '../ui/wait.js';
import { nextPath, signIn, signOut, type LoginFailure } from './session-actions.js';
import '../ui/controls.css';
import './login.css';

/**
 * `/login`: email and password. The session (an access token and a refresh token) is kept in this
 * browser and renewed silently; `?next=/me` says where to go afterwards (only paths of this site).
 */
export function LoginPage() {
  const { t, lang } = useT();
  const [current, setCurrent] = useState(() => session.get());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<LoginFailure | 'missing' | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorId = useId();
  useSystemTheme();

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('common.appName')}`;
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (email.trim() === '' || password === '') {
      setFailure('missing');
      (email.trim() === '' ? emailRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await signIn(email.trim(), password);
    if (result.ok) {
      location.assign(nextPath(location.search, result.session.user.role));
      return;
    }
    setBusy(false);
    setFailure(result.failure);
    if (result.failure.kind === 'credentials') {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  function message(f: LoginFailure | 'missing'): string {
    if (f === 'missing') return t('login.error.missing');
    switch (f.kind) {
      case 'credentials':
        return t('login.error.credentials');
      case 'locked':
        return f.retryAfterSeconds === null
          ? t('login.error.lockedLater')
          : t('login.error.locked', { wait: formatWait(lang, f.retryAfterSeconds) });
      case 'rate_limited':
        return f.retryAfterSeconds === null
          ? t('login.error.rateLimitedLater')
          : t('login.error.rateLimited', { wait: formatWait(lang, f.retryAfterSeconds) });
      case 'invalid':
        return t('login.error.invalid', { reason: f.message });
      case 'offline':
        return t('login.error.offline');
      case 'server':
        return f.errorId === null
          ? t('login.error.server')
          : t('login.error.serverWithId', { errorId: f.errorId });
    }
  }

  const invalid = failure !== null;
  return (
    <main className="login">
      <header className="login__brand">
        <img src="/icon.svg" alt="" width={40} height={40} />
        <span>{t('common.appName')}</span>
      </header>
      {current !== null ? (
        <section className="login__card" aria-labelledby="login-signed-in">
          <h1 id="login-signed-in">{t('login.signedInTitle')}</h1>
          <p>{t('login.signedInAs', { email: current.user.email })}</p>
          <div className="login__actions">
            <a className="button button--primary" href={nextPath(location.search, current.user.role)}>
              {t('login.continue')}
            </a>
            <button
              type="button"
              className="button"
              onClick={() => void signOut().then(() => setCurrent(null))}
            >
              {t('common.signOut')}
            </button>
          </div>
        </section>
      ) : (
        <form
          className="login__card"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-labelledby="login-title"
        >
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="login__lead">{t('login.lead')}</p>
          <label className="field">
            <span className="field__label">{t('login.email')}</span>
            <input
              ref={emailRef}
              type="email"
              name="email"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={invalid && (failure === 'missing' ? email.trim() === '' : true)}
              aria-describedby={invalid ? errorId : undefined}
            />
          </label>
          <label className="field">
            <span className="field__label">{t('login.password')}</span>
            <span className="field__row">
              <input
                ref={passwordRef}
                type={reveal ? 'text' : 'password'}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={invalid && (failure === 'missing' ? password === '' : true)}
                aria-describedby={invalid ? errorId : undefined}
              />
              <button
                type="button"
                className="field__reveal"
                aria-pressed={reveal}
                onClick={() => setReveal((r) => !r)}
              >
                {reveal ? t('login.hidePassword') : t('login.showPassword')}
              </button>
            </span>
          </label>
          <div id={errorId} className="login__error" role="alert" aria-live="assertive">
            {failure === null ? null : message(failure)}
          </div>
          <button type="submit" className="button button--primary button--wide" disabled={busy}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
          <p className="login__help">{t('login.help')}</p>
        </form>
      )}
      <p className="login__home">
        <a href="/">{t('common.goHome')}</a>
      </p>
    </main>
  );
}
