/**
 * Turns zod issues into {@link ConvoyError}s a person can act on: the position of the
 * offending key or value, what was expected in words, and a fix ("did you mean", "quote
 * it", "write it as a list"). Names that are not DNS-1123 labels become `E_NAME`; all
 * else `E_SCHEMA`.
 */
import { z } from 'zod';
import { ConvoyError, type SourcePosition } from '../errors.ts';
import { closest } from '../plan/suggest.ts';
import { fieldFix } from './field-fix.ts';
import { sortByPosition } from './sort.ts';
import { missingFieldExample, typeFix } from './type-fix.ts';
import { containerSubject, describePath, describeValue, fieldSubject } from './describe.ts';
import { DNS1123_EXPECTED, suggestDns1123Label, whyNotDns1123 } from './dns-name.ts';
import { Affix, Duration, Name } from './schema.ts';
import { describeSchema, exampleFix } from './schema-describe.ts';
import {
  defOf,
  isOrWraps,
  kindOf,
  objectKeys,
  recordKeyType,
  schemaAt,
  unwrap,
  type AnySchema,
} from './schema-walk.ts';
import type { DocPath, SourceMap } from './source-map.ts';

type Issue = z.core.$ZodIssue;
type Path = (string | number)[];

/** What issue translation needs: the schema, the data that failed and its source map. */
export interface IssueContext {
  /** The schema that was parsed against (the root of all issue paths). */
  root: AnySchema;
  data: unknown;
  map: SourceMap;
}

/**
 * One or more errors per zod issue (an unrecognized_keys issue yields one per key),
 * sorted by position.
 */
export function schemaErrors(issues: readonly Issue[], ctx: IssueContext): ConvoyError[] {
  return sortByPosition(issues.flatMap((i) => issueErrors(i, [], ctx)));
}

function issueErrors(issue: Issue, prefix: Path, ctx: IssueContext): ConvoyError[] {
  const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => unknownField(path, k, ctx));
    case 'invalid_type':
      return [wrongType(path, ctx)];
    case 'invalid_value':
      return [badValue(path, issue.values, ctx)];
    case 'too_small':
    case 'too_big':
      return [outOfRange(path, issue, ctx)];
    case 'invalid_format':
      return [badFormat(path, issue, ctx)];
    case 'invalid_key':
      return [badKey(path, issue, ctx), ...entryErrors(path, ctx)];
    case 'invalid_union':
      return unionErrors(path, issue, ctx);
    default:
      return [schemaError(ctx.map.valueOf(path), `${fieldSubject(path)}: ${issue.message}`)];
  }
}

function schemaError(position: SourcePosition, message: string, expected?: string, fix?: string): ConvoyError {
  return new ConvoyError('E_SCHEMA', message, { position, expected, fix });
}

// ---------------------------------------------------------------- unknown fields

function unknownField(path: Path, key: string, ctx: IssueContext): ConvoyError {
  const schema = schemaAt(ctx.root, path);
  const keys = objectKeys(schema) ?? [];
  return schemaError(
    ctx.map.keyOf([...path, key]),
    `unknown field "${key}" in ${containerSubject(path)}`,
    keys.length > 0 ? `one of: ${keys.join(', ')}` : undefined,
    unknownFieldFix(path, key, keys, ctx),
  );
}

/** Where the field belongs: up one level, deeper (exact match), or a near spelling. */
function unknownFieldFix(path: Path, key: string, keys: string[], ctx: IssueContext): string {
  const parentPath = path.slice(0, -1);
  if (typeof path[path.length - 1] === 'string' && kindOf(schemaAt(ctx.root, parentPath) ?? ctx.root) === 'object') {
    if ((objectKeys(schemaAt(ctx.root, parentPath)) ?? []).includes(key)) {
      return `"${key}" belongs one level up, in ${containerSubject(parentPath)}: move it there.`;
    }
  }
  return fieldFix(schemaAt(ctx.root, path), key, keys);
}

// ---------------------------------------------------------------- wrong type, missing

function wrongType(path: Path, ctx: IssueContext): ConvoyError {
  const value = getIn(ctx.data, path);
  const schema = schemaAt(ctx.root, path);
  if (value === undefined) return missingField(path, schema, ctx);
  const expected = schema ? describeSchema(schema) : 'another type';
  const got = describeValue(value, ctx.map.textOf(path));
  const subject = path.length === 0 ? 'the stack file' : fieldSubject(path);
  const fix =
    path.length === 0
      ? 'Write the stack as a mapping: apiVersion, kind, metadata and spec lines, without a leading "- ".'
      : schema && (typeFix(schema, value, path, ctx.map.textOf(path)) ?? exampleFix(schema));
  // `key:` with nothing after it: the key is what the user sees.
  const position = value === null ? ctx.map.keyOf(path) : ctx.map.valueOf(path);
  return schemaError(position, `${subject} must be ${expected}, got ${got}`, expected, fix);
}

