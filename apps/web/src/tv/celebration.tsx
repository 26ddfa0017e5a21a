import { useMemo, type CSSProperties } from 'react';
import type { BoardContest, MomentMessage } from '#contracts';
import { formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { Avatar } from '../ui/avatar.js';
import { MomentIcon } from './icons.js';
import { formatTvMoney, scoreString } from './units.js';

const PIECES = 90;
const COLORS = ['#f5c542', '#4ade80', '#60a5fa', '#f472b6', '#fb923c', '#a78bfa', '#ffffff'];

/** Pseudo-random numbers from the moment's id: the same moment always throws the same confetti. */
function seeded(id: string): () => number {
  let seed = 0;
  for (const char of id) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  return () => {
    seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
    return seed / 2 ** 32;
  };
}

function Confetti({ id }: { id: string }) {
  const pieces = useMemo(() => {
    const random = seeded(id);
    return Array.from({ length: PIECES }, (_, i) => ({
      left: random() * 100,
      delay: random() * 1.6,
      duration: 2.6 + random() * 2.4,
      drift: (random() - 0.5) * 30,
      spin: 360 + random() * 720,
      color: COLORS[i % COLORS.length] ?? '#fff',
      wide: random() > 0.5,
    }));
  }, [id]);
  return (
    <div className="tv-confetti" aria-hidden="true">
      {pieces.map((p, i) => (
        <span
          key={i}
          className={`tv-confetti__piece ${p.wide ? 'tv-confetti__piece--wide' : ''}`}
          style={
            {
              left: `${p.left}%`,
              background: p.color,
              animationDelay: `${p.delay}s`,
              animationDuration: `${p.duration}s`,
              '--drift': `${p.drift}vw`,
              '--spin': `${p.spin}deg`,
            } as CSSProperties
          }
        />
      ))}
    </div>
  );
}

/** What the moment says under the name: what they did, in the contest's unit. */
function detail(
  t: (key: string, o?: Record<string, unknown>) => string,
  lang: string,
  moment: MomentMessage,
  contest: BoardContest | undefined,
): string {
  const score =
    contest === undefined
      ? formatNumber(lang, moment.score, 1)
      : scoreString(t, lang, contest.unit, moment.score);
  switch (moment.kind) {
    case 'big_deal': {
      const amount =
        moment.amount !== null && moment.currency !== null
          ? formatTvMoney(lang, moment.amount, moment.currency)
          : score;
      return t('tv.celebration.big_deal.text', { amount });
    }
    case 'new_leader':
      return t('tv.celebration.new_leader.text', { score });
    case 'target_reached':
      return t('tv.celebration.target_reached.text', { score });
    case 'prize_won':
      return moment.rank !== null
        ? t('tv.celebration.prize_won.textRank', {
            prize: moment.prize ?? '',
            place: t('tv.prizes.rank', { count: moment.rank, ordinal: true }),
          })
        : t('tv.celebration.prize_won.text', { prize: moment.prize ?? '', score });
  }
}

/** A full-screen celebration: the kind, who, what, in which contest, with confetti. */
export function Celebration({
  moment,
  contest,
}: {
  moment: MomentMessage;
  contest: BoardContest | undefined;
}) {
  const { t, lang } = useT();
  const name = moment.rep?.displayName ?? moment.team?.name ?? '';
  return (
    <div
      className={`tv-celebration tv-celebration--${moment.kind}`}
      role="alert"
      data-celebration={moment.id}
      data-kind={moment.kind}
    >
      <div className="tv-celebration__glow" aria-hidden="true" />
      <Confetti id={moment.id} />
      <div className="tv-celebration__card">
        <p className="tv-celebration__kind">
          <MomentIcon kind={moment.kind} className="tv-celebration__icon" />
          {t(`tv.celebration.${moment.kind}.title`)}
        </p>
        <Avatar name={name} size="var(--celebration-avatar)" />
        <p className="tv-celebration__name">{name}</p>
        <p className="tv-celebration__detail">{detail(t, lang, moment, contest)}</p>
        {contest !== undefined && <p className="tv-celebration__contest">{contest.name}</p>}
      </div>
    </div>
  );
}
