import type { RuleSource } from '../../../analysis/core/src/index.js';
import { formatCount } from '../../charts/chartKit/index.js';

export interface RuleCount {
  matches: number;
  findings: number;
  /** The rule does not check (a built-in rule broken by an engine change, say). */
  error?: string;
}

export interface RuleListProps {
  rules: RuleSource[];
  counts: ReadonlyMap<string, RuleCount>;
  selected: string | null;
  onSelect: (rule: RuleSource) => void;
}

/** Every rule (built-in first) with its matches and findings under the filter. */
export function RuleList({ rules, counts, selected, onSelect }: RuleListProps) {
  return (
    <table className="cs-table cs-rule-list">
      <thead>
        <tr>
          <th>rule</th>
          <th className="cs-num" title="events that match the rule's conditions under the filter">
            matches
          </th>
          <th className="cs-num" title="findings the rule raises (thresholds, windows and sequences applied)">
            findings
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => {
          const c = counts.get(r.id);
          return (
            <tr
              key={r.id}
              className={selected === r.id ? 'cs-row-active' : undefined}
              data-testid="rule-row"
              data-rule={r.id}
            >
              <td>
                <button
                  type="button"
                  className="cs-link"
                  onClick={() => onSelect(r)}
                  title={`edit a copy of ${r.id}`}
                >
                  {r.title || r.id}
                </button>{' '}
                <div className="cs-muted cs-mono">
                  {r.id} {r.builtin && <span className="cs-badge cs-badge-skip">built-in</span>}
                </div>
              </td>
              <td className="cs-num" data-testid="rule-matches">
                {c ? (
                  c.error ? (
                    <span className="cs-chart-error cs-inline" title={c.error}>
                      error
                    </span>
                  ) : (
                    formatCount(c.matches)
                  )
                ) : (
                  '…'
                )}
              </td>
              <td className="cs-num">{c && !c.error ? formatCount(c.findings) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
