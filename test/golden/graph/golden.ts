/**
 * Golden files for graph output: compares text with a file next to this helper;
 * `CONVOY_UPDATE_GOLDEN=1` (re)writes the file instead.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = import.meta.dirname;

/** Asserts that `actual` equals test/golden/graph/<name>. */
export function assertGolden(name: string, actual: string): void {
  const file = join(DIR, name);
  if (process.env['CONVOY_UPDATE_GOLDEN'] === '1') {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing; run with CONVOY_UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${file}; if intended, rerun with CONVOY_UPDATE_GOLDEN=1`);
}
