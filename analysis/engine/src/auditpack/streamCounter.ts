const SEQ = Buffer.from('{"seq":');
const STREAM = Buffer.from(',"stream":"');
const QUOTE = 0x22;
/** Lines that do not begin as a pack record does are counted under this name. */
export const UNREADABLE_STREAM = '(not a pack record)';

/**
 * Counts the records of each stream (the manifest's `streams`) from the head of each line,
 * `{"seq":N,"stream":"NAME"`, without decoding the line: streams come in long runs, so the
 * name is compared in place with the current run's and decoded only when it changes.
 */
export class StreamCounter {
  readonly counts = new Map<string, number>();
  private name: Uint8Array = new Uint8Array(0);
  private key = '';
  private run = 0;

  /**
   * Every line of a slice: `jobs` holds (ptr, len) pairs, each line's bytes being
   * [ptr + 1, ptr + len) (ptr is its 0x00 prefix). One call per slice keeps the loop tight.
   */
  visitJobs(bytes: Uint8Array, jobs: Uint32Array, n: number): void {
    for (let j = 0; j < 2 * n; j += 2) {
      const ptr = jobs[j] as number;
      this.visit(bytes, ptr + 1, ptr + (jobs[j + 1] as number));
    }
  }

  visit(bytes: Uint8Array, start: number, end: number): void {
    const to = nameEnd(bytes, start, end);
    if (to < 0) {
      this.counts.set(UNREADABLE_STREAM, (this.counts.get(UNREADABLE_STREAM) ?? 0) + 1);
      return;
    }
    const from = to - this.name.length;
    if (this.run > 0 && bytes[from - 1] === QUOTE && sameBytes(bytes, from, to, this.name)) {
      this.run++;
      return;
    }
    this.flush();
    let begin = to;
    while (bytes[begin - 1] !== QUOTE) begin--;
    this.name = bytes.slice(begin, to);
    this.key = Buffer.from(this.name).toString('utf8');
    this.run = 1;
  }

  result(): Record<string, number> {
    this.flush();
    return Object.fromEntries(this.counts);
  }

  private flush(): void {
    if (this.run > 0) this.counts.set(this.key, (this.counts.get(this.key) ?? 0) + this.run);
    this.run = 0;
  }
}

/** Where the stream name of a line `{"seq":N,"stream":"NAME"...` ends (its closing quote), or -1. */
function nameEnd(bytes: Uint8Array, start: number, end: number): number {
  if (!startsWith(bytes, start, end, SEQ)) return -1;
  let i = start + SEQ.length;
  const digits = i;
  while (i < end && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39) i++;
  if (i === digits || !startsWith(bytes, i, end, STREAM)) return -1;
  const from = i + STREAM.length;
  for (let j = from; j < end && j < from + 256; j++) if (bytes[j] === QUOTE) return j;
  return -1;
}

function startsWith(bytes: Uint8Array, at: number, end: number, prefix: Uint8Array): boolean {
  if (at + prefix.length > end) return false;
  for (let k = 0; k < prefix.length; k++) if (bytes[at + k] !== prefix[k]) return false;
  return true;
}

function sameBytes(bytes: Uint8Array, from: number, to: number, name: Uint8Array): boolean {
  if (to - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (bytes[from + k] !== name[k]) return false;
  return true;
}
