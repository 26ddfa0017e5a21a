import { useMemo, useState, type FormEvent } from 'react';
import {
  BOARD_LANGUAGES,
  BOARD_THEMES,
  MOMENT_KINDS,
  type BoardSettings,
  type MomentKind,
  type PairingResponse,
  type ScreenResponse,
  type UpdateScreenRequest,
} from '#contracts';
import { checkBoardSettings, DEFAULT_BOARD_SETTINGS, type FieldProblem } from '#domain';
import { ApiError } from '../api/client.js';
import { currencyDigits } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { get, messageOf, patch, post, problemsOf } from './console-api.js';
import type { ConsoleContest } from './contest-text.js';
import { screenState } from './boards-page.js';
import { Icon } from './icons.js';
import {
  ConfirmDialog,
  Field,
  PageHeader,
  ResourceState,
  StatusBadge,
  usePageTitle,
  useToast,
  When,
} from './kit.js';
import { problemAt, problemText } from './problem-text.js';
import { Link, navigate } from './router.js';
import { useResource } from './use-resource.js';

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The one-time pairing links of boards created on this page (an alternative to typing the TV's code),
 * kept while the page is open: the server shows each only once, at creation.
 */
const FRESH_PAIRINGS = new Map<string, PairingResponse>();

interface BoardForm {
  readonly name: string;
  readonly contestIds: readonly string[];
  readonly topN: string;
  readonly secondsPerSlide: string;
  readonly theme: BoardSettings['theme'];
  readonly language: BoardSettings['language'];
  readonly celebrate: boolean;
  readonly kinds: readonly MomentKind[];
  readonly sound: boolean;
  readonly bigDealOn: boolean;
  /** In major units ("5000" for €5,000), as typed. */
  readonly bigDealAmount: string;
  readonly bigDealCurrency: string;
  readonly winnersHoldSeconds: string;
}

function formOf(screen: ScreenResponse | null, preselected: readonly string[]): BoardForm {
  const s = screen?.settings ?? DEFAULT_BOARD_SETTINGS;
  const currency = s.bigDeal?.currency ?? 'EUR';
  return {
    name: screen?.name ?? '',
    contestIds: screen?.contestIds ?? preselected,
    topN: String(screen?.topN ?? s.topN),
    secondsPerSlide: String(s.secondsPerSlide),
    theme: s.theme,
    language: s.language,
    celebrate: s.celebrations.enabled,
    kinds: s.celebrations.kinds,
    sound: s.celebrations.sound,
    bigDealOn: s.bigDeal !== null,
    bigDealAmount: s.bigDeal === null ? '5000' : String(s.bigDeal.amount / 10 ** currencyDigits(currency)),
    bigDealCurrency: currency,
    winnersHoldSeconds: String(s.winnersHoldSeconds),
  };
}

const whole = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function settingsOf(form: BoardForm): BoardSettings {
  const currency = form.bigDealCurrency.trim().toUpperCase();
  const major = Number(form.bigDealAmount.trim().replace(',', '.'));
  return {
    secondsPerSlide: whole(form.secondsPerSlide),
    topN: whole(form.topN),
    theme: form.theme,
    language: form.language,
    celebrations: { enabled: form.celebrate, kinds: [...form.kinds], sound: form.sound },
    bigDeal: form.bigDealOn
      ? {
          amount:
            Number.isFinite(major) && form.bigDealAmount.trim() !== ''
              ? Math.round(major * 10 ** currencyDigits(currency))
              : Number.NaN,
          currency,
        }
      : null,
    winnersHoldSeconds: whole(form.winnersHoldSeconds),
  };
}

function checkForm(form: BoardForm): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (form.name.trim() === '' || form.name.trim().length > 120)
    problems.push({ path: 'name', reason: 'must be 1 to 120 characters' });
  if (form.contestIds.length === 0)
    problems.push({ path: 'contestIds', reason: 'must list at least one contest' });
  if (form.contestIds.length > 20)
    problems.push({ path: 'contestIds', reason: 'must list at most 20 contests' });
  return [...problems, ...checkBoardSettings(settingsOf(form))];
}

