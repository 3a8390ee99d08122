/**
 * Multi-document YAML → Kubernetes objects, with positions for errors. Parsing follows
 * YAML 1.1 as Go's sigs.k8s.io/yaml does for kubectl and Helm (`on` is true, `0777` is
 * octal), except that timestamps stay strings (Kubernetes never wants a YAML timestamp).
 */
import { LineCounter, parseAllDocuments, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import { ConvoyError, type SourcePosition } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

/** One parsed YAML document. */
export interface ParsedDocument {
  /** The document's value (null for an empty document). */
  value: unknown;
  /**
   * The path of a `# Source: <path>` comment before the document content (Helm writes one
   * per template; documents after the first of a raw file, such as a crds/ file, inherit it).
   */
  source: string | undefined;
  /** Where the document content starts. */
  position: SourcePosition;
}

/**
 * Parses a multi-document YAML stream. `file` names the text in positions (e.g. a path
 * relative to the working directory, or `helm template output`).
 *
 * @throws ConvoyError `E_RENDER` at the first YAML syntax error, with `file:line:column`.
 */
export function parseDocuments(text: string, file: string, what: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  const out: ParsedDocument[] = [];
  let source: string | undefined;
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      throw new ConvoyError('E_RENDER', `${what}: invalid YAML: ${err.message.split('\n')[0]}`, {
        position: { file, line: pos?.line, column: pos?.col },
        expected: 'valid YAML documents separated by ---',
        fix: 'correct the YAML at this position',
        cause: err,
      });
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    const head = text.slice(doc.range[0], start);
    source = /^#\s*Source:\s*(.+?)\s*$/m.exec(head)?.[1] ?? source;
    const lp = lineCounter.linePos(start);
    out.push({ value: doc.toJS({ maxAliasCount: 1000 }), source, position: { file, line: lp.line, column: lp.col } });
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The Kubernetes objects of parsed documents: empty documents are skipped, `List` kinds
 * (`kind: List` or `kind: <X>List` with `items`) are expanded into their items. Each
 * result keeps its document's `source` comment.
 *
 * @throws ConvoyError `E_RENDER` when a document is not a mapping with string `apiVersion`
 *   and `kind` and a `metadata.name` or `metadata.generateName`.
 */
export function toObjects(docs: readonly ParsedDocument[], what: string): { object: KubeObject; source?: string }[] {
  const out: { object: KubeObject; source?: string }[] = [];
  const add = (value: unknown, doc: ParsedDocument, where: string): void => {
    if (value === null || value === undefined) return;
    const fail = (problem: string): never => {
      throw new ConvoyError('E_RENDER', `${what}: ${where}${problem}`, {
        position: doc.position,
        expected: 'a Kubernetes object with apiVersion, kind and metadata.name',
        fix: 'correct the object (or remove the document)',
      });
    };
    if (!isRecord(value)) return fail(`expected a mapping, found ${Array.isArray(value) ? 'a list' : typeof value}`);
    if (typeof value.kind === 'string' && /List$/.test(value.kind) && Array.isArray(value.items)) {
      value.items.forEach((item, i) => add(item, doc, `${where}items[${i}]: `));
      return;
    }
    if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return fail('missing apiVersion');
    if (typeof value.kind !== 'string' || value.kind === '') return fail('missing kind');
    const meta = value.metadata;
    if (!isRecord(meta)) return fail(`${value.kind} has no metadata`);
    if (typeof meta.name !== 'string' && typeof meta.generateName !== 'string') {
      return fail(`${value.kind} has no metadata.name`);
    }
    out.push({ object: value as KubeObject, ...(doc.source !== undefined ? { source: doc.source } : {}) });
  };
  for (const doc of docs) add(doc.value, doc, '');
  return out;
}