function missingField(path: Path, schema: AnySchema | undefined, ctx: IssueContext): ConvoyError {
  if (path.length === 0) {
    return schemaError(
      ctx.map.valueOf([]),
      'the stack file is empty',
      'a stack: a mapping with apiVersion, kind, metadata and spec',
      'Start from: apiVersion: convoy.dev/v1alpha1, kind: Stack, metadata: {name: my-stack}, spec: {components: {…}}.',
    );
  }
  const parent = path.slice(0, -1);
  const field = String(path[path.length - 1]);
  const example = missingFieldExample(parent[parent.length - 1], field);
  return schemaError(
    ctx.map.keyOf(parent),
    `missing required field "${field}" in ${containerSubject(parent)}`,
    `${field}: ${schema ? describeSchema(schema) : 'a value'}`,
    example ? `Add ${example}.` : `Add "${field}".`,
  );
}

// ---------------------------------------------------------------- wrong values

function badValue(path: Path, values: readonly unknown[], ctx: IssueContext): ConvoyError {
  const value = getIn(ctx.data, path);
  const got = describeValue(value, ctx.map.textOf(path));
  const position = ctx.map.valueOf(path);
  if (path.length === 1 && path[0] === 'apiVersion') {
    return schemaError(
      position,
      `unsupported apiVersion: got ${got}`,
      `apiVersion: ${String(values[0])}`,
      `Set apiVersion: ${String(values[0])}.`,
    );
  }
  if (path.length === 1 && path[0] === 'kind') {
    return schemaError(
      position,
      `kind must be "${String(values[0])}", got ${got}`,
      `kind: ${String(values[0])}`,
      `Set kind: ${String(values[0])}.`,
    );
  }
  const words = values.map((v) => (typeof v === 'string' ? v : String(v)));
  const expected = words.length === 1 ? `${words[0]}` : `one of ${words.join(', ')}`;
  let fix: string | undefined;
  if (typeof value === 'string') {
    const sameCase = words.find((w) => w.toLowerCase() === value.toLowerCase());
    const near = sameCase ?? closest(value, words);
    if (near) fix = `did you mean "${near}"?${sameCase ? ' (values are case-sensitive)' : ''}`;
  }
  return schemaError(
    position,
    `${fieldSubject(path)} must be ${expected}, got ${got}`,
    expected,
    fix ?? `Use ${expected}.`,
  );
}

type SizeIssue = Extract<Issue, { code: 'too_small' | 'too_big' }>;

function outOfRange(path: Path, issue: SizeIssue, ctx: IssueContext): ConvoyError {
  const value = getIn(ctx.data, path);
  const schema = schemaAt(ctx.root, path);
  if (typeof value === 'string' && isOrWraps(schema, Name)) return nameError(path, value, false, ctx);
  const subject = fieldSubject(path);
  const position = ctx.map.valueOf(path);
  const got = describeValue(value, ctx.map.textOf(path));
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as { minimum: number }).minimum : (issue as { maximum: number }).maximum);
  if (issue.origin === 'array') {
    const message = small
      ? `${subject} needs at least ${bound} item${bound === 1 ? '' : 's'}`
      : `${subject} has more than ${bound} items`;
    return schemaError(
      position,
      message,
      schema && describeSchema(schema),
      small ? 'Add an item, or remove the field.' : undefined,
    );
  }
  if (issue.origin === 'string') {
    if (small && bound === 1) {
      return schemaError(
        position,
        `${subject} must not be empty`,
        schema && describeSchema(schema),
        'Give it a value, or remove the field.',
      );
    }
    const message = `${subject} must be ${small ? 'at least' : 'at most'} ${bound} characters long, got ${String((value as string).length)}`;
    return schemaError(position, message, schema && describeSchema(schema));
  }
  const limit = `${small ? 'at least' : 'at most'} ${bound}`;
  const exclusive = (issue as { inclusive?: boolean }).inclusive === false;
  const message = `${subject} must be ${exclusive ? (small ? 'greater than' : 'less than') + ` ${bound}` : limit}, got ${got}`;
  return schemaError(position, message, schema && describeSchema(schema), `Use a value ${limit}.`);
}

type FormatIssue = Extract<Issue, { code: 'invalid_format' }>;

