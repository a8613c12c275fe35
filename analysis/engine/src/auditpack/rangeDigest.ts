import { Worker } from 'node:worker_threads';
import type { Digest } from './packInput.js';

/**
 * The worker's whole program, as text: the bundled CLI and the TypeScript sources both run
 * it without a separate file to find. It only reads a byte range and hashes it.
 */
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const { createReadStream } = require('node:fs');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
let bytes = 0;
createReadStream(workerData.path, { start: workerData.start, end: workerData.start + workerData.length - 1, highWaterMark: 1 << 20 })
  .on('data', (c) => { hash.update(c); bytes += c.length; })
  .on('error', (e) => parentPort.postMessage({ error: String(e && e.message || e) }))
  .on('end', () => parentPort.postMessage({ sha256: hash.digest('hex'), bytes }));
`;

/**
 * sha256 of `length` bytes of a file from `start`, on another thread. Verifying a pack hashes
 * records.ndjson twice: leaf by leaf for the signatures, and whole for the manifest's entry
 * hash. The second is plain OpenSSL work that overlaps the first when a second core is free.
 */
export function digestFileRange(path: string, start: number, length: number): Promise<Digest> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(PROGRAM, { eval: true, workerData: { path, start, length } });
    worker.once('message', (m: { sha256?: string; bytes?: number; error?: string }) => {
      if (m.sha256 !== undefined) resolve({ sha256: m.sha256, bytes: m.bytes ?? 0 });
      else reject(new Error(`${path}: ${m.error ?? 'unreadable'}`));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
