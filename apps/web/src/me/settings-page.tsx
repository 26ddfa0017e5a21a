import { useId, useState } from 'react';
import type { MeResponse } from '#contracts';
import { api } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { signOut } from '../login/session-actions.js';

/** The rep's own settings: hide from the office TVs, and sign out. */
export function SettingsPage({ user, onUser }: { user: MeResponse; onUser: (user: MeResponse) => void }) {
  const { t } = useT();
  // The switch moves at once; it goes back if the change could not be saved.
  const [pending, setPending] = useState<boolean | null>(null);
  const saving = pending !== null;
  const [failed, setFailed] = useState(false);
  const hintId = useId();
  const hidden = user.rep?.hiddenFromTv ?? false;

  async function toggle(next: boolean) {
    setPending(next);
    setFailed(false);
    try {
      onUser(await api<MeResponse>('/api/v1/me', { method: 'PATCH', body: { hiddenFromTv: next } }));
    } catch {
      setFailed(true);
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title" className="page-title">
        {t('me.settings.title')}
      </h1>
      <div className="panel">
        <label className="switch">
          <span className="switch__label">{t('me.settings.hide')}</span>
          <input
            type="checkbox"
            role="switch"
            checked={pending ?? hidden}
            disabled={saving || user.rep === null}
            aria-describedby={hintId}
            onChange={(e) => void toggle(e.target.checked)}
          />
        </label>
        <p id={hintId} className="muted">
          {t('me.settings.hideHint')}
        </p>
        <p className="settings__state" aria-live="polite">
          {saving ? t('me.settings.saving') : hidden ? t('me.settings.hiddenNow') : t('me.settings.shownNow')}
        </p>
        {failed && (
          <p role="alert" className="settings__error">
            {t('me.settings.failed')}
          </p>
        )}
      </div>
      <div className="panel">
        <p>{t('me.settings.signedInAs', { email: user.email })}</p>
        <button
          type="button"
          className="button"
          onClick={() => void signOut().then(() => location.assign('/login?next=/me'))}
        >
          {t('common.signOut')}
        </button>
      </div>
    </section>
  );
}
