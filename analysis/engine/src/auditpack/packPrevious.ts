import { verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toHex } from '../../../core/src/index.js';
import type { FindingSink } from '../integrity/checkKit.js';
import type { CheckOutcome } from '../integrity/types.js';
import { ENTRIES } from './packFormat.js';
import type { Checkpoint } from './packFormat.js';
import { packFromFile } from './packInput.js';
import { strictBase64 } from './packSignatures.js';

export interface PreviousPack {
  path: string;
  checkpoint: Checkpoint | undefined;
  /** Whether its checkpoint.sig verifies with the key it was checked against. */
  signed: boolean;
}

/** The checkpoint of another pack, and whether `key` signed it (only its two small entries are read). */
export async function readPreviousPack(path: string, key: KeyObject | undefined): Promise<PreviousPack> {
  const input = await packFromFile(path);
  try {
    const bytes = input.small.get(ENTRIES.checkpoint);
    const sig = strictBase64(input.small.get(ENTRIES.signature)?.toString('latin1').trim() ?? '');
    const signed =
      bytes !== undefined && sig !== undefined && key !== undefined && verify(null, bytes, key, sig);
    let checkpoint: Checkpoint | undefined;
    try {
      checkpoint = bytes ? (JSON.parse(bytes.toString('utf8')) as Checkpoint) : undefined;
    } catch {
      checkpoint = undefined;
    }
    return { path, checkpoint, signed };
  } finally {
    input.close();
  }
}

/**
 * The `previous` link of auditpack.md. With the previous pack given, its checkpoint must be
 * the one named, from the same origin and system, earlier, and signed by the same key. Without
 * it the link can still be confirmed when this pack holds the previous pack's records as its
 * first ones (their tree gives the named root, as a log that only grows would); otherwise it
 * is named but not verified.
 */
export async function checkPrevious(
  checkpoint: Checkpoint | undefined,
  prefixRoot: Uint8Array | undefined,
  key: KeyObject | undefined,
  previousPath: string | undefined,
  sink: FindingSink,
): Promise<CheckOutcome> {
  if (!checkpoint) return sink.outcome('', 'not checked: no checkpoint');
  const named = checkpoint.previous ?? null;
  const extendsIt = named !== null && prefixRoot !== undefined && toHex(prefixRoot) === named.rootHash;
  const holds = extendsIt
    ? `; this pack's first ${named.treeSize} records give that root: it extends the previous pack`
    : '';
  if (previousPath === undefined) {
    if (named === null)
      return sink.outcome(`the first pack of ${checkpoint.origin}: it names no previous pack`);
    const what = `names a previous pack of ${named.treeSize} records, root ${named.rootHash}`;
    return extendsIt
      ? sink.outcome(`${what}${holds}`)
      : sink.outcome('', `not verified: it ${what}; give that pack with --previous to check the link`);
  }
  const prev = await readPreviousPack(previousPath, key);
  const given = prev.checkpoint;
  const fault = (expected: string, actual: string, detail: string): void =>
    sink.add({
      kind: 'chain_break',
      severity: 'critical',
      expected,
      actual,
      detail: `${previousPath}: ${detail}`,
    });
  if (!prev.signed)
    sink.add({
      kind: 'bad_signature',
      severity: 'critical',
      detail: `${previousPath}: its checkpoint is not signed by the key this pack was checked with`,
    });
  if (!given) fault('a checkpoint', 'none', 'has no readable checkpoint.json');
  else if (named === null)
    fault(`root ${given.rootHash} of ${given.treeSize} records`, 'null', 'this pack names no previous pack');
  else {
    if (given.rootHash !== named.rootHash || given.treeSize !== named.treeSize)
      fault(
        `root ${given.rootHash} of ${given.treeSize} records`,
        `root ${named.rootHash} of ${named.treeSize} records`,
        'is not the pack this one names as its previous',
      );
    if (given.origin !== checkpoint.origin || given.system !== checkpoint.system)
      fault(
        `${checkpoint.system} ${checkpoint.origin}`,
        `${given.system} ${given.origin}`,
        'is from another log',
      );
    if (!(String(given.createdAt) < String(checkpoint.createdAt)))
      fault(`before ${checkpoint.createdAt}`, String(given.createdAt), 'was created after this pack');
  }
  return sink.outcome(
    `links to ${previousPath} (root ${named?.rootHash ?? ''}, ${named?.treeSize ?? 0} records), signed by the same key${holds}`,
  );
}
