import { useEffect, useRef, useState } from 'react';
import type { EventFilterParams } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';
import { errorText, useCall } from '../../app/useCall.js';
import { TABLE_COLUMNS } from './columns.js';
import { EventPageCache } from './eventPages.js';
import type { SortSpec } from './eventPages.js';

const COLUMNS = TABLE_COLUMNS.map((c) => c.name);

export interface EventPages {
  cache: EventPageCache | null;
  /** Rows under the filter (the last count while a new one runs, so the table keeps its size). */
  count: number | null;
  /** True while the count for the current filter is not in yet. */
  counting: boolean;
  /** Bumped whenever a page arrives, so the table re-renders. */
  version: number;
  error: string | null;
}

/** The events under the shared filter and a sort, as a page cache that refills on any change. */
export function useEventPages(archive: string, filter: EventFilterParams, sort: SortSpec | null): EventPages {
  const client = useStudio((s) => s.client);
  const [cache, setCache] = useState<EventPageCache | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify({ filter, sort });
  const args = useRef({ filter, sort });
  args.current = { filter, sort };

  useEffect(() => {
    if (!client) return;
    setError(null);
    const next = new EventPageCache(
      client,
      archive,
      args.current.filter,
      args.current.sort,
      COLUMNS,
      () => setVersion((v) => v + 1),
      (e) => setError(errorText(e)),
    );
    setCache(next);
    return () => next.dispose();
  }, [client, archive, key]);

  const counted = useCall('events.count', { archive, filter });
  return {
    cache,
    count: counted.data?.count ?? null,
    counting: counted.loading,
    version,
    error: error ?? counted.error,
  };
}
