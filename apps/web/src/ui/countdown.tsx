import { durationParts, pad2 } from '../i18n/format.js';
import { useT } from '../i18n/index.js';

/** Time left until `end`: "2 days 04:12:09", then "Ended". */
export function Countdown({ end, now }: { end: string; now: number }) {
  const { t, lang } = useT();
  const left = Date.parse(end) - now;
  if (left <= 0) return <span className="countdown">{t('common.countdown.ended')}</span>;
  const { days, hours, minutes, seconds } = durationParts(left);
  const clock = `${pad2(lang, hours)}:${pad2(lang, minutes)}:${pad2(lang, seconds)}`;
  const time = days > 0 ? `${t('common.countdown.days', { count: days })} ${clock}` : clock;
  return (
    <span className="countdown" role="timer">
      {t('common.countdown.left', { time })}
    </span>
  );
}
