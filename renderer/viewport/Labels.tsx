import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';

/** A text pinned to a point of the world; `position` is read on every frame (actors move). */
export interface LabelItem {
  key: string;
  text: string;
  className: string;
  position: () => [number, number, number] | null;
}

/**
 * HTML labels over the canvas: crisp text at any zoom, one element each, moved by a CSS
 * transform after each rendered frame (no React render per frame).
 */
export function Labels({ items, layer }: { items: LabelItem[]; layer: HTMLDivElement | null }) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const invalidate = useThree((s) => s.invalidate);
  const elements = useRef(new Map<string, HTMLDivElement>());

  useEffect(() => {
    if (!layer) return;
    const map = elements.current;
    const keep = new Set(items.map((i) => i.key));
    for (const [key, el] of map) {
      if (!keep.has(key)) {
        el.remove();
        map.delete(key);
      }
    }
    for (const item of items) {
      let el = map.get(item.key);
      if (!el) {
        el = document.createElement('div');
        layer.appendChild(el);
        map.set(item.key, el);
      }
      el.className = `viewport-label ${item.className}`;
      el.textContent = item.text;
    }
    invalidate();
  }, [items, layer, invalidate]);

  useEffect(() => {
    const map = elements.current;
    return () => {
      for (const el of map.values()) el.remove();
      map.clear();
    };
  }, []);

  const v = useRef(new THREE.Vector3());
  useFrame(() => {
    for (const item of items) {
      const el = elements.current.get(item.key);
      const p = item.position();
      if (!el) continue;
      if (!p) {
        el.style.display = 'none';
        continue;
      }
      v.current.set(...p).project(camera);
      const behind = v.current.z > 1 || Math.abs(v.current.x) > 1.1 || Math.abs(v.current.y) > 1.1;
      el.style.display = behind ? 'none' : '';
      const x = ((v.current.x + 1) / 2) * size.width;
      const y = ((1 - v.current.y) / 2) * size.height;
      el.style.transform = `translate(-50%, -100%) translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`;
    }
  });
  return null;
}
