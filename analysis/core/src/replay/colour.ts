/**
 * Deterministic colours and hashes for the world models: the same id or type gets the same
 * colour and slot on every machine and every run (FNV-1a, not a platform hash).
 */

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A colour for a name: hue from its hash, saturation and lightness fixed for legibility. */
export function colourFor(name: string, lightness = 0.55): number {
  const key = `${lightness}:${name}`;
  let found = named.get(key);
  if (found === undefined) {
    found = hslToRgb((hashString(name) % 360) / 360, 0.55, lightness);
    if (named.size < 4096) named.set(key, found);
  }
  return found;
}
const named = new Map<string, number>();

/** Colours seen, parsed once: a world repeats a few dozen colours across 100,000 blocks. */
const parsedColours = new Map<string, number | null>();

/** `#rgb` or `#rrggbb` as 0xRRGGBB; null when it is neither. */
export function parseHexColour(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  let found = parsedColours.get(value);
  if (found === undefined) {
    found = parseHex(value);
    if (parsedColours.size < 4096) parsedColours.set(value, found);
  }
  return found;
}

function parseHex(value: string): number | null {
  const long = /^#([0-9a-f]{6})$/i.exec(value);
  if (long) return parseInt(long[1] as string, 16);
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value);
  if (!short) return null;
  return parseInt(
    short
      .slice(1)
      .map((c) => `${c}${c}`)
      .join(''),
    16,
  );
}

export function hslToRgb(h: number, s: number, l: number): number {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (f(0) << 16) | (f(8) << 8) | f(4);
}
