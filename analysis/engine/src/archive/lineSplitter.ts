/**
 * Splits a byte stream into lines without ever holding more than one line (and never more
 * than `maxLineBytes` of it): a 50 MB single line is measured and skipped, not buffered.
 * Line numbers are 1-based and count every "\n", so they match what an editor shows.
 */
export interface LineHandler {
  /** A complete line without its "\n" (a trailing "\r" is kept for the handler to judge). */
  line(lineNo: number, bytes: Buffer): void;
  /** A line longer than the limit: only its length is known. */
  overlong(lineNo: number, length: number): void;
}

export class LineSplitter {
  private lineNo = 1;
  private carry: Buffer[] = [];
  private carryLength = 0;
  private skipping = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Flushes a last line without "\n". Returns whether one was there. */
  end(): boolean {
    if (this.carryLength === 0 && !this.skipping) return false;
    this.emitCarry();
    return true;
  }

  /** Number of the line being read now (1-based). */
  get current(): number {
    return this.lineNo;
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    if (this.carryLength === 0 && !this.skipping) {
      if (end - start > this.maxLineBytes) this.handler.overlong(this.lineNo, end - start);
      else this.handler.line(this.lineNo, chunk.subarray(start, end));
      this.lineNo++;
      return;
    }
    this.keep(chunk.subarray(start, end));
    this.emitCarry();
  }

  private emitCarry(): void {
    if (this.skipping) this.handler.overlong(this.lineNo, this.carryLength);
    else
      this.handler.line(
        this.lineNo,
        this.carry.length === 1 ? (this.carry[0] as Buffer) : Buffer.concat(this.carry),
      );
    this.lineNo++;
    this.carry = [];
    this.carryLength = 0;
    this.skipping = false;
  }

  private keep(part: Buffer): void {
    this.carryLength += part.length;
    if (this.skipping) return;
    if (this.carryLength > this.maxLineBytes) {
      this.skipping = true;
      this.carry = [];
      return;
    }
    // Copy: the caller may reuse the chunk's memory.
    this.carry.push(Buffer.from(part));
  }
}
