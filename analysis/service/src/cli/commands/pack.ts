import type { Command } from 'commander';
import { readPrivateKey, writePack } from '../../../../engine/src/index.js';
import { createPublicKey } from 'node:crypto';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';

interface PackCliOptions extends ArchiveOptions {
  key: string;
  origin: string;
  out: string;
}

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('write a signed .auditpack of a source export (auditpack.md)')
    .argument('<archive>', 'a source export (directory, zip or file)')
    .requiredOption('--key <priv>', 'the Ed25519 private key (PEM) to sign with')
    .requiredOption('--origin <name>', "the log's name, e.g. qcs.prod.audit")
    .requiredOption('--out <file>', 'the .auditpack to write (never overwritten)')
    .action(async (archive: string, options: PackCliOptions) => {
      const privateKey = await readPrivateKey(options.key);
      const summary = await withArchive(archive, options, (store, opened) =>
        writePack(store, opened.system, {
          origin: options.origin,
          privateKey,
          publicKey: createPublicKey(privateKey),
          out: options.out,
        }),
      );
      if (options.json) printJson(summary);
      else
        process.stdout.write(
          `wrote ${summary.out}: ${summary.records.toLocaleString('en')} records in ${summary.blocks} sealed blocks\nroot ${summary.rootHash}\n`,
        );
    });
}
