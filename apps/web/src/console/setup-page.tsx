import { useEffect, useState, type FormEvent } from 'react';
import type { SetupRequest, SetupStatusResponse } from '#contracts';
import { ApiError } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { signIn } from '../login/session-actions.js';
import {
  get,
  messageOf,
  post,
  problemsOf,
  ROUTES,
  type Problem,
  requireRoute,
  ROUTE_TEMPLATES,
} from './console-api.js';
import { Field, ResourceState, usePageTitle } from './kit.js';
import { problemAt } from './problem-text.js';
import { useResource } from './use-resource.js';
import '../ui/controls.css';
import './console.css';

/**
 * `/setup?code=...`: the first run. The terminal printed this one-time link; it creates the first admin
 * in the browser and then stops working.
 */
export function SetupPage() {
  const { t } = useT();
  usePageTitle(t('console.setup.title'));
  useEffect(() => {
    document.documentElement.dataset.theme = 'light';
  }, []);
  const code = new URLSearchParams(location.search).get('code') ?? '';
  const { state, reload } = useResource(async (signal) => {
    await requireRoute('get', ROUTE_TEMPLATES.setup);
    return get<SetupStatusResponse>(ROUTES.setup, signal);
  }, []);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Problem[] = [];
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      local.push({ path: 'email', reason: t('console.problems.email') });
    if (password.length < 12 || password.length > 200)
      local.push({ path: 'password', reason: t('console.problems.password') });
    else if (repeat !== password) local.push({ path: 'repeat', reason: t('console.setup.mismatch') });
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    setBanner(null);
    try {
      const request: SetupRequest = { code, email: email.trim(), password };
      await post(ROUTES.setup, request);
      const signed = await signIn(email.trim(), password);
      location.assign(signed.ok ? '/' : '/login');
    } catch (error) {
      setProblems(problemsOf(error));
      setBanner(
        error instanceof ApiError &&
          (error.status === 403 || error.status === 404 || error.status === 409 || error.status === 401)
          ? t('console.setup.refused')
          : messageOf(error, t('console.common.error')),
      );
      setBusy(false);
    }
  }

  return (
    <main className="c-setup" aria-labelledby="page-title">
      <div className="c-setup__card">
        <header className="c-setup__brand">
          <img src="/icon.svg" alt="" width={44} height={44} />
          <span>{t('common.appName')}</span>
        </header>
        <h1 id="page-title">{t('console.setup.title')}</h1>
        <ResourceState state={state} onRetry={reload} feature={t('console.setup.title')}>
          {(status) =>
            !status.open ? (
              <>
                <p>{t('console.setup.closed')}</p>
                <a className="c-button c-button--primary" href="/login">
                  {t('login.submit')}
                </a>
              </>
            ) : code === '' ? (
              <p className="c-notice c-notice--warn">{t('console.setup.noCode')}</p>
            ) : (
              <form className="c-stack" noValidate onSubmit={(e) => void submit(e)}>
                <p className="c-muted">{t('console.setup.lead')}</p>
                {banner !== null && (
                  <p className="c-notice c-notice--error" role="alert">
                    {banner}
                  </p>
                )}
                <Field label={t('login.email')} error={problemAt(problems, 'email')?.reason}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="email"
                      autoComplete="username"
                      className="c-input"
                      value={email}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => setEmail(e.target.value)}
                      autoFocus
                    />
                  )}
                </Field>
                <Field
                  label={t('login.password')}
                  hint={t('console.users.passwordHint')}
                  error={problemAt(problems, 'password')?.reason}
                >
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="password"
                      autoComplete="new-password"
                      className="c-input"
                      value={password}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                  )}
                </Field>
                <Field label={t('console.setup.repeat')} error={problemAt(problems, 'repeat')?.reason}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="password"
                      autoComplete="new-password"
                      className="c-input"
                      value={repeat}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => setRepeat(e.target.value)}
                    />
                  )}
                </Field>
                <button type="submit" className="c-button c-button--primary c-button--wide" disabled={busy}>
                  {busy ? t('console.common.saving') : t('console.setup.create')}
                </button>
              </form>
            )
          }
        </ResourceState>
      </div>
    </main>
  );
}
