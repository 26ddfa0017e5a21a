import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** The console's pages, by address: `/` (the contests) and `/console/...`, plus the first-run `/setup`. */
export type Route =
  | { readonly page: 'contests' }
  | { readonly page: 'contest-new'; readonly template: string | null }
  | { readonly page: 'contest'; readonly id: string; readonly tab: ContestTab }
  | { readonly page: 'contest-edit'; readonly id: string }
  | { readonly page: 'boards' }
  | { readonly page: 'board'; readonly id: string | null }
  | { readonly page: 'people'; readonly tab: PeopleTab }
  | { readonly page: 'users' }
  | { readonly page: 'api-keys' }
  | { readonly page: 'audit' }
  | { readonly page: 'coaching' }
  | { readonly page: 'setup' }
  | { readonly page: 'not-found' };

export type ContestTab = 'overview' | 'history' | 'adjustments' | 'manual';
export const CONTEST_TABS: readonly ContestTab[] = ['overview', 'history', 'adjustments', 'manual'];
export type PeopleTab = 'reps' | 'teams' | 'review';

const SIMPLE: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/', { page: 'contests' }],
  ['/console', { page: 'contests' }],
  ['/console/contests', { page: 'contests' }],
  ['/console/boards', { page: 'boards' }],
  ['/console/boards/new', { page: 'board', id: null }],
  ['/console/people', { page: 'people', tab: 'reps' }],
  ['/console/people/teams', { page: 'people', tab: 'teams' }],
  ['/console/people/review', { page: 'people', tab: 'review' }],
  ['/console/users', { page: 'users' }],
  ['/console/api-keys', { page: 'api-keys' }],
  ['/console/audit', { page: 'audit' }],
  ['/console/coaching', { page: 'coaching' }],
  ['/setup', { page: 'setup' }],
]);

const ID = '([0-9a-fA-F-]{36})';

export function routeOf(pathname: string, search = ''): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const simple = SIMPLE.get(path);
  if (simple !== undefined) return simple;
  if (path === '/console/contests/new') {
    return { page: 'contest-new', template: new URLSearchParams(search).get('template') };
  }
  let match = new RegExp(`^/console/contests/${ID}(?:/(history|adjustments|manual|edit))?$`).exec(path);
  if (match !== null) {
    const id = match[1]!;
    const rest = match[2];
    if (rest === 'edit') return { page: 'contest-edit', id };
    return { page: 'contest', id, tab: (rest as ContestTab | undefined) ?? 'overview' };
  }
  match = new RegExp(`^/console/boards/${ID}$`).exec(path);
  if (match !== null) return { page: 'board', id: match[1]! };
  return { page: 'not-found' };
}

/** The address of a route (the inverse of {@link routeOf}). */
export function pathOf(route: Route): string {
  switch (route.page) {
    case 'contests':
      return '/';
    case 'contest-new':
      return route.template === null
        ? '/console/contests/new'
        : `/console/contests/new?template=${encodeURIComponent(route.template)}`;
    case 'contest':
      return route.tab === 'overview'
        ? `/console/contests/${route.id}`
        : `/console/contests/${route.id}/${route.tab}`;
    case 'contest-edit':
      return `/console/contests/${route.id}/edit`;
    case 'boards':
      return '/console/boards';
    case 'board':
      return route.id === null ? '/console/boards/new' : `/console/boards/${route.id}`;
    case 'people':
      return route.tab === 'reps' ? '/console/people' : `/console/people/${route.tab}`;
    case 'users':
      return '/console/users';
    case 'api-keys':
      return '/console/api-keys';
    case 'audit':
      return '/console/audit';
    case 'coaching':
      return '/console/coaching';
    case 'setup':
      return '/setup';
    case 'not-found':
      return '/';
  }
}

const listeners = new Set<() => void>();

/** Goes to a page of the console without reloading (the back button works). */
export function navigate(to: Route | string, options: { replace?: boolean } = {}): void {
  const path = typeof to === 'string' ? to : pathOf(to);
  if (`${location.pathname}${location.search}` !== path) {
    if (options.replace === true) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  for (const listener of listeners) listener();
}

/** The current route; re-renders on navigation and on the back and forward buttons. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(routeOf(location.pathname, location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** A link to a console page: a real `<a href>` (opens in a new tab with a modifier), navigated in place. */
export function Link({
  to,
  onClick,
  ...rest
}: { to: Route } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const href = pathOf(to);
  return (
    <a
      {...rest}
      href={href}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
        window.scrollTo(0, 0);
      }}
    />
  );
}
