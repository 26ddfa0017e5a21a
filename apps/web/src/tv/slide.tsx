import type { BoardContest, BoardPrize, StandingsPeriod } from '#contracts';
import { durationParts, pad2 } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import type { ContestLive, SlideMode } from './board-state.js';
import { GiftIcon, TrophyIcon } from './icons.js';
import { Standings } from './standings.js';
import { scoreString, scoreText } from './units.js';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The period in the contest's own time zone: "Monday 2 March", "2 – 8 March", "1 Jan – 31 Dec 2026". */
export function periodText(lang: string, contest: BoardContest, period: StandingsPeriod): string {
  const start = new Date(period.start);
  // The end is exclusive (the next period's start): the last day shown is the one before it.
  const last = new Date(Date.parse(period.end) - 1);
  const zone = { timeZone: contest.timeZone };
  switch (contest.periodKind) {
    case 'daily':
      return new Intl.DateTimeFormat(lang, {
        ...zone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
      }).format(start);
    case 'weekly':
      return new Intl.DateTimeFormat(lang, { ...zone, day: 'numeric', month: 'long' }).formatRange(
        start,
        last,
      );
    case 'monthly':
      return new Intl.DateTimeFormat(lang, { ...zone, month: 'long', year: 'numeric' }).format(start);
    case 'once':
      return new Intl.DateTimeFormat(lang, {
        ...zone,
        day: 'numeric',
        month: 'short',
        year: 'numeric',
      }).formatRange(start, last);
  }
}

function TvCountdown({ end, now }: { end: string; now: number }) {
  const { t, lang } = useT();
  const left = Date.parse(end) - now;
  const { days, hours, minutes, seconds } = durationParts(left);
  return (
    <div className="tv-countdown" role="timer" aria-label={t('tv.slide.endsIn')}>
      <span className="tv-countdown__label">{t('tv.slide.endsIn')}</span>
      <span className="tv-countdown__time">
        {days > 0 && (
          <span className="tv-countdown__days">{t('common.countdown.days', { count: days })}</span>
        )}
        <span className="tv-countdown__clock">
          {pad2(lang, hours)}:{pad2(lang, minutes)}
          <span className="tv-countdown__seconds">:{pad2(lang, seconds)}</span>
        </span>
      </span>
    </div>
  );
}

function prizeLabel(t: Translate, lang: string, contest: BoardContest, prize: BoardPrize): string {
  if (prize.rank !== undefined) return t('tv.prizes.rank', { count: prize.rank, ordinal: true });
  if (prize.threshold !== undefined) {
    return t('tv.prizes.threshold', { value: scoreString(t, lang, contest.unit, prize.threshold) });
  }
  return t('tv.prizes.other');
}

function Prizes({ contest }: { contest: BoardContest }) {
  const { t, lang } = useT();
  if (contest.prizes.length === 0) return null;
  const ordered = [...contest.prizes].sort(
    (a, b) => (a.rank ?? 1000) - (b.rank ?? 1000) || (a.threshold ?? 0) - (b.threshold ?? 0),
  );
  return (
    <aside className="tv-prizes" aria-labelledby={`prizes-${contest.id}`}>
      <h3 id={`prizes-${contest.id}`} className="tv-prizes__title">
        <GiftIcon className="tv-prizes__icon" />
        {t('tv.prizes.title')}
      </h3>
      <ul className="tv-prizes__list">
        {ordered.slice(0, 5).map((prize, i) => (
          <li
            key={i}
            className={`tv-prize tv-prize--${prize.rank !== undefined && prize.rank <= 3 ? `r${prize.rank}` : 'x'}`}
          >
            {prize.imageUrl !== null && <img className="tv-prize__image" src={prize.imageUrl} alt="" />}
            <span className="tv-prize__for">{prizeLabel(t, lang, contest, prize)}</span>
            <span className="tv-prize__name">{prize.name}</span>
            {prize.description !== null && <span className="tv-prize__description">{prize.description}</span>}
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** A line under the title about the contest's goal: a race's target, a per-rep target, finishers. */
function goalLine(t: Translate, lang: string, contest: BoardContest, live: ContestLive): string | null {
  if (contest.kind === 'target_race' && contest.target !== null) {
    const finished = live.current.top.filter(
      (e) => e.finishedAt !== undefined && e.finishedAt !== null,
    ).length;
    const race = t('tv.slide.race', { target: scoreString(t, lang, contest.unit, contest.target) });
    return finished > 0 ? `${race} · ${t('tv.slide.finishers', { count: finished })}` : race;
  }
  if (contest.target !== null && contest.unit.kind !== 'percent') {
    return t('tv.slide.target', { target: scoreString(t, lang, contest.unit, contest.target) });
  }
  return null;
}

interface SlideProps {
  readonly contest: BoardContest;
  readonly live: ContestLive;
  readonly view: SlideMode;
  readonly now: number;
}

/** One contest of the playlist, full screen. */
export function Slide({ contest, live, view, now }: SlideProps) {
  const { t, lang } = useT();
  const message = view.message;
  const winners = view.mode === 'winners';
  const goal = goalLine(t, lang, contest, live);
  const unitNoun = scoreText(t, lang, contest.unit, 2).noun;
  return (
    <section
      className={`tv-slide ${winners ? 'tv-slide--winners' : ''}`}
      aria-labelledby={`slide-${contest.id}`}
    >
      <header className="tv-slide__header">
        <div className="tv-slide__titles">
          {winners && (
            <p className="tv-slide__winners">
              <TrophyIcon className="tv-slide__trophy" />
              {view.final ? t('tv.winners.final') : t(`tv.winners.${contest.periodKind}`)}
            </p>
          )}
          <h2 id={`slide-${contest.id}`} className="tv-slide__name">
            {contest.name}
          </h2>
          <p className="tv-slide__meta">
            <span>{periodText(lang, contest, message.period)}</span>
            {contest.kind === 'team' && <span className="tv-chip">{t('tv.slide.teams')}</span>}
            {/* A grid has no room for the unit on every line: it is said once, here. */}
            {message.top.length > 12 && unitNoun !== '' && <span className="tv-chip">{unitNoun}</span>}
            {goal !== null && <span className="tv-slide__goal">{goal}</span>}
          </p>
          {contest.paused && (
            <p className="tv-slide__paused" role="status" data-testid="tv-paused">
              <span className="tv-slide__paused-mark" aria-hidden="true" />
              {t('tv.slide.paused')}
            </p>
          )}
        </div>
        {!winners && <TvCountdown end={message.period.end} now={now} />}
      </header>
      <div className="tv-slide__body">
        <div className="tv-slide__board">
          {message.top.length === 0 ? (
            <div className="tv-empty">
              <TrophyIcon className="tv-empty__icon" />
              <p className="tv-empty__title">{t('tv.slide.noScores')}</p>
              <p className="tv-empty__hint">{t('tv.slide.noScoresHint')}</p>
            </div>
          ) : (
            <Standings
              contest={contest}
              message={message}
              gains={winners ? EMPTY : live.gains}
              winners={winners}
            />
          )}
        </div>
        {message.top.length <= 12 && <Prizes contest={contest} />}
      </div>
    </section>
  );
}

const EMPTY: ReadonlyMap<string, number> = new Map();
