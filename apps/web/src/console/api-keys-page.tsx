import { useState, type FormEvent } from 'react';
import { EVENT_TYPES, type ApiKeyResponse, type CreatedApiKeyResponse, type EventTypeName } from '#contracts';
import { useT } from '../i18n/index.js';
import { get, messageOf, post, problemsOf } from './console-api.js';
import { Icon } from './icons.js';
import {
  ConfirmDialog,
  copyText,
  Dialog,
  EmptyState,
  Field,
  PageHeader,
  ResourceState,
  usePageTitle,
  useToast,
  When,
} from './kit.js';
import { useResource } from './use-resource.js';

/** Keys for the CRM connectors that post events: created (the key shown once), restricted, revoked. */
export function ApiKeysPage() {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.apiKeys'));
  const { state, reload, set } = useResource(
    (signal) => get<ApiKeyResponse[]>('/api/v1/api-keys', signal),
    [],
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKeyResponse | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyResponse | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const { toast, node } = useToast();

  async function revoke(key: ApiKeyResponse) {
    setRevokeError(null);
    try {
      const next = await post<ApiKeyResponse>(`/api/v1/api-keys/${key.id}/revoke`);
      set((keys) => keys.map((k) => (k.id === next.id ? next : k)));
      setRevoking(null);
      toast(t('console.keys.revoked', { name: key.name }));
    } catch (error) {
      setRevokeError(messageOf(error, t('console.common.error')));
    }
  }

  return (
    <>
      <PageHeader
        title={t('console.keys.title')}
        lead={t('console.keys.lead')}
        actions={
          <button type="button" className="c-button c-button--primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={18} /> {t('console.keys.new')}
          </button>
        }
      />
      {created !== null && (
        <OnceKey
          created={created}
          onDone={() => {
            setCreated(null);
          }}
        />
      )}
      <ResourceState state={state} onRetry={reload}>
        {(keys) =>
          keys.length === 0 ? (
            <EmptyState title={t('console.keys.emptyTitle')} body={t('console.keys.empty')} />
          ) : (
            <div className="c-table-wrap">
              <table className="c-table">
                <caption className="visually-hidden">{t('console.keys.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('console.keys.name')}</th>
                    <th scope="col">{t('console.keys.prefix')}</th>
                    <th scope="col">{t('console.keys.eventTypes')}</th>
                    <th scope="col">{t('console.keys.created')}</th>
                    <th scope="col">{t('console.keys.lastUsed')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('console.common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {keys.map((key) => (
                    <tr
                      key={key.id}
                      className={key.revokedAt !== null ? 'c-row--off' : ''}
                      data-key-id={key.id}
                    >
                      <td>
                        <strong>{key.name}</strong>
                        {key.revokedAt !== null && (
                          <span className="c-badge c-badge--archived">{t('console.keys.revokedBadge')}</span>
                        )}
                      </td>
                      <td>
                        <code>{key.prefix}…</code>
                      </td>
                      <td>
                        {key.eventTypes === null
                          ? t('console.keys.anyType')
                          : key.eventTypes.map((type) => t(`common.units.nouns.${type}_other`)).join(', ')}
                      </td>
                      <td>
                        <When iso={key.createdAt} lang={lang} />
                      </td>
                      <td>
                        <When iso={key.lastUsedAt} lang={lang} never={t('console.keys.neverUsed')} />
                      </td>
                      <td className="c-actions-cell">
                        {key.revokedAt === null && (
                          <button
                            type="button"
                            className="c-button c-button--ghost c-button--small"
                            onClick={() => setRevoking(key)}
                          >
                            {t('console.keys.revoke')}
                            <span className="visually-hidden"> {key.name}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceState>
      <NewKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
          set((keys) => [key, ...keys]);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={t('console.keys.revokeTitle', { name: revoking?.name ?? '' })}
        body={<p>{t('console.keys.revokeBody')}</p>}
        confirm={t('console.keys.revoke')}
        danger
        error={revokeError}
        onConfirm={() => revoking !== null && void revoke(revoking)}
        onClose={() => setRevoking(null)}
      />
      {node}
    </>
  );
}

/** The new key, this once: copy it now, it is never shown again (only its hash is stored). */
function OnceKey({ created, onDone }: { created: CreatedApiKeyResponse; onDone: () => void }) {
  const { t } = useT();
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <section className="c-once" aria-labelledby="once-title" data-testid="new-key">
      <h2 id="once-title" className="c-once__title">
        <Icon name="keys" /> {t('console.keys.onceTitle', { name: created.name })}
      </h2>
      <p>{t('console.keys.onceBody')}</p>
      <div className="c-once__row">
        <code className="c-code c-code--key" data-testid="key-value">
          {created.key}
        </code>
        <button
          type="button"
          className="c-button c-button--primary"
          onClick={() => void copyText(created.key).then(setCopied)}
        >
          <Icon name={copied === true ? 'check' : 'copy'} size={18} />
          {copied === true ? t('console.keys.copied') : t('console.keys.copy')}
        </button>
      </div>
      <p role="status" className="c-muted">
        {copied === false ? t('console.keys.copyFailed') : ''}
      </p>
      <button type="button" className="c-button" onClick={onDone}>
        {t('console.keys.done')}
      </button>
    </section>
  );
}

function NewKeyDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKeyResponse) => void;
}) {
  const { t } = useT();
  const [name, setName] = useState('');
  const [restrict, setRestrict] = useState(false);
  const [types, setTypes] = useState<readonly EventTypeName[]>([]);
  const [error, setError] = useState<{ path: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setError({ path: 'name', text: t('console.problems.keyName') });
      return;
    }
    if (restrict && types.length === 0) {
      setError({ path: 'eventTypes', text: t('console.problems.eventTypes') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const key = await post<CreatedApiKeyResponse>('/api/v1/api-keys', {
        name: name.trim(),
        ...(restrict ? { eventTypes: [...types] } : {}),
      });
      setName('');
      setTypes([]);
      setRestrict(false);
      onCreated(key);
    } catch (caught) {
      const problem = problemsOf(caught)[0];
      setError({
        path: problem?.path ?? 'name',
        text: problem?.reason ?? messageOf(caught, t('console.common.error')),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} title={t('console.keys.new')} onClose={onClose}>
      <form className="c-stack" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label={t('console.keys.name')}
          hint={t('console.keys.nameHint')}
          error={error?.path === 'name' ? error.text : undefined}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              name="name"
              className="c-input"
              value={name}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setName(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <label className="switch">
          <span className="switch__label">{t('console.keys.restrict')}</span>
          <input
            type="checkbox"
            role="switch"
            checked={restrict}
            onChange={(e) => setRestrict(e.target.checked)}
          />
        </label>
        {restrict && (
          <fieldset className="c-fieldset">
            <legend className="c-field__label">{t('console.keys.eventTypes')}</legend>
            <div className="c-checks">
              {EVENT_TYPES.map((type) => (
                <label key={type} className="c-check">
                  <input
                    type="checkbox"
                    checked={types.includes(type)}
                    onChange={(e) =>
                      setTypes(e.target.checked ? [...types, type] : types.filter((x) => x !== type))
                    }
                  />
                  <span>
                    {t(`common.units.nouns.${type}_other`)} <code className="c-muted">{type}</code>
                  </span>
                </label>
              ))}
            </div>
            {error?.path.startsWith('eventTypes') === true && (
              <p className="c-field__error" role="alert">
                {error.text}
              </p>
            )}
          </fieldset>
        )}
        <div className="c-dialog__footer">
          <button type="button" className="c-button" onClick={onClose}>
            {t('console.common.cancel')}
          </button>
          <button
            type="submit"
            className="c-button c-button--primary"
            disabled={busy}
            data-action="create-key"
          >
            {busy ? t('console.common.saving') : t('console.keys.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
