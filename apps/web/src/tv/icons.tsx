import type { MomentKind } from '#contracts';

/** Icons drawn in SVG (no emoji: a TV's browser may lack the fonts). Decorative: hidden from readers. */
interface IconProps {
  readonly className?: string;
}

export function PodiumMark({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="8" y="30" width="14" height="24" rx="2" fill="var(--silver)" />
      <rect x="25" y="14" width="14" height="40" rx="2" fill="var(--gold)" />
      <rect x="42" y="38" width="14" height="16" rx="2" fill="var(--bronze)" />
    </svg>
  );
}

export function TrophyIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M7 3h10v2h3a1 1 0 0 1 1 1v2a5 5 0 0 1-4.6 5A5 5 0 0 1 13 15.9V18h3a1 1 0 0 1 1 1v2H7v-2a1 1 0 0 1 1-1h3v-2.1A5 5 0 0 1 7.6 13 5 5 0 0 1 3 8V6a1 1 0 0 1 1-1h3V3Zm10 4v4.8A3 3 0 0 0 19 9V7h-2ZM5 7v2a3 3 0 0 0 2 2.8V7H5Z"
      />
    </svg>
  );
}

export function CrownIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M3 7.5 7.5 11 12 4l4.5 7L21 7.5 19 18H5L3 7.5ZM5 19.5h14V21H5v-1.5Z" />
    </svg>
  );
}

export function TargetIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12" r="5" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12" r="1.8" fill="currentColor" />
    </svg>
  );
}

export function GiftIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M4 9h16v3H4V9Zm1 4h6v8H5v-8Zm8 0h6v8h-6v-8ZM11 9h2v3h-2V9Zm1-1.2C10.7 5 8.9 4 7.8 4.4 6.5 4.9 6.9 7 9 7.8h3Zm0 0c1.3-2.8 3.1-3.8 4.2-3.4 1.3.5.9 2.6-1.2 3.4h-3Z"
      />
    </svg>
  );
}

export function DealIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M2.5 17.1 9 10.6l4 4 6.1-6.1H15V6.5h7.5V14h-2V9.9L13 17.4l-4-4-5.1 5.1-1.4-1.4Z"
      />
    </svg>
  );
}

export function CheckIcon({ className }: IconProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7 9.5 16.2Z" />
    </svg>
  );
}

export function MomentIcon({ kind, className }: IconProps & { kind: MomentKind }) {
  switch (kind) {
    case 'big_deal':
      return <DealIcon className={className} />;
    case 'new_leader':
      return <CrownIcon className={className} />;
    case 'target_reached':
      return <TargetIcon className={className} />;
    case 'prize_won':
      return <GiftIcon className={className} />;
  }
}
