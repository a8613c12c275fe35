export interface TooltipState {
  /** Pixels from the top-left corner of the chart's positioned container. */
  x: number;
  y: number;
  lines: string[];
}

/** A hover tooltip with exact values; text only (values may come from the evidence). */
export function Tooltip({ state }: { state: TooltipState | null }) {
  if (!state) return null;
  return (
    <div className="cs-tooltip" role="tooltip" style={{ left: state.x + 12, top: state.y + 12 }}>
      {state.lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'cs-tooltip-title' : undefined}>
          {line}
        </div>
      ))}
    </div>
  );
}
