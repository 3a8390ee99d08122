/**
 * Parses a stack file's YAML with positions: syntax errors become `E_YAML`, duplicate
 * keys `E_DUPLICATE` (naming the line of the first one), unresolved aliases `E_YAML`.
 * YAML 1.2 core schema (`yes`/`no` stay strings) with `<<` merge keys.
 */
import { LineCounter, isAlias, isMap, isPair, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { ConvoyError, ConvoyErrors, type SourcePosition } from '../errors.ts';
import { describePath } from './describe.ts';
import { keyText, yamlSourceMap, type SourceMap } from './source-map.ts';
import { YAML_HINTS } from './yaml-hints.ts';

/** A parsed stack document: plain data plus the map back to the source. */
export interface ParsedYaml {
  /** The document as plain JavaScript values (`undefined` for an empty file). */
  data: unknown;
  map: SourceMap;
}

/**
 * Parses one YAML document.
 *
 * @param text the file's content.
 * @param file the file name used in positions.
 * @throws ConvoyErrors every syntax problem of the file (`E_YAML`, `E_DUPLICATE`), sorted by position.
 */
export function parseStackYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, merge: true });
  const map = yamlSourceMap(doc, lineCounter, file, text);
  const errors = doc.errors.map((e) => yamlError(e, doc, lineCounter, file, text));
  errors.push(...unresolvedAliases(doc, lineCounter, file));
  if (errors.length > 0) throw new ConvoyErrors(dedupe(errors));
  return { data: doc.toJS({ maxAliasCount: 1000 }) ?? undefined, map };
}

function positionAt(lineCounter: LineCounter, file: string, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { file, line, column: col };
}

