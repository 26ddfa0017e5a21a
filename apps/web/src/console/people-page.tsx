import { useState, type FormEvent } from 'react';
import type { MeResponse, RepResponse, ReviewRepRequest, TeamResponse } from '#contracts';
import { Avatar } from '../ui/avatar.js';
import { useT } from '../i18n/index.js';
import {
  get,
  isRouteMissing,
  messageOf,
  patch,
  post,
  problemsOf,
  put,
  ROUTES,
  type Problem,
  requireRoute,
  ROUTE_TEMPLATES,
} from './console-api.js';
import type { ConsoleContest } from './contest-text.js';
import { Icon } from './icons.js';
import {
  Dialog,
  EmptyState,
  Field,
  PageHeader,
  ResourceState,
  Unavailable,
  usePageTitle,
  useToast,
} from './kit.js';
import { problemAt } from './problem-text.js';
import { Link, type PeopleTab } from './router.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;
/**
 * Reps as the server lists them; `isNew` (created by an incoming event, not reviewed yet) is absent
 * on older servers, which have no review queue.
 */
type ConsoleRep = Omit<RepResponse, 'isNew'> & Partial<Pick<RepResponse, 'isNew'>>;

interface People {
  readonly teams: readonly TeamResponse[];
  readonly reps: readonly ConsoleRep[];
}

/** Teams and reps: lists, create and edit, and the queue of reps new from the CRM to review. */
export function PeoplePage({ tab, user }: { tab: PeopleTab; user: MeResponse }) {
  const { t } = useT();
  usePageTitle(t('console.nav.people'));
  const { state, reload, set } = useResource<People>(async (signal) => {
    const [teams, reps] = await Promise.all([
      get<TeamResponse[]>('/api/v1/teams', signal),
      get<ConsoleRep[]>('/api/v1/reps', signal),
    ]);
    return { teams, reps };
  }, []);
  const { toast, node } = useToast();
  const reviewCount = state.kind === 'ready' ? state.data.reps.filter((r) => r.isNew === true).length : 0;

  return (
    <>
      <PageHeader title={t('console.people.title')} lead={t('console.people.lead')} />
      <nav className="c-tabs c-tabs--underline" aria-label={t('console.people.title')}>
        {(['reps', 'teams', 'review'] as const).map((name) => (
          <Link
            key={name}
            to={{ page: 'people', tab: name }}
            className="c-tabs__tab"
            aria-current={tab === name ? 'page' : undefined}
          >
            {t(`console.people.tabs.${name}`)}
            {name === 'review' && reviewCount > 0 && (
              <span className="c-tabs__count c-tabs__count--hot">{reviewCount}</span>
            )}
          </Link>
        ))}
      </nav>
      <ResourceState state={state} onRetry={reload}>
        {(people) => {
          const onRep = (rep: ConsoleRep, message: string) => {
            set((data) => ({
              ...data,
              reps: data.reps.some((r) => r.externalId === rep.externalId)
                ? data.reps.map((r) => (r.externalId === rep.externalId ? rep : r))
                : [...data.reps, rep],
            }));
            toast(message);
          };
          switch (tab) {
            case 'reps':
              return <RepsTab people={people} onSaved={onRep} t={t} />;
            case 'teams':
              return (
                <TeamsTab
                  people={people}
                  admin={user.role === 'admin'}
                  manages={(key) => user.role === 'admin' || user.teams.includes(key)}
                  onSaved={(team, message) => {
                    set((data) => ({
                      ...data,
                      teams: data.teams.some((x) => x.key === team.key)
                        ? data.teams.map((x) => (x.key === team.key ? team : x))
                        : [...data.teams, team],
                    }));
                    toast(message);
                  }}
                  t={t}
                />
              );
            case 'review':
              return <ReviewTab people={people} onSaved={onRep} t={t} />;
          }
        }}
      </ResourceState>
      {node}
    </>
  );
}

