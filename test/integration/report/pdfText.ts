import { inflateSync } from 'node:zlib';

/**
 * The text of each page of a PDF that Chromium (Skia) printed: enough of a PDF reader for
 * tests, since pdftotext is not installed here. Skia writes plain `N 0 obj` objects (no
 * object streams), Type0 fonts with a ToUnicode CMap, and text as `<hex> Tj` between BT/ET.
 * Runs of one BT block are joined; blocks are separated by a space.
 */
export function pdfPages(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(Number(m[1]), m[2] ?? '');
  const cmaps = new Map<number, Map<number, string>>();
  const cmapOf = (fontObj: number): Map<number, string> => {
    let map = cmaps.get(fontObj);
    if (!map) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObj) ?? '');
      map = ref ? parseCmap(streamOf(objects.get(Number(ref[1])) ?? '')) : new Map();
      cmaps.set(fontObj, map);
    }
    return map;
  };
  const pages: string[] = [];
  const order = pageOrder(objects);
  for (const id of order) {
    const page = objects.get(id) ?? '';
    const fonts = new Map<string, number>();
    for (const f of (/\/Font\s*<<([\s\S]*?)>>/.exec(page)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g))
      fonts.set(f[1] ?? '', Number(f[2]));
    const contents = /\/Contents (\d+) 0 R/.exec(page);
    const stream = contents ? streamOf(objects.get(Number(contents[1])) ?? '') : '';
    const blocks: string[] = [];
    for (const bt of stream.matchAll(/BT([\s\S]*?)ET/g)) {
      let map = new Map<number, string>();
      let out = '';
      for (const op of (bt[1] ?? '').matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
        if (op[1] !== undefined) map = cmapOf(fonts.get(op[1]) ?? -1);
        else out += decodeHex(op[2] ?? '', map);
      }
      blocks.push(out);
    }
    // NFKC undoes the ligatures the fonts draw (ﬁ → fi), so text reads as it was written.
    pages.push(blocks.join(' ').normalize('NFKC'));
  }
  return pages;
}

/** Pages in document order, following the page tree from its root. */
function pageOrder(objects: Map<number, string>): number[] {
  const root = [...objects.entries()].find(
    ([, body]) => /\/Type \/Pages/.test(body) && !/\/Parent/.test(body),
  );
  const walk = (id: number): number[] => {
    const body = objects.get(id) ?? '';
    if (/\/Type \/Page\b(?!s)/.test(body)) return [id];
    const kids = /\/Kids \[([^\]]*)\]/.exec(body)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((k) => walk(Number(k[1])));
  };
  return root ? walk(root[0]) : [];
}

function streamOf(obj: string): string {
  const start = obj.indexOf('stream');
  if (start < 0) return '';
  let from = start + 'stream'.length;
  if (obj[from] === '\r') from++;
  if (obj[from] === '\n') from++;
  const end = obj.lastIndexOf('endstream');
  const raw = Buffer.from(obj.slice(from, end), 'latin1');
  return /FlateDecode/.test(obj.slice(0, start))
    ? inflateSync(raw, { finishFlush: 2 }).toString('latin1')
    : raw.toString('latin1');
}

function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string): number => parseInt(h, 16);
  const unicode = (h: string): string => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(hex(m[1] ?? ''), unicode(m[2] ?? ''));
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const base = hex(m[3] ?? '');
      for (let c = hex(m[1] ?? ''); c <= hex(m[2] ?? ''); c++)
        map.set(c, String.fromCodePoint(base + c - hex(m[1] ?? '')));
    }
  return map;
}

function decodeHex(hexText: string, map: Map<number, string>): string {
  let out = '';
  for (let i = 0; i + 4 <= hexText.length; i += 4)
    out += map.get(parseInt(hexText.slice(i, i + 4), 16)) ?? '';
  return out;
}
