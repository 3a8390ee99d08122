/**
 * The JSON Schema of stack files, for editors: generated from the one zod schema, so it
 * cannot disagree with validation. Draft-07, the draft yaml-language-server (VS Code's
 * YAML extension) and most editors support fully; `io: 'input'` so fields with defaults
 * are optional. Stack files opt in with
 * `# yaml-language-server: $schema=<relative path>/schema/convoy.schema.json`.
 */
import { z } from 'zod';
import { Stack } from './schema.ts';

/** Where the generated schema is committed, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'schema/convoy.schema.json';

/**
 * The JSON Schema as an object. Deterministic: object keys are sorted, except the
 * members of `properties`, which keep the declaration order of the zod schema
 * (apiVersion, kind, metadata, spec) for readable completions.
 */
export function stackJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Stack, { io: 'input', target: 'draft-07' });
  return stable(schema, false) as Record<string, unknown>;
}

function stable(value: unknown, keepOrder: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => stable(v, false));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, stable(v, k === 'properties' && !keepOrder)]));
}
