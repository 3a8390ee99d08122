/**
 * Builds a {@link LoadedStack} from inline YAML for unit tests, without the real loader:
 * parse with `yaml`, validate with `Stack.parse`, and positions from the YAML nodes
 * (the deepest existing node on the path; `{file}` when none).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { SourcePosition } from '../../../src/errors.ts';
import { Stack } from '../../../src/stack/schema.ts';
import type { LoadedStack } from '../../../src/stack/types.ts';

/** A stack from YAML; `dir` defaults to `/nonexistent` (set it when files matter). */
export function stackFromYaml(text: string, dir = '/nonexistent'): LoadedStack {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw doc.errors[0];
  const spec = Stack.parse(doc.toJS());
  const file = join(dir, 'convoy.yaml');
  return {
    spec,
    file,
    dir,
    positionOf(path): SourcePosition {
      for (let n = path.length; n >= 0; n--) {
        const node: unknown = doc.getIn(path.slice(0, n), true);
        if (isNode(node) && node.range) {
          const { line, col } = lineCounter.linePos(node.range[0]);
          return { file, line, column: col };
        }
      }
      return { file };
    },
  };
}

/** Wraps a `spec:` body (YAML written at column 0) into a full stack named `name`. */
export function stackSpec(body: string, dir?: string, name = 'test'): LoadedStack {
  const indented = body
    .split('\n')
    .map((l) => (l.trim() === '' ? l : `  ${l}`))
    .join('\n');
  return stackFromYaml(
    `apiVersion: convoy.dev/v1alpha1\nkind: Stack\nmetadata: {name: ${name}}\nspec:\n${indented}\n`,
    dir,
  );
}

/** Creates a temporary directory holding `files` (path → content); returns its path. */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'convoy-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
