import type { Command } from 'commander';
import { writeKeyPair } from '../../../../engine/src/index.js';
import { printJson } from '../archiveSession.js';

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('write an Ed25519 key pair for signing .auditpack files (NAME.pem, NAME.pub.pem)')
    .requiredOption('--out <name>', 'path and base name of the two key files')
    .action(async (options: { out: string; json?: boolean }) => {
      const keys = await writeKeyPair(options.out);
      if (options.json) printJson(keys);
      else
        process.stdout.write(
          `private key  ${keys.privatePath} (keep it secret)\npublic key   ${keys.publicPath}\nfingerprint  ${keys.fingerprint}\n`,
        );
    });
}
