/**
 * The broken-stack corpus: every file `test/fixtures/broken/NN-name.yaml` (or
 * `NN-name.config.ts`) holds one mistake and states in its first comment lines what
 * loading it must report:
 *
 *   # expect-code: E_CYCLE                      the error code
 *   # expect-message: a → b → a                 a substring of the message
 *   # expect-position: 12:7                     line:column in the file (`none`: file only)
 *   # expect-count: 2                           optional: how many problems (default 1)
 *
 * Each must fail with ConvoyErrors holding exactly that many problems, one of them
 * matching code, message and position, every one with `expected` and `fix`, and exit
 * code 2 (an input error). Side files the corpus points at live in broken/files/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConvoyError, ConvoyErrors, exitCodeFor, formatPosition } from '../../src/errors.ts';
import { loadStack } from '../../src/stack/load.ts';

const DIR = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => /^\d{2}-[a-z0-9-]+\.(yaml|config\.ts)$/.test(f))
  .sort();

interface Expectation {
  code: string;
  message: string;
  /** `line:column`, or `none` when only the file is known. */
  position: string;
  count: number;
}

function expectationsOf(file: string): Expectation {
  const fields = new Map<string, string>();
  for (const line of readFileSync(join(DIR, file), 'utf8').split('\n')) {
    const m = /^(?:#|\/\/) expect-([a-z]+): (.*)$/.exec(line);
    if (m) fields.set(m[1] as string, (m[2] as string).trim());
  }
  const need = (k: string) => {
    const v = fields.get(k);
    assert.ok(v, `${file}: missing "expect-${k}:" comment`);
    return v;
  };
  return {
    code: need('code'),
    message: need('message'),
    position: need('position'),
    count: Number(fields.get('count') ?? '1'),
  };
}

test('the corpus has at least 35 cases with distinct numbers', () => {
  assert.ok(FILES.length >= 35, `only ${FILES.length} cases`);
  const numbers = FILES.map((f) => f.slice(0, 2));
  assert.equal(new Set(numbers).size, numbers.length, 'two cases share a number');
  assert.ok(
    FILES.some((f) => f.endsWith('.config.ts')),
    'no TypeScript config case',
  );
});

for (const file of FILES) {
  test(file, async () => {
    const want = expectationsOf(file);
    const err: unknown = await loadStack(join(DIR, file)).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof ConvoyErrors, `expected ConvoyErrors, got ${String(err)}`);
    assert.equal(exitCodeFor(err), 2);
    const listing = err.format();
    assert.equal(err.errors.length, want.count, `problems:\n${listing}`);
    const match = err.errors.find((e) => e.code === want.code && e.message.includes(want.message));
    assert.ok(match, `no ${want.code} containing ${JSON.stringify(want.message)}; got:\n${listing}`);
    const p = match.position;
    assert.ok(p !== undefined && p.file.endsWith(file), `position names ${p?.file}`);
    const at = p.line === undefined ? 'none' : `${p.line}:${p.column}`;
    assert.equal(at, want.position, `at ${formatPosition(p)}: ${match.message}`);
    for (const e of err.errors) {
      assert.ok(e instanceof ConvoyError);
      assert.equal(exitCodeFor(e), 2);
      assert.ok(e.expected, `no "expected" on: ${e.message}`);
      assert.ok(e.fix, `no "fix" on: ${e.message}`);
    }
  });
}