/** The board editor: its playlist and settings, pairing a TV by the code it shows, and revoking. */
export function BoardEditorPage({ id }: { id: string | null }) {
  const { t } = useT();
  usePageTitle(id === null ? t('console.boards.new') : t('console.boards.editTitle'));
  const { state, reload, set } = useResource(
    async (signal) => {
      const [screens, contests] = await Promise.all([
        id === null
          ? Promise.resolve([] as ScreenResponse[])
          : get<ScreenResponse[]>('/api/v1/screens', signal),
        get<ConsoleContest[]>('/api/v1/contests', signal),
      ]);
      const screen = id === null ? null : (screens.find((s) => s.id === id) ?? null);
      return { screen, contests };
    },
    [id],
  );
  return (
    <ResourceState state={state} onRetry={reload}>
      {({ screen, contests }) =>
        id !== null && screen === null ? (
          <div className="c-state c-state--box">
            <h1 id="page-title">{t('common.notFound')}</h1>
            <Link to={{ page: 'boards' }}>{t('console.nav.boards')}</Link>
          </div>
        ) : (
          <BoardEditor
            key={screen?.id ?? 'new'}
            screen={screen}
            contests={contests}
            onSaved={(next) => set((data) => ({ ...data, screen: next }))}
          />
        )
      }
    </ResourceState>
  );
}

