import type { MyContestResponse, StandingEntry } from '#contracts';
import { formatDate, formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/index.js';
import { Avatar } from '../ui/avatar.js';
import { Countdown } from '../ui/countdown.js';
import { ProgressBar } from '../ui/progress-bar.js';
import { amountNoun, amountNumber, amountText } from '../ui/units.js';
import { boardValue, gapSentence, isMine, nameOf, paceText, targetAmount } from './me-text.js';

/**
 * One contest as the rep sees it: rank and score large, the gap to the next rank, the pace, progress to
 * the target and each prize threshold, the lines around the rep, the prizes and the time left.
 */
export function ContestCard({
  data,
  now,
  onExplain,
}: {
  data: MyContestResponse;
  now: number;
  onExplain: (data: MyContestResponse) => void;
}) {
  const { t, lang } = useT();
  const { contest, me } = data;
  const unit = contest.unit;
  const headingId = `contest-${contest.id}`;
  const team = contest.kind === 'team';
  const pace = paceText(t, lang, data, now);
  const value = me === null ? 0 : boardValue(me, unit);
  const target = data.target ?? contest.target;
  const thresholds = contest.prizes.filter((p) => p.threshold !== undefined);
  const rankPrizes = contest.prizes.filter((p) => p.rank !== undefined);
  const finishedAt = me?.finishedAt ?? null;
  const live = contest.status === 'live';

  return (
    <article className="contest" aria-labelledby={headingId}>
      <header className="contest__head">
        <h2 id={headingId}>{contest.name}</h2>
        <p className="contest__when">
          {live ? <Countdown end={data.period.end} now={now} /> : t(`me.status.${contest.status}`)}
          <span className="contest__until">
            {t('me.until', {
              date: formatDate(
                lang,
                new Date(Date.parse(data.period.end) - 1).toISOString(),
                contest.timeZone,
                {
                  weekday: 'short',
                  day: 'numeric',
                  month: 'short',
                  hour: '2-digit',
                  minute: '2-digit',
                },
              ),
            })}
          </span>
        </p>
        {contest.paused && (
          <p className="contest__paused" role="status" data-testid="me-paused">
            {t('me.paused')}
          </p>
        )}
      </header>

      {team && me?.team !== undefined && (
        <p className="contest__team">{t('me.yourTeam', { team: me.team.name })}</p>
      )}

      <div className="contest__hero">
        <p className="hero__rank">
          <span className="hero__label">{t('me.rank')}</span>
          {me === null ? (
            <span className="hero__big">–</span>
          ) : (
            <>
              <span className={`hero__big${me.rank <= 3 ? ` hero__big--${me.rank}` : ''}`}>
                {t('me.rankValue', { rank: formatNumber(lang, me.rank) })}
              </span>
              <span className="hero__of">{t('me.ofTotal', { total: formatNumber(lang, data.total) })}</span>
            </>
          )}
        </p>
        <p className="hero__score">
          <span className="hero__label">{t('me.score')}</span>
          <HeroNumber text={amountNumber(lang, unit, value)} />
          <span className="hero__of">{amountNoun(t, unit, value)}</span>
        </p>
      </div>

      <p className="contest__gap" data-testid="gap">
        {gapSentence(t, lang, data)}
      </p>

      {finishedAt !== null && (
        <p className="contest__finished">
          {t('me.finished', {
            when: formatDate(lang, finishedAt, contest.timeZone, {
              weekday: 'short',
              hour: '2-digit',
              minute: '2-digit',
            }),
          })}
        </p>
      )}

      {(pace.main !== null || pace.target !== null) && (
        <p
          className={`contest__pace${pace.onPace === false ? ' contest__pace--short' : ''}`}
          data-testid="pace"
        >
          {pace.main !== null && <span>{pace.main}</span>}
          {pace.target !== null && <span>{pace.target}</span>}
        </p>
      )}

      {(target !== null || thresholds.length > 0) && (
        <section className="goals" aria-label={t('me.goals')}>
          {target !== null && me !== null && (
            <Goal
              label={t('me.target', { target: targetAmount(t, lang, unit, target) })}
              value={me.score}
              max={target}
              text={t('me.ofGoal', {
                value: formatNumber(lang, me.score, 2),
                goal: formatNumber(lang, target, 2),
              })}
              reached={me.score >= target}
              reachedText={t('me.reached')}
            />
          )}
          {thresholds.map((prize) => {
            const threshold = prize.threshold ?? 0;
            return (
              <Goal
                key={`${prize.name}-${threshold}`}
                label={t('me.thresholdPrize', {
                  prize: prize.name,
                  amount: amountText(t, lang, unit, threshold),
                })}
                value={value}
                max={threshold}
                text={t('me.ofGoal', {
                  value: amountNumber(lang, unit, value),
                  goal: amountNumber(lang, unit, threshold),
                })}
                reached={value >= threshold}
                reachedText={t('me.won')}
              />
            );
          })}
        </section>
      )}

      {data.around.length > 0 && (
        <section aria-label={t('me.around')}>
          <h3 className="contest__sub">{t('me.around')}</h3>
          <ol className="around">
            {data.around.map((entry) => (
              <AroundRow
                key={entry.rep?.externalId ?? entry.team?.key ?? entry.rank}
                entry={entry}
                mine={isMine(entry, data)}
                data={data}
              />
            ))}
          </ol>
        </section>
      )}

      {rankPrizes.length > 0 && (
        <section aria-label={t('me.prizes')}>
          <h3 className="contest__sub">{t('me.prizes')}</h3>
          <ul className="prizes">
            {rankPrizes.map((prize) => (
              <li key={`${prize.rank}-${prize.name}`}>
                <span className="prizes__rank">
                  {t('me.prizeRank', { rank: formatNumber(lang, prize.rank ?? 0) })}
                </span>
                <span>{prize.name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!team && (
        <button
          type="button"
          className="button button--wide contest__explain"
          onClick={() => onExplain(data)}
        >
          {t('me.explain.open')}
        </button>
      )}
    </article>
  );
}

/** A big figure that steps its size down as it grows longer, so "€125,000" fits half a phone. */
function HeroNumber({ text }: { text: string }) {
  const size = text.length <= 5 ? '' : text.length <= 8 ? ' hero__big--long' : ' hero__big--longer';
  return <span className={`hero__big${size}`}>{text}</span>;
}

function Goal(props: {
  label: string;
  value: number;
  max: number;
  text: string;
  reached: boolean;
  reachedText: string;
}) {
  return (
    <div className={`goal${props.reached ? ' goal--reached' : ''}`}>
      <div className="goal__line">
        <span className="goal__label">{props.label}</span>
        <span className="goal__value">{props.reached ? `✓ ${props.reachedText}` : props.text}</span>
      </div>
      <ProgressBar value={props.value} max={props.max} label={props.label} />
    </div>
  );
}

function AroundRow({ entry, mine, data }: { entry: StandingEntry; mine: boolean; data: MyContestResponse }) {
  const { t, lang } = useT();
  const name = nameOf(entry);
  return (
    <li className={`around__row${mine ? ' around__row--me' : ''}`} aria-current={mine ? 'true' : undefined}>
      <span className="around__rank">{formatNumber(lang, entry.rank)}</span>
      <Avatar name={name} size="2rem" />
      <span className="around__name">
        <span className="around__text">{name}</span>
        {mine && <span className="around__you">{t('me.you')}</span>}
      </span>
      <span className="around__score">
        {amountNumber(lang, data.contest.unit, boardValue(entry, data.contest.unit))}
      </span>
    </li>
  );
}
