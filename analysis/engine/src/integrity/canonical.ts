/**
 * RFC 8785 canonical JSON for values read by JSON.parse, on the verifier's hot path (every
 * record, every block's events). Same output as core's `canonicalJson` (the `canonicalize`
 * package), which is several times slower here: it scans every string in JS for lone
 * surrogates and tracks cycles, which JSON.parse output cannot have; a native regex does the first.
 * The unit test holds the two equal.
 */
/** In `u` mode a surrogate pair is one code point, so only a lone surrogate is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export function canonicalJsonFast(value: unknown): string {
  // Most records are written in canonical key order already: then the native serialiser gives
  // the canonical form (RFC 8785 takes its string and number forms from ECMAScript's).
  return inCanonicalOrder(value) ? JSON.stringify(value) : build(value);
}

/** Every object's keys sorted by UTF-16 code units, every number finite, every string well formed. */
function inCanonicalOrder(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return typeof value === 'boolean' || value === null;
  if (Array.isArray(value)) {
    for (const item of value) if (!inCanonicalOrder(item)) return false;
    return true;
  }
  const record = value as Record<string, unknown>;
  let previous: string | undefined;
  for (const key in record) {
    if (previous !== undefined && !(previous < key)) return false;
    if (LONE_SURROGATE.test(key) || !inCanonicalOrder(record[key])) return false;
    previous = key;
  }
  return true;
}

function build(value: unknown): string {
  switch (typeof value) {
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new Error('Lone surrogate is not allowed');
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('Non-finite numbers are not allowed');
      // ECMAScript Number-to-String is RFC 8785's number form; JSON.stringify applies it.
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          out += (i > 0 ? ',' : '') + (item === undefined ? 'null' : build(item));
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, which is what RFC 8785 orders keys by.
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${build(item)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} has no JSON form`);
  }
}
