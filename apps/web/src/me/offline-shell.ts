/**
 * Hands the service worker (public/sw.js) the files this page was built from (its hashed scripts and
 * styles, the lazily loaded rep view among them), so the view opens offline. The worker caches only
 * what it is given from this origin's `/assets/`, and the pages themselves.
 */
export function cacheShell(): void {
  if (!('serviceWorker' in navigator)) return;
  const assets = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  void navigator.serviceWorker.ready
    .then((registration) =>
      registration.active?.postMessage({ type: 'cache-shell', urls: [...new Set(assets)] }),
    )
    .catch(() => undefined);
}
