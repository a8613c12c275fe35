import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuckOptions {
  readOnly?: boolean;
  /** Where DuckDB may spill when an import outgrows its memory limit. */
  tempDirectory?: string;
  memoryLimit?: string;
  threads?: number;
  /** WAL size that triggers a checkpoint (DuckDB's default is 16MB). */
  checkpointThreshold?: string;
}

/**
 * Opens a DuckDB database the way every part of Chronoscope expects it: UTC session time
 * (a timestamp without an offset is UTC, as sources.md says), bounded memory, insertion order
 * kept (row order of a file is how records get their line numbers), no extension installs.
 */
export async function openDuck(
  path: string,
  options: DuckOptions = {},
): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const config: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    memory_limit: options.memoryLimit ?? '1GB',
    preserve_insertion_order: 'true',
  };
  if (options.readOnly) config['access_mode'] = 'READ_ONLY';
  // An import checkpoints once, at its end: intermediate tables it drops are never written out.
  else config['checkpoint_threshold'] = options.checkpointThreshold ?? '16MB';
  if (options.threads) config['threads'] = String(options.threads);
  if (options.tempDirectory) config['temp_directory'] = options.tempDirectory;
  const instance = await DuckDBInstance.create(path, config);
  const conn = await instance.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
  return { instance, conn };
}
