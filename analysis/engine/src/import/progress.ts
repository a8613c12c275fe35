/** Pushed while an archive imports: by the command line's progress bar now, the studio later. */
export interface ImportProgress {
  phase: 'hashing' | 'reading' | 'mapping' | 'ordering' | 'writing' | 'done';
  /** Bytes read in this phase (hashing and reading), of `bytesTotal` where known. */
  bytes: number;
  bytesTotal: number;
  /** Records loaded so far (known from the mapping phase on). */
  records: number;
  rejected: number;
  elapsedMs: number;
  /** Bytes per second in the reading phases, records per second after. */
  rate: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

export class ProgressTracker {
  private readonly started = Date.now();
  private phaseStarted = Date.now();
  private phase: ImportProgress['phase'] = 'hashing';
  private bytes = 0;
  private lastEmit = 0;
  records = 0;
  rejected = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private bytesTotal: number,
  ) {}

  enter(phase: ImportProgress['phase'], bytesTotal = this.bytesTotal): void {
    this.phase = phase;
    this.bytes = 0;
    this.bytesTotal = bytesTotal;
    this.phaseStarted = Date.now();
    this.emit(true);
  }

  /** For phases DuckDB does in one go: how far through it is, as a share of this phase's bytes. */
  setFraction(fraction: number): void {
    this.bytes = Math.floor(fraction * this.bytesTotal);
    this.emit(false);
  }

  addBytes(bytes: number): void {
    this.bytes += bytes;
    this.emit(false);
  }

  emit(force: boolean): void {
    if (!this.listener) return;
    const now = Date.now();
    if (!force && now - this.lastEmit < 100) return;
    this.lastEmit = now;
    const seconds = Math.max(0.001, (now - this.phaseStarted) / 1000);
    const reading = this.phase === 'hashing' || this.phase === 'reading';
    this.listener({
      phase: this.phase,
      bytes: this.bytes,
      bytesTotal: this.bytesTotal,
      records: this.records,
      rejected: this.rejected,
      elapsedMs: now - this.started,
      rate: reading ? this.bytes / seconds : this.records / Math.max(0.001, (now - this.started) / 1000),
    });
  }
}
