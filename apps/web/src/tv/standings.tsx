import { memo, useRef, type CSSProperties } from 'react';
import type { BoardContest, StandingEntry, StandingsMessage } from '#contracts';
import { formatDate, formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { Avatar } from '../ui/avatar.js';
import { entryKey, entryName, goalOf, layoutFor, type BoardLayout } from './board-state.js';
import { CheckIcon } from './icons.js';
import { scoreText } from './units.js';
import { useFlip } from './use-flip.js';

interface StandingsProps {
  readonly contest: BoardContest;
  readonly message: StandingsMessage;
  /** Score gains of the latest update, by entry key ("+3" for a few seconds). */
  readonly gains: ReadonlyMap<string, number>;
  /** The finished period's winners: rank prizes are named next to them. */
  readonly winners: boolean;
}

const medal = (rank: number) =>
  rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : 'none';

/** The board of one slide: podium cards for up to 3, a list up to 12, a grid beyond. */
export const Standings = memo(function Standings({ contest, message, gains, winners }: StandingsProps) {
  const { t } = useT();
  const container = useRef<HTMLOListElement>(null);
  const layout = layoutFor(message.top.length);
  useFlip(container, message);
  const rankPrizes = new Map<number, string>();
  for (const prize of contest.prizes) if (prize.rank !== undefined) rankPrizes.set(prize.rank, prize.name);
  const style =
    layout.kind === 'grid'
      ? ({ '--columns': layout.columns, '--rows': layout.rows } as CSSProperties)
      : ({ '--rows': Math.max(message.top.length, 5) } as CSSProperties);
  return (
    <ol
      ref={container}
      className={`tv-standings tv-standings--${layout.kind}`}
      style={style}
      aria-label={t('tv.slide.standingsLabel', { contest: contest.name })}
    >
      {message.top.map((entry) => (
        <Line
          key={entryKey(entry)}
          entry={entry}
          contest={contest}
          layout={layout}
          gain={gains.get(entryKey(entry)) ?? 0}
          version={message.version}
          prize={winners ? (rankPrizes.get(entry.rank) ?? null) : null}
        />
      ))}
    </ol>
  );
});

interface LineProps {
  readonly entry: StandingEntry;
  readonly contest: BoardContest;
  readonly layout: BoardLayout;
  readonly gain: number;
  readonly version: number;
  readonly prize: string | null;
}

function Line({ entry, contest, layout, gain, version, prize }: LineProps) {
  const { t, lang } = useT();
  const name = entryName(entry);
  const compact = layout.kind === 'grid';
  const shown =
    entry.average ?? (contest.unit.kind === 'percent' ? (entry.percentToTarget ?? entry.score) : entry.score);
  const score = scoreText(t, lang, contest.unit, shown, compact);
  const goal = goalOf(contest, entry);
  const finished = entry.finishedAt !== undefined && entry.finishedAt !== null;
  const sub = subline(entry, contest, t, lang, finished, prize);
  const classes = [
    'tv-line',
    `tv-line--${medal(entry.rank)}`,
    finished ? 'tv-line--finished' : '',
    gain > 0 ? 'tv-line--gain' : '',
    goal === null ? 'tv-line--nogoal' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={classes} data-flip={entryKey(entry)} data-rank={entry.rank} data-name={name}>
      <span className="tv-line__rank" aria-label={t('tv.slide.rank', { rank: entry.rank })}>
        {entry.rank}
      </span>
      <Avatar name={name} size="var(--avatar)" />
      <span className="tv-line__who">
        <span className="tv-line__name">{name}</span>
        {sub !== null && (
          <span className="tv-line__sub">
            {finished && <CheckIcon className="tv-line__check" />}
            {sub}
          </span>
        )}
      </span>
      {goal !== null && !compact && (
        <span className="tv-line__goal" aria-hidden="true">
          <span className="tv-bar">
            <span
              className="tv-bar__fill"
              style={{ width: `${Math.min(100, (goal.value / goal.max) * 100)}%` }}
            />
            {goal.marks.map((mark) => (
              <span key={mark} className="tv-bar__mark" style={{ left: `${(mark / goal.max) * 100}%` }} />
            ))}
          </span>
        </span>
      )}
      <span className="tv-line__score">
        <span className="tv-line__number">{score.number}</span>
        {score.noun !== '' && <span className="tv-line__noun">{score.noun}</span>}
        {gain > 0 && (
          <span key={version} className="tv-line__gain">
            +
            {contest.unit.kind === 'money'
              ? scoreText(t, lang, contest.unit, gain).number
              : formatNumber(lang, gain, 1)}
          </span>
        )}
      </span>
    </li>
  );
}

function subline(
  entry: StandingEntry,
  contest: BoardContest,
  t: (key: string, options?: Record<string, unknown>) => string,
  lang: string,
  finished: boolean,
  prize: string | null,
): string | null {
  if (prize !== null) return prize;
  if (finished && entry.finishedAt !== undefined && entry.finishedAt !== null) {
    const time = formatDate(lang, entry.finishedAt, contest.timeZone, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    return t('tv.slide.finishedAt', { time });
  }
  if (entry.team !== undefined) {
    const members = t('tv.slide.members', { count: entry.team.members });
    return entry.average !== undefined ? `${members} · ${t('tv.slide.perMember')}` : members;
  }
  if (entry.percentToTarget !== undefined && entry.target !== undefined) {
    return t('tv.slide.ofTarget', {
      score: formatNumber(lang, entry.score, 1),
      target: formatNumber(lang, entry.target, 1),
    });
  }
  return null;
}
