/** A bar toward a goal (a target, a prize threshold), with an accessible name and value. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = max <= 0 ? 0 : Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
    >
      <div className="progress__fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
