/**
 * The small JSON path dialect of wait rules: `.status.phase`, `.status.items[0].name`,
 * `.metadata.annotations['example.com/ready']`; optional leading `$` and kubectl-style
 * braces (`{.status.phase}`). No wildcards or filters: a path names one value.
 */

import { isRecord } from './fields.ts';

/** One step: a field name or an array index. */
export type PathSegment = string | number;

/**
 * Parses a path into segments; returns an error text instead of throwing, so the caller can
 * attach a position (see `compileWaitRules`).
 */
export function parseJsonPath(path: string): PathSegment[] | { error: string } {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1).trim();
  if (p.startsWith('$')) p = p.slice(1);
  if (p === '') return { error: 'the path is empty' };
  const segments: PathSegment[] = [];
  let i = 0;
  // A path without a leading dot (`status.phase`) reads as if it had one.
  if (p[0] !== '.' && p[0] !== '[') p = `.${p}`;
  while (i < p.length) {
    const ch = p[i];
    if (ch === '.') {
      let j = i + 1;
      while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
      const name = p.slice(i + 1, j);
      if (name === '') return { error: `empty field name at character ${i + 1}` };
      segments.push(name);
      i = j;
    } else if (ch === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) return { error: `unclosed '[' at character ${i + 1}` };
      const inner = p.slice(i + 1, close).trim();
      const quoted = /^'(.*)'$/.exec(inner) ?? /^"(.*)"$/.exec(inner);
      if (quoted) segments.push(quoted[1] ?? '');
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else return { error: `'[${inner}]' is neither an index nor a quoted name` };
      i = close + 1;
    } else {
      return { error: `unexpected '${ch}' at character ${i + 1}` };
    }
  }
  return segments;
}

/** The value at parsed segments, or undefined. */
export function readPath(obj: unknown, segments: readonly PathSegment[]): unknown {
  let cur: unknown = obj;
  for (const s of segments) {
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (!isRecord(cur)) return undefined;
      cur = cur[s];
    }
  }
  return cur;
}

/** A scalar as text (`Running`, `3`, `true`); undefined for objects, arrays, null and absent values. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
