// The offline shell: the app's own files are served from the cache when the network is gone, so the
// rep view opens (showing "offline" and the last standings it kept) instead of the browser's error page.
// Network first: a new build is picked up at the next load. The api and the websocket are never cached.
const CACHE = 'podium-shell-v2';
const SHELL = ['/', '/me', '/login', '/icon.svg', '/icon-192.png', '/icon-512.png', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const neverCached = (url) =>
  url.origin !== location.origin ||
  url.pathname.startsWith('/api/') ||
  url.pathname.startsWith('/socket.io/') ||
  url.pathname.startsWith('/health');

// The page tells which built files it was made of (its scripts and styles were fetched before this
// worker controlled it): keep them, so the next offline start has them. Only this origin's /assets/.
self.addEventListener('message', (event) => {
  const message = event.data;
  if (message === null || typeof message !== 'object' || message.type !== 'cache-shell') return;
  const urls = (Array.isArray(message.urls) ? message.urls : [])
    .filter((u) => typeof u === 'string' && u.startsWith('/assets/') && !u.includes('..'))
    .slice(0, 200);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        Promise.all(
          urls.map((u) =>
            cache
              .match(u)
              .then((hit) => (hit === undefined ? cache.add(u).catch(() => undefined) : undefined)),
          ),
        ),
      ),
  );
});

/** The page an address opens offline: every face is the same page, so any copy of it does. */
function offlinePage(url) {
  if (url.pathname.startsWith('/me')) return '/me';
  if (url.pathname.startsWith('/login')) return '/login';
  return '/';
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || neverCached(url)) return;
  // The TV must always be live: it never runs from a cache.
  if (url.pathname === '/tv' || url.pathname.startsWith('/tv/')) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          const key = event.request.mode === 'navigate' ? offlinePage(url) : event.request;
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(event.request, { ignoreSearch: event.request.mode === 'navigate' })
          .then(
            (hit) => hit ?? (event.request.mode === 'navigate' ? caches.match(offlinePage(url)) : undefined),
          )
          .then((hit) => hit ?? Response.error()),
      ),
  );
});
