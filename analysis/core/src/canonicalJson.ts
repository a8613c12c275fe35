import canonicalizeImpl from 'canonicalize';

/** RFC 8785 (JCS) canonical JSON: the form every checksum and signature in the sources is taken over. */
export function canonicalJson(value: unknown): string {
  const text = canonicalizeImpl(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return text;
}
