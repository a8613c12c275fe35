import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { FindingSink } from '../integrity/checkKit.js';
import { keyFingerprint } from './keys.js';
import { ENTRIES, PACK_FORMAT } from './packFormat.js';
import type { Checkpoint } from './packFormat.js';
import type { Digest, PackInput } from './packInput.js';
import { strictBase64 } from './packSignatures.js';

type Manifest = Record<string, unknown>;

export interface ReadManifest {
  manifest: Manifest | undefined;
  /** Why there is none: missing, or not a JSON object. */
  problem: string | undefined;
  missing: boolean;
  /** The key the manifest names, when it names a readable one. */
  key: KeyObject | undefined;
}

export function readManifest(input: PackInput): ReadManifest {
  const bytes = input.small.get(ENTRIES.manifest);
  if (!bytes)
    return {
      manifest: undefined,
      problem: `the pack has no ${ENTRIES.manifest}`,
      missing: true,
      key: undefined,
    };
  let manifest: Manifest;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    manifest = parsed as Manifest;
  } catch (err) {
    return {
      manifest: undefined,
      problem: `${ENTRIES.manifest} is not a JSON object (${(err as Error).message})`,
      missing: false,
      key: undefined,
    };
  }
  return { manifest, problem: undefined, missing: false, key: publicKeyOf(manifest) };
}

/** The keys of manifests read lately: parsing and re-exporting one costs more than the rest of a small pack. */
const recentKeys = new Map<string, KeyObject | undefined>();

function publicKeyOf(manifest: Manifest): KeyObject | undefined {
  const text = manifest['publicKey'];
  if (typeof text !== 'string') return undefined;
  if (recentKeys.has(text)) return recentKeys.get(text);
  const key = parseKey(text);
  if (recentKeys.size >= 16) recentKeys.clear();
  recentKeys.set(text, key);
  return key;
}

function parseKey(text: string): KeyObject | undefined {
  const der = strictBase64(text);
  if (!der) return undefined;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    // The DER reader forgives bytes after the key: only the exact encoding counts as this key.
    return key.asymmetricKeyType === 'ed25519' && key.export({ type: 'spki', format: 'der' }).equals(der)
      ? key
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The zip itself: each entry once (a reader that took the other copy of records.ndjson would
 * open records nobody verified), and nothing the format does not name (reported, harmless).
 */
export function checkEntryNames(names: readonly string[], sink: FindingSink): void {
  const known = new Set<string>(Object.values(ENTRIES));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name))
      sink.add({
        kind: 'inserted',
        severity: 'critical',
        actual: name,
        detail: `the pack holds more than one entry named ${name}: a reader could take one that was not verified`,
      });
    else if (!known.has(name))
      sink.add({
        kind: 'inserted',
        severity: 'info',
        actual: name,
        detail: `an entry auditpack.md does not name: ${name}`,
      });
    seen.add(name);
  }
}

export interface ManifestFacts {
  checkpoint: Checkpoint | undefined;
  /** What the pack holds, as counted and hashed while verifying. */
  streams: Record<string, number>;
  digests: Record<string, Digest>;
  pinnedKey: KeyObject | undefined;
}

/**
 * The manifest is a convenience, not a trust root (auditpack.md): nothing is believed because
 * it says so. Every field is compared with what the signed checkpoint says or what the pack
 * holds, and each difference is a finding that names the field.
 */
export function checkManifest(read: ReadManifest, facts: ManifestFacts, sink: FindingSink): void {
  const { manifest } = read;
  if (!manifest) {
    sink.add({ kind: read.missing ? 'truncated' : 'modified', severity: 'high', detail: read.problem ?? '' });
    return;
  }
  const field = (name: string, actual: unknown, expected: unknown, what: string): void => {
    if (actual === expected) return;
    sink.add({
      kind: 'modified',
      severity: 'high',
      expected: show(expected),
      actual: show(actual),
      detail: `${ENTRIES.manifest} ${name} differs from ${what}`,
    });
  };
  const c = facts.checkpoint;
  field('format', manifest['format'], PACK_FORMAT, 'the format this reader verifies');
  if (c) {
    for (const name of ['system', 'origin', 'createdAt'] as const)
      field(name, manifest[name], c[name], 'the signed checkpoint');
    field('records', manifest['records'], c.treeSize, "the signed checkpoint's treeSize");
  }
  const streams = isObject(manifest['streams']) ? manifest['streams'] : {};
  for (const name of new Set([...Object.keys(streams), ...Object.keys(facts.streams)]))
    field(
      `streams.${name}`,
      streams[name],
      facts.streams[name],
      `the records of that stream in ${ENTRIES.records}`,
    );
  checkKey(manifest, read.key, facts.pinnedKey, field);
  const files = isObject(manifest['files']) ? manifest['files'] : {};
  for (const [entry, digest] of Object.entries(facts.digests)) {
    const listed = files[entry];
    if (!isObject(listed)) {
      field(`files["${entry}"]`, listed, 'its bytes and sha256', 'the entry in the pack');
      continue;
    }
    for (const [key, actual] of [
      ['bytes', digest.bytes],
      ['sha256', digest.sha256],
    ] as const) {
      if (listed[key] === actual) continue;
      sink.add({
        kind: 'hash_mismatch',
        severity: 'high',
        expected: show(listed[key]),
        actual: String(actual),
        detail: `${entry}: its ${key === 'bytes' ? 'size' : 'sha256'} differs from ${ENTRIES.manifest}'s files["${entry}"].${key}`,
      });
    }
  }
}

function checkKey(
  manifest: Manifest,
  key: KeyObject | undefined,
  pinned: KeyObject | undefined,
  field: (name: string, actual: unknown, expected: unknown, what: string) => void,
): void {
  if (!key) {
    field('publicKey', manifest['publicKey'], 'an Ed25519 public key, base64 SPKI DER', 'a readable key');
    return;
  }
  field('keyFingerprint', manifest['keyFingerprint'], keyFingerprint(key), 'sha256 of its publicKey');
  if (pinned && !pinned.equals(key))
    field('publicKey', keyFingerprint(key), keyFingerprint(pinned), 'the pinned key (fingerprints shown)');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
}