function BoardEditor({
  screen,
  contests,
  onSaved,
}: {
  screen: ScreenResponse | null;
  contests: readonly ConsoleContest[];
  onSaved: (screen: ScreenResponse) => void;
}) {
  const { t, lang } = useT();
  const { toast, node: toastNode } = useToast();
  const playable = useMemo(() => contests.filter((c) => c.status !== 'archived'), [contests]);
  const [form, setForm] = useState<BoardForm>(() => {
    const asked = new URLSearchParams(location.search).get('contest');
    const preselected =
      asked !== null && playable.some((c) => c.id === asked)
        ? [asked]
        : playable
            .filter((c) => c.status === 'live')
            .slice(0, 20)
            .map((c) => c.id);
    return formOf(screen, preselected);
  });
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly FieldProblem[]>([]);
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const localProblems = useMemo(() => checkForm(form), [form]);
  const problems = [
    ...serverProblems,
    ...(submitted
      ? localProblems
      : localProblems.filter((p) => p.path !== 'name' && p.path !== 'contestIds')),
  ];
  const error = (...paths: string[]): string | undefined => {
    for (const path of paths) {
      const found = problemAt(problems, path, true);
      if (found !== undefined) return boardProblemText(t, found);
    }
    return undefined;
  };
  const update = (change: Partial<BoardForm>) => {
    setForm((f) => ({ ...f, ...change }));
    setBanner(null);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (localProblems.length > 0) {
      setBanner(t('console.form.fixProblems', { count: localProblems.length }));
      return;
    }
    setBusy(true);
    setBanner(null);
    const settings = settingsOf(form);
    // The screen's top N is its own field; the settings patch carries the rest.
    const rest: UpdateScreenRequest['settings'] = {
      secondsPerSlide: settings.secondsPerSlide,
      theme: settings.theme,
      language: settings.language,
      celebrations: settings.celebrations,
      bigDeal: settings.bigDeal,
      winnersHoldSeconds: settings.winnersHoldSeconds,
    };
    const change: UpdateScreenRequest = {
      name: form.name.trim(),
      contestIds: [...form.contestIds],
      topN: settings.topN,
      settings: rest,
    };
    try {
      if (screen === null) {
        const created = await post<ScreenResponse & { pairing: PairingResponse }>('/api/v1/screens', {
          name: change.name,
          contestIds: change.contestIds,
          topN: change.topN,
        });
        const saved = await patch<ScreenResponse>(`/api/v1/screens/${created.id}`, { settings: rest });
        FRESH_PAIRINGS.set(created.id, created.pairing);
        navigate({ page: 'board', id: created.id }, { replace: true });
        onSaved(saved);
      } else {
        const saved = await patch<ScreenResponse>(`/api/v1/screens/${screen.id}`, change);
        onSaved(saved);
      }
      setServerProblems([]);
      setSubmitted(false);
      toast(t('console.boards.saved'));
    } catch (caught) {
      const found = problemsOf(caught);
      setServerProblems(found);
      setBanner(
        found.length > 0
          ? t('console.form.fixProblems', { count: found.length })
          : messageOf(caught, t('console.common.error')),
      );
    } finally {
      setBusy(false);
    }
  }

  const byId = new Map(contests.map((c) => [c.id, c]));
  const move = (i: number, by: -1 | 1) => {
    const ids = [...form.contestIds];
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    update({ contestIds: ids });
  };
  const notInPlaylist = playable.filter((c) => !form.contestIds.includes(c.id));

  return (
    <>
      <PageHeader
        back={
          <Link to={{ page: 'boards' }} className="c-back">
            <Icon name="chevronLeft" size={16} />
            {t('console.nav.boards')}
          </Link>
        }
        title={screen === null ? t('console.boards.new') : screen.name}
        lead={t('console.boards.editorLead')}
      />
      <div className="c-form-layout">
        <form className="c-form" noValidate onSubmit={(e) => void save(e)} aria-labelledby="page-title">
          {banner !== null && (
            <p className="c-notice c-notice--error" role="alert">
              {banner}
            </p>
          )}
          <section className="c-section" aria-label={t('console.boards.sections.board')}>
            <h2 className="c-section__title">{t('console.boards.sections.board')}</h2>
            <Field label={t('console.boards.name')} hint={t('console.boards.nameHint')} error={error('name')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name="name"
                  className="c-input"
                  value={form.name}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(e) => update({ name: e.target.value })}
                  autoFocus={screen === null}
                />
              )}
            </Field>
          </section>

          <section className="c-section" aria-label={t('console.boards.sections.playlist')}>
            <h2 className="c-section__title">{t('console.boards.sections.playlist')}</h2>
            <p className="c-field__hint">{t('console.boards.playlistHint')}</p>
            {form.contestIds.length === 0 ? (
              <p className="c-muted">{t('console.boards.playlistEmpty')}</p>
            ) : (
              <ol className="c-playlist" aria-label={t('console.boards.sections.playlist')}>
                {form.contestIds.map((id, i) => {
                  const contest = byId.get(id);
                  return (
                    <li key={id} className="c-playlist__item" data-playlist-contest={id}>
                      <span className="c-playlist__n" aria-hidden="true">
                        {i + 1}
                      </span>
                      <span className="c-playlist__name">
                        {contest?.name ?? id}
                        {contest !== undefined && (
                          <StatusBadge status={contest.status} paused={contest.paused === true} />
                        )}
                      </span>
                      <span className="c-playlist__actions">
                        <button
                          type="button"
                          className="c-icon-button"
                          disabled={i === 0}
                          onClick={() => move(i, -1)}
                          aria-label={t('console.boards.moveUp', { name: contest?.name ?? id })}
                        >
                          <Icon name="up" size={16} />
                        </button>
                        <button
                          type="button"
                          className="c-icon-button"
                          disabled={i === form.contestIds.length - 1}
                          onClick={() => move(i, 1)}
                          aria-label={t('console.boards.moveDown', { name: contest?.name ?? id })}
                        >
                          <Icon name="down" size={16} />
                        </button>
                        <button
                          type="button"
                          className="c-button c-button--ghost c-button--small"
                          onClick={() => update({ contestIds: form.contestIds.filter((x) => x !== id) })}
                        >
                          {t('console.common.remove')}
                          <span className="visually-hidden"> {contest?.name}</span>
                        </button>
                      </span>
                    </li>
                  );
                })}
              </ol>
            )}
            {error('contestIds') !== undefined && (
              <p className="c-field__error" role="alert">
                {error('contestIds')}
              </p>
            )}
            {notInPlaylist.length > 0 && (
              <label className="c-add-contest">
                <span className="c-field__label">{t('console.boards.addContest')}</span>
                <select
                  className="c-input"
                  value=""
                  onChange={(e) =>
                    e.target.value !== '' && update({ contestIds: [...form.contestIds, e.target.value] })
                  }
                >
                  <option value="">{t('console.boards.pickContest')}</option>
                  {notInPlaylist.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({t(`console.status.${c.status}`)})
                    </option>
                  ))}
                </select>
              </label>
            )}
          </section>

          <section className="c-section" aria-label={t('console.boards.sections.display')}>
            <h2 className="c-section__title">{t('console.boards.sections.display')}</h2>
            <div className="c-row">
              <NumberField
                label={t('console.boards.secondsPerSlide')}
                suffix={t('console.boards.secondsUnit')}
                value={form.secondsPerSlide}
                error={error('settings.secondsPerSlide', 'secondsPerSlide')}
                onChange={(secondsPerSlide) => update({ secondsPerSlide })}
                name="secondsPerSlide"
              />
              <NumberField
                label={t('console.boards.topN')}
                hint={t('console.boards.topNHint')}
                value={form.topN}
                error={error('topN', 'settings.topN')}
                onChange={(topN) => update({ topN })}
                name="topN"
              />
              <NumberField
                label={t('console.boards.winnersHold')}
                hint={t('console.boards.winnersHoldHint')}
                suffix={t('console.boards.secondsUnit')}
                value={form.winnersHoldSeconds}
                error={error('settings.winnersHoldSeconds')}
                onChange={(winnersHoldSeconds) => update({ winnersHoldSeconds })}
                name="winnersHoldSeconds"
              />
            </div>
            <div className="c-row">
              <fieldset className="c-choice c-choice--compact">
                <legend className="c-field__label">{t('console.boards.theme')}</legend>
                <div className="c-choice__options">
                  {BOARD_THEMES.map((theme) => (
                    <label
                      key={theme}
                      className={`c-choice__option${form.theme === theme ? ' c-choice__option--checked' : ''}`}
                    >
                      <input
                        type="radio"
                        name="theme"
                        value={theme}
                        checked={form.theme === theme}
                        onChange={() => update({ theme })}
                      />
                      <span className={`c-swatch c-swatch--${theme}`} aria-hidden="true" />
                      <span className="c-choice__label">{t(`console.boards.themes.${theme}`)}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field label={t('console.boards.language')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    className="c-input"
                    value={form.language}
                    aria-describedby={describedBy}
                    onChange={(e) => update({ language: e.target.value as BoardSettings['language'] })}
                  >
                    {BOARD_LANGUAGES.map((l) => (
                      <option key={l} value={l}>
                        {t(`console.boards.languages.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </section>

          <section className="c-section" aria-label={t('console.boards.sections.celebrations')}>
            <h2 className="c-section__title">{t('console.boards.sections.celebrations')}</h2>
            <label className="switch">
              <span className="switch__label">{t('console.boards.celebrate')}</span>
              <input
                type="checkbox"
                role="switch"
                checked={form.celebrate}
                onChange={(e) => update({ celebrate: e.target.checked })}
              />
            </label>
            <fieldset className="c-fieldset" disabled={!form.celebrate}>
              <legend className="c-field__label">{t('console.boards.kinds')}</legend>
              <div className="c-checks">
                {MOMENT_KINDS.map((kind) => (
                  <label key={kind} className="c-check">
                    <input
                      type="checkbox"
                      checked={form.kinds.includes(kind)}
                      onChange={(e) =>
                        update({
                          kinds: e.target.checked
                            ? MOMENT_KINDS.filter((k) => k === kind || form.kinds.includes(k))
                            : form.kinds.filter((k) => k !== kind),
                        })
                      }
                    />
                    <span>
                      {t(`console.boards.momentKinds.${kind}`)}
                      <span className="c-field__hint c-block">{t(`console.boards.momentHints.${kind}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="switch">
              <span className="switch__label">{t('console.boards.sound')}</span>
              <input
                type="checkbox"
                role="switch"
                checked={form.sound}
                disabled={!form.celebrate}
                onChange={(e) => update({ sound: e.target.checked })}
              />
            </label>
            <label className="switch">
              <span className="switch__label">{t('console.boards.bigDeal')}</span>
              <input
                type="checkbox"
                role="switch"
                checked={form.bigDealOn}
                onChange={(e) => update({ bigDealOn: e.target.checked })}
              />
            </label>
            {form.bigDealOn && (
              <div className="c-row">
                <NumberField
                  label={t('console.boards.bigDealAmount')}
                  hint={t('console.boards.bigDealHint')}
                  value={form.bigDealAmount}
                  error={error('settings.bigDeal.amount')}
                  onChange={(bigDealAmount) => update({ bigDealAmount })}
                  name="bigDealAmount"
                />
                <Field label={t('console.form.currency')} error={error('settings.bigDeal.currency')}>
                  {({ id, describedBy, invalid }) => (
                    <input
                      id={id}
                      className="c-input c-input--tiny"
                      maxLength={3}
                      value={form.bigDealCurrency}
                      aria-invalid={invalid}
                      aria-describedby={describedBy}
                      onChange={(e) => update({ bigDealCurrency: e.target.value.toUpperCase() })}
                    />
                  )}
                </Field>
              </div>
            )}
          </section>
          <div className="c-actionbar">
            <Link to={{ page: 'boards' }} className="c-button c-button--ghost">
              {t('console.common.cancel')}
            </Link>
            <button
              type="submit"
              className="c-button c-button--primary"
              disabled={busy}
              data-action="save-board"
            >
              {busy
                ? t('console.common.saving')
                : screen === null
                  ? t('console.boards.create')
                  : t('console.form.save')}
            </button>
          </div>
        </form>
        <aside className="c-side-panels">
          <TvPreview form={form} contests={byId} t={t} />
          {screen !== null && (
            <PairPanel
              screen={screen}
              pairing={FRESH_PAIRINGS.get(screen.id) ?? null}
              onPaired={onSaved}
              lang={lang}
              t={t}
            />
          )}
        </aside>
      </div>
      {toastNode}
    </>
  );
}

function boardProblemText(t: T, problem: FieldProblem): string {
  const path = problem.path.replace(/^settings\./, '');
  if (path === 'name') return t('console.problems.boardName');
  if (path === 'contestIds' || path.startsWith('contestIds')) return t('console.problems.playlist');
  if (path === 'secondsPerSlide') return t('console.problems.range', { min: 5, max: 300 });
  if (path === 'topN') return t('console.problems.range', { min: 1, max: 50 });
  if (path === 'winnersHoldSeconds') return t('console.problems.range', { min: 0, max: 3600 });
  if (path === 'bigDeal.amount') return t('console.problems.bigDeal');
  if (path === 'bigDeal.currency') return t('console.problems.currency');
  return problemText(t, problem);
}

function NumberField({
  label,
  hint,
  suffix,
  value,
  error,
  onChange,
  name,
}: {
  label: string;
  hint?: string;
  suffix?: string;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  name: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <span className="c-suffixed">
          <input
            id={id}
            name={name}
            className="c-input c-input--short"
            inputMode="numeric"
            value={value}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
          {suffix !== undefined && (
            <span className="c-suffixed__suffix" aria-hidden="true">
              {suffix}
            </span>
          )}
        </span>
      )}
    </Field>
  );
}

/** A small picture of the TV with these settings: theme, the first slide, rows up to the top N. */
function TvPreview({
  form,
  contests,
  t,
}: {
  form: BoardForm;
  contests: ReadonlyMap<string, ConsoleContest>;
  t: T;
}) {
  const first = form.contestIds[0] === undefined ? undefined : contests.get(form.contestIds[0]);
  const rows = Math.max(1, Math.min(whole(form.topN) || 1, 6));
  return (
    <section className="c-panel" aria-labelledby="tv-preview-title">
      <h2 id="tv-preview-title" className="c-panel__title">
        {t('console.boards.previewTitle')}
      </h2>
      <div className={`c-tv-preview c-tv-preview--${form.theme}`} aria-hidden="true">
        <div className="c-tv-preview__head">
          <span>{first?.name ?? t('console.preview.untitled')}</span>
          <span className="c-tv-preview__clock">2d 04:12</span>
        </div>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="c-tv-preview__row">
            <span className={`c-tv-preview__rank c-tv-preview__rank--${Math.min(i + 1, 4)}`}>{i + 1}</span>
            <span className="c-tv-preview__avatar" />
            <span className="c-tv-preview__bar" style={{ width: `${88 - i * 12}%` }} />
          </div>
        ))}
        <div className="c-tv-preview__dots">
          {form.contestIds.slice(0, 8).map((id, i) => (
            <i key={id} className={i === 0 ? 'on' : ''} />
          ))}
        </div>
      </div>
      <p className="c-muted">
        {t('console.boards.previewCaption', {
          count: form.contestIds.length,
          seconds: whole(form.secondsPerSlide) || 0,
        })}
      </p>
    </section>
  );
}

/** Pairs a TV by the code it shows on /tv (the device grant), and revokes the board's TV. */
function PairPanel({
  screen,
  pairing,
  onPaired,
  lang,
  t,
}: {
  screen: ScreenResponse;
  pairing: PairingResponse | null;
  onPaired: (screen: ScreenResponse) => void;
  lang: 'en' | 'nl';
  t: T;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [paired, setPaired] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const status = screenState(screen, Date.now());

  async function pair(event: FormEvent) {
    event.preventDefault();
    const userCode = code.trim();
    if (!/^[A-Za-z]{4}-?[A-Za-z]{4}$/.test(userCode.replace(/\s+/g, ''))) {
      setError(t('console.pair.badCode'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await post<ScreenResponse>(`/api/v1/screens/${screen.id}/link`, { userCode });
      setPaired(true);
      setCode('');
      onPaired(next);
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.status === 404
          ? t('console.pair.unknownCode')
          : caught instanceof ApiError && caught.status === 409
            ? t('console.pair.revoked')
            : messageOf(caught, t('console.common.error')),
      );
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setRevokeError(null);
    try {
      const next = await post<ScreenResponse>(`/api/v1/screens/${screen.id}/revoke`);
      setRevoking(false);
      onPaired(next);
    } catch (caught) {
      setRevokeError(messageOf(caught, t('console.common.error')));
    }
  }

  if (status === 'revoked') {
    return (
      <section className="c-panel" aria-labelledby="pair-title">
        <h2 id="pair-title" className="c-panel__title">
          {t('console.pair.title')}
        </h2>
        <p className="c-notice c-notice--warn">{t('console.pair.revokedNotice')}</p>
      </section>
    );
  }

  return (
    <section className="c-panel c-pair" aria-labelledby="pair-title">
      <h2 id="pair-title" className="c-panel__title">
        <Icon name="tv" size={18} /> {t('console.pair.title')}
      </h2>
      <p className={`c-screen__status c-screen__status--${status}`}>
        <span className="c-dot" aria-hidden="true" />
        {t(`console.boards.states.${status}`)} · {t('console.boards.lastSeen')}{' '}
        <When iso={screen.lastUsedAt} lang={lang} never={t('console.boards.neverSeen')} />
      </p>
      <ol className="c-steps">
        <li>
          {t('console.pair.step1')} <code className="c-code c-code--block">{`${location.origin}/tv`}</code>
        </li>
        <li>{t('console.pair.step2')}</li>
      </ol>
      <form className="c-pair__form" onSubmit={(e) => void pair(e)} noValidate>
        <label className="c-field__label" htmlFor="tv-code">
          {t('console.pair.code')}
        </label>
        <div className="c-pair__row">
          <input
            id="tv-code"
            name="userCode"
            className="c-input c-input--code"
            placeholder="BCDF-GHJK"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? 'tv-code-error' : undefined}
            onChange={(e) => {
              const letters = e.target.value
                .toUpperCase()
                .replace(/[^A-Z]/g, '')
                .slice(0, 8);
              setCode(letters.length > 4 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters);
              setError(null);
            }}
          />
          <button type="submit" className="c-button c-button--primary" disabled={busy} data-action="pair">
            {busy ? t('console.pair.pairing') : t('console.pair.pair')}
          </button>
        </div>
        {error !== null && (
          <p id="tv-code-error" className="c-field__error" role="alert">
            {error}
          </p>
        )}
        <div role="status" aria-live="polite">
          {paired && (
            <p className="c-notice c-notice--success" data-testid="paired">
              <Icon name="check" size={18} /> {t('console.pair.paired')}
            </p>
          )}
        </div>
      </form>
      {pairing !== null && (
        <details className="c-pair__link">
          <summary>{t('console.pair.linkInstead')}</summary>
          <p className="c-muted">{t('console.pair.linkHint')}</p>
          <code className="c-code c-code--block">{`${location.origin}${pairing.pairingPath}`}</code>
        </details>
      )}
      {screen.paired && (
        <div className="c-danger-zone">
          <button
            type="button"
            className="c-button c-button--danger c-button--small"
            onClick={() => setRevoking(true)}
          >
            {t('console.pair.revoke')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={revoking}
        title={t('console.pair.revokeTitle', { name: screen.name })}
        body={<p>{t('console.pair.revokeBody')}</p>}
        confirm={t('console.pair.revoke')}
        danger
        error={revokeError}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(false)}
      />
    </section>
  );
}
