import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/** The width of a container, kept up to date as panels resize, so charts fill what they get. */
export function useWidth<E extends HTMLElement>(fallback = 800): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (): void => {
      const w = Math.floor(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
