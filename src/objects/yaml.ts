/**
 * Stable YAML output of objects: `kubectl apply -f`-ready multi-document text.
 */
import { Document } from 'yaml';
import type { KubeObject } from './types.ts';
import { normalizeObject } from './normalize.ts';

/**
 * One object as a YAML document (no `---`), in canonical key order ({@link normalizeObject}).
 * No line folding (lineWidth 0), no anchors/aliases, and strings that a YAML 1.1 reader
 * (Go's sigs.k8s.io/yaml, used by kubectl and Helm) would take for numbers or booleans are
 * quoted: `"123"`, `"1e3"`, `"on"`, `"yes"`.
 */
export function objectToYaml(obj: KubeObject): string {
  const doc = new Document(normalizeObject(obj), { version: '1.1', aliasDuplicateObjects: false });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}

/**
 * Objects as multi-document YAML: each document starts with a `---` line and ends with a
 * newline; '' for no objects. The order is the caller's (see ./order.ts `sortObjects`).
 * Same input → byte-identical output.
 */
export function toYaml(objects: readonly KubeObject[]): string {
  return objects.map((o) => `---\n${objectToYaml(o)}`).join('');
}
