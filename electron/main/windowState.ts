export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** What a new window is given: a position only when the saved one is still on a screen. */
export interface WindowPlacement {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 960, height: 600 } as const;
/** How much of the title bar must lie on some display for the saved position to be kept. */
const GRIP = { width: 120, height: 40 } as const;

/**
 * The window's size and position from the saved state, checked against today's displays
 * (`workAreas`, the first being the primary): a monitor unplugged since, a smaller screen or
 * a hand-edited file must never put the window off screen or make it unusably small.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0];
  const state = asWindowState(saved);
  const fit = (want: number, min: number, max: number | undefined): number =>
    Math.round(Math.max(Math.min(want, max ?? want), Math.min(min, max ?? min)));
  if (!state) {
    return {
      width: fit(DEFAULT_SIZE.width, MIN_SIZE.width, primary?.width),
      height: fit(DEFAULT_SIZE.height, MIN_SIZE.height, primary?.height),
      maximized: false,
    };
  }
  const { bounds } = state;
  const home = workAreas.find((area) => overlaps(bounds, area));
  const width = fit(bounds.width, MIN_SIZE.width, (home ?? primary)?.width);
  const height = fit(bounds.height, MIN_SIZE.height, (home ?? primary)?.height);
  if (!home) return { width, height, maximized: state.maximized };
  return { width, height, x: Math.round(bounds.x), y: Math.round(bounds.y), maximized: state.maximized };
}

/** Whether the top strip of the window (where it is grabbed) lies enough on `area`. */
function overlaps(bounds: Rect, area: Rect): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const top = Math.max(bounds.y, area.y);
  const bottom = Math.min(bounds.y + GRIP.height, area.y + area.height);
  return right - left >= GRIP.width && bottom - top >= GRIP.height / 2;
}

export function asWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  const finite = [x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n));
  if (!finite || (width as number) <= 0 || (height as number) <= 0) return null;
  return {
    bounds: { x: x as number, y: y as number, width: width as number, height: height as number },
    maximized: maximized === true,
  };
}
