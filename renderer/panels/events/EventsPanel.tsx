import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../app/studioStore.js';
import { errorText } from '../../app/useCall.js';
import { BLOCK_ROWS, EventsTable } from './EventsTable.js';
import { EventDetail } from './EventDetail.js';
import { EventsToolbar } from './EventsToolbar.js';
import type { TableColumn } from './columns.js';
import { useEventsView } from './eventsView.js';
import { useEventPages } from './useEventPages.js';
import './events.css';

/**
 * Every event under the shared filter: sort by any column (click its header: ascending,
 * descending, off), filter the listed columns, search text in values, jump to a time; the
 * selected event's detail with its state diff beside the table.
 */
export function EventsPanel() {
  const archive = useStudio((s) => s.archive);
  const client = useStudio((s) => s.client);
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const selectedSeq = useStudio((s) => s.selectedSeq);
  const selectEvent = useStudio((s) => s.selectEvent);
  const { sort, blockStart, selectedIndex, setSort, setBlockStart, setSelectedIndex, followFilter } =
    useEventsView();
  const pages = useEventPages(archive?.id ?? '', filter, sort);
  const scrollTo = useRef<((index: number) => void) | null>(null);
  const [jumpError, setJumpError] = useState<string | null>(null);

  const filterKey = JSON.stringify(filter);
  useEffect(() => followFilter(filterKey), [filterKey, followFilter]);

  const selectedRow = selectedIndex === null ? undefined : pages.cache?.row(selectedIndex);
  useEffect(() => {
    if (selectedRow && selectedRow.seq !== selectedSeq) selectEvent(selectedRow.seq);
  }, [selectedRow, selectedSeq, selectEvent]);

  // The row under the playhead follows it (the replay playing, a click on the timeline) while
  // the table lists events in time order: the last event at or before the playhead's time.
  const playheadAt = useStudio((s) => s.playhead.at);
  const followed = useRef(playheadAt);
  useEffect(() => {
    if (!archive || !client || !playheadAt || playheadAt === followed.current) return;
    followed.current = playheadAt;
    if (sort && (sort.desc || (sort.column !== 'seq' && sort.column !== 'ts'))) return;
    const after = new Date(Date.parse(playheadAt) + 1).toISOString();
    client
      .call('events.locate', { archive: archive.id, filter, ...(sort ? { sort } : {}), at: after })
      .then(({ index }) => {
        if (followed.current !== playheadAt || index < 1) return;
        const row = index - 1;
        setBlockStart(Math.floor(row / BLOCK_ROWS) * BLOCK_ROWS);
        setSelectedIndex(row);
        requestAnimationFrame(() => scrollTo.current?.(row));
      })
      .catch(() => undefined);
    // Only a moved playhead moves the row; the filter and sort are read as they are then.
  }, [playheadAt]);

  if (!archive || !client) return null;

  const onSort = (column: TableColumn['name']) => {
    if (sort?.column !== column) setSort({ column, desc: false });
    else if (!sort.desc) setSort({ column, desc: true });
    else setSort(null);
  };
  const goTo = (index: number) => {
    const block = Math.floor(index / BLOCK_ROWS) * BLOCK_ROWS;
    setBlockStart(block);
    setSelectedIndex(index);
    // The table re-renders for the new block first, then scrolls.
    requestAnimationFrame(() => scrollTo.current?.(index));
  };
  const onJump = (at: string) => {
    setJumpError(null);
    client
      .call('events.locate', { archive: archive.id, filter, ...(sort ? { sort } : {}), at })
      .then(({ index }) => {
        const last = Math.max(0, (pages.count ?? 1) - 1);
        goTo(Math.min(index, last));
      })
      .catch((error: unknown) => setJumpError(errorText(error)));
  };

  return (
    <div className="panel-body events-panel" data-testid="events-panel">
      <EventsToolbar
        count={pages.count}
        counting={pages.counting}
        total={archive.records}
        blockStart={blockStart}
        blockRows={BLOCK_ROWS}
        onBlock={(start) => {
          setBlockStart(start);
          setSelectedIndex(null);
        }}
        onJump={onJump}
      />
      {(pages.error ?? jumpError) && (
        <p className="error" role="alert">
          {pages.error ?? jumpError}
        </p>
      )}
      <div className={selectedSeq === null ? 'events-split' : 'events-split with-detail'}>
        <EventsTable
          pages={pages}
          filter={filter}
          sort={sort}
          blockStart={blockStart}
          selectedIndex={selectedIndex}
          onSort={onSort}
          onFilter={(key, values) => patchFilter({ [key]: values })}
          onSelect={setSelectedIndex}
          scrollRef={scrollTo}
        />
        {selectedSeq !== null && (
          <EventDetail
            archive={archive}
            seq={selectedSeq}
            onClose={() => {
              selectEvent(null);
              setSelectedIndex(null);
            }}
          />
        )}
      </div>
    </div>
  );
}
