/**
 * Writes schema/convoy.schema.json from the zod schema (src/stack/schema.ts), for editor
 * validation and completion of stack files. Run with `npm run schema`; a unit test
 * (test/unit/stack-json-schema.test.ts) fails when the committed file differs from
 * {@link schemaFileText}.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, stackJsonSchema } from '../src/stack/json-schema.ts';

/** Absolute path of the committed schema file. */
export const SCHEMA_FILE = fileURLToPath(new URL(`../${JSON_SCHEMA_PATH}`, import.meta.url));

/** The file's text: the schema as JSON, 2-space indented, with a final newline. */
export function schemaFileText(): string {
  return `${JSON.stringify(stackJsonSchema(), null, 2)}\n`;
}

if (import.meta.main) {
  await writeFile(SCHEMA_FILE, schemaFileText());
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
}
