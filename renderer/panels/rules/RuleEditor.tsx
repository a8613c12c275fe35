import type { RuleCheck } from '../../../analysis/core/src/index.js';
import { formatCount } from '../../charts/chartKit/index.js';
import type { CallState } from '../../charts/chartKit/index.js';

export interface RuleEditorProps {
  text: string;
  onChange: (text: string) => void;
  check: CallState<RuleCheck>;
}

/**
 * The rule text (YAML or JSON) in a monospace editor, checked as it is typed: each error
 * names its rule and field, a valid text shows each rule's live counts.
 */
export function RuleEditor({ text, onChange, check }: RuleEditorProps) {
  const result = check.data;
  return (
    <div className="cs-rule-editor">
      <textarea
        className="cs-code"
        value={text}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        rows={18}
        aria-label="Rule text (YAML or JSON)"
        placeholder="a rule in YAML or JSON; pick one on the left to start from a copy"
        data-testid="rule-text"
      />
      <div className="cs-rule-status" aria-live="polite" data-testid="rule-status">
        {check.loading && <span className="cs-muted">checking…</span>}
        {check.error && (
          <div className="cs-chart-error" role="alert">
            {check.error}
          </div>
        )}
        {result && !check.loading && (
          <>
            {result.errors.length > 0 && (
              <ul className="cs-rule-errors">
                {result.errors.map((e, i) => (
                  <li key={i} className="cs-chart-error" data-testid="rule-error" data-field={e.field}>
                    <b>{e.rule || '(rule)'}</b> · field <code>{e.field || '(root)'}</code>: {e.message}
                  </li>
                ))}
              </ul>
            )}
            {result.ok && (
              <ul className="cs-rule-counts">
                {result.rules.map((r) => (
                  <li key={r.id} data-testid="rule-live-count" data-rule={r.id}>
                    <b>{r.title || r.id}</b>:{' '}
                    <span data-testid="rule-live-matches">{formatCount(r.matches)}</span> matching events,{' '}
                    {formatCount(r.findings)} findings
                  </li>
                ))}
                {result.rules.length === 0 && <li className="cs-muted">the text defines no rule</li>}
              </ul>
            )}
          </>
        )}
      </div>
    </div>
  );
}
