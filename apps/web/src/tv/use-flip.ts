import { useLayoutEffect, useRef, type RefObject } from 'react';

const MOVE_MS = 900;
const ENTER_MS = 600;

/**
 * FLIP (first, last, invert, play): rows keep their DOM nodes across updates (keyed by rep or team), so
 * after React moved them we measure where each one is now, compare with where it was, and animate it from
 * the old place to the new with a transform. Nothing is re-created, so nothing flashes. Children opt in
 * with `data-flip="<stable key>"`; `version` changes whenever the order may have changed.
 */
export function useFlip(container: RefObject<HTMLElement | null>, version: unknown): void {
  const positions = useRef<Map<string, { left: number; top: number }> | null>(null);
  useLayoutEffect(() => {
    const root = container.current;
    if (root === null) return;
    const before = positions.current;
    const after = new Map<string, { left: number; top: number }>();
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    for (const node of root.querySelectorAll<HTMLElement>('[data-flip]')) {
      const key = node.dataset.flip;
      if (key === undefined) continue;
      // Where the node would be without any running animation (offsets ignore transforms).
      const rect = { left: offsetLeft(node, root), top: offsetTop(node, root) };
      after.set(key, rect);
      if (before === null || reduced) continue;
      const old = before.get(key);
      if (old === undefined) {
        node.animate(
          [
            { opacity: 0, transform: 'scale(0.96)' },
            { opacity: 1, transform: 'none' },
          ],
          {
            duration: ENTER_MS,
            easing: 'ease-out',
          },
        );
        continue;
      }
      const dx = old.left - rect.left;
      const dy = old.top - rect.top;
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) continue;
      node.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
        duration: MOVE_MS,
        easing: 'cubic-bezier(0.2, 0.8, 0.2, 1)',
      });
    }
    positions.current = after;
  }, [container, version]);
}

function offsetLeft(node: HTMLElement, root: HTMLElement): number {
  let left = 0;
  let current: HTMLElement | null = node;
  while (current !== null && current !== root) {
    left += current.offsetLeft;
    current = current.offsetParent as HTMLElement | null;
  }
  return left;
}

function offsetTop(node: HTMLElement, root: HTMLElement): number {
  let top = 0;
  let current: HTMLElement | null = node;
  while (current !== null && current !== root) {
    top += current.offsetTop;
    current = current.offsetParent as HTMLElement | null;
  }
  return top;
}
