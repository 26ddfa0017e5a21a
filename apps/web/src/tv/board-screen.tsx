import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { BoardContest } from '#contracts';
import { serverClock } from '../api/client.js';
import { initialLanguage, setLanguage, useT } from '../i18n/index.js';
import type { LiveStatus } from '../realtime/live-standings.js';
import { useNow } from '../ui/use-now.js';
import { newestActivity, slideMode, type ContestLive } from './board-state.js';
import { Celebration } from './celebration.js';
import { playChime } from './chime.js';
import { PodiumMark } from './icons.js';
import { Slide } from './slide.js';
import { countsSales } from './units.js';
import { useBoard } from './use-board.js';

/** "12 seconds ago", "3 minutes ago", in the board's language. */
function ago(lang: string, ms: number): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return format.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.round(hours / 24), 'day');
}

function Freshness({
  contests,
  board,
}: {
  contests: ReadonlyMap<string, ContestLive>;
  board: readonly BoardContest[];
}) {
  const { t, lang } = useT();
  const now = useNow(1000) + serverClock.offsetMs();
  const newest = newestActivity(contests.values(), now);
  const sales = board.some((c) => countsSales(c.unit));
  return (
    <p className="tv-freshness" data-testid="freshness">
      {newest === null
        ? t('tv.freshness.none')
        : t(sales ? 'tv.freshness.lastSale' : 'tv.freshness.lastActivity', { ago: ago(lang, now - newest) })}
    </p>
  );
}

function Clock() {
  const { lang } = useT();
  const now = useNow(1000);
  return (
    <time className="tv-clock" dateTime={new Date(now).toISOString()}>
      {new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(now)}
    </time>
  );
}

function Status({ status, lastMessageAt }: { status: LiveStatus; lastMessageAt: number | null }) {
  const { t, lang } = useT();
  const since =
    lastMessageAt === null
      ? null
      : new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(lastMessageAt);
  const live = status === 'live';
  return (
    <p className={`tv-status tv-status--${live ? 'live' : 'waiting'}`} role="status" data-status={status}>
      <span className="tv-status__dot" aria-hidden="true" />
      {live
        ? t('tv.status.live')
        : since === null
          ? t('tv.status.connecting')
          : t('tv.status.reconnecting', { time: since })}
    </p>
  );
}

