/**
 * Writes schema/convoy.schema.json from the zod schema (src/stack/schema.ts), for editor
 * validation and completion of stack files. Run with `npm run schema`; a unit test
 * (test/unit/stack-json-schema.test.ts) fails when the committed file differs from
 * {@link schemaFileText}.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { JSON_SCHEMA_PATH, stackJsonSchema } from '../src/stack/json-schema.ts';

/** Absolute path of the committed schema file. */
export const SCHEMA_FILE = fileURLToPath(new URL(`../${JSON_SCHEMA_PATH}`, import.meta.url));

/** The file's text: the schema formatted by prettier as the repository does, so `prettier --check` agrees. */
export async function schemaFileText(): Promise<string> {
  return format(JSON.stringify(stackJsonSchema()), { parser: 'json', printWidth: 120 });
}

if (import.meta.main) {
  await writeFile(SCHEMA_FILE, await schemaFileText());
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
}
