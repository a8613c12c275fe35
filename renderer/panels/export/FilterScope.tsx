import { chipsOf } from '../../app/FilterChips.js';
import { useStudio } from '../../app/studioStore.js';

/** What an export will cover, in words: the shared filter's conditions, or the whole archive. */
export function FilterScope() {
  const filter = useStudio((s) => s.filter);
  const chips = chipsOf(filter);
  return (
    <p className="cs-export-scope" data-testid="export-scope">
      {chips.length === 0 ? 'covers the whole archive' : `covers: ${chips.map((c) => c.label).join(' · ')}`}
    </p>
  );
}
