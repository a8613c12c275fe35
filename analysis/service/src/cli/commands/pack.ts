import type { Command } from 'commander';
import { createPublicKey } from 'node:crypto';
import { ChronoscopeError } from '../../../../core/src/index.js';
import { readPreviousPack, readPrivateKey, writePack } from '../../../../engine/src/index.js';
import type { Checkpoint } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';

interface PackCliOptions extends ArchiveOptions {
  key: string;
  origin: string;
  out: string;
  previous?: string;
}

export function registerPack(program: Command): void {
  program
    .command('pack')
    .description('write a signed .auditpack of a source export (auditpack.md)')
    .argument('<archive>', 'a source export (directory, zip or file)')
    .requiredOption('--key <priv>', 'the Ed25519 private key (PEM) to sign with')
    .requiredOption('--origin <name>', "the log's name, e.g. qcs.prod.audit")
    .requiredOption('--out <file>', 'the .auditpack to write (never overwritten)')
    .option(
      '--previous <pack>',
      'the pack exported before this one from the same origin: this one links to it',
    )
    .action(async (archive: string, options: PackCliOptions) => {
      const privateKey = await readPrivateKey(options.key);
      const publicKey = createPublicKey(privateKey);
      const previous =
        options.previous !== undefined
          ? await previousCheckpoint(options.previous, publicKey, options.origin)
          : undefined;
      const summary = await withArchive(archive, options, async (store, opened) => {
        if (previous && previous.system !== opened.system)
          throw new ChronoscopeError(
            'BAD_ARGUMENT',
            `--previous ${options.previous ?? ''}: a ${previous.system} pack cannot precede a ${opened.system} export`,
          );
        return writePack(store, opened.system, {
          origin: options.origin,
          privateKey,
          publicKey,
          out: options.out,
          previous: previous ? { rootHash: previous.rootHash, treeSize: previous.treeSize } : null,
        });
      });
      if (options.json) printJson(summary);
      else {
        const link = previous
          ? `\nlinks to ${options.previous ?? ''} (${previous.treeSize.toLocaleString('en')} records, root ${previous.rootHash})${summary.extendsPrevious ? ': its records are the first ones of this pack' : ''}`
          : '';
        process.stdout.write(
          `wrote ${summary.out}: ${summary.records.toLocaleString('en')} records in ${summary.blocks} sealed blocks\nroot ${summary.rootHash}${link}\n`,
        );
      }
    });
}

/** The previous pack must be one this key signed, of the same origin: a chain of one signer's exports. */
async function previousCheckpoint(
  path: string,
  publicKey: ReturnType<typeof createPublicKey>,
  origin: string,
): Promise<Checkpoint> {
  const prev = await readPreviousPack(path, publicKey);
  const refuse = (why: string): never => {
    throw new ChronoscopeError('BAD_ARGUMENT', `--previous ${path}: ${why}`);
  };
  if (!prev.checkpoint) return refuse('it has no readable checkpoint.json');
  if (!prev.signed) return refuse('its checkpoint is not signed by this key');
  if (prev.checkpoint.origin !== origin)
    return refuse(`it is a pack of origin "${prev.checkpoint.origin}", not "${origin}"`);
  return prev.checkpoint;
}
