/**
 * How long to wait, as people say it: "45 seconds", "15 minutes", "2 hours" (rounded up, so a person
 * never comes back too early). Intl's unit formatting, in the viewer's language.
 */
export function formatWait(lang: string, seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const [value, unit] =
    whole < 60
      ? [whole, 'second']
      : whole < 3600
        ? [Math.ceil(whole / 60), 'minute']
        : [Math.ceil(whole / 3600), 'hour'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