function badFormat(path: Path, issue: FormatIssue, ctx: IssueContext): ConvoyError {
  const value = getIn(ctx.data, path);
  const schema = schemaAt(ctx.root, path);
  if (typeof value === 'string' && isOrWraps(schema, Name)) return nameError(path, value, false, ctx);
  const got = describeValue(value, ctx.map.textOf(path));
  const details = issue as { format: string; prefix?: string; pattern?: string };
  const what = !issue.message.startsWith('Invalid')
    ? issue.message
    : details.format === 'starts_with'
      ? `must start with "${details.prefix}"`
      : details.format === 'url'
        ? 'must be a URL such as https://charts.example.com'
        : `must match ${details.pattern ?? details.format}`;
  let fix: string | undefined;
  if (isOrWraps(schema, Duration)) fix = 'Write a number with a unit: 90s, 5m, 1h30m.';
  else if (isOrWraps(schema, Affix) && typeof value === 'string') fix = affixFix(value);
  else if (details.format === 'starts_with' && typeof value === 'string') fix = `Use "${details.prefix}${value}".`;
  else if (details.format === 'url' && typeof value === 'string')
    fix = `Write the full URL with its scheme: https://${value}.`;
  return schemaError(
    ctx.map.valueOf(path),
    `${fieldSubject(path)} ${what}, got ${got}`,
    schema && describeSchema(schema),
    fix,
  );
}

function affixFix(value: string): string {
  const core = suggestDns1123Label(value);
  return `Use "${core}-" for a prefix (${core}-panda) or "-${core}" for a suffix (panda-${core}).`;
}

// ---------------------------------------------------------------- names, keys

function badKey(path: Path, issue: Extract<Issue, { code: 'invalid_key' }>, ctx: IssueContext): ConvoyError {
  const key = String(path[path.length - 1]);
  const keyType = recordKeyType(schemaAt(ctx.root, path.slice(0, -1)));
  if (isOrWraps(keyType, Name)) return nameError(path, key, true, ctx);
  const inner = issue.issues.map((i) => i.message).join('; ');
  return schemaError(ctx.map.keyOf(path), `invalid key "${key}" in ${containerSubject(path.slice(0, -1))}: ${inner}`);
}

/** zod skips the value of a record entry whose key is invalid: validate it too, to report everything at once. */
function entryErrors(path: Path, ctx: IssueContext): ConvoyError[] {
  const parent = schemaAt(ctx.root, path.slice(0, -1));
  const valueType = parent && defOf(unwrap(parent)).valueType;
  if (!valueType) return [];
  const result = z.safeParse(valueType, getIn(ctx.data, path));
  return result.success ? [] : result.error.issues.flatMap((i) => issueErrors(i, path, ctx));
}

/** `E_NAME` for a component/environment/workload key or a name-typed value that is not DNS-1123. */
function nameError(path: Path, name: string, isKey: boolean, ctx: IssueContext): ConvoyError {
  const suggestion = suggestDns1123Label(name);
  const why = whyNotDns1123(name);
  const entry = describePath(path);
  const message = isKey
    ? `invalid ${entry.noun ?? 'key'} name "${name}"${entry.where ? ` in ${entry.where}` : ''}: ${why}`
    : `invalid name "${name}" for ${fieldSubject(path)}: ${why}`;
  return new ConvoyError('E_NAME', message, {
    position: isKey ? ctx.map.keyOf(path) : ctx.map.valueOf(path),
    expected: DNS1123_EXPECTED,
    fix: isKey ? `Rename it to "${suggestion}".` : `Use "${suggestion}".`,
  });
}

// ---------------------------------------------------------------- unions

function unionErrors(path: Path, issue: Extract<Issue, { code: 'invalid_union' }>, ctx: IssueContext): ConvoyError[] {
  const branches = (issue as { errors?: Issue[][] }).errors ?? [];
  const typeMismatch = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value');
  const matched = branches.filter((b) => b.length > 0 && !b.some(typeMismatch));
  const fewest = Math.min(...matched.map((b) => b.length));
  const best = matched.filter((b) => b.length === fewest);
  if (best.length === 1) return (best[0] as Issue[]).flatMap((i) => issueErrors(i, path, ctx));
  const value = getIn(ctx.data, path);
  const schema = schemaAt(ctx.root, path);
  const expected = schema ? describeSchema(schema) : 'another form';
  let fix: string | undefined;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = objectKeys(schema) ?? [];
    const unknown = Object.keys(value).find((k) => !keys.includes(k));
    const near = unknown === undefined ? undefined : closest(unknown, keys);
    if (unknown !== undefined) fix = near ? `did you mean "${near}" instead of "${unknown}"?` : `Remove "${unknown}".`;
  }
  if (value === true && (schema ? describeSchema(schema) : '').startsWith('false')) {
    fix = 'Leave it out for the default, write false to turn it off, or a mapping to configure it.';
  }
  fix ??= schema && exampleFix(schema);
  const got = describeValue(value, ctx.map.textOf(path));
  return [schemaError(ctx.map.valueOf(path), `${fieldSubject(path)} must be ${expected}, got ${got}`, expected, fix)];
}

// ---------------------------------------------------------------- helpers

/** The value at `path` in plain data, or undefined. */
export function getIn(data: unknown, path: DocPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
