/** Initials in a colour picked from the name, so the same rep always looks the same. */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const HUES = [210, 340, 160, 30, 270, 190, 0, 120, 300, 50];

export function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length] ?? 210;
}

export function Avatar({ name, size }: { name: string; size?: string }) {
  const hue = hueOf(name);
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{
        width: size ?? '2.5em',
        height: size ?? '2.5em',
        background: `hsl(${hue} 55% 32%)`,
        color: '#fff',
        borderRadius: '50%',
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontWeight: 700,
        fontSize: `calc(${size ?? '2.5em'} * 0.4)`,
        flex: 'none',
      }}
    >
      {initialsOf(name)}
    </span>
  );
}
