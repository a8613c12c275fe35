import { useCallback, useState } from 'react';

/**
 * The width of an element, kept current with a ResizeObserver: charts draw in pixels and
 * ask the service for about one bucket per few pixels, so they need it. Returns a callback
 * ref (so it also works for elements that mount later) and the width (0 until measured).
 */
export function useWidth<T extends HTMLElement>(): [(node: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const [observer] = useState(
    () =>
      new ResizeObserver((entries) => {
        const entry = entries[0];
        if (entry) setWidth(Math.floor(entry.contentRect.width));
      }),
  );
  const ref = useCallback(
    (node: T | null) => {
      observer.disconnect();
      if (node) observer.observe(node);
    },
    [observer],
  );
  return [ref, width];
}
