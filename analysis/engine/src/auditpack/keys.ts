import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { ChronoscopeError } from '../../../core/src/index.js';

/** Writes an Ed25519 key pair: `NAME.pem` (PKCS#8, readable by its owner only) and `NAME.pub.pem` (SPKI). */
export async function writeKeyPair(
  base: string,
): Promise<{ privatePath: string; publicPath: string; fingerprint: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePath = `${base}.pem`;
  const publicPath = `${base}.pub.pem`;
  // `wx`: an existing key is never overwritten; losing a signing key is not undoable.
  await writeFile(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  await writeFile(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  return { privatePath, publicPath, fingerprint: keyFingerprint(publicKey) };
}

export async function readPrivateKey(path: string): Promise<KeyObject> {
  const key = createPrivateKey(await readPem(path));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ChronoscopeError('BAD_ARGUMENT', `${path}: not an Ed25519 private key`);
  return key;
}

export async function readPublicKey(path: string): Promise<KeyObject> {
  const key = createPublicKey(await readPem(path));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ChronoscopeError('BAD_ARGUMENT', `${path}: not an Ed25519 public key`);
  return key;
}

export function spkiDer(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** Exporting a key is slow next to everything else a small pack's verification does. */
const fingerprints = new WeakMap<KeyObject, string>();

export function keyFingerprint(key: KeyObject): string {
  let fingerprint = fingerprints.get(key);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(spkiDer(key)).digest('hex');
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

async function readPem(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `${path}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
}
