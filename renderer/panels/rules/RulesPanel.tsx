import '../../charts/chartKit/charts.css';
import './rules.css';
import { useEffect } from 'react';
import type { RuleSource } from '../../../analysis/core/src/index.js';
import { ChartStatus, useFilteredCall } from '../../charts/chartKit/index.js';
import { useStudio } from '../../app/studioStore.js';
import { detectorFilter } from '../findings/index.js';
import { RuleEditor } from './RuleEditor.js';
import { RuleFindings } from './RuleFindings.js';
import { RuleList } from './RuleList.js';
import { useRuleCounts } from './useRuleCounts.js';
import { useRulesEditor } from './rulesStore.js';

/** Rules as data: every rule with its counts, and an editor that checks the text as it is typed. */
export function RulesPanel() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const filter = detectorFilter(useStudio((s) => s.filter));
  const { draft, source, load, edit } = useRulesEditor();
  const list = useFilteredCall(
    'rules.list',
    client ? (signal) => client.call('rules.list', {}, { signal }) : null,
    0,
  );
  const counts = useRuleCounts(client, archive?.id ?? null, list.data, filter);
  const checkParams = archive && draft.trim() ? { archive: archive.id, filter, text: draft } : null;
  const check = useFilteredCall(
    JSON.stringify(checkParams),
    client && checkParams ? (signal) => client.call('rules.check', checkParams, { signal }) : null,
    400,
  );
  const first = list.data?.[0];
  useEffect(() => {
    // Start with a copy of the first rule, so the editor shows the format rather than a blank box.
    if (first && !draft && source === null) load(first.text, first.id);
  }, [first, draft, source, load]);

  const select = (rule: RuleSource): void => load(rule.text, rule.id);
  return (
    <div className="cs-panel cs-rules" data-testid="rules-panel">
      <section className="cs-card cs-rules-list">
        <header className="cs-card-head">
          <h3>Rules</h3>
          <span className="cs-card-note">
            {counts.loading ? 'counting…' : 'counts under the filter · click one to edit a copy'}
          </span>
        </header>
        <ChartStatus
          loading={list.loading}
          error={list.error ?? counts.error}
          empty={!!list.data && list.data.length === 0}
          emptyText="no rules"
        >
          {list.data && list.data.length > 0 ? (
            <RuleList
              rules={list.data}
              counts={counts.data ?? new Map()}
              selected={source}
              onSelect={select}
            />
          ) : null}
        </ChartStatus>
      </section>
      <section className="cs-card cs-rules-editor">
        <header className="cs-card-head">
          <h3>Editor</h3>
          <span className="cs-card-note">
            {source ? `a copy of ${source}` : 'a new rule'} · YAML or JSON · checked as you type
          </span>
          <button type="button" className="cs-button" onClick={() => load('', '')}>
            clear
          </button>
        </header>
        <RuleEditor text={draft} onChange={edit} check={check} />
        <RuleFindings
          text={draft}
          check={check.data}
          builtin={new Set((list.data ?? []).map((r) => r.text))}
        />
      </section>
    </div>
  );
}
