import { useEffect, useState } from 'react';
import type { FindingShape, RuleCheck } from '../../../analysis/core/src/index.js';
import { errorText } from '../../charts/chartKit/index.js';
import { useStudio } from '../../app/studioStore.js';
import { FindingRow, detectorFilter, openFinding, orderFindings } from '../findings/index.js';

/**
 * The findings the draft raises, on demand (running every detector with it costs more than a
 * count): only those of the draft's own rules, each one click from its evidence.
 */
export function RuleFindings({
  text,
  check,
  builtin,
}: {
  text: string;
  check: RuleCheck | null;
  /** The built-in rules' texts: the detectors run those already, and refuse a second rule with their id. */
  builtin: ReadonlySet<string>;
}) {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const [state, setState] = useState<{
    loading: boolean;
    error: string | null;
    findings: FindingShape[] | null;
  }>({
    loading: false,
    error: null,
    findings: null,
  });
  // A list for an older text would be taken for this one's: an edit clears it.
  useEffect(() => setState({ loading: false, error: null, findings: null }), [text]);
  // Rule findings carry the detector id `rule:<id>`.
  const ids = new Set(check?.rules.map((r) => `rule:${r.id}`) ?? []);
  const run = async (): Promise<void> => {
    if (!client || !archive) return;
    setState({ loading: true, error: null, findings: null });
    try {
      const params = { archive: archive.id, filter: detectorFilter(filter) };
      const result = await client.call(
        'analyze.run',
        builtin.has(text) ? params : { ...params, rules: text },
      );
      setState({
        loading: false,
        error: null,
        findings: orderFindings(result.findings.filter((f) => ids.has(f.detector))),
      });
    } catch (error) {
      setState({ loading: false, error: errorText(error), findings: null });
    }
  };
  return (
    <div className="cs-rule-findings">
      <button
        type="button"
        className="cs-button"
        onClick={() => void run()}
        disabled={!check?.ok || state.loading}
        data-testid="rule-run"
      >
        {state.loading ? 'running…' : 'list its findings'}
      </button>
      {state.error && <div className="cs-chart-error">{state.error}</div>}
      {state.findings && state.findings.length === 0 && (
        <div className="cs-muted">no findings under this filter</div>
      )}
      {state.findings && state.findings.length > 0 && (
        <ul className="cs-finding-list">
          {state.findings.map((f, i) => (
            <FindingRow key={`${f.detector}:${f.from}:${i}`} finding={f} onOpen={openFinding} />
          ))}
        </ul>
      )}
    </div>
  );
}
