import { create } from 'zustand';
import type { ReelRequest, ReelSummary } from '../../../../analysis/core/src/index.js';
import { useCase } from '../../../app/caseStore.js';
import { useStudio } from '../../../app/studioStore.js';
import { errorText } from '../../../app/useCall.js';
import { segmentFromRange, segmentsFromAnnotations, segmentsFromFindings } from './planReel.js';
import type { ReelAnnotation, ReelSegment } from './planReel.js';
import { renderReel } from './renderReel.js';
import type { ReelProgress, ReelResult } from './renderReel.js';
import { ReelPlanError } from './scheduleReel.js';

export type ReelSourceKind = ReelRequest['source'];

export interface ReelJobState {
  status: 'idle' | 'rendering' | 'done' | 'error' | 'cancelled';
  progress: ReelProgress | null;
  startedAt: number;
  error: string | null;
  result: ReelResult | null;
  summary: ReelSummary | null;
  start(request: ReelRequest): Promise<ReelSummary | null>;
  cancel(): void;
}

let controller: AbortController | null = null;

/** The annotations of the original timeline, as captions and as a source of ranges. */
export function reelAnnotations(): (ReelAnnotation & { id: string })[] {
  return useCase
    .getState()
    .annotations.filter((a) => a.branch === null)
    .map((a) => ({ id: a.id, at: a.at, to: a.kind === 'range' ? a.to : undefined, text: a.text }));
}

async function segmentsFor(request: ReelRequest, title: string, signal: AbortSignal): Promise<ReelSegment[]> {
  const { client, archive, filter } = useStudio.getState();
  if (!client || !archive) throw new ReelPlanError('no archive is open');
  if (request.source === 'range') {
    // Nothing brushed: the whole archive.
    const from = request.from ?? filter.from ?? archive.timeRange.from ?? undefined;
    const to = request.to ?? filter.to ?? archive.timeRange.to ?? undefined;
    const segments = segmentFromRange(from, to, title || 'the whole archive');
    if (segments.length === 0)
      throw new ReelPlanError(`no time range to render: ${from ?? '?'} → ${to ?? '?'}`);
    return segments;
  }
  if (request.source === 'annotations') {
    const ids = request.annotationIds ? new Set(request.annotationIds) : null;
    const chosen = reelAnnotations().filter((a) => !ids || ids.has(a.id));
    if (chosen.length === 0) throw new ReelPlanError('no annotation chosen: add one, or pick another source');
    return segmentsFromAnnotations(chosen);
  }
  const { seqs: _seqs, ...rest } = filter;
  const result = await client.call('analyze.run', { archive: archive.id, filter: rest }, { signal });
  const segments = segmentsFromFindings(result.findings, { max: request.findings ?? 3 });
  if (segments.length === 0) throw new ReelPlanError('the detectors found nothing to show under this filter');
  return segments;
}

/**
 * The one reel being rendered (a reel takes the whole machine: one at a time). The Export panel
 * and the command line's hook both start it here, so both run exactly the same code.
 */
export const useReelJob = create<ReelJobState>((set, get) => ({
  status: 'idle',
  progress: null,
  startedAt: 0,
  error: null,
  result: null,
  summary: null,
  async start(request) {
    if (get().status === 'rendering') return null;
    const { client, archive } = useStudio.getState();
    const abort = new AbortController();
    controller = abort;
    const startedAt = performance.now();
    set({ status: 'rendering', progress: null, startedAt, error: null, result: null, summary: null });
    try {
      if (!client || !archive) throw new ReelPlanError('no archive is open');
      const title = request.title?.trim() ?? '';
      const segments = await segmentsFor(request, title, abort.signal);
      const result = await renderReel({
        client,
        archive,
        segments,
        annotations: reelAnnotations(),
        width: request.width,
        height: request.height,
        fps: request.fps,
        durationS: request.durationS,
        speed: request.speed,
        title,
        signal: abort.signal,
        onProgress: (progress) => {
          if (controller === abort) set({ progress });
        },
      });
      const summary: ReelSummary = {
        frames: result.frames,
        durationS: result.durationS,
        width: result.width,
        height: result.height,
        codec: result.codec,
        bytes: result.bytes.byteLength,
        seconds: (performance.now() - startedAt) / 1000,
      };
      if (controller === abort) set({ status: 'done', result, summary });
      return summary;
    } catch (error) {
      if (controller !== abort) return null;
      if (abort.signal.aborted) set({ status: 'cancelled', progress: null });
      else set({ status: 'error', error: errorText(error) });
      return null;
    } finally {
      if (controller === abort) controller = null;
    }
  },
  cancel() {
    controller?.abort();
  },
}));
