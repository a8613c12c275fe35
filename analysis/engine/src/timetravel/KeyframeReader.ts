import { stat } from 'node:fs/promises';
import { entityKey } from '../../../core/src/index.js';
import type { EntityState } from '../../../core/src/index.js';
import { CheckpointView } from './CheckpointView.js';
import { KeyframeFile } from './keyframeFile.js';
import type { PartColumn, StoredPart } from './keyframeFile.js';
import { INDEX_COLUMNS, PART_COLUMNS } from './keyframeFile.js';
import { KeyframeLayer } from './KeyframeLayer.js';
import type { PartSource } from './KeyframeLayer.js';
import { KEYFRAME_FORMAT } from './keyframePack.js';
import type { EntityFilter } from './keyframePack.js';
import { LayeredMap } from './LayeredMap.js';

/**
 * Bytes of full checkpoints' columns kept loaded between seeks (shared, never changed): a
 * seek that comes back to a full checkpoint does not read its hash tables again.
 */
const CACHE_BYTES = 128 * 1024 * 1024;

/** A part whose small columns take up to this many bytes reads them in one go. */
const SMALL_INDEX_BYTES = 256 * 1024;

/** An open keyframe file: the checkpoints it holds and how to load the world at one. */
export class KeyframeReader {
  private readonly cache = new Map<number, KeyframeLayer[]>();

  private constructor(
    private readonly file: KeyframeFile,
    /** Checkpoint seqs, ascending. */
    readonly seqs: readonly number[],
    /** For each checkpoint, the latest full checkpoint at or before it. */
    private readonly fullOf: readonly number[],
  ) {}

  /** Opens the file when it is there and matches this archive; null otherwise (it is then rebuilt). */
  static async open(path: string, system: string, lastSeq: number): Promise<KeyframeReader | null> {
    if (
      !(await stat(path).then(
        () => true,
        () => false,
      ))
    )
      return null;
    let file: KeyframeFile;
    try {
      file = KeyframeFile.open(path);
    } catch {
      return null; // cut short or from elsewhere: building it again is the remedy
    }
    const { format, checkpoints } = file.index;
    if (format !== KEYFRAME_FORMAT || file.index.system !== system || file.index.lastSeq !== lastSeq) {
      file.close();
      return null;
    }
    const fullOf: number[] = [];
    let full = -1;
    for (const c of checkpoints) fullOf.push((full = c.full ? c.kf : full));
    return new KeyframeReader(
      file,
      checkpoints.map((c) => c.kf),
      fullOf,
    );
  }

  /** The latest checkpoint at or before `seq`, or null when the target precedes the first. */
  keyframeAtOrBefore(seq: number): number | null {
    const i = this.indexAtOrBefore(seq);
    return i < 0 ? null : (this.seqs[i] as number);
  }

  /**
   * The world at checkpoint `kf`, keyed like EntityStates, narrowed to a type or an entity
   * when asked: every delta since its full checkpoint over that checkpoint's parts, read
   * where they lie (CheckpointView). The caller owns the map it gets: writes to it stay in
   * it and never reach the stored layers underneath.
   */
  async load(kf: number, filter: EntityFilter = {}): Promise<Map<string, EntityState>> {
    const i = this.indexAtOrBefore(kf);
    if (i < 0 || this.seqs[i] !== kf) return new Map();
    const full = this.fullOf[i] as number;
    const fullAt = this.indexAtOrBefore(full);
    let base = this.cache.get(full);
    if (base) this.cache.delete(full);
    else base = this.layers(fullAt);
    this.cache.set(full, base); // most recently used last
    this.evict();
    const deltas: KeyframeLayer[] = [];
    for (let d = i; d > fullAt; d--) deltas.push(...this.layers(d));
    const view = new CheckpointView([...deltas, ...base], this.file.index.checkpoints[i]?.world ?? 0);
    if (filter.entityType === undefined && filter.entityId === undefined) return new LayeredMap(view);
    if (filter.entityType !== undefined && filter.entityId !== undefined) {
      const key = entityKey(filter.entityType, filter.entityId);
      const found = view.get(key);
      return new Map(found ? [[key, found]] : []);
    }
    const out = new Map<string, EntityState>();
    for (const [key, e] of view) {
      if (filter.entityType !== undefined && e.entityType !== filter.entityType) continue;
      if (filter.entityId !== undefined && e.entityId !== filter.entityId) continue;
      out.set(key, e);
    }
    return out;
  }

  close(): void {
    this.cache.clear();
    this.file.close();
  }

  /** The parts of checkpoint number `i`, each read as it is used. */
  private layers(i: number): KeyframeLayer[] {
    const { checkpoints, parts } = this.file.index;
    return (checkpoints[i]?.parts ?? []).map((p) => new KeyframeLayer(this.part(parts[p] as StoredPart)));
  }

  private part(stored: StoredPart): PartSource {
    const file = this.file;
    const at = (name: PartColumn): [number, number] =>
      stored.at[PART_COLUMNS.indexOf(name)] as [number, number];
    // A small part's index (most deltas: a few hundred entities) is read whole at its first
    // use, one read instead of one per column; a seek probes hundreds of them. Columns start
    // 8-byte aligned in the file, so they stay aligned in the buffer.
    const first = stored.at[0]?.[0] ?? 0;
    const last = stored.at[INDEX_COLUMNS - 1] ?? [first, 0];
    const span = last[0] + last[1] - first;
    let index: Buffer | undefined;
    const read = (offset: number, length: number): Buffer => {
      if (span > SMALL_INDEX_BYTES || offset + length > first + span) return file.read(offset, length);
      index ??= file.read(first, span);
      return index.subarray(offset - first, offset - first + length);
    };
    return {
      types: stored.types,
      count: stored.count,
      column: (name) => read(...at(name)),
      range: (name, start, end) => read((at(name)[0] as number) + start, end - start),
    };
  }

  /** Least recently used full checkpoints go first; the one just used always stays. */
  private evict(): void {
    let bytes = 0;
    for (const layers of this.cache.values()) for (const layer of layers) bytes += layer.bytes;
    for (const [kf, layers] of this.cache) {
      if (bytes <= CACHE_BYTES || this.cache.size === 1) break;
      this.cache.delete(kf);
      for (const layer of layers) bytes -= layer.bytes;
    }
  }

  private indexAtOrBefore(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.seqs[mid] as number) <= seq) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
