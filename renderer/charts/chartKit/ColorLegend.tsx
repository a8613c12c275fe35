import { useId } from 'react';
import { formatCount } from './format.js';

export interface ColorLegendProps {
  /** Colour at a fraction 0..1 of the scale. */
  color: (t: number) => string;
  max: number;
  /** What the colour counts, with its unit: "events per cell". */
  label: string;
  width?: number;
}

/** A horizontal colour ramp from 1 to `max`, with its unit. */
export function ColorLegend({ color, max, label, width = 220 }: ColorLegendProps) {
  const id = useId().replace(/:/g, '');
  const stops = [0, 0.25, 0.5, 0.75, 1];
  return (
    <svg className="cs-legend" width={width + 16} height={38} aria-label={`colour scale: ${label}`}>
      <defs>
        <linearGradient id={`ramp${id}`}>
          {stops.map((t) => (
            <stop key={t} offset={`${t * 100}%`} stopColor={color(t)} />
          ))}
        </linearGradient>
      </defs>
      <text x={8} y={10} className="cs-legend-label">
        {label}
      </text>
      <rect x={8} y={14} width={width} height={10} fill={`url(#ramp${id})`} />
      <text x={8} y={36} className="cs-axis-text">
        {max > 0 ? 1 : 0}
      </text>
      <text x={8 + width} y={36} textAnchor="end" className="cs-axis-text">
        {formatCount(max)}
      </text>
    </svg>
  );
}
