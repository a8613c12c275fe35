import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Appends lines to a file in large chunks, waiting for the stream to drain so that memory
 * stays flat however many records are written.
 */
export class LineWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private static readonly CHUNK_CHARS = 1 << 20;
  lines = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'w' });
  }

  /** Writes one line (without its "\n"). Await it: it resolves at once unless the disk is behind. */
  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
    this.lines++;
    if (this.bufferedChars >= LineWriter.CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * One field as PostgreSQL `COPY ... WITH (FORMAT csv)` writes it: NULL is an empty unquoted
 * field, an empty string is `""`, JSON columns hold JSON text, `text[]` uses `{a,b}`.
 */
export function pgCsvField(value: unknown, kind: 'text' | 'json' | 'array' = 'text'): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (kind === 'json') text = JSON.stringify(value);
  else if (kind === 'array') text = pgArray(value as readonly unknown[]);
  else text = String(value);
  return text === '' || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function pgCsvRow(fields: readonly string[]): string {
  return fields.join(',');
}

function pgArray(items: readonly unknown[]): string {
  const parts = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    const text = String(item);
    return text === '' || /[{},"\\\s]/.test(text) || text.toUpperCase() === 'NULL'
      ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
      : text;
  });
  return `{${parts.join(',')}}`;
}
