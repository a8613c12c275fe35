import type { EventFilterParams } from '../../analysis/core/src/index.js';
import { formatCount, formatTime } from './format.js';
import { useStudio } from './studioStore.js';

interface Chip {
  key: string;
  label: string;
  clear: Partial<EventFilterParams>;
}

const LIST_LABELS: Array<[keyof EventFilterParams, string]> = [
  ['actors', 'actor'],
  ['actions', 'action'],
  ['eventTypes', 'event type'],
  ['entityTypes', 'entity type'],
  ['entities', 'entity'],
];

/** One chip per condition of the shared filter, in words, each with its own clear button. */
export function chipsOf(filter: EventFilterParams): Chip[] {
  const chips: Chip[] = [];
  if (filter.from || filter.to)
    chips.push({
      key: 'time',
      label: `time ${filter.from ? formatTime(filter.from) : '…'} → ${filter.to ? formatTime(filter.to) : '…'}`,
      clear: { from: undefined, to: undefined },
    });
  for (const [field, name] of LIST_LABELS) {
    const values = filter[field];
    if (Array.isArray(values) && values.length > 0)
      chips.push({
        key: field,
        label: values.length === 1 ? `${name} = ${String(values[0])}` : `${name} ∈ ${values.length} values`,
        clear: { [field]: undefined },
      });
  }
  if (filter.text) chips.push({ key: 'text', label: `text “${filter.text}”`, clear: { text: undefined } });
  if (filter.seqs?.length)
    chips.push({
      key: 'seqs',
      label: `${formatCount(filter.seqs.length)} chosen events`,
      clear: { seqs: undefined },
    });
  return chips;
}

export function FilterChips() {
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const clearFilter = useStudio((s) => s.clearFilter);
  const chips = chipsOf(filter);
  if (chips.length === 0) return <span className="chips-empty">no filter</span>;
  return (
    <div className="chips" data-testid="filter-chips" aria-label="Filter">
      {chips.map((chip) => (
        <span className="chip" key={chip.key} data-testid={`chip-${chip.key}`}>
          <span className="chip-label">{chip.label}</span>
          <button
            type="button"
            className="chip-clear"
            aria-label={`Clear ${chip.key} filter`}
            onClick={() => patchFilter(chip.clear)}
          >
            ×
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="link-button" onClick={clearFilter} data-testid="clear-filter">
          clear all
        </button>
      )}
    </div>
  );
}
