/**
 * JSON encoded byte-for-byte as Go's `encoding/json.Marshal` encodes `map[string]interface{}`
 * values: object keys sorted (by UTF-16 code units, which equals Go's byte order for the
 * keys we see), no whitespace, and Go's HTML-safe escaping of `<`, `>`, `&` and of U+2028,
 * U+2029 as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`. Other escapes (`\"`, `\\`,
 * `\n`, `\r`, `\t`, `\b`, `\f`, `\u00XX`) are the same in JavaScript's JSON.stringify and in
 * Go 1.22+.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