function RepsTab({
  people,
  onSaved,
  t,
}: {
  people: People;
  onSaved: (rep: ConsoleRep, message: string) => void;
  t: T;
}) {
  const [editing, setEditing] = useState<ConsoleRep | 'new' | null>(null);
  const [query, setQuery] = useState('');
  const teamName = (key: string | null) =>
    key === null ? '—' : (people.teams.find((x) => x.key === key)?.name ?? key);
  const q = query.trim().toLowerCase();
  const shown = people.reps.filter(
    (r) => q === '' || r.displayName.toLowerCase().includes(q) || r.externalId.toLowerCase().includes(q),
  );
  return (
    <>
      <div className="c-toolbar">
        <label className="c-search">
          <span className="visually-hidden">{t('console.people.search')}</span>
          <input
            className="c-input"
            type="search"
            placeholder={t('console.people.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </label>
        <button type="button" className="c-button c-button--primary" onClick={() => setEditing('new')}>
          <Icon name="plus" size={18} /> {t('console.people.newRep')}
        </button>
      </div>
      {people.reps.length === 0 ? (
        <EmptyState title={t('console.people.noRepsTitle')} body={t('console.people.noReps')} />
      ) : (
        <div className="c-table-wrap">
          <table className="c-table">
            <caption className="visually-hidden">{t('console.people.tabs.reps')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.people.rep')}</th>
                <th scope="col">{t('console.people.externalId')}</th>
                <th scope="col">{t('console.people.team')}</th>
                <th scope="col">{t('console.people.role')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('console.common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((rep) => (
                <tr key={rep.externalId}>
                  <td>
                    <span className="c-person">
                      <Avatar name={rep.displayName} size="2em" />
                      <strong>{rep.displayName}</strong>
                      {rep.isNew === true && (
                        <span className="c-badge c-badge--scheduled">{t('console.people.new')}</span>
                      )}
                    </span>
                  </td>
                  <td>
                    <code>{rep.externalId}</code>
                  </td>
                  <td>{teamName(rep.team)}</td>
                  <td>{rep.role ?? '—'}</td>
                  <td className="c-actions-cell">
                    <button
                      type="button"
                      className="c-button c-button--ghost c-button--small"
                      onClick={() => setEditing(rep)}
                    >
                      {t('console.common.edit')}
                      <span className="visually-hidden"> {rep.displayName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RepDialog
        key={editing === null ? 'none' : editing === 'new' ? 'new' : editing.externalId}
        editing={editing}
        teams={people.teams}
        onClose={() => setEditing(null)}
        onSaved={onSaved}
        t={t}
      />
    </>
  );
}

function RepDialog({
  editing,
  teams,
  onClose,
  onSaved,
  t,
}: {
  editing: ConsoleRep | 'new' | null;
  teams: readonly TeamResponse[];
  onClose: () => void;
  onSaved: (rep: ConsoleRep, message: string) => void;
  t: T;
}) {
  const existing = editing !== null && editing !== 'new' ? editing : null;
  const [externalId, setExternalId] = useState('');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [team, setTeam] = useState(existing?.team ?? '');
  const [role, setRole] = useState(existing?.role ?? '');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = existing?.externalId ?? externalId.trim();
    const local: Problem[] = [];
    if (id === '' || id.length > 200)
      local.push({ path: 'externalId', reason: t('console.problems.externalId') });
    if (displayName.trim() === '' || displayName.trim().length > 200)
      local.push({ path: 'displayName', reason: t('console.problems.displayName') });
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    setBanner(null);
    try {
      const saved = await put<ConsoleRep>(`/api/v1/reps/${encodeURIComponent(id)}`, {
        displayName: displayName.trim(),
        team: team === '' ? null : team,
        role: role.trim() === '' ? null : role.trim(),
      });
      onSaved(saved, t('console.people.repSaved', { name: saved.displayName }));
      onClose();
    } catch (error) {
      setProblems(problemsOf(error));
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={editing !== null}
      title={existing === null ? t('console.people.newRep') : existing.displayName}
      onClose={onClose}
    >
      <form className="c-stack" noValidate onSubmit={(e) => void submit(e)}>
        {banner !== null && (
          <p className="c-notice c-notice--error" role="alert">
            {banner}
          </p>
        )}
        {existing === null && (
          <Field
            label={t('console.people.externalId')}
            hint={t('console.people.externalIdHint')}
            error={problemAt(problems, 'externalId')?.reason}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="c-input"
                value={externalId}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setExternalId(e.target.value)}
                autoFocus
              />
            )}
          </Field>
        )}
        <Field label={t('console.people.displayName')} error={problemAt(problems, 'displayName')?.reason}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="c-input"
              value={displayName}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('console.people.team')} error={problemAt(problems, 'team')?.reason}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              className="c-input"
              value={team}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setTeam(e.target.value)}
            >
              <option value="">{t('console.people.noTeam')}</option>
              {teams.map((x) => (
                <option key={x.key} value={x.key}>
                  {x.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('console.people.role')}
          hint={t('console.people.roleHint')}
          error={problemAt(problems, 'role')?.reason}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="c-input"
              value={role}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => setRole(e.target.value)}
            />
          )}
        </Field>
        <div className="c-dialog__footer">
          <button type="button" className="c-button" onClick={onClose}>
            {t('console.common.cancel')}
          </button>
          <button type="submit" className="c-button c-button--primary" disabled={busy}>
            {busy ? t('console.common.saving') : t('console.form.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function TeamsTab({
  people,
  admin,
  manages,
  onSaved,
  t,
}: {
  people: People;
  admin: boolean;
  manages: (key: string) => boolean;
  onSaved: (team: TeamResponse, message: string) => void;
  t: T;
}) {
  const [editing, setEditing] = useState<TeamResponse | 'new' | null>(null);
  return (
    <>
      {admin && (
        <div className="c-toolbar c-toolbar--end">
          <button type="button" className="c-button c-button--primary" onClick={() => setEditing('new')}>
            <Icon name="plus" size={18} /> {t('console.people.newTeam')}
          </button>
        </div>
      )}
      {people.teams.length === 0 ? (
        <EmptyState title={t('console.people.noTeamsTitle')} body={t('console.people.noTeams')} />
      ) : (
        <ul className="c-team-cards">
          {people.teams.map((team) => {
            const members = people.reps.filter((r) => r.team === team.key);
            return (
              <li key={team.key} className="c-panel">
                <div className="c-panel__head">
                  <h2 className="c-panel__title">{team.name}</h2>
                  {manages(team.key) && (
                    <button
                      type="button"
                      className="c-button c-button--ghost c-button--small"
                      onClick={() => setEditing(team)}
                    >
                      {t('console.people.rename')}
                      <span className="visually-hidden"> {team.name}</span>
                    </button>
                  )}
                </div>
                <p className="c-muted">
                  <code>{team.key}</code> · {t('console.people.members', { count: team.members })}
                </p>
                <div className="c-avatars" aria-hidden="true">
                  {members.slice(0, 8).map((r) => (
                    <Avatar key={r.externalId} name={r.displayName} size="2em" />
                  ))}
                  {members.length > 8 && <span className="c-muted">+{members.length - 8}</span>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <TeamDialog
        key={editing === null ? 'none' : editing === 'new' ? 'new' : editing.key}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={onSaved}
        t={t}
      />
    </>
  );
}

function TeamDialog({
  editing,
  onClose,
  onSaved,
  t,
}: {
  editing: TeamResponse | 'new' | null;
  onClose: () => void;
  onSaved: (team: TeamResponse, message: string) => void;
  t: T;
}) {
  const existing = editing !== null && editing !== 'new' ? editing : null;
  const [key, setKey] = useState('');
  const [name, setName] = useState(existing?.name ?? '');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Problem[] = [];
    if (existing === null && !/^[a-z0-9_-]{1,64}$/.test(key.trim()))
      local.push({ path: 'key', reason: t('console.problems.teamKey') });
    if (name.trim() === '') local.push({ path: 'name', reason: t('console.problems.teamName') });
    setProblems(local);
    if (local.length > 0) return;
    setBusy(true);
    setBanner(null);
    try {
      const saved =
        existing === null
          ? await post<TeamResponse>('/api/v1/teams', { key: key.trim(), name: name.trim() })
          : await patch<TeamResponse>(`/api/v1/teams/${encodeURIComponent(existing.key)}`, {
              name: name.trim(),
            });
      onSaved(saved, t('console.people.teamSaved', { name: saved.name }));
      onClose();
    } catch (error) {
      setProblems(problemsOf(error));
      setBanner(messageOf(error, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={editing !== null}
      title={
        existing === null
          ? t('console.people.newTeam')
          : t('console.people.renameTitle', { name: existing.name })
      }
      onClose={onClose}
    >
      <form className="c-stack" noValidate onSubmit={(e) => void submit(e)}>
        {banner !== null && (
          <p className="c-notice c-notice--error" role="alert">
            {banner}
          </p>
        )}
        <Field label={t('console.people.teamName')} error={problemAt(problems, 'name')?.reason}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="c-input"
              value={name}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(e) => {
                setName(e.target.value);
                if (existing === null && (key === '' || key === slug(name))) setKey(slug(e.target.value));
              }}
              autoFocus
            />
          )}
        </Field>
        {existing === null && (
          <Field
            label={t('console.people.teamKey')}
            hint={t('console.people.teamKeyHint')}
            error={problemAt(problems, 'key')?.reason}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="c-input"
                value={key}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setKey(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="c-dialog__footer">
          <button type="button" className="c-button" onClick={onClose}>
            {t('console.common.cancel')}
          </button>
          <button type="submit" className="c-button c-button--primary" disabled={busy}>
            {busy ? t('console.common.saving') : t('console.form.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A team key from a name: "Inside Sales" → "inside-sales". */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Reps created by incoming events, not reviewed yet: assign a team, a role, a target, or dismiss. */
function ReviewTab({
  people,
  onSaved,
  t,
}: {
  people: People;
  onSaved: (rep: ConsoleRep, message: string) => void;
  t: T;
}) {
  const supported = people.reps.length === 0 || people.reps.some((r) => r.isNew !== undefined);
  const { state: contests } = useResource((signal) => get<ConsoleContest[]>('/api/v1/contests', signal), []);
  const [missing, setMissing] = useState(false);
  if (!supported || missing) return <Unavailable feature={t('console.people.tabs.review')} />;
  const queue = people.reps.filter((r) => r.isNew === true);
  if (queue.length === 0) {
    return <EmptyState title={t('console.review.emptyTitle')} body={t('console.review.empty')} />;
  }
  // Per-rep targets are rules: they can be set until a contest goes live (then they are locked).
  const targeted =
    contests.kind === 'ready'
      ? contests.data.filter((c) => c.targets !== null && (c.status === 'draft' || c.status === 'scheduled'))
      : [];
  return (
    <>
      <p className="c-lead">{t('console.review.lead')}</p>
      <ul className="c-review">
        {queue.map((rep) => (
          <ReviewRow
            key={rep.externalId}
            rep={rep}
            teams={people.teams}
            targeted={targeted}
            onSaved={onSaved}
            onMissing={() => setMissing(true)}
            t={t}
          />
        ))}
      </ul>
    </>
  );
}

function ReviewRow({
  rep,
  teams,
  targeted,
  onSaved,
  onMissing,
  t,
}: {
  rep: ConsoleRep;
  teams: readonly TeamResponse[];
  targeted: readonly ConsoleContest[];
  onSaved: (rep: ConsoleRep, message: string) => void;
  onMissing: () => void;
  t: T;
}) {
  const [team, setTeam] = useState(rep.team ?? '');
  const [role, setRole] = useState(rep.role ?? '');
  const [contestId, setContestId] = useState('');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(dismiss: boolean) {
    setBusy(true);
    setError(null);
    const body: ReviewRepRequest = dismiss
      ? { dismiss: true }
      : {
          team: team === '' ? null : team,
          role: role.trim() === '' ? null : role.trim(),
          ...(contestId !== '' && /^\d+$/.test(target.trim())
            ? { target: { contestId, value: Number(target.trim()) } }
            : {}),
        };
    try {
      await requireRoute('post', ROUTE_TEMPLATES.reviewRep);
      const saved = await post<ConsoleRep>(ROUTES.reviewRep(rep.externalId), body);
      onSaved(
        { ...saved, isNew: false },
        t(dismiss ? 'console.review.dismissed' : 'console.review.done', { name: rep.displayName }),
      );
    } catch (caught) {
      if (isRouteMissing(caught)) onMissing();
      else setError(problemsOf(caught)[0]?.reason ?? messageOf(caught, t('console.common.error')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="c-review__row c-panel">
      <span className="c-person">
        <Avatar name={rep.displayName} size="2.4em" />
        <span>
          <strong>{rep.displayName}</strong>
          <code className="c-muted c-block">{rep.externalId}</code>
        </span>
      </span>
      <label>
        <span className="c-field__label">{t('console.people.team')}</span>
        <select className="c-input" value={team} onChange={(e) => setTeam(e.target.value)}>
          <option value="">{t('console.people.noTeam')}</option>
          {teams.map((x) => (
            <option key={x.key} value={x.key}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="c-field__label">{t('console.people.role')}</span>
        <input className="c-input" value={role} onChange={(e) => setRole(e.target.value)} />
      </label>
      {targeted.length > 0 && (
        <>
          <label>
            <span className="c-field__label">{t('console.review.targetIn')}</span>
            <select className="c-input" value={contestId} onChange={(e) => setContestId(e.target.value)}>
              <option value="">—</option>
              {targeted.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="c-field__label">{t('console.form.target')}</span>
            <input
              className="c-input c-input--short"
              inputMode="numeric"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          </label>
        </>
      )}
      <span className="c-review__actions">
        <button
          type="button"
          className="c-button c-button--primary c-button--small"
          disabled={busy}
          onClick={() => void send(false)}
        >
          {t('console.review.save')}
          <span className="visually-hidden"> {rep.displayName}</span>
        </button>
        <button
          type="button"
          className="c-button c-button--ghost c-button--small"
          disabled={busy}
          onClick={() => void send(true)}
        >
          {t('console.review.dismiss')}
          <span className="visually-hidden"> {rep.displayName}</span>
        </button>
      </span>
      {error !== null && (
        <p className="c-field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
