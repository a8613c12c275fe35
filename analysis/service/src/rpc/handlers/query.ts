import { singleStatement } from '../../../../engine/src/index.js';
import { readerToArrow } from '../arrow/fromDuckDB.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

export const queryHandlers: Handlers<'query.run'> = {
  /**
   * The user's SQL on the work lane: a read-only database with file access off and the
   * configuration locked (see ArchiveSession), so it can read the archive's tables and
   * nothing else. One row past the limit tells a full result from a cut one.
   */
  'query.run': (params, ctx) =>
    onLane(ctx, params.archive, 'work', async (store) => {
      const statement = singleStatement(params.sql);
      const started = performance.now();
      const reader = await store.userQuery(() =>
        // Newlines, so a trailing `-- comment` in the user's SQL cannot swallow the LIMIT.
        store.conn.runAndReadAll(`SELECT * FROM (\n${statement}\n) LIMIT ${params.limit + 1}`),
      );
      const arrow = readerToArrow(reader, params.limit);
      return {
        columns: arrow.columns,
        rows: arrow.rows,
        truncated: reader.currentRowCount > params.limit,
        ms: performance.now() - started,
        table: arrow.bytes,
      };
    }),
};
