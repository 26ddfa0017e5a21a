import { useState, type FormEvent } from 'react';
import type {
  MeResponse,
  PasswordResetResponse,
  RepResponse,
  RoleName,
  TeamResponse,
  UserResponse,
} from '#contracts';
import { useT } from '../i18n/index.js';
import {
  get,
  messageOf,
  patch,
  post,
  problemsOf,
  ROUTES,
  type Problem,
  offers,
  ROUTE_TEMPLATES,
} from './console-api.js';
import { Icon } from './icons.js';
import { copyText, Dialog, Field, PageHeader, ResourceState, usePageTitle, useToast, When } from './kit.js';
import { problemAt } from './problem-text.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;
const ROLES: readonly RoleName[] = ['admin', 'manager', 'rep'];

/** A password for a new or reset account: 20 characters from a crypto source, easy to read out. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Who may sign in: managers and reps created, their roles and teams, disabled, passwords reset. */
export function UsersPage({ user }: { user: MeResponse }) {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.users'));
  const { state, reload, set } = useResource(async (signal) => {
    const [users, teams, reps] = await Promise.all([
      get<UserResponse[]>('/api/v1/users', signal),
      get<TeamResponse[]>('/api/v1/teams', signal),
      get<RepResponse[]>('/api/v1/reps', signal),
    ]);
    return { users, teams, reps };
  }, []);
  const [editing, setEditing] = useState<UserResponse | 'new' | null>(null);
  const { toast, node } = useToast();

  return (
    <>
      <PageHeader
        title={t('console.users.title')}
        lead={t('console.users.lead')}
        actions={
          <button type="button" className="c-button c-button--primary" onClick={() => setEditing('new')}>
            <Icon name="plus" size={18} /> {t('console.users.new')}
          </button>
        }
      />
      <ResourceState state={state} onRetry={reload}>
        {({ users, teams, reps }) => (
          <>
            <div className="c-table-wrap">
              <table className="c-table">
                <caption className="visually-hidden">{t('console.users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.users.email')}</th>
                    <th scope="col">{t('console.users.role')}</th>
                    <th scope="col">{t('console.users.teamsOrRep')}</th>
                    <th scope="col">{t('console.users.created')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('console.common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((u) => (
                    <tr key={u.id} className={u.disabled ? 'c-row--off' : ''}>
                      <td>
                        <strong>{u.email}</strong>
                        {u.id === user.id && <span className="c-muted"> ({t('console.users.you')})</span>}
                        {u.disabled && (
                          <span className="c-badge c-badge--archived">{t('console.users.disabled')}</span>
                        )}
                      </td>
                      <td>
                        <span className={`c-role c-role--${u.role}`}>{t(`console.roles.${u.role}`)}</span>
                      </td>
                      <td>
                        {u.role === 'manager'
                          ? u.teams.map((k) => teams.find((team) => team.key === k)?.name ?? k).join(', ') ||
                            '—'
                          : u.role === 'rep'
                            ? (reps.find((r) => r.externalId === u.rep)?.displayName ?? u.rep ?? '—')
                            : t('console.users.everything')}
                      </td>
                      <td>
                        <When iso={u.createdAt} lang={lang} />
                      </td>
                      <td className="c-actions-cell">
                        <button
                          type="button"
                          className="c-button c-button--ghost c-button--small"
                          onClick={() => setEditing(u)}
                        >
                          {t('console.common.edit')}
                          <span className="visually-hidden"> {u.email}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <UserDialog
              key={editing === null ? 'none' : editing === 'new' ? 'new' : editing.id}
              editing={editing}
              self={user}
              teams={teams}
              reps={reps}
              t={t}
              onClose={() => setEditing(null)}
              onSaved={(saved, message) => {
                set((data) => ({
                  ...data,
                  users: data.users.some((u) => u.id === saved.id)
                    ? data.users.map((u) => (u.id === saved.id ? saved : u))
                    : [...data.users, saved],
                }));
                toast(message);
              }}
            />
          </>
        )}
      </ResourceState>
      {node}
    </>
  );
}

function UserDialog({
  editing,
  self,
  teams,
  reps,
  t,
  onClose,
  onSaved,
}: {
  editing: UserResponse | 'new' | null;
  self: MeResponse;
  teams: readonly TeamResponse[];
  reps: readonly RepResponse[];
  t: T;
  onClose: () => void;
  onSaved: (user: UserResponse, message: string) => void;
}) {
  const existing = editing !== null && editing !== 'new' ? editing : null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState(() => generatePassword());
  const [role, setRole] = useState<RoleName>(existing?.role ?? 'manager');
  const [teamKeys, setTeamKeys] = useState<readonly string[]>(existing?.teams ?? []);
  const [rep, setRep] = useState(existing?.rep ?? '');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newPassword, setNewPassword] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const errorAt = (path: string) => problemAt(problems, path)?.reason;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Problem[] = [];
    if (existing === null && !/^[^\s@]+@[^\s@]+$/.test(email.trim()))
      local.push({ path: 'email', reason: t('console.problems.email') });
    if (existing === null && (password.length < 12 || password.length > 200))
      local.push({ path: 'password', reason: t('console.problems.password') });
    if (role === 'rep' && rep === '') local.push({ path: 'rep', reason: t('console.manual.errors.rep') });
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    setBanner(null);
    try {
      if (existing === null) {
        const created = await post<UserResponse>('/api/v1/users', {
          email: email.trim(),
          password,
          role,
          ...(role === 'manager' ? { teams: [...teamKeys] } : {}),
          ...(role === 'rep' ? { rep } : {}),
        });
        onSaved(created, t('console.users.createdDone', { email: created.email }));
        setNewPassword(password);
      } else {
        const saved = await patch<UserResponse>(`/api/v1/users/${existing.id}`, {
          role,
          ...(role === 'manager' ? { teams: [...teamKeys] } : {}),
        });
        onSaved(saved, t('console.users.saved', { email: saved.email }));
        onClose();
      }
    } catch (error) {
      setProblems(problemsOf(error));
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  async function setDisabled(disabled: boolean) {
    if (existing === null) return;
    setBusy(true);
    setBanner(null);
    try {
      const saved = await patch<UserResponse>(`/api/v1/users/${existing.id}`, { disabled });
      onSaved(
        saved,
        t(disabled ? 'console.users.disabledDone' : 'console.users.enabledDone', { email: saved.email }),
      );
      onClose();
    } catch (error) {
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  /** A new password for the user (their sessions end): the server's reset when it has one, else set here. */
  async function resetPassword() {
    if (existing === null) return;
    setBusy(true);
    setBanner(null);
    try {
      if (await offers('post', ROUTE_TEMPLATES.passwordReset)) {
        const answer = await post<PasswordResetResponse>(ROUTES.passwordReset(existing.id));
        setNewPassword(answer.temporaryPassword);
        onSaved(answer.user, t('console.users.resetDone', { email: existing.email }));
      } else {
        // Older servers: the admin sets a new password (PATCH), generated here from a crypto source.
        const next = generatePassword();
        const saved = await patch<UserResponse>(`/api/v1/users/${existing.id}`, { password: next });
        setNewPassword(next);
        onSaved(saved, t('console.users.resetDone', { email: existing.email }));
      }
    } catch (error) {
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  const title =
    existing === null ? t('console.users.new') : t('console.users.editTitle', { email: existing.email });
  return (
    <Dialog open={editing !== null} title={title} onClose={onClose} wide>
      {newPassword !== null ? (
        <div className="c-stack">
          <p>{t('console.users.passwordOnce')}</p>
          <div className="c-once__row">
            <code className="c-code c-code--key" data-testid="new-password">
              {newPassword}
            </code>
            <button
              type="button"
              className="c-button"
              onClick={() => void copyText(newPassword).then(setCopied)}
            >
              <Icon name={copied ? 'check' : 'copy'} size={18} />{' '}
              {copied ? t('console.keys.copied') : t('console.keys.copy')}
            </button>
          </div>
          <div className="c-dialog__footer">
            <button type="button" className="c-button c-button--primary" onClick={onClose}>
              {t('console.keys.done')}
            </button>
          </div>
        </div>
      ) : (
        <form className="c-stack" noValidate onSubmit={(e) => void submit(e)}>
          {banner !== null && (
            <p className="c-notice c-notice--error" role="alert">
              {banner}
            </p>
          )}
          {existing === null && (
            <>
              <Field label={t('console.users.email')} error={errorAt('email')}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    type="email"
                    className="c-input"
                    value={email}
                    autoComplete="off"
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => setEmail(e.target.value)}
                    autoFocus
                  />
                )}
              </Field>
              <Field
                label={t('console.users.password')}
                hint={t('console.users.passwordHint')}
                error={errorAt('password')}
              >
                {({ id, describedBy, invalid }) => (
                  <span className="c-pair__row">
                    <input
                      id={id}
                      className="c-input"
                      value={password}
                      autoComplete="new-password"
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                    <button
                      type="button"
                      className="c-button"
                      onClick={() => setPassword(generatePassword())}
                    >
                      {t('console.users.generate')}
                    </button>
                  </span>
                )}
              </Field>
            </>
          )}
          <fieldset className="c-choice c-choice--compact" disabled={existing?.id === self.id}>
            <legend className="c-field__label">{t('console.users.role')}</legend>
            <div className="c-choice__options">
              {ROLES.map((r) => (
                <label
                  key={r}
                  className={`c-choice__option${role === r ? ' c-choice__option--checked' : ''}`}
                >
                  <input
                    type="radio"
                    name="role"
                    value={r}
                    checked={role === r}
                    disabled={existing !== null && (r === 'rep') !== (existing.role === 'rep')}
                    onChange={() => setRole(r)}
                  />
                  <span className="c-choice__label">{t(`console.roles.${r}`)}</span>
                  <span className="c-choice__hint">{t(`console.roleHints.${r}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {role === 'manager' && (
            <fieldset className="c-fieldset">
              <legend className="c-field__label">{t('console.users.managedTeams')}</legend>
              {teams.length === 0 ? (
                <p className="c-muted">{t('console.form.noTeams')}</p>
              ) : (
                <div className="c-checks">
                  {teams.map((team) => (
                    <label key={team.key} className="c-check">
                      <input
                        type="checkbox"
                        checked={teamKeys.includes(team.key)}
                        onChange={(e) =>
                          setTeamKeys(
                            e.target.checked
                              ? [...teamKeys, team.key]
                              : teamKeys.filter((k) => k !== team.key),
                          )
                        }
                      />
                      <span>{team.name}</span>
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          )}
          {role === 'rep' && existing === null && (
            <Field label={t('console.people.rep')} hint={t('console.users.repHint')} error={errorAt('rep')}>
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
          )}
          {existing !== null && existing.id !== self.id && (
            <div className="c-danger-zone c-row">
              <button type="button" className="c-button" disabled={busy} onClick={() => void resetPassword()}>
                {t('console.users.resetPassword')}
              </button>
              <button
                type="button"
                className={`c-button ${existing.disabled ? '' : 'c-button--danger'}`}
                disabled={busy}
                onClick={() => void setDisabled(!existing.disabled)}
              >
                {existing.disabled ? t('console.users.enable') : t('console.users.disable')}
              </button>
            </div>
          )}
          <div className="c-dialog__footer">
            <button type="button" className="c-button" onClick={onClose}>
              {t('console.common.cancel')}
            </button>
            <button
              type="submit"
              className="c-button c-button--primary"
              disabled={busy || existing?.id === self.id}
            >
              {busy
                ? t('console.common.saving')
                : existing === null
                  ? t('console.users.create')
                  : t('console.form.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
