export { writeKeyPair, readPrivateKey, readPublicKey, keyFingerprint } from './keys.js';
export { writePack } from './writePack.js';
export type { PackOptions, PackSummary } from './writePack.js';
export { verifyPack } from './packVerify.js';
export type { PackVerification } from './packVerify.js';
export { readPackEntries } from './packReader.js';
export { extractPack } from './extractPack.js';
export { BLOCK_SIZE, ENTRIES, PACK_FORMAT } from './packFormat.js';
export type { Checkpoint, Seal } from './packFormat.js';
