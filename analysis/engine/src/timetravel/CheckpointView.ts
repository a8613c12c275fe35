import type { EntityState } from '../../../core/src/index.js';
import type { KeyframeLayer } from './KeyframeLayer.js';
import { keyHash } from './KeyframeLayer.js';

/**
 * The world at one checkpoint, read through its stored layers (newest first: the deltas
 * since the last full checkpoint, then the parts of that full checkpoint), keyed like
 * EntityStates. A lookup probes each layer's hash table; nothing is decoded until it is
 * asked for. Listing the world builds a Map once.
 */
export class CheckpointView implements ReadonlyMap<string, EntityState> {
  private listed: Map<string, EntityState> | undefined;

  constructor(
    private readonly layers: readonly KeyframeLayer[],
    /** Entities in the world at the checkpoint (layers repeat the ones changed since the full). */
    readonly size: number,
  ) {}

  get(key: string): EntityState | undefined {
    if (this.listed) return this.listed.get(key);
    const hash = keyHash(key);
    for (const layer of this.layers) {
      const i = layer.find(key, hash);
      if (i >= 0) return layer.entity(i);
    }
    return undefined;
  }

  has(key: string): boolean {
    if (this.listed) return this.listed.has(key);
    const hash = keyHash(key);
    return this.layers.some((layer) => layer.find(key, hash) >= 0);
  }

  entries(): MapIterator<[string, EntityState]> {
    return this.list().entries();
  }

  keys(): MapIterator<string> {
    return this.list().keys();
  }

  values(): MapIterator<EntityState> {
    return this.list().values();
  }

  [Symbol.iterator](): MapIterator<[string, EntityState]> {
    return this.entries();
  }

  forEach(callback: (value: EntityState, key: string, map: ReadonlyMap<string, EntityState>) => void): void {
    for (const [key, value] of this.list()) callback(value, key, this);
  }

  private list(): Map<string, EntityState> {
    if (this.listed) return this.listed;
    // Oldest layer first, later ones overwriting: the order is the one the world was built in.
    const out = new Map<string, EntityState>();
    for (let l = this.layers.length - 1; l >= 0; l--) {
      (this.layers[l] as KeyframeLayer).forEach((key, entity) => out.set(key, entity));
    }
    return (this.listed = out);
  }
}
