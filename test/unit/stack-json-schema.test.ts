/**
 * schema/convoy.schema.json is generated from the zod schema (`npm run schema`); the
 * committed file must equal a fresh generation, so the editor schema cannot drift from
 * validation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, schemaFileText } from '../../scripts/gen-schema.ts';
import { stackJsonSchema } from '../../src/stack/json-schema.ts';

test('the committed JSON Schema equals the generated one (run `npm run schema` to update)', () => {
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), schemaFileText());
});

test('generation is deterministic', () => {
  assert.equal(schemaFileText(), schemaFileText());
});

test('draft-07 with the stack shape: required fields, strict objects, names as patterns', () => {
  const schema = stackJsonSchema() as {
    $schema: string;
    required: string[];
    additionalProperties: boolean;
    properties: Record<string, { properties?: Record<string, { propertyNames?: { pattern?: string } }> }>;
  };
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(Object.keys(schema.properties), ['$schema', 'apiVersion', 'kind', 'metadata', 'spec']);
  const components = schema.properties['spec']?.properties?.['components'];
  assert.equal(components?.propertyNames?.pattern, '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$');
});

test('valid fixture stacks point editors at the schema with a path that exists', () => {
  const stacks = fileURLToPath(new URL('../fixtures/stacks/', import.meta.url));
  for (const dir of readdirSync(stacks)) {
    const file = join(stacks, dir, 'convoy.yaml');
    if (!existsSync(file)) continue;
    const first = readFileSync(file, 'utf8').split('\n')[0] ?? '';
    const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    assert.ok(m, `${file}: first line is not a yaml-language-server schema comment`);
    assert.equal(resolve(dirname(file), m[1] as string), SCHEMA_FILE);
  }
});
