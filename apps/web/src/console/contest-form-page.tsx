import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  CONTEST_KINDS,
  EVENT_TYPE_MEASURES,
  EVENT_TYPES,
  METRIC_KINDS,
  PERIOD_KINDS,
  type ContestKind,
  type ContestPreviewResponse,
  type ContestResponse,
  type ContestTemplate,
  type CreateContestRequest,
  type EventTypeName,
  type LocalizedText,
  type MeResponse,
  type MetricKind,
  type RepResponse,
  type TeamResponse,
} from '#contracts';
import { ApiError } from '../api/client.js';
import { useT, type Language } from '../i18n/index.js';
import {
  get,
  isRouteMissing,
  messageOf,
  patch,
  post,
  problemsOf,
  ROUTES,
  type Problem,
  requireRoute,
  ROUTE_TEMPLATES,
} from './console-api.js';
import {
  checkRequest,
  emptyForm,
  formOf,
  requestOf,
  rowKey,
  updateOf,
  type ContestForm,
  type PrizeRow,
} from './contest-form-model.js';
import { previewIn, weekdayName } from './contest-text.js';
import { Icon } from './icons.js';
import { Field, PageHeader, ResourceState, usePageTitle } from './kit.js';
import { problemAt, problemText } from './problem-text.js';
import { Link, navigate } from './router.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;

interface Loaded {
  readonly templates: readonly ContestTemplate[];
  readonly teams: readonly TeamResponse[];
  readonly reps: readonly RepResponse[];
  readonly contest: ContestResponse | null;
}

/** Statuses whose rules may still change (the api's rule): nothing a rep could see has been scored. */
const RULES_EDITABLE = new Set(['draft', 'scheduled']);

/**
 * Create a contest (from a template or from scratch) or edit one. The form checks as you type with the
 * domain's own rules, asks the server for the plain-words preview (which checks exactly like a create),
 * and shows every problem at its field, under the path the api names.
 */
export function ContestFormPage({
  contestId,
  template,
  user,
}: {
  contestId: string | null;
  template: string | null;
  user: MeResponse;
}) {
  const { t } = useT();
  usePageTitle(contestId === null ? t('console.form.newTitle') : t('console.form.editTitle'));
  const { state, reload } = useResource<Loaded>(
    async (signal) => {
      const [templates, teams, reps, contest] = await Promise.all([
        get<Loaded['templates']>('/api/v1/contest-templates', signal),
        get<TeamResponse[]>('/api/v1/teams', signal),
        get<RepResponse[]>('/api/v1/reps', signal),
        contestId === null
          ? Promise.resolve(null)
          : get<ContestResponse>(`/api/v1/contests/${contestId}`, signal),
      ]);
      return { templates, teams, reps, contest };
    },
    [contestId],
  );

  return (
    <ResourceState state={state} onRetry={reload}>
      {(loaded) => {
        if (contestId === null && template === null) return <TemplatePicker templates={loaded.templates} />;
        const chosen = loaded.templates.find((x) => x.id === template) ?? null;
        return (
          <ContestFormBody
            key={`${contestId ?? ''}:${template ?? ''}`}
            loaded={loaded}
            template={chosen}
            user={user}
          />
        );
      }}
    </ResourceState>
  );
}

