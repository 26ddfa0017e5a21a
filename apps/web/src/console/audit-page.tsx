import { useState, type FormEvent } from 'react';
import type { AuditEntryResponse, AuditQuery } from '#contracts';
import { useT } from '../i18n/index.js';
import { get, offers } from './console-api.js';
import { PageHeader, ResourceState, usePageTitle, When } from './kit.js';
import { useResource } from './use-resource.js';

interface Filters {
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  /** `YYYY-MM-DD` in this browser's time zone; `to` is included (the day's end). */
  readonly from: string;
  readonly to: string;
}

const NONE: Filters = { actor: '', action: '', entity: '', from: '', to: '' };
const ENTITIES = ['contest', 'contest_period', 'screen', 'user', 'api_key', 'team', 'rep'] as const;

function dayStart(date: string): string | null {
  return date === '' ? null : new Date(`${date}T00:00:00`).toISOString();
}
function dayEnd(date: string): string | null {
  if (date === '') return null;
  const end = new Date(`${date}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return end.toISOString();
}

function queryOf(filters: Filters): URLSearchParams {
  const from = dayStart(filters.from);
  const to = dayEnd(filters.to);
  const query: AuditQuery = {
    limit: 200,
    ...(filters.actor.trim() === '' ? {} : { actor: filters.actor.trim() }),
    ...(filters.action.trim() === '' ? {} : { action: filters.action.trim() }),
    ...(filters.entity === '' ? {} : { entity: filters.entity }),
    ...(from === null ? {} : { from }),
    ...(to === null ? {} : { to }),
  };
  return new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]));
}

/** The same filters over entries already loaded (servers without audit filters answer every entry). */
function matches(entry: AuditEntryResponse, filters: Filters): boolean {
  const actor = filters.actor.trim().toLowerCase();
  const action = filters.action.trim();
  const from = dayStart(filters.from);
  const to = dayEnd(filters.to);
  return (
    (actor === '' || entry.actor.label.toLowerCase() === actor || entry.actor.id === filters.actor.trim()) &&
    (action === '' || entry.action === action || (action.endsWith('.') && entry.action.startsWith(action))) &&
    (filters.entity === '' || entry.entity === filters.entity) &&
    (from === null || entry.at >= from) &&
    (to === null || entry.at < to)
  );
}

/** What an entry is about, in a word: the thing's name or email when it has one, else its id. */
function labelOf(entry: AuditEntryResponse): string {
  for (const side of [entry.after, entry.before]) {
    for (const field of ['name', 'email', 'displayName']) {
      const value = side?.[field];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return entry.entityId;
}

/** Who changed what, when: filter by who, what and when; each entry opens to show before and after. */
export function AuditPage() {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.audit'));
  const [draft, setDraft] = useState<Filters>(NONE);
  const [filters, setFilters] = useState<Filters>(NONE);
  const { state, reload } = useResource(
    async (signal) => {
      if (await offers('get', '/api/v1/audit', 'actor')) {
        const entries = await get<AuditEntryResponse[]>(
          `/api/v1/audit?${queryOf(filters).toString()}`,
          signal,
        );
        return { entries, local: false };
      }
      // A server without audit filters (it would refuse them by name): filter the newest entries here.
      const entries = await get<AuditEntryResponse[]>('/api/v1/audit?limit=1000', signal);
      return { entries: entries.filter((e) => matches(e, filters)), local: true };
    },
    [filters],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <>
      <PageHeader title={t('console.audit.title')} lead={t('console.audit.lead')} />
      <form className="c-filters" onSubmit={apply} role="search" aria-label={t('console.audit.filters')}>
        <label>
          <span className="c-field__label">{t('console.audit.who')}</span>
          <input
            className="c-input"
            value={draft.actor}
            placeholder={t('console.audit.whoHint')}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
        </label>
        <label>
          <span className="c-field__label">{t('console.audit.what')}</span>
          <input
            className="c-input"
            value={draft.action}
            placeholder="contest."
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          />
        </label>
        <label>
          <span className="c-field__label">{t('console.audit.entity')}</span>
          <select
            className="c-input"
            value={draft.entity}
            onChange={(e) => setDraft({ ...draft, entity: e.target.value })}
          >
            <option value="">{t('console.audit.anyEntity')}</option>
            {ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {t(`console.audit.entities.${entity}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="c-field__label">{t('console.audit.from')}</span>
          <input
            className="c-input"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label>
          <span className="c-field__label">{t('console.audit.to')}</span>
          <input
            className="c-input"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <span className="c-filters__actions">
          <button type="submit" className="c-button c-button--primary">
            {t('console.audit.apply')}
          </button>
          <button
            type="button"
            className="c-button c-button--ghost"
            onClick={() => {
              setDraft(NONE);
              setFilters(NONE);
            }}
          >
            {t('console.audit.clear')}
          </button>
        </span>
      </form>
      <ResourceState state={state} onRetry={reload}>
        {({ entries, local }) => (
          <>
            {local && <p className="c-muted">{t('console.audit.localFilter')}</p>}
            {entries.length === 0 ? (
              <p className="c-muted c-pad">{t('console.audit.empty')}</p>
            ) : (
              <ol className="c-audit">
                {entries.map((entry) => (
                  <li key={entry.id} className="c-audit__item">
                    <details>
                      <summary>
                        <span className="c-audit__when">
                          <When iso={entry.at} lang={lang} />
                        </span>
                        <span className="c-audit__who">{entry.actor.label}</span>
                        <code className="c-audit__action">{entry.action}</code>
                        <span className="c-audit__what c-muted">
                          {t(`console.audit.entities.${entry.entity}`, { defaultValue: entry.entity })} ·{' '}
                          {labelOf(entry)}
                        </span>
                      </summary>
                      <div className="c-audit__diff">
                        <div>
                          <h3 className="c-panel__subtitle">{t('console.audit.before')}</h3>
                          <pre>{entry.before === null ? '—' : JSON.stringify(entry.before, null, 2)}</pre>
                        </div>
                        <div>
                          <h3 className="c-panel__subtitle">{t('console.audit.after')}</h3>
                          <pre>{entry.after === null ? '—' : JSON.stringify(entry.after, null, 2)}</pre>
                        </div>
                      </div>
                    </details>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </ResourceState>
    </>
  );
}
