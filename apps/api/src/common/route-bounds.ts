import { DEFAULT_INPUT_BOUNDS, ROUTE_INPUT_BOUNDS, type InputBounds } from '#contracts';

/** A route of a table keyed `METHOD /path/{param}`, matched before Nest routes the request. */
interface CompiledRoute<T> {
  readonly method: string;
  readonly pattern: RegExp;
  readonly value: T;
}

/**
 * Compiles a table keyed like the OpenAPI document (`PATCH /api/v1/teams/{key}`). Matching is
 * case-insensitive and ignores one trailing slash, as Express's router does: a route reached as
 * `/API/V1/AUTH/LOGIN/` must find the same entry as the canonical path.
 */
export function compileRoutes<T>(
  table: Readonly<Record<string, T>>,
): (method: string, path: string) => T | null {
  const routes: CompiledRoute<T>[] = Object.entries(table).map(([key, value]) => {
    const [method = '', path = ''] = key.split(' ');
    const source = path
      .split('/')
      .map((segment) =>
        /^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return { method, pattern: new RegExp(`^${source}/?$`, 'i'), value };
  });
  return (method, path) => {
    const upper = method.toUpperCase();
    return routes.find((r) => r.method === upper && r.pattern.test(path))?.value ?? null;
  };
}

const boundsOf = compileRoutes<InputBounds>(ROUTE_INPUT_BOUNDS);

/** The input bounds of the route a request is for. */
export function routeBounds(method: string, path: string): InputBounds {
  return boundsOf(method, path) ?? DEFAULT_INPUT_BOUNDS;
}
