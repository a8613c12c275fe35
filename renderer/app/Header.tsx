import { useState } from 'react';
import { FilterChips } from './FilterChips.js';
import { formatCount } from './format.js';
import { useStudio } from './studioStore.js';

function CopyHash({ sha256 }: { sha256: string }) {
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(sha256).then(
      () => setCopied('done'),
      () => setCopied('failed'),
    );
    setTimeout(() => setCopied('idle'), 1500);
  };
  return (
    <button
      type="button"
      className="hash"
      title={`sha256 ${sha256} (click to copy)`}
      onClick={copy}
      data-testid="archive-sha"
    >
      sha256 {sha256.slice(0, 12)}…
      {copied === 'done' ? ' copied' : copied === 'failed' ? ' (select to copy)' : ''}
    </button>
  );
}

/** The archive's identity (what evidence this is) and the filter every panel obeys. */
export function Header({ onHelp }: { onHelp(): void }) {
  const archive = useStudio((s) => s.archive);
  return (
    <header
      className="header"
      data-testid="archive-header"
      data-system={archive?.system ?? ''}
      aria-label="Archive"
    >
      <span className="brand">Chronoscope</span>
      {archive ? (
        <>
          <span className="badge system" data-testid="archive-system">
            {archive.system}
          </span>
          {/* Right-to-left so a long path loses its start, not its name; the inner bdi keeps the text itself left-to-right. */}
          <span className="path" title={archive.path}>
            <bdi dir="ltr">{archive.path}</bdi>
          </span>
          <CopyHash sha256={archive.sha256} />
          <span className="counts">
            <b>{formatCount(archive.records)}</b> events · <b>{formatCount(archive.actors)}</b> actors
            {archive.rejected > 0 && (
              <>
                {' '}
                · <b className="warn">{formatCount(archive.rejected)}</b> rejected
              </>
            )}
          </span>
          <FilterChips />
        </>
      ) : (
        <span className="path muted">no archive open</span>
      )}
      <button
        type="button"
        className="help-button"
        onClick={onHelp}
        aria-label="Keyboard shortcuts and help (?)"
      >
        ?
      </button>
    </header>
  );
}
