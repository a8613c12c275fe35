import { BarList } from '../../charts/BarList.js';
import { formatCount, formatDuration, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { RejectsTable } from '../open/index.js';
import { IntegrityVerdict } from './IntegrityVerdict.js';
import { TopFindings } from './TopFindings.js';
import './overview.css';

function Figure({
  label,
  value,
  testId,
  sub,
}: {
  label: string;
  value: string;
  testId: string;
  sub?: string;
}) {
  return (
    <div className="figure">
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {value}
      </span>
      {sub && <span className="figure-sub">{sub}</span>}
    </div>
  );
}

/** Toggles one value in a list filter: clicking a bar narrows to it, clicking it again widens. */
function toggle(list: readonly string[] | undefined, key: string): string[] | undefined {
  const current = list ?? [];
  const next = current.includes(key) ? current.filter((k) => k !== key) : [...current, key];
  return next.length > 0 ? next : undefined;
}

/**
 * The archive at a glance: what it is, when, how much, is it intact, what the detectors
 * found, and who did what, all under the shared filter (figures in the filter beside the
 * archive's totals).
 */
export function OverviewPanel() {
  const archive = useStudio((s) => s.archive);
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const summary = useCall('archive.summary', archive ? { archive: archive.id, filter } : null);
  if (!archive) return null;
  const s = summary.data;
  const filtered = Object.keys(filter).length > 0;
  const from = archive.timeRange.from;
  const to = archive.timeRange.to;
  const span = from && to ? formatDuration(Date.parse(to) - Date.parse(from)) : '—';
  const entityTypes = Object.entries(archive.entityTypes).sort((a, b) => b[1] - a[1]);

  return (
    <div className="panel-body overview-panel" data-testid="overview-panel">
      <section className="card identity" aria-label="Archive">
        <div className="figures">
          <Figure label="system" value={archive.system} testId="overview-system" />
          <Figure
            label="events"
            value={formatCount(archive.records)}
            testId="overview-records"
            sub={filtered && s ? `${formatCount(s.records)} in the filter` : undefined}
          />
          <Figure label="rejected" value={formatCount(archive.rejected)} testId="overview-rejected" />
          <Figure
            label="actors"
            value={formatCount(archive.actors)}
            testId="overview-actors"
            sub={filtered && s ? `${formatCount(s.actorCount)} in the filter` : undefined}
          />
          <Figure
            label="entities"
            value={s ? formatCount(s.entityCount) : '…'}
            testId="overview-entities"
            sub={filtered ? 'in the filter' : undefined}
          />
          <Figure label="files" value={formatCount(archive.files.length)} testId="overview-files" />
        </div>
        <dl className="identity-list">
          <dt>from</dt>
          <dd data-testid="overview-from">{formatTime(from)}</dd>
          <dt>to</dt>
          <dd data-testid="overview-to">{formatTime(to)}</dd>
          <dt>span</dt>
          <dd>{span}</dd>
          <dt>path</dt>
          <dd className="mono wrap">{archive.path}</dd>
          <dt>sha256</dt>
          <dd className="mono wrap" data-testid="overview-sha256">
            {archive.sha256}
          </dd>
          <dt>entity types</dt>
          <dd data-testid="overview-entity-types">
            {entityTypes.map(([type, n]) => (
              <span key={type} className="entity-type" data-type={type}>
                {type} <b>{formatCount(n)}</b>
              </span>
            ))}
          </dd>
        </dl>
      </section>
      <div className="overview-row">
        <IntegrityVerdict archive={archive} />
        <TopFindings archive={archive} filter={filter} />
      </div>
      {summary.error && <p className="error">{summary.error}</p>}
      <div className="overview-charts" data-testid="overview-charts">
        <BarList
          title="Actions"
          items={s?.actions ?? []}
          selected={filter.actions}
          onPick={(key) => patchFilter({ actions: toggle(filter.actions, key) })}
          testId="chart-actions"
        />
        <BarList
          title="Entity types"
          items={s?.entityTypes ?? []}
          selected={filter.entityTypes}
          onPick={(key) => patchFilter({ entityTypes: toggle(filter.entityTypes, key) })}
          testId="chart-entity-types"
        />
        <BarList
          title={`Actors (top ${s?.actors.length ?? 0} of ${formatCount(s?.actorCount ?? 0)})`}
          items={s?.actors ?? []}
          selected={filter.actors}
          onPick={(key) => patchFilter({ actors: toggle(filter.actors, key) })}
          testId="chart-actors"
        />
      </div>
      <RejectsTable archive={archive} />
    </div>
  );
}
