import type { ScreenResponse } from '#contracts';
import { useT } from '../i18n/index.js';
import { get } from './console-api.js';
import type { ConsoleContest } from './contest-text.js';
import { Icon } from './icons.js';
import { EmptyState, PageHeader, ResourceState, usePageTitle, When } from './kit.js';
import { Link, navigate } from './router.js';
import { useResource } from './use-resource.js';

/** A screen seen within this long is "on air" (a paired TV polls and streams all the time). */
const ON_AIR_MS = 5 * 60_000;

export type ScreenState = 'on_air' | 'paired' | 'waiting' | 'revoked';

export function screenState(screen: ScreenResponse, now: number): ScreenState {
  if (screen.revokedAt !== null) return 'revoked';
  if (!screen.paired) return 'waiting';
  if (screen.lastUsedAt !== null && now - Date.parse(screen.lastUsedAt) < ON_AIR_MS) return 'on_air';
  return 'paired';
}

/** The office TVs: each board's playlist, whether a TV shows it, when it was last seen. */
export function BoardsPage() {
  const { t, lang } = useT();
  usePageTitle(t('console.nav.boards'));
  const { state, reload } = useResource(async (signal) => {
    const [screens, contests] = await Promise.all([
      get<ScreenResponse[]>('/api/v1/screens', signal),
      get<ConsoleContest[]>('/api/v1/contests', signal),
    ]);
    return { screens, contests: new Map(contests.map((c) => [c.id, c])) };
  }, []);

  return (
    <>
      <PageHeader
        title={t('console.boards.title')}
        lead={t('console.boards.lead')}
        actions={
          <Link to={{ page: 'board', id: null }} className="c-button c-button--primary">
            <Icon name="plus" size={18} /> {t('console.boards.new')}
          </Link>
        }
      />
      <ResourceState state={state} onRetry={reload}>
        {({ screens, contests }) => {
          const shown = [...screens].sort(
            (a, b) =>
              Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name),
          );
          if (shown.length === 0) {
            return (
              <EmptyState
                title={t('console.boards.emptyTitle')}
                body={t('console.boards.empty')}
                action={
                  <Link to={{ page: 'board', id: null }} className="c-button c-button--primary">
                    <Icon name="plus" size={18} /> {t('console.boards.new')}
                  </Link>
                }
              />
            );
          }
          const now = Date.now();
          return (
            <ul className="c-screens">
              {shown.map((screen) => {
                const status = screenState(screen, now);
                return (
                  <li
                    key={screen.id}
                    className={`c-screen c-screen--${status}`}
                    data-screen-id={screen.id}
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('a,button') === null) {
                        navigate({ page: 'board', id: screen.id });
                      }
                    }}
                  >
                    <div className={`c-screen__tv c-screen__tv--${screen.settings.theme}`} aria-hidden="true">
                      <span className="c-screen__tv-name">{screen.name}</span>
                      <span className="c-screen__tv-bars">
                        <i />
                        <i />
                        <i />
                      </span>
                    </div>
                    <div className="c-screen__body">
                      <h2 className="c-screen__name">
                        <Link to={{ page: 'board', id: screen.id }}>{screen.name}</Link>
                      </h2>
                      <p className={`c-screen__status c-screen__status--${status}`}>
                        <span className="c-dot" aria-hidden="true" />
                        {t(`console.boards.states.${status}`)}
                      </p>
                      <p className="c-muted">
                        {t('console.boards.lastSeen')}{' '}
                        <When iso={screen.lastUsedAt} lang={lang} never={t('console.boards.neverSeen')} />
                      </p>
                      <p className="c-screen__playlist">
                        {screen.contestIds
                          .map((id) => contests.get(id)?.name)
                          .filter((name) => name !== undefined)
                          .join(' · ') || t('console.boards.noContests')}
                      </p>
                      <p className="c-muted">
                        {t('console.boards.summary', {
                          count: screen.contestIds.length,
                          seconds: screen.settings.secondsPerSlide,
                          top: screen.topN,
                        })}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          );
        }}
      </ResourceState>
    </>
  );
}
