/** What a title card says before a segment. */
export interface TitleCard {
  heading: string;
  /** The archive: its name and system. */
  archive: string;
  segment: string;
  /** "2 of 3 · 2026-05-04 00:03 → 2026-05-06 12:00 UTC" */
  detail: string;
}

export interface OverlayText {
  /** Event time of the frame (ms since the epoch). */
  time: number;
  /** The segment's title, small, top left. */
  segment: string;
  captions: readonly string[];
  /** Shown over a dimmed world, before the segment plays. */
  card?: TitleCard | undefined;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** "2026-05-04 00:29:15 UTC": the event time, as every frame shows it. */
export function reelTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * One frame of the reel: the world, then the text over it. Archive text reaches only
 * fillText (a canvas draws it as glyphs; nothing is parsed as markup).
 */
export function drawOverlay(
  ctx: CanvasRenderingContext2D,
  world: CanvasImageSource,
  text: OverlayText,
): void {
  const { width, height } = ctx.canvas;
  const u = height / 720;
  ctx.drawImage(world, 0, 0, width, height);
  ctx.textBaseline = 'alphabetic';
  if (text.card) {
    drawCard(ctx, text.card, u);
    return;
  }
  ctx.textAlign = 'left';
  if (text.segment) label(ctx, text.segment, 24 * u, 40 * u, 20 * u, '#cfd8e3');
  label(ctx, reelTime(text.time), 24 * u, height - 28 * u, 26 * u, '#ffffff', true);
  let y = height - 80 * u;
  for (const caption of [...text.captions].reverse()) {
    for (const line of wrap(ctx, caption, width * 0.7, 22 * u, 2).reverse()) {
      ctx.textAlign = 'center';
      label(ctx, line, width / 2, y, 22 * u, '#ffe9a8');
      y -= 34 * u;
    }
    y -= 8 * u;
  }
  ctx.textAlign = 'left';
}

function drawCard(ctx: CanvasRenderingContext2D, card: TitleCard, u: number): void {
  const { width, height } = ctx.canvas;
  ctx.fillStyle = 'rgba(8, 11, 16, 0.78)';
  ctx.fillRect(0, 0, width, height);
  ctx.textAlign = 'center';
  const x = width / 2;
  let y = height / 2 - 70 * u;
  for (const line of wrap(ctx, card.heading, width * 0.85, 44 * u, 2, 600)) {
    text(ctx, line, x, y, 44 * u, '#ffffff', 600);
    y += 54 * u;
  }
  text(ctx, card.archive, x, y, 22 * u, '#9fb0c3');
  y += 56 * u;
  for (const line of wrap(ctx, card.segment, width * 0.85, 30 * u, 2)) {
    text(ctx, line, x, y, 30 * u, '#ffe9a8');
    y += 40 * u;
  }
  text(ctx, card.detail, x, y + 10 * u, 20 * u, '#cfd8e3');
  ctx.textAlign = 'left';
}

function text(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  size: number,
  colour: string,
  weight = 400,
): void {
  ctx.font = `${weight} ${Math.round(size)}px ${FONT}`;
  ctx.fillStyle = colour;
  ctx.fillText(s, x, y);
}

/** Text on a dark box, readable over any part of the world. */
function label(
  ctx: CanvasRenderingContext2D,
  s: string,
  x: number,
  y: number,
  size: number,
  colour: string,
  bold = false,
): void {
  ctx.font = `${bold ? 600 : 400} ${Math.round(size)}px ${FONT}`;
  const w = ctx.measureText(s).width;
  const pad = size * 0.35;
  const left = ctx.textAlign === 'center' ? x - w / 2 : x;
  ctx.fillStyle = 'rgba(8, 11, 16, 0.72)';
  ctx.fillRect(left - pad, y - size - pad * 0.3, w + 2 * pad, size + pad * 1.6);
  text(ctx, s, x, y, size, colour, bold ? 600 : 400);
}

/** Greedy word wrap into at most `lines` lines (the last one cut with an ellipsis). */
function wrap(
  ctx: CanvasRenderingContext2D,
  s: string,
  maxWidth: number,
  size: number,
  lines: number,
  weight = 400,
): string[] {
  ctx.font = `${weight} ${Math.round(size)}px ${FONT}`;
  const words = s.replace(/\s+/g, ' ').trim().split(' ');
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width <= maxWidth || !line) line = next;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1] ?? ''}…`;
  return kept;
}
