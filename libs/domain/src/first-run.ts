/**
 * The one-time first-run link an api start prints while no admin exists: `<base>/setup?code=<code>`.
 * `base` is the public URL people open (a trailing slash and any path are kept as a prefix).
 */
export function setupLink(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/setup?code=${encodeURIComponent(code)}`;
}
