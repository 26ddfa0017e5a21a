import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.js';
import './ui/theme.css';
import { session } from './api/client.js';
import { HomePage } from './home/home-page.js';
import { NotFoundPage } from './home/not-found-page.js';

// Each face loads its own code: a TV never downloads the rep view, a phone never the TV board.
const TvApp = lazy(() => import('./tv/tv-app.js').then((m) => ({ default: m.TvApp })));
const MeApp = lazy(() => import('./me/me-app.js').then((m) => ({ default: m.MeApp })));
const LoginPage = lazy(() => import('./login/login-page.js').then((m) => ({ default: m.LoginPage })));
const ConsoleApp = lazy(() => import('./console/console-app.js').then((m) => ({ default: m.ConsoleApp })));

/** Which face a path opens. The api serves this same page at each of them. */
export function faceOf(pathname: string): 'home' | 'tv' | 'me' | 'login' | 'console' | 'not-found' {
  const path = pathname.replace(/\/+$/, '') || '/';
  // `/` is the manager's console for a signed-in admin or manager, the start page for everyone else.
  if (path === '/') return isConsoleUser() ? 'console' : 'home';
  if (path === '/console' || path.startsWith('/console/') || path === '/setup') return 'console';
  if (path === '/tv' || path.startsWith('/tv/')) return 'tv';
  if (path === '/me' || path.startsWith('/me/')) return 'me';
  if (path === '/login') return 'login';
  return 'not-found';
}

function isConsoleUser(): boolean {
  const role = session.get()?.user.role;
  return role === 'admin' || role === 'manager';
}

function App() {
  switch (faceOf(location.pathname)) {
    case 'home':
      return <HomePage />;
    case 'tv':
      return <TvApp />;
    case 'me':
      return <MeApp />;
    case 'login':
      return <LoginPage />;
    case 'console':
      return <ConsoleApp />;
    case 'not-found':
      return <NotFoundPage />;
  }
}

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={null}>
        <App />
      </Suspense>
    </StrictMode>,
  );
}

// The offline shell for the rep view (installable as an app); never on the TV, which must always be live.
if ('serviceWorker' in navigator && faceOf(location.pathname) !== 'tv') {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