/** The paired board: the playlist of contests, live, with celebrations. */
export function BoardScreen({ onRevoked }: { onRevoked: () => void }) {
  const { t } = useT();
  const { board, contests, status, lastMessageAt, moments, loadFailed } = useBoard(onRevoked);
  const now = useNow(1000) + serverClock.offsetMs();

  // The board's look and language (its settings win; 'auto' is the browser's language).
  const theme = board?.settings.theme ?? 'dark';
  const language = board?.settings.language ?? 'auto';
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    return () => {
      delete document.documentElement.dataset.theme;
    };
  }, [theme]);
  useEffect(() => setLanguage(language === 'auto' ? initialLanguage() : language), [language]);
  useEffect(() => {
    document.title = board === null ? t('common.appName') : `${board.name} · ${t('common.appName')}`;
  }, [board, t]);

  // The slides: the playlist's contests whose board has arrived.
  const slides = useMemo(
    () => (board?.contests ?? []).filter((contest) => contests.has(contest.id)),
    [board, contests],
  );
  const showing = moments.showing;
  const rotation = useRotation(
    slides,
    board?.settings.secondsPerSlide ?? 20,
    showing?.moment.contestId ?? null,
  );

  // A chime with each celebration, when the board wants sound.
  const sound = board?.settings.celebrations.sound ?? false;
  const chimed = useRef<string | null>(null);
  useEffect(() => {
    if (showing === null || !sound || chimed.current === showing.moment.id) return;
    chimed.current = showing.moment.id;
    playChime();
  }, [showing, sound]);

  if (board === null) {
    return (
      <main className="tv-board tv-board--loading" aria-busy="true">
        <PodiumMark className="tv-loading__mark" />
        <p className="tv-loading__text">{loadFailed ? t('tv.board.unreachable') : t('tv.board.loading')}</p>
      </main>
    );
  }

  const current = slides[rotation.index % Math.max(1, slides.length)];
  const state = current === undefined ? undefined : contests.get(current.id);
  const seconds = board.settings.secondsPerSlide;
  return (
    <main
      className={`tv-board ${status === 'live' ? '' : 'tv-board--stale'}`}
      data-board-version={board.version}
    >
      <header className="tv-topbar">
        <span className="tv-topbar__brand">
          <PodiumMark className="tv-topbar__mark" />
          <h1 className="tv-topbar__name">{board.name}</h1>
        </span>
        <Clock />
      </header>
      {status !== 'live' && status !== 'connecting' && (
        <p className="tv-reconnecting" aria-hidden="true">
          {t('tv.status.banner')}
        </p>
      )}
      <div className="tv-stage">
        {board.contests.length === 0 ? (
          <div className="tv-empty tv-empty--board">
            <PodiumMark className="tv-empty__icon" />
            <p className="tv-empty__title">{t('tv.board.noContests')}</p>
            <p className="tv-empty__hint">{t('tv.board.noContestsHint', { name: board.name })}</p>
          </div>
        ) : current === undefined || state === undefined ? (
          <div className="tv-empty tv-empty--board" aria-busy="true">
            <p className="tv-empty__title">{t('tv.board.loading')}</p>
          </div>
        ) : (
          <Slide
            key={current.id}
            contest={current}
            live={state}
            view={slideMode(state, current, now)}
            now={now}
          />
        )}
      </div>
      <footer className="tv-footer">
        <Freshness contests={contests} board={board.contests} />
        {slides.length > 1 && (
          <ol
            className="tv-rotation"
            aria-label={t('tv.rotation.label', { index: rotation.index + 1, count: slides.length })}
          >
            {slides.map((contest, i) => (
              <li
                key={i === rotation.index ? `${contest.id}-${rotation.startedAt}` : contest.id}
                className={`tv-rotation__step ${i === rotation.index ? 'tv-rotation__step--current' : ''} ${i < rotation.index ? 'tv-rotation__step--done' : ''}`}
                style={{ '--slide-seconds': `${seconds}s` } as CSSProperties}
                data-paused={showing !== null}
              >
                <span className="visually-hidden">{contest.name}</span>
              </li>
            ))}
          </ol>
        )}
        <Status status={status} lastMessageAt={lastMessageAt} />
      </footer>
      {showing !== null && (
        <Celebration
          key={showing.moment.id}
          moment={showing.moment}
          contest={board.contests.find((c) => c.id === showing.moment.contestId)}
        />
      )}
    </main>
  );
}

/**
 * The playlist's rotation: each slide for `seconds`; a celebration pauses it, and afterwards the slide
 * of the celebrated contest shows for a full turn (the office sees the change on the board).
 */
function useRotation(
  slides: readonly BoardContest[],
  seconds: number,
  celebrating: string | null,
): { index: number; startedAt: number } {
  const [rotation, setRotation] = useState({ index: 0, startedAt: Date.now() });
  const count = slides.length;
  const lastCelebrated = useRef<string | null>(null);
  useEffect(() => {
    if (celebrating !== null) {
      lastCelebrated.current = celebrating;
      return;
    }
    const after = lastCelebrated.current;
    if (after !== null) {
      lastCelebrated.current = null;
      const index = slides.findIndex((c) => c.id === after);
      setRotation({ index: index >= 0 ? index : 0, startedAt: Date.now() });
    }
  }, [celebrating, slides]);
  useEffect(() => {
    if (count <= 1 || celebrating !== null) return;
    const wait = Math.max(0, rotation.startedAt + seconds * 1000 - Date.now());
    const timer = setTimeout(
      () => setRotation((r) => ({ index: (r.index + 1) % count, startedAt: Date.now() })),
      wait,
    );
    return () => clearTimeout(timer);
  }, [rotation, count, seconds, celebrating]);
  return { index: count === 0 ? 0 : rotation.index % count, startedAt: rotation.startedAt };
}