function yamlError(e: YAMLError, doc: Document, lineCounter: LineCounter, file: string, text: string): ConvoyError {
  let position = positionAt(lineCounter, file, e.pos[0]);
  if (e.code === 'BAD_INDENT' && position.column === 1) {
    // The parser points at the start of the line; the misplaced entry starts after its indentation.
    const line = text.slice(e.pos[0]).split('\n')[0] ?? '';
    position = { ...position, column: 1 + (line.length - line.trimStart().length) };
  }
  if (e.code === 'DUPLICATE_KEY') return duplicateKeyError(e, doc, lineCounter, position);
  const what = lowerFirst(e.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').trim());
  const hint = YAML_HINTS[e.code] ?? {
    expected: 'valid YAML',
    fix: 'Check the YAML syntax at this position (indentation with spaces, quotes, brackets).',
  };
  // The parser notices an unclosed quote or bracket where the file or block ends; point at the opener.
  const opener = unclosedOpener(doc, e);
  if (opener) {
    const at = positionAt(lineCounter, file, opener.offset);
    const message = `YAML syntax error: ${what}: the ${opener.char} here is never closed (noticed at line ${position.line})`;
    const close = CLOSERS[opener.char] ?? opener.char;
    const fix =
      close === ']' || close === '}'
        ? `Add the closing ${close}, or write the ${close === ']' ? 'list as indented "- " lines' : 'mapping as indented key: value lines'}.`
        : `Add the closing ${close} at the end of the string (for multi-line text, use a block scalar: key: |).`;
    return new ConvoyError('E_YAML', message, { position: at, expected: `a closing ${close}`, fix, cause: e });
  }
  return new ConvoyError('E_YAML', `YAML syntax error: ${what}`, { position, ...hint, cause: e });
}

const CLOSERS: Record<string, string> = { '[': ']', '{': '}', '"': '"', "'": "'" };

/** The innermost quoted string or flow collection that runs up to the error's offset. */
function unclosedOpener(doc: Document, e: YAMLError): { offset: number; char: string } | undefined {
  const quote = e.code === 'MISSING_CHAR' && /quote/i.test(e.message);
  const flow = /^Flow (sequence|map|mapping)/i.test(e.message);
  if (!quote && !flow) return undefined;
  let found: { offset: number; char: string } | undefined;
  const consider = (range: readonly number[] | null | undefined, char: string) => {
    const [start, end] = range ?? [];
    if (start === undefined || end !== e.pos[0] || start >= e.pos[0]) return;
    if (!found || start > found.offset) found = { offset: start, char };
  };
  visit(doc, {
    Scalar(_k, node) {
      if (quote && node.type === 'QUOTE_DOUBLE') consider(node.range, '"');
      if (quote && node.type === 'QUOTE_SINGLE') consider(node.range, "'");
    },
    Seq(_k, node) {
      if (flow && node.flow) consider(node.range, '[');
    },
    Map(_k, node) {
      if (flow && node.flow) consider(node.range, '{');
    },
  });
  return found;
}

/** A duplicate key: names the thing (component, environment, field) and the line of the first one. */
function duplicateKeyError(e: YAMLError, doc: Document, lineCounter: LineCounter, position: SourcePosition) {
  const found = findDuplicate(doc, e.pos[0]);
  if (!found) {
    return new ConvoyError('E_DUPLICATE', 'duplicate key in a mapping', {
      position,
      expected: 'each key once per mapping',
      fix: 'Remove or rename one of the two entries.',
      cause: e,
    });
  }
  const firstLine = lineCounter.linePos(found.firstOffset).line;
  const { noun, where } = describePath([...found.path, found.key]);
  const thing = noun ? `${noun} "${found.key}"` : `key "${found.key}"`;
  return new ConvoyError(
    'E_DUPLICATE',
    `duplicate ${thing}${where ? ` in ${where}` : ''} (first defined at line ${firstLine})`,
    {
      position,
      expected: 'each key once per mapping',
      fix: `Remove one of the two "${found.key}" entries or rename one (a later entry does not merge into the first).`,
      cause: e,
    },
  );
}

interface Duplicate {
  /** Path of the mapping holding both keys. */
  path: (string | number)[];
  key: string;
  firstOffset: number;
}

/** Finds the mapping whose key starts at `offset` and an earlier key with the same text. */
function findDuplicate(doc: Document, offset: number): Duplicate | undefined {
  let result: Duplicate | undefined;
  visit(doc, {
    Map(_key, node, ancestors) {
      const index = node.items.findIndex((p) => (p.key as { range?: number[] } | null)?.range?.[0] === offset);
      if (index < 0) return undefined;
      const key = keyText(node.items[index]?.key);
      const first = node.items.slice(0, index).find((p) => keyText(p.key) === key);
      const firstOffset = (first?.key as { range?: number[] } | null)?.range?.[0];
      if (key === undefined || firstOffset === undefined) return undefined;
      result = { path: pathOf(ancestors), key, firstOffset };
      return visit.BREAK;
    },
  });
  return result;
}

/** The document path of a node from its ancestors, as `visit` reports them. */
function pathOf(ancestors: readonly unknown[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    const child = ancestors[i + 1];
    if (isPair(node)) {
      const k = keyText(node.key);
      if (k !== undefined) path.push(k);
    } else if (child !== undefined && !isMap(node) && Array.isArray((node as { items?: unknown[] }).items)) {
      path.push((node as { items: unknown[] }).items.indexOf(child));
    }
  }
  return path;
}

function unresolvedAliases(doc: Document, lineCounter: LineCounter, file: string): ConvoyError[] {
  const errors: ConvoyError[] = [];
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node) || node.resolve(doc) !== undefined) return;
      errors.push(
        new ConvoyError('E_YAML', `YAML alias "*${node.source}" refers to no anchor`, {
          position: positionAt(lineCounter, file, node.range?.[0] ?? 0),
          expected: `an anchor "&${node.source}" defined earlier in the file`,
          fix: `Define "&${node.source}" on a value above this line, or fix the alias name.`,
        }),
      );
    },
  });
  return errors;
}

/** One error per position: a single mistake can make the parser report the same place twice. */
function dedupe(errors: ConvoyError[]): ConvoyError[] {
  const seen = new Set<string>();
  const sorted = [...errors].sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
  return sorted.filter((e) => {
    const k = `${e.position?.line}:${e.position?.column}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function lowerFirst(s: string): string {
  return s.length > 0 && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
