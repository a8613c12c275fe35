/**
 * A Map seen through an immutable base: reads fall through to the base, writes stay in this
 * map. A seek shares a cached keyframe of 100,000 entities as the base instead of copying
 * it, and pays only for what it changes. Entities are never removed from a world (a delete
 * is a tombstone), so `delete` is refused rather than half supported.
 */
export class LayeredMap<V> extends Map<string, V> {
  private added = 0;

  constructor(private readonly base: ReadonlyMap<string, V>) {
    super();
  }

  override get(key: string): V | undefined {
    const own = super.get(key);
    return own !== undefined ? own : this.base.get(key);
  }

  override has(key: string): boolean {
    return super.has(key) || this.base.has(key);
  }

  override set(key: string, value: V): this {
    if (!super.has(key) && !this.base.has(key)) this.added++;
    return super.set(key, value);
  }

  override get size(): number {
    return this.base.size + this.added;
  }

  override delete(): boolean {
    throw new Error('LayeredMap: entities are never removed (a deletion is a tombstone)');
  }

  override clear(): void {
    throw new Error('LayeredMap: entities are never removed (a deletion is a tombstone)');
  }

  override *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.base) {
      const own = super.get(key);
      yield [key, own !== undefined ? own : value];
    }
    for (const entry of super.entries()) if (!this.base.has(entry[0])) yield entry;
  }

  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  override *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: string, map: Map<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
