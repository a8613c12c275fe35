import { createHash, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { FindingSink } from '../integrity/checkKit.js';
import { keyFingerprint } from './keys.js';
import { BLOCK_SIZE, ENTRIES, sealSigningText } from './packFormat.js';
import type { Checkpoint, Seal } from './packFormat.js';
import type { PackInput } from './packInput.js';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Base64 exactly as an encoder writes it, or undefined. Node's decoder skips characters
 * outside the alphabet and ignores the unused bits of the last character, so a changed byte
 * there would decode to the same signature: only the canonical text is accepted.
 */
export function strictBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === text ? bytes : undefined;
}

function signedBy(key: KeyObject | undefined, data: Buffer, signature: string): boolean {
  const sig = strictBase64(signature);
  return key !== undefined && sig !== undefined && sig.length === 64 && verify(null, data, key, sig);
}

/** checkpoint.json read and its signature checked; undefined when it is missing or not a checkpoint. */
export function checkCheckpoint(
  input: PackInput,
  key: KeyObject | undefined,
  sink: FindingSink,
): Checkpoint | undefined {
  const bytes = input.small.get(ENTRIES.checkpoint);
  if (!bytes || !input.has(ENTRIES.records)) {
    sink.add({
      kind: 'truncated',
      severity: 'critical',
      detail: `the pack has no ${!bytes ? ENTRIES.checkpoint : ENTRIES.records}`,
    });
    return undefined;
  }
  const text = input.small.get(ENTRIES.signature)?.toString('latin1') ?? '';
  if (!signedBy(key, bytes, text.endsWith('\n') ? text.slice(0, -1) : text))
    sink.add({
      kind: 'bad_signature',
      severity: 'critical',
      expected: key ? keyFingerprint(key) : 'a key',
      detail: key
        ? `${ENTRIES.signature} is not a signature of ${ENTRIES.checkpoint} by this key: the checkpoint was altered or signed by another key`
        : `no key to check ${ENTRIES.signature} with`,
    });
  const checkpoint = parseCheckpoint(bytes);
  if (!checkpoint)
    sink.add({
      kind: 'modified',
      severity: 'critical',
      detail: `${ENTRIES.checkpoint} is not a checkpoint of auditpack.md: its tree size and root are unknown`,
    });
  return checkpoint;
}

function parseCheckpoint(bytes: Buffer): Checkpoint | undefined {
  try {
    const c = JSON.parse(bytes.toString('utf8')) as Partial<Checkpoint> | null;
    const size = c?.treeSize;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined;
    if (typeof c?.rootHash !== 'string' || typeof c.lastSeal !== 'string') return undefined;
    return c as Checkpoint;
  } catch {
    return undefined;
  }
}

/**
 * Each seal signed, linked to the one before, covering the records the checkpoint says it
 * does, the last one named by the checkpoint. A seal that fails is undefined in the result:
 * its root vouches for nothing.
 */
export function checkSeals(
  input: PackInput,
  key: KeyObject | undefined,
  checkpoint: Checkpoint | undefined,
  sink: FindingSink,
): (Seal | undefined)[] {
  const lines = (input.small.get(ENTRIES.seals)?.toString('utf8') ?? '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const seals: (Seal | undefined)[] = [];
  const size = checkpoint?.treeSize;
  let prev = '';
  for (const [b, line] of lines.entries()) {
    const seal = parseSeal(line);
    const signed = seal !== undefined && signedBy(key, Buffer.from(sealSigningText(line)), seal.sig);
    if (!signed)
      sink.add({
        kind: 'bad_signature',
        severity: 'critical',
        block: b,
        detail: seal
          ? `seal ${b} is not signed by this key`
          : `seal ${b} is not a seal: line ${b + 1} of ${ENTRIES.seals}`,
      });
    // A seal after an altered one names the seal as it was signed: the fault is reported once, at the altered seal.
    if (seal && (seal.block !== b || (seal.prev !== prev && (b === 0 || seals[b - 1] !== undefined))))
      sink.add({
        kind: 'chain_break',
        severity: 'critical',
        block: b,
        expected: prev,
        actual: seal.prev,
        detail: `seal ${b} does not link to the seal before it`,
      });
    const due = size === undefined ? undefined : Math.min(BLOCK_SIZE, size - b * BLOCK_SIZE);
    if (seal && due !== undefined && due > 0 && (seal.firstSeq !== b * BLOCK_SIZE || seal.count !== due))
      sink.add({
        kind: 'chain_break',
        severity: 'critical',
        block: b,
        expected: `records ${b * BLOCK_SIZE} to ${b * BLOCK_SIZE + due - 1}`,
        actual: `records ${seal.firstSeq} to ${seal.firstSeq + seal.count - 1}`,
        detail: `seal ${b} covers other records than the checkpoint's tree size gives it`,
      });
    seals.push(signed ? seal : undefined);
    prev = sha256(line);
  }
  if (checkpoint) {
    const due = Math.ceil(checkpoint.treeSize / BLOCK_SIZE);
    if (lines.length < due)
      sink.add({
        kind: 'truncated',
        severity: 'critical',
        block: lines.length,
        expected: `${due} seals`,
        actual: `${lines.length} seals`,
        detail: `seals ${lines.length} to ${due - 1} are missing`,
      });
    else if (checkpoint.lastSeal !== prev)
      sink.add({
        kind: 'chain_break',
        severity: 'critical',
        block: lines.length - 1,
        expected: checkpoint.lastSeal,
        actual: prev,
        detail: 'the checkpoint does not name the last seal',
      });
  }
  return seals;
}

function parseSeal(line: string): Seal | undefined {
  try {
    const s = JSON.parse(line) as Partial<Seal> | null;
    const ok =
      typeof s?.block === 'number' &&
      typeof s.firstSeq === 'number' &&
      typeof s.count === 'number' &&
      typeof s.root === 'string' &&
      HEX64.test(s.root) &&
      typeof s.prev === 'string' &&
      typeof s.sig === 'string';
    return ok ? (s as Seal) : undefined;
  } catch {
    return undefined;
  }
}
