/**
 * Deep merge for environment overlays: mappings merge key by key, recursively; arrays
 * and scalars replace; the overlay (later) wins. Inputs are never modified.
 */

/** How `null` in an overlay is treated. */
export type NullMode =
  /** `null` removes the key (component spec overlays: `helm: null` drops a source). */
  | 'delete'
  /**
   * `null` is kept as a value (Helm values: Helm itself treats a null value as "delete
   * this default key" when it coalesces values, helm.sh/docs/chart_template_guide/values_files).
   */
  | 'keep';

/** True for plain mappings (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Merges `overlay` over `base`. Mappings merge recursively; arrays, scalars and a mapping
 * meeting a non-mapping replace; `undefined` in the overlay leaves the base alone; `null`
 * follows `nullMode`. Returns a fresh structure (values from inputs are deep-copied).
 */
export function deepMerge(base: unknown, overlay: unknown, nullMode: NullMode = 'keep'): unknown {
  if (overlay === undefined) return clone(base);
  if (!isPlainObject(base) || !isPlainObject(overlay)) return clone(overlay);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) out[k] = clone(v);
  for (const [k, v] of Object.entries(overlay)) {
    if (v === null && nullMode === 'delete') {
      delete out[k];
      continue;
    }
    out[k] = deepMerge(base[k], v, nullMode);
  }
  return out;
}

/** Deep copy of JSON-like data. */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => clone(x)) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}
