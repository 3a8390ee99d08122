/**
 * Golden-file assertions: compares text with a file under test/golden/; with
 * CONVOY_UPDATE_GOLDEN=1 the file is (re)written instead.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import assert from 'node:assert/strict';

export async function assertGolden(file: string, actual: string): Promise<void> {
  if (process.env.CONVOY_UPDATE_GOLDEN === '1') {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  let expected: string;
  try {
    expected = await readFile(file, 'utf8');
  } catch {
    assert.fail(`golden file ${file} is missing; run with CONVOY_UPDATE_GOLDEN=1 to create it`);
  }
  assert.equal(
    actual,
    expected,
    `output differs from ${file}; if the change is intended, run with CONVOY_UPDATE_GOLDEN=1`,
  );
}
