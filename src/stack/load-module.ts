/**
 * Loads a TypeScript config module (`convoy.config.ts`) by dynamic import; Node 24 strips
 * the types, so only erasable TypeScript is allowed (no enum, namespace or parameter
 * properties).
 */
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { ConvoyError } from '../errors.ts';

/**
 * The stack a module exports: its default export, or what a default-exported (async)
 * function returns. Not validated here.
 *
 * @param abs absolute path of the module.
 * @param file the file name for error positions.
 * @throws ConvoyError `E_SCHEMA` when the module fails to load or has no default export.
 */
export async function importStackModule(abs: string, file: string): Promise<unknown> {
  const url = pathToFileURL(abs);
  // A changed file must load anew in a long-running process: the module cache keys on the URL.
  url.search = `mtime=${(await stat(abs)).mtimeMs}`;
  let value: unknown;
  try {
    value = ((await import(url.href)) as { default?: unknown }).default;
    // A default-exported function (possibly async) returns the stack.
    if (typeof value === 'function') value = await (value as () => unknown)();
  } catch (err) {
    const e = err as Error & { code?: string };
    throw new ConvoyError('E_SCHEMA', `cannot load the config module: ${firstLine(e?.message ?? String(err))}`, {
      position: { file },
      expected:
        'a module that Node.js can import (erasable TypeScript only: no enum, namespace or parameter properties)',
      fix: `Run "node ${file}" to see the full error, and fix the module.`,
      cause: err,
    });
  }
  if (value === undefined) {
    throw new ConvoyError('E_SCHEMA', 'the config module has no default export', {
      position: { file },
      expected: 'export default defineStack({ apiVersion: "convoy.dev/v1alpha1", kind: "Stack", … })',
      fix: 'Add `export default defineStack({...})` (defineStack comes from convoy).',
    });
  }
  return value;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
