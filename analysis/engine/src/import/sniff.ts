import { openDecoded } from '../archive/decode.js';
import type { ExpansionBudget } from '../archive/expansionGuard.js';
import type { SourceFile } from '../archive/sourceListing.js';

export type TextForm = 'ndjson' | 'csv' | 'json-array' | 'json-document' | 'unknown';

/** What the first bytes of a file say about it: its form and its field (or column) names. */
export interface Sniffed {
  form: TextForm;
  fields: string[];
}

const HEAD_BYTES = 64 * 1024;

export async function readHead(file: SourceFile, budget: ExpansionBudget): Promise<Buffer> {
  const { stream } = await openDecoded(file, budget);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
  } catch {
    // A truncated or corrupt stream still has a head worth sniffing; the import reports the fault.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, HEAD_BYTES);
}

export function sniff(file: Pick<SourceFile, 'ext'>, head: Buffer): Sniffed {
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  const first = trimmed.charAt(0);
  if (file.ext === 'csv' || (first !== '{' && first !== '[' && /^[\w"]/.test(first))) {
    return {
      form: file.ext === 'csv' || looksLikeCsvHeader(trimmed) ? 'csv' : 'unknown',
      fields: csvHeader(trimmed),
    };
  }
  if (first === '[') return { form: 'json-array', fields: keysOf(trimmed.slice(1)) };
  if (first === '{') {
    const firstLine = trimmed.slice(0, Math.max(0, trimmed.indexOf('\n'))) || trimmed;
    const parsed = tryParse(firstLine.trim());
    if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) {
      return { form: 'ndjson', fields: Object.keys(parsed) };
    }
    // A pretty-printed document or a record too long for the head: take the keys we can see.
    return {
      form: file.ext === 'ndjson' || file.ext === 'jsonl' ? 'ndjson' : 'json-document',
      fields: keysOf(trimmed),
    };
  }
  return { form: 'unknown', fields: [] };
}

function looksLikeCsvHeader(text: string): boolean {
  const line = text.slice(0, text.indexOf('\n') >>> 0);
  return line.includes(',');
}

function csvHeader(text: string): string[] {
  const end = text.search(/\r?\n/);
  const line = end < 0 ? text : text.slice(0, end);
  return line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
}

/** Top-level keys of the first object in `text`, found without a full parse (the head may be cut). */
function keysOf(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && /^\s*:/.test(text.slice(i + 1, i + 8))) keys.push(text.slice(start + 1, i));
      }
      continue;
    }
    if (ch === '"') {
      inString = true;
      start = i;
    } else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) break;
    }
  }
  return keys;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
