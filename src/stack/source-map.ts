/**
 * Maps a path in a parsed stack document (`['spec', 'components', 'panda', 'needs', 0]`)
 * to a position in the source file, so every error can say `file:line:column`.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../errors.ts';

/** A path into a stack document: mapping keys and sequence indexes. */
export type DocPath = readonly (string | number)[];

/**
 * Positions of the nodes of one stack document. Paths that do not exist in the source
 * (a missing field, a default) fall back to the deepest node that does, and finally to
 * `{file}` alone.
 */
export interface SourceMap {
  /** The file as the user wrote it (or relative to the working directory). */
  readonly file: string;
  /** Position of the value at `path` (the start of the scalar, `[`, `{` or first entry). */
  valueOf(path: DocPath): SourcePosition;
  /** Position of the mapping key that holds `path` (its last segment); the value's position for list items. */
  keyOf(path: DocPath): SourcePosition;
  /** The source text of the scalar at `path` as written (e.g. `1.10` for a number 1.1), if any. */
  textOf(path: DocPath): string | undefined;
}

/** A source map for a module without positions (a TypeScript config): every path maps to `{file}`. */
export function fileOnlySourceMap(file: string): SourceMap {
  return { file, valueOf: () => ({ file }), keyOf: () => ({ file }), textOf: () => undefined };
}

interface Located {
  /** The key node of the last segment, when it is a mapping key. */
  key: Node | undefined;
  /** The value node at the path, or the deepest existing one on the way. */
  value: Node | undefined;
  /** True when the whole path was found. */
  complete: boolean;
}

/**
 * A source map over a parsed YAML document.
 *
 * @param doc the document parsed with `lineCounter` (aliases are followed).
 * @param text the source text, for {@link SourceMap.textOf}.
 */
export function yamlSourceMap(doc: Document, lineCounter: LineCounter, file: string, text: string): SourceMap {
  const at = (node: Node | undefined): SourcePosition => {
    const offset = node?.range?.[0];
    if (offset === undefined) return docStart();
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const docStart = (): SourcePosition => {
    const offset = (doc.contents as Node | null)?.range?.[0];
    if (offset === undefined) return { file, line: 1, column: 1 };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const locate = (path: DocPath): Located => {
    let value = (doc.contents ?? undefined) as Node | undefined;
    let key: Node | undefined;
    for (const segment of path) {
      const current = isAlias(value) ? (value.resolve(doc) as Node | undefined) : value;
      let next: { key: Node | undefined; value: Node | undefined } | undefined;
      if (isMap(current)) {
        const pair = current.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
        if (pair) next = { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
      } else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment] as Node | undefined;
        if (item) next = { key: undefined, value: item };
      }
      if (!next) return { key, value: current ?? value, complete: false };
      key = next.key;
      // `key:` with no value: point at the key.
      value = next.value ?? next.key;
    }
    return { key, value, complete: true };
  };
  return {
    file,
    valueOf: (path) => (path.length === 0 ? docStart() : at(locate(path).value)),
    keyOf: (path) => {
      if (path.length === 0) return docStart();
      const found = locate(path);
      return at(found.complete ? (found.key ?? found.value) : found.value);
    },
    textOf: (path) => {
      const found = locate(path);
      const node = found.value;
      if (!found.complete || !isScalar(node) || !node.range) return undefined;
      return text.slice(node.range[0], node.range[1]).trim();
    },
  };
}

/** The text of a mapping key node (scalar keys only). */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}
