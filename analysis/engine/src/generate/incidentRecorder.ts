import type { Incident } from './types.js';

/** One planted incident being written: evidence is added as its records reach the file. */
export class IncidentHandle {
  private readonly evidence: string[] = [];
  private fromMs = Infinity;
  private toMs = -Infinity;

  constructor(
    readonly kind: string,
    readonly actor: string,
    readonly detectors: readonly string[],
  ) {}

  /** Adds one record (by its source id) to the incident's evidence and time range. */
  record(sourceId: string, ms: number): void {
    this.evidence.push(sourceId);
    if (ms < this.fromMs) this.fromMs = ms;
    if (ms > this.toMs) this.toMs = ms;
  }

  get size(): number {
    return this.evidence.length;
  }

  toIncident(): Incident | null {
    if (this.evidence.length === 0) return null;
    return {
      kind: this.kind,
      actor: this.actor,
      from: new Date(this.fromMs).toISOString(),
      to: new Date(this.toMs).toISOString(),
      detectors: [...this.detectors],
      evidence: [...this.evidence],
    };
  }
}

/**
 * The ground truth of a generated export, in the order incidents were planned. An incident
 * that never reached the file (an export too small to hold it) is left out rather than
 * described without evidence.
 */
export class IncidentRecorder {
  private readonly handles: IncidentHandle[] = [];

  open(kind: string, actor: string, detectors: readonly string[]): IncidentHandle {
    const handle = new IncidentHandle(kind, actor, detectors);
    this.handles.push(handle);
    return handle;
  }

  incidents(): Incident[] {
    const out: Incident[] = [];
    for (const handle of this.handles) {
      const incident = handle.toIncident();
      if (incident) out.push(incident);
    }
    return out;
  }
}