function TemplatePicker({ templates }: { templates: Loaded['templates'] }) {
  const { t, lang } = useT();
  return (
    <>
      <PageHeader
        back={<BackToContests />}
        title={t('console.templates.title')}
        lead={t('console.templates.lead')}
      />
      <ul className="c-templates">
        {templates.map((template) => (
          <li key={template.id}>
            <Link
              to={{ page: 'contest-new', template: template.id }}
              className="c-template"
              data-template={template.id}
            >
              <span className={`c-kind c-kind--${template.contest.kind ?? 'leaderboard'}`} aria-hidden="true">
                <Icon
                  name={
                    template.contest.kind === 'team'
                      ? 'people'
                      : template.contest.kind === 'target_race'
                        ? 'flag'
                        : 'contests'
                  }
                />
              </span>
              <strong className="c-template__name">
                {t(`console.templates.names.${template.id}`, { defaultValue: template.name })}
              </strong>
              <span className="c-template__text">
                {previewIn(template.preview, lang) ??
                  t(`console.templates.descriptions.${template.id}`, { defaultValue: template.description })}
              </span>
              <span className="c-template__meta">
                {t(`console.periods.${template.contest.period.kind}`)} ·{' '}
                {t(`console.kinds.${template.contest.kind ?? 'leaderboard'}`)}
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link to={{ page: 'contest-new', template: 'scratch' }} className="c-template c-template--scratch">
            <span className="c-kind" aria-hidden="true">
              <Icon name="plus" />
            </span>
            <strong className="c-template__name">{t('console.templates.scratch')}</strong>
            <span className="c-template__text">{t('console.templates.scratchText')}</span>
          </Link>
        </li>
      </ul>
    </>
  );
}

function BackToContests() {
  const { t } = useT();
  return (
    <Link to={{ page: 'contests' }} className="c-back">
      <Icon name="chevronLeft" size={16} />
      {t('console.nav.contests')}
    </Link>
  );
}

type PreviewState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'ready'; readonly text: LocalizedText }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'invalid' };

/** A contest template's name and description, in the page's language when the console knows it. */
function templateRequest(template: ContestTemplate, t: T): CreateContestRequest {
  return {
    ...template.contest,
    name: t(`console.templates.names.${template.id}`, { defaultValue: template.contest.name }),
  };
}

function ContestFormBody({
  loaded,
  template,
  user,
}: {
  loaded: Loaded;
  template: ContestTemplate | null;
  user: MeResponse;
}) {
  const { t, lang } = useT();
  const existing = loaded.contest;
  const manager = user.role === 'manager';
  const [form, setForm] = useState<ContestForm>(() => {
    if (existing !== null) return formOf(existing);
    const start = template === null ? emptyForm() : formOf(templateRequest(template, t));
    // A manager runs contests for their own teams (company-wide contests are for admins).
    return manager && start.participantsKind === 'everyone'
      ? { ...start, participantsKind: 'teams', teams: [...user.teams] }
      : start;
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly Problem[]>([]);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState<'draft' | 'publish' | 'save' | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ kind: 'idle' });
  const previewMissing = useRef(false);

  const rulesEditable = existing === null || RULES_EDITABLE.has(existing.status);
  const lockReason = rulesEditable
    ? undefined
    : t('console.form.locked', { status: t(`console.status.${existing.status}`).toLowerCase() });
  const request = useMemo(() => requestOf(form), [form]);
  const localProblems = useMemo(() => checkRequest(request), [request]);

  // The plain-words preview, from the server (the one domain function): checked like a create.
  useEffect(() => {
    if (previewMissing.current) return;
    if (localProblems.length > 0) {
      setPreview({ kind: 'invalid' });
      return;
    }
    setPreview({ kind: 'checking' });
    const timer = setTimeout(() => {
      requireRoute('post', ROUTE_TEMPLATES.contestPreview)
        .then(() => post<ContestPreviewResponse>(ROUTES.contestPreview, request))
        .then((answer) => {
          setServerProblems([]);
          setPreview({ kind: 'ready', text: answer.preview });
        })
        .catch((error: unknown) => {
          if (isRouteMissing(error)) {
            previewMissing.current = true;
            setPreview({ kind: 'unavailable' });
          } else if (error instanceof ApiError && error.status === 400) {
            setServerProblems(problemsOf(error));
            setPreview({ kind: 'invalid' });
          } else {
            setPreview({ kind: 'idle' });
          }
        });
    }, 350);
    return () => clearTimeout(timer);
  }, [request, localProblems.length]);

  const shown = (path: string): boolean =>
    submitted || [...touched].some((p) => p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  const problems = [...serverProblems, ...localProblems.filter((p) => shown(p.path))];
  const error = (path: string, exact = false): string | undefined => {
    const problem = problemAt(problems, path, exact);
    return problem === undefined ? undefined : problemText(t, problem);
  };
  const touch = (path: string) => setTouched((s) => (s.has(path) ? s : new Set([...s, path])));
  const update = (change: Partial<ContestForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setBanner(null);
  };

  async function submit(mode: 'draft' | 'publish' | 'save') {
    setSubmitted(true);
    if (localProblems.length > 0) {
      setBanner(t('console.form.fixProblems', { count: localProblems.length }));
      focusFirstInvalid();
      return;
    }
    setBusy(mode);
    setBanner(null);
    try {
      const saved =
        existing === null
          ? await post<ContestResponse>('/api/v1/contests', { ...request, draft: mode === 'draft' })
          : await patch<ContestResponse>(`/api/v1/contests/${existing.id}`, updateOf(form, rulesEditable));
      navigate({ page: 'contest', id: saved.id, tab: 'overview' });
      window.scrollTo(0, 0);
    } catch (caught) {
      const found = problemsOf(caught);
      setServerProblems(found);
      setBanner(
        found.length > 0
          ? caught instanceof ApiError && caught.status === 409
            ? t('console.form.lockedByServer')
            : t('console.form.fixProblems', { count: found.length })
          : messageOf(caught, t('console.common.error')),
      );
      focusFirstInvalid();
    } finally {
      setBusy(null);
    }
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('.c-form [aria-invalid="true"]');
      first?.focus();
    });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit(existing === null ? 'publish' : 'save');
  }

  const title = existing === null ? t('console.form.newTitle') : t('console.form.editTitle');
  const ruleLock = lockReason;
  const timeZones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return [form.timeZone];
    }
  }, [form.timeZone]);

  const metricTypes = EVENT_TYPES.filter((type) =>
    form.metricKind === 'sum_quantity'
      ? EVENT_TYPE_MEASURES[type] === 'quantity'
      : form.metricKind === 'sum_amount'
        ? EVENT_TYPE_MEASURES[type] === 'amount'
        : true,
  );

  return (
    <>
      <PageHeader
        back={
          existing === null ? (
            <Link to={{ page: 'contest-new', template: null }} className="c-back">
              <Icon name="chevronLeft" size={16} />
              {t('console.templates.title')}
            </Link>
          ) : (
            <Link to={{ page: 'contest', id: existing.id, tab: 'overview' }} className="c-back">
              <Icon name="chevronLeft" size={16} />
              {existing.name}
            </Link>
          )
        }
        title={title}
        lead={
          template !== null
            ? t('console.form.fromTemplate', { name: templateRequest(template, t).name })
            : undefined
        }
      />
      <div className="c-form-layout">
        <form className="c-form" noValidate onSubmit={onSubmit} aria-labelledby="page-title">
          {banner !== null && (
            <p className="c-notice c-notice--error" role="alert">
              {banner}
            </p>
          )}
          {!rulesEditable && (
            <p className="c-notice c-notice--info">
              <Icon name="edit" size={18} /> {t('console.form.lockedNotice')}
            </p>
          )}

          <Section title={t('console.form.sections.basics')}>
            <Field label={t('console.form.name')} error={error('name', true)}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="name"
                  className="c-input"
                  value={form.name}
                  maxLength={200}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(e) => update({ name: e.target.value })}
                  onBlur={() => touch('name')}
                  autoFocus={existing === null}
                />
              )}
            </Field>
            <Field
              label={t('console.form.description')}
              hint={t('console.form.descriptionHint')}
              error={error('description', true)}
            >
              {({ id, describedBy, invalid }) => (
                <textarea
                  id={id}
                  name="description"
                  className="c-input"
                  rows={2}
                  value={form.description}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(e) => update({ description: e.target.value })}
                  onBlur={() => touch('description')}
                />
              )}
            </Field>
          </Section>

          <Section title={t('console.form.sections.game')} locked={ruleLock}>
            <Choice
              legend={t('console.form.kind')}
              name="kind"
              value={form.kind}
              options={CONTEST_KINDS.map((k) => ({
                value: k,
                label: t(`console.kinds.${k}`),
                hint: t(`console.kindHints.${k}`),
              }))}
              disabled={!rulesEditable}
              onChange={(kind: ContestKind) => update({ kind })}
            />
            {form.kind === 'target_race' && (
              <Field
                label={t('console.form.target')}
                hint={t('console.form.targetHint')}
                error={error('target', true)}
                locked={ruleLock}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name="target"
                    className="c-input c-input--short"
                    inputMode="numeric"
                    value={form.target}
                    disabled={!rulesEditable}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => update({ target: e.target.value })}
                    onBlur={() => touch('target')}
                  />
                )}
              </Field>
            )}
            {form.kind === 'team' && (
              <Choice
                legend={t('console.form.teamScoring')}
                name="teamScoring"
                value={form.teamScoring}
                options={(['sum', 'average'] as const).map((v) => ({
                  value: v,
                  label: t(`console.form.teamScoringOptions.${v}`),
                }))}
                disabled={!rulesEditable}
                onChange={(teamScoring: 'sum' | 'average') => update({ teamScoring })}
                compact
              />
            )}
          </Section>

          <Section title={t('console.form.sections.metric')} locked={ruleLock}>
            <Choice
              legend={t('console.form.metricKind')}
              name="metricKind"
              value={form.metricKind}
              options={METRIC_KINDS.map((k) => ({
                value: k,
                label: t(`console.metricKinds.${k}`),
                hint: t(`console.metricHints.${k}`),
              }))}
              disabled={!rulesEditable}
              onChange={(metricKind: MetricKind) => {
                const measure =
                  metricKind === 'sum_quantity' ? 'quantity' : metricKind === 'sum_amount' ? 'amount' : null;
                const kept = form.eventTypes.filter(
                  (type) => measure === null || EVENT_TYPE_MEASURES[type] === measure,
                );
                const fallback: EventTypeName[] =
                  measure === 'quantity' ? ['license_sold'] : measure === 'amount' ? ['deal_won'] : [];
                update({ metricKind, eventTypes: kept.length > 0 ? kept : fallback });
              }}
            />
            {form.metricKind === 'points' ? (
              <fieldset className="c-fieldset" aria-describedby="weights-hint">
                <legend className="c-field__label">{t('console.form.weights')}</legend>
                <p id="weights-hint" className="c-field__hint">
                  {t('console.form.weightsHint')}
                </p>
                <div className="c-weights">
                  {EVENT_TYPES.map((type) => {
                    const path = `metric.weights.${type}`;
                    const err = error(path, true);
                    return (
                      <label
                        key={type}
                        className={`c-weight${err !== undefined ? ' c-weight--invalid' : ''}`}
                      >
                        <span>{t(`common.units.nouns.${type}_other`)}</span>
                        <input
                          className="c-input c-input--tiny"
                          inputMode="numeric"
                          name={path}
                          placeholder="0"
                          value={form.weights.get(type) ?? ''}
                          disabled={!rulesEditable}
                          aria-invalid={err !== undefined}
                          onChange={(e) => {
                            const weights = new Map(form.weights);
                            if (e.target.value.trim() === '') weights.delete(type);
                            else weights.set(type, e.target.value);
                            update({ weights });
                          }}
                          onBlur={() => touch('metric.weights')}
                        />
                        {err !== undefined && <span className="c-field__error">{err}</span>}
                      </label>
                    );
                  })}
                </div>
                {error('metric.weights', true) !== undefined && (
                  <p className="c-field__error" role="alert">
                    {error('metric.weights', true)}
                  </p>
                )}
              </fieldset>
            ) : (
              <fieldset className="c-fieldset">
                <legend className="c-field__label">{t('console.form.eventTypes')}</legend>
                <div className="c-checks">
                  {metricTypes.map((type) => (
                    <label key={type} className="c-check">
                      <input
                        type="checkbox"
                        name="eventTypes"
                        value={type}
                        checked={form.eventTypes.includes(type)}
                        disabled={!rulesEditable}
                        onChange={(e) => {
                          touch('metric.eventTypes');
                          update({
                            eventTypes: e.target.checked
                              ? [...form.eventTypes, type]
                              : form.eventTypes.filter((x) => x !== type),
                          });
                        }}
                      />
                      <span>{t(`common.units.nouns.${type}_other`)}</span>
                    </label>
                  ))}
                </div>
                {error('metric.eventTypes') !== undefined && (
                  <p className="c-field__error" role="alert">
                    {error('metric.eventTypes')}
                  </p>
                )}
              </fieldset>
            )}
            {form.metricKind === 'sum_amount' && (
              <Field
                label={t('console.form.currency')}
                error={error('metric.currency', true)}
                locked={ruleLock}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name="metric.currency"
                    className="c-input c-input--tiny"
                    value={form.currency}
                    maxLength={3}
                    disabled={!rulesEditable}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => update({ currency: e.target.value.toUpperCase() })}
                    onBlur={() => touch('metric.currency')}
                  />
                )}
              </Field>
            )}
          </Section>

          <Section title={t('console.form.sections.period')} locked={ruleLock}>
            <Choice
              legend={t('console.form.periodKind')}
              name="periodKind"
              value={form.periodKind}
              options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`console.periods.${k}`) }))}
              disabled={!rulesEditable}
              onChange={(periodKind: ContestForm['periodKind']) => update({ periodKind })}
              compact
            />
            <div className="c-row">
              <Field
                label={t('console.form.timeZone')}
                error={error('period.timeZone', true)}
                locked={ruleLock}
              >
                {({ id, describedBy, invalid }) => (
                  <>
                    <input
                      id={id}
                      name="period.timeZone"
                      className="c-input"
                      list="time-zones"
                      value={form.timeZone}
                      disabled={!rulesEditable}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ timeZone: e.target.value })}
                      onBlur={() => touch('period.timeZone')}
                    />
                    <datalist id="time-zones">
                      {timeZones.map((zone) => (
                        <option key={zone} value={zone} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
              {form.periodKind === 'weekly' && (
                <Field label={t('console.form.weekStartsOn')} locked={ruleLock}>
                  {({ id, describedBy }) => (
                    <select
                      id={id}
                      className="c-input"
                      value={form.weekStartsOn}
                      disabled={!rulesEditable}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ weekStartsOn: Number(e.target.value) })}
                    >
                      {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                        <option key={day} value={day}>
                          {weekdayName(lang, day)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </div>
            {form.periodKind === 'once' && (
              <div className="c-row">
                <Field label={t('console.form.start')} error={error('period.start', true)} locked={ruleLock}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="datetime-local"
                      name="period.start"
                      className="c-input"
                      value={form.onceStart}
                      disabled={!rulesEditable}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ onceStart: e.target.value })}
                      onBlur={() => touch('period.start')}
                    />
                  )}
                </Field>
                <Field label={t('console.form.end')} error={error('period.end', true)} locked={ruleLock}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      type="datetime-local"
                      name="period.end"
                      className="c-input"
                      value={form.onceEnd}
                      disabled={!rulesEditable}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ onceEnd: e.target.value })}
                      onBlur={() => {
                        touch('period.end');
                        touch('period.start');
                      }}
                    />
                  )}
                </Field>
              </div>
            )}
          </Section>

          <Section title={t('console.form.sections.who')} locked={ruleLock}>
            <Choice
              legend={t('console.form.participants')}
              name="participants"
              value={form.participantsKind}
              options={(['everyone', 'teams', 'reps'] as const).map((k) => ({
                value: k,
                label: t(`console.form.participantsOptions.${k}`),
                disabled: manager && k === 'everyone',
              }))}
              disabled={!rulesEditable}
              onChange={(participantsKind: ContestForm['participantsKind']) => update({ participantsKind })}
              compact
            />
            {manager && <p className="c-field__hint">{t('console.form.managerTeams')}</p>}
            {form.participantsKind === 'teams' && (
              <CheckList
                legend={t('console.form.teams')}
                empty={t('console.form.noTeams')}
                items={loaded.teams
                  .filter((team) => !manager || user.teams.includes(team.key))
                  .map((team) => ({ value: team.key, label: team.name }))}
                selected={form.teams}
                disabled={!rulesEditable}
                error={error('participants.teams')}
                onChange={(teams) => {
                  touch('participants.teams');
                  update({ teams });
                }}
              />
            )}
            {form.participantsKind === 'reps' && (
              <CheckList
                legend={t('console.form.reps')}
                empty={t('console.form.noReps')}
                items={loaded.reps.map((rep) => ({ value: rep.externalId, label: rep.displayName }))}
                selected={form.reps}
                disabled={!rulesEditable}
                error={error('participants.reps')}
                onChange={(reps) => {
                  touch('participants.reps');
                  update({ reps });
                }}
              />
            )}
            {form.kind === 'leaderboard' && (
              <div className="c-subsection">
                <label className="c-check">
                  <input
                    type="checkbox"
                    checked={form.useTargets}
                    disabled={!rulesEditable}
                    onChange={(e) => update({ useTargets: e.target.checked })}
                  />
                  <span>
                    <strong>{t('console.form.useTargets')}</strong>
                    <span className="c-field__hint c-block">{t('console.form.useTargetsHint')}</span>
                  </span>
                </label>
                {form.useTargets && (
                  <TargetsEditor
                    form={form}
                    reps={loaded.reps}
                    disabled={!rulesEditable}
                    error={error}
                    touch={touch}
                    update={update}
                    t={t}
                  />
                )}
              </div>
            )}
          </Section>

          <Section title={t('console.form.sections.prizes')}>
            <PrizeRows
              kind="ranks"
              rows={form.rankPrizes}
              error={error}
              touch={touch}
              onChange={(rankPrizes) => update({ rankPrizes })}
              t={t}
            />
            <PrizeRows
              kind="thresholds"
              rows={form.thresholdPrizes}
              error={error}
              touch={touch}
              onChange={(thresholdPrizes) => update({ thresholdPrizes })}
              t={t}
            />
          </Section>

          <details className="c-section c-advanced">
            <summary>{t('console.form.sections.advanced')}</summary>
            <div className="c-row">
              <Choice
                legend={t('console.form.tieRule')}
                name="tieRule"
                value={form.tieRule}
                options={(['first_to_reach', 'shared'] as const).map((v) => ({
                  value: v,
                  label: t(`console.form.tieRules.${v}`),
                }))}
                disabled={!rulesEditable}
                onChange={(tieRule: ContestForm['tieRule']) => update({ tieRule })}
                compact
              />
            </div>
            <div className="c-row">
              {form.kind !== 'team' && (
                <Field
                  label={t('console.form.minScore')}
                  hint={t('console.form.minScoreHint')}
                  error={error('minScore', true)}
                  locked={ruleLock}
                >
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      name="minScore"
                      className="c-input c-input--short"
                      inputMode="numeric"
                      value={form.minScore}
                      disabled={!rulesEditable}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ minScore: e.target.value })}
                      onBlur={() => touch('minScore')}
                    />
                  )}
                </Field>
              )}
              <Field
                label={t('console.form.grace')}
                hint={t('console.form.graceHint')}
                error={error('gracePeriodMinutes', true)}
                locked={ruleLock}
              >
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    name="gracePeriodMinutes"
                    className="c-input c-input--short"
                    inputMode="numeric"
                    value={form.gracePeriodMinutes}
                    disabled={!rulesEditable}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onChange={(e) => update({ gracePeriodMinutes: e.target.value })}
                    onBlur={() => touch('gracePeriodMinutes')}
                  />
                )}
              </Field>
              {form.kind !== 'team' && (
                <Field label={t('console.form.divisions')} error={error('divisions', true)} locked={ruleLock}>
                  {({ id, describedBy }) => (
                    <select
                      id={id}
                      className="c-input"
                      value={form.divisions}
                      disabled={!rulesEditable}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ divisions: e.target.value as ContestForm['divisions'] })}
                    >
                      {(['none', 'team', 'role'] as const).map((d) => (
                        <option key={d} value={d}>
                          {t(`console.form.divisionOptions.${d}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </div>
            {form.filters.length > 0 && (
              <p className="c-field__hint">{t('console.form.filtersKept', { count: form.filters.length })}</p>
            )}
          </details>

          <div className="c-actionbar">
            <Link
              to={
                existing === null
                  ? { page: 'contests' }
                  : { page: 'contest', id: existing.id, tab: 'overview' }
              }
              className="c-button c-button--ghost"
            >
              {t('console.common.cancel')}
            </Link>
            {existing === null ? (
              <>
                <button
                  type="button"
                  className="c-button"
                  disabled={busy !== null}
                  onClick={() => void submit('draft')}
                >
                  {busy === 'draft' ? t('console.common.saving') : t('console.form.saveDraft')}
                </button>
                <button
                  type="submit"
                  className="c-button c-button--primary"
                  disabled={busy !== null}
                  data-action="publish"
                >
                  {busy === 'publish' ? t('console.common.saving') : t('console.form.publish')}
                </button>
              </>
            ) : (
              <button type="submit" className="c-button c-button--primary" disabled={busy !== null}>
                {busy === 'save' ? t('console.common.saving') : t('console.form.save')}
              </button>
            )}
          </div>
        </form>
        <PreviewPanel form={form} preview={preview} lang={lang} problems={localProblems.length} t={t} />
      </div>
    </>
  );
}

function Section({
  title,
  locked,
  children,
}: {
  title: string;
  locked?: string | undefined;
  children: ReactNode;
}) {
  return (
    <section className="c-section" aria-label={title}>
      <h2 className="c-section__title">
        {title}
        {locked !== undefined && (
          <span className="c-section__lock" title={locked}>
            <Icon name="edit" size={14} /> <span className="visually-hidden">{locked}</span>
          </span>
        )}
      </h2>
      {children}
    </section>
  );
}

/** Radio buttons drawn as cards (or as a segmented control when `compact`). */
function Choice<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  disabled = false,
  compact = false,
}: {
  legend: string;
  name: string;
  value: V;
  options: readonly { value: V; label: string; hint?: string; disabled?: boolean }[];
  onChange: (value: V) => void;
  disabled?: boolean;
  compact?: boolean;
}) {
  return (
    <fieldset className={`c-choice${compact ? ' c-choice--compact' : ''}`} disabled={disabled}>
      <legend className="c-field__label">{legend}</legend>
      <div className="c-choice__options">
        {options.map((option) => (
          <label
            key={option.value}
            className={`c-choice__option${value === option.value ? ' c-choice__option--checked' : ''}`}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              disabled={option.disabled === true}
              onChange={() => onChange(option.value)}
            />
            <span className="c-choice__label">{option.label}</span>
            {option.hint !== undefined && <span className="c-choice__hint">{option.hint}</span>}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CheckList({
  legend,
  items,
  selected,
  onChange,
  disabled,
  error,
  empty,
}: {
  legend: string;
  items: readonly { value: string; label: string }[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  disabled: boolean;
  error: string | undefined;
  empty: string;
}) {
  return (
    <fieldset className="c-fieldset">
      <legend className="c-field__label">{legend}</legend>
      {items.length === 0 ? (
        <p className="c-muted">{empty}</p>
      ) : (
        <div className="c-checks c-checks--scroll">
          {items.map((item) => (
            <label key={item.value} className="c-check">
              <input
                type="checkbox"
                checked={selected.includes(item.value)}
                disabled={disabled}
                onChange={(e) =>
                  onChange(
                    e.target.checked ? [...selected, item.value] : selected.filter((v) => v !== item.value),
                  )
                }
              />
              <span>{item.label}</span>
            </label>
          ))}
        </div>
      )}
      {error !== undefined && (
        <p className="c-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function TargetsEditor({
  form,
  reps,
  disabled,
  error,
  touch,
  update,
  t,
}: {
  form: ContestForm;
  reps: readonly RepResponse[];
  disabled: boolean;
  error: (path: string, exact?: boolean) => string | undefined;
  touch: (path: string) => void;
  update: (change: Partial<ContestForm>) => void;
  t: T;
}) {
  return (
    <div className="c-targets">
      <Field label={t('console.form.targetDefault')} error={error('targets.default', true)}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            name="targets.default"
            className="c-input c-input--short"
            inputMode="numeric"
            value={form.targetDefault}
            disabled={disabled}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => update({ targetDefault: e.target.value })}
            onBlur={() => touch('targets.default')}
          />
        )}
      </Field>
      <table className="c-table c-table--compact">
        <caption className="c-table__caption">{t('console.form.perRep')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.people.rep')}</th>
            <th scope="col">{t('console.form.target')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('console.common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {form.perRep.map((row, i) => (
            <tr key={row.key}>
              <td>
                <select
                  className="c-input"
                  aria-label={t('console.people.rep')}
                  value={row.rep}
                  disabled={disabled}
                  onChange={(e) =>
                    update({
                      perRep: form.perRep.map((r, j) => (j === i ? { ...r, rep: e.target.value } : r)),
                    })
                  }
                >
                  <option value="">{t('console.form.pickRep')}</option>
                  {reps.map((rep) => (
                    <option key={rep.externalId} value={rep.externalId}>
                      {rep.displayName}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="c-input c-input--short"
                  inputMode="numeric"
                  aria-label={t('console.form.targetFor', {
                    rep: reps.find((r) => r.externalId === row.rep)?.displayName ?? row.rep,
                  })}
                  value={row.value}
                  disabled={disabled}
                  aria-invalid={error(`targets.perRep.${row.rep}`, true) !== undefined}
                  onChange={(e) =>
                    update({
                      perRep: form.perRep.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)),
                    })
                  }
                  onBlur={() => touch(`targets.perRep.${row.rep}`)}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="c-button c-button--ghost c-button--small"
                  disabled={disabled}
                  onClick={() => update({ perRep: form.perRep.filter((_, j) => j !== i) })}
                >
                  {t('console.common.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="c-button c-button--small"
        disabled={disabled}
        onClick={() => update({ perRep: [...form.perRep, { key: rowKey(), rep: '', value: '' }] })}
      >
        <Icon name="plus" size={16} /> {t('console.form.addTarget')}
      </button>
    </div>
  );
}

function PrizeRows({
  kind,
  rows,
  error,
  touch,
  onChange,
  t,
}: {
  kind: 'ranks' | 'thresholds';
  rows: readonly PrizeRow[];
  error: (path: string, exact?: boolean) => string | undefined;
  touch: (path: string) => void;
  onChange: (rows: PrizeRow[]) => void;
  t: T;
}) {
  const atPath = kind === 'ranks' ? 'rank' : 'atLeast';
  const change = (i: number, change: Partial<PrizeRow>) =>
    onChange(rows.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const nextRank = () => String(Math.max(0, ...rows.map((r) => Number(r.at) || 0)) + 1);
  return (
    <div className="c-prizes">
      <h3 className="c-prizes__title">{t(`console.form.prizes.${kind}`)}</h3>
      <p className="c-field__hint">{t(`console.form.prizes.${kind}Hint`)}</p>
      {rows.map((row, i) => {
        const base = `prizes.${kind}[${i}]`;
        const atError = error(`${base}.${atPath}`, true);
        const nameError = error(`${base}.prize.name`, true);
        const imageError = error(`${base}.prize.imageUrl`, true);
        return (
          <div key={row.key} className="c-prize-row" data-prize-row={`${kind}-${i}`}>
            <span
              className={`c-medal c-medal--${kind === 'ranks' ? Math.min(Number(row.at) || 4, 4) : 'goal'}`}
              aria-hidden="true"
            >
              {kind === 'ranks' ? row.at || '?' : '★'}
            </span>
            <label className="c-prize-row__at">
              <span className="c-field__label">{t(`console.form.prizes.${atPath}`)}</span>
              <input
                className="c-input c-input--tiny"
                inputMode="numeric"
                name={`${base}.${atPath}`}
                value={row.at}
                aria-invalid={atError !== undefined}
                onChange={(e) => change(i, { at: e.target.value })}
                onBlur={() => touch(`${base}.${atPath}`)}
              />
              {atError !== undefined && <span className="c-field__error">{atError}</span>}
            </label>
            <label className="c-prize-row__name">
              <span className="c-field__label">{t('console.form.prizes.name')}</span>
              <input
                className="c-input"
                name={`${base}.prize.name`}
                value={row.name}
                aria-invalid={nameError !== undefined}
                onChange={(e) => change(i, { name: e.target.value })}
                onBlur={() => touch(`${base}.prize.name`)}
              />
              {nameError !== undefined && <span className="c-field__error">{nameError}</span>}
            </label>
            <label className="c-prize-row__desc">
              <span className="c-field__label">{t('console.form.prizes.description')}</span>
              <input
                className="c-input"
                name={`${base}.prize.description`}
                value={row.description}
                onChange={(e) => change(i, { description: e.target.value })}
              />
            </label>
            <label className="c-prize-row__image">
              <span className="c-field__label">{t('console.form.prizes.imageUrl')}</span>
              <input
                className="c-input"
                type="url"
                name={`${base}.prize.imageUrl`}
                placeholder="https://"
                value={row.imageUrl}
                aria-invalid={imageError !== undefined}
                onChange={(e) => change(i, { imageUrl: e.target.value })}
                onBlur={() => touch(`${base}.prize.imageUrl`)}
              />
              {imageError !== undefined && <span className="c-field__error">{imageError}</span>}
            </label>
            <button
              type="button"
              className="c-button c-button--ghost c-button--small c-prize-row__remove"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {t('console.common.remove')}
              <span className="visually-hidden"> {row.name}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="c-button c-button--small"
        onClick={() =>
          onChange([
            ...rows,
            {
              key: rowKey(),
              at: kind === 'ranks' ? nextRank() : '',
              name: '',
              description: '',
              imageUrl: '',
            },
          ])
        }
      >
        <Icon name="plus" size={16} /> {t(`console.form.prizes.add_${kind}`)}
      </button>
    </div>
  );
}

function PreviewPanel({
  form,
  preview,
  lang,
  problems,
  t,
}: {
  form: ContestForm;
  preview: PreviewState;
  lang: Language;
  problems: number;
  t: T;
}) {
  const prizes = [...form.rankPrizes]
    .filter((p) => p.name.trim() !== '')
    .sort((a, b) => (Number(a.at) || 0) - (Number(b.at) || 0));
  return (
    <aside className="c-preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="c-preview__title">
        <Icon name="spark" size={18} /> {t('console.preview.title')}
      </h2>
      <div className="c-preview__sentence" aria-live="polite" data-testid="contest-preview">
        {preview.kind === 'ready' && <p className="c-preview__text">{previewIn(preview.text, lang)}</p>}
        {preview.kind === 'checking' && <p className="c-muted">{t('console.preview.checking')}</p>}
        {preview.kind === 'invalid' && (
          <p className="c-muted">{t('console.preview.invalid', { count: Math.max(problems, 1) })}</p>
        )}
        {preview.kind === 'unavailable' && <p className="c-muted">{t('console.preview.unavailable')}</p>}
        {preview.kind === 'idle' && <p className="c-muted">{t('console.preview.idle')}</p>}
      </div>
      <div className="c-preview__tv" aria-hidden="true">
        <div className="c-mini-tv">
          <div className="c-mini-tv__name">
            {form.name.trim() === '' ? t('console.preview.untitled') : form.name}
          </div>
          <div className="c-mini-tv__period">{t(`console.periods.${form.periodKind}`)}</div>
          {['Sanne', 'Daan', 'Emma'].map((name, i) => (
            <div key={name} className="c-mini-tv__row">
              <span className={`c-mini-tv__rank c-mini-tv__rank--${i + 1}`}>{i + 1}</span>
              <span className="c-mini-tv__bar" style={{ width: `${90 - i * 22}%` }} />
            </div>
          ))}
          {prizes.length > 0 && (
            <div className="c-mini-tv__prize">
              <Icon name="contests" size={14} /> {prizes[0]?.name}
            </div>
          )}
        </div>
        <p className="c-preview__caption">{t('console.preview.tvCaption')}</p>
      </div>
    </aside>
  );
}
