import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { isRouteMissing } from './console-api.js';

export type Resource<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly data: T }
  /** The server has no such route (an older or newer Podium): the page says it is not available. */
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'forbidden' }
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * Loads server state for a page: loading, ready, unavailable (route missing), forbidden or failed, with
 * `reload()` and `set()` for a page that changed the data itself. A newer load wins over an older one.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): {
  state: Resource<T>;
  reload: () => void;
  set: (update: (current: T) => T) => void;
} {
  const [state, setState] = useState<Resource<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    loadRef
      .current(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setState({ kind: 'ready', data });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (isRouteMissing(error)) setState({ kind: 'unavailable' });
        else if (error instanceof ApiError && error.status === 403) setState({ kind: 'forbidden' });
        else setState({ kind: 'error', error });
      });
    return () => controller.abort();
    // The caller names what the load depends on.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback(
    (update: (current: T) => T) =>
      setState((current) =>
        current.kind === 'ready' ? { kind: 'ready', data: update(current.data) } : current,
      ),
    [],
  );
  return { state, reload, set };
}
