/**
 * `${...}` references in stack strings.
 *
 * | written                          | value                                                      |
 * |----------------------------------|------------------------------------------------------------|
 * | `${environment}`                 | the `-e` environment name; E_REFERENCE when none is chosen |
 * | `${env.VAR}`                     | environment variable VAR; E_REFERENCE when it is unset     |
 * | `${vars.NAME}`                   | spec.vars overlaid by the environment's vars               |
 * | `${component.X.name}`            | X's instance name (affix applied), e.g. `test-msgsvc`      |
 * | `${component.X.namespace}`       | X's namespace                                              |
 * | `${component.X.host}`            | `<instance>.<namespace>.svc.cluster.local` (X's Service DNS) |
 * | `…?` e.g. `${env.VAR?}`          | the empty string when the value is missing                 |
 * | `…:-d` e.g. `${env.VAR:-info}`   | `d` when the value is missing or empty (shell `:-`)        |
 * | `$${`                            | a literal `${`                                             |
 *
 * `X` must be a component of the stack, but need not be selected: a `--only panda
 * --skip-needs` run still knows where msgsvc lives. Only string values are expanded,
 * never mapping keys.
 */
import { ConvoyError, type SourcePosition } from '../errors.ts';
import { didYouMean, listNames } from '../plan/suggest.ts';
import { isPlainObject } from './merge.ts';

/** What references can see. */
export interface ReferenceContext {
  /** The chosen environment, or undefined without `-e`. */
  environment: string | undefined;
  /** Environment variables (process.env by default). */
  env: Readonly<Record<string, string | undefined>>;
  /** Variables: spec.vars overlaid by the environment's vars. */
  vars: Readonly<Record<string, string>>;
  /** Every component of the stack (selected or not) by name. */
  components: ReadonlyMap<string, { instanceName: string; namespace: string }>;
}

/** One parsed `${...}`: the reference path and its fallback. */
export interface Reference {
  /** The text inside the braces without the fallback, e.g. `env.HOME`. */
  ref: string;
  /** `optional` for `?`, `default` for `:-`. */
  fallback: { kind: 'none' } | { kind: 'optional' } | { kind: 'default'; value: string };
}

/** Locates a string for error messages: position and a readable field path. */
export interface Where {
  position: SourcePosition;
  /** e.g. `spec.components.panda.helm.values[1]`. */
  field: string;
}

type Piece = string | Reference;

/**
 * Splits a string into literal text and references.
 *
 * @throws ConvoyError `E_REFERENCE` for a `${` without its closing `}`.
 */
export function parseTemplate(text: string, where?: Where): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
    } else if (text.startsWith('${', i)) {
      const end = text.indexOf('}', i + 2);
      if (end < 0) {
        throw new ConvoyError('E_REFERENCE', `unterminated reference in "${text}"${usedIn(where)}`, {
          position: where?.position,
          expected: 'a reference such as ${env.NAME} closed by }',
          fix: 'Close the reference with }, or write $${ for a literal ${.',
        });
      }
      if (literal) pieces.push(literal);
      literal = '';
      pieces.push(parseReference(text.slice(i + 2, end)));
      i = end + 1;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) pieces.push(literal);
  return pieces;
}

function parseReference(body: string): Reference {
  const dflt = body.indexOf(':-');
  if (dflt >= 0) return { ref: body.slice(0, dflt), fallback: { kind: 'default', value: body.slice(dflt + 2) } };
  if (body.endsWith('?')) return { ref: body.slice(0, -1), fallback: { kind: 'optional' } };
  return { ref: body, fallback: { kind: 'none' } };
}

/** The references in a string (literals and `$${` escapes left out). */
export function referencesIn(text: string): Reference[] {
  return parseTemplate(text).filter((p): p is Reference => typeof p !== 'string');
}

/**
 * Expands every reference in `text`.
 *
 * @throws ConvoyError `E_REFERENCE` for an unknown reference, an unknown component or
 *   field, a missing environment, variable or env var without `?` or `:-` fallback.
 */
export function expandString(text: string, ctx: ReferenceContext, where?: Where): string {
  if (!text.includes('${')) return text;
  return parseTemplate(text, where)
    .map((p) => (typeof p === 'string' ? p : valueOf(p, ctx, where)))
    .join('');
}

/**
 * Expands every string inside JSON-like data, recursively (mapping keys untouched).
 * `whereOf(path)` locates a value for errors; `path` is relative to `data`.
 */
export function expandDeep<T>(
  data: T,
  ctx: ReferenceContext,
  whereOf: (path: readonly (string | number)[]) => Where,
  path: (string | number)[] = [],
): T {
  if (typeof data === 'string') return expandString(data, ctx, whereOf(path)) as T;
  if (Array.isArray(data)) return data.map((v: unknown, i) => expandDeep(v, ctx, whereOf, [...path, i])) as T;
  if (isPlainObject(data)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = expandDeep(v, ctx, whereOf, [...path, k]);
    return out as T;
  }
  return data;
}

function valueOf(r: Reference, ctx: ReferenceContext, where: Where | undefined): string {
  const found = lookup(r, ctx, where);
  if (found.value !== undefined && !(r.fallback.kind === 'default' && found.value === '')) return found.value;
  if (r.fallback.kind === 'default') return r.fallback.value;
  if (r.fallback.kind === 'optional') return '';
  throw new ConvoyError('E_REFERENCE', `\${${r.ref}}: ${found.missing}${usedIn(where)}`, {
    position: where?.position,
    expected: found.expected,
    fix: found.fix,
  });
}

interface Lookup {
  value: string | undefined;
  missing?: string;
  expected?: string;
  fix?: string;
}

function lookup(r: Reference, ctx: ReferenceContext, where: Where | undefined): Lookup {
  const [root, ...rest] = r.ref.split('.');
  const key = rest.join('.');
  if (root === 'environment' && rest.length === 0) {
    return {
      value: ctx.environment,
      missing: 'no environment is chosen',
      expected: 'an environment chosen with -e NAME',
      fix: 'Pass -e NAME, or write ${environment?} (empty without -e) or ${environment:-default}.',
    };
  }
  if (root === 'env' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
    return {
      value: ctx.env[key],
      missing: `environment variable ${key} is not set`,
      expected: `environment variable ${key}`,
      fix: `export ${key}=..., or write \${env.${key}?} (empty when unset) or \${env.${key}:-default}.`,
    };
  }
  if (root === 'vars' && key !== '') {
    return {
      value: ctx.vars[key],
      missing: `variable "${key}" is not defined`,
      expected: `one of spec.vars or the environment's vars: ${listNames(Object.keys(ctx.vars))}`,
      fix: `${didYouMean(key, Object.keys(ctx.vars))}Define ${key} under spec.vars or the environment's vars.`,
    };
  }
  if (root === 'component' && rest.length === 2)
    return componentValue(rest[0] as string, rest[1] as string, ctx, where);
  throw new ConvoyError('E_REFERENCE', `unknown reference \${${r.ref}}${usedIn(where)}`, {
    position: where?.position,
    expected: '${environment}, ${env.VAR}, ${vars.NAME} or ${component.NAME.name|namespace|host}',
    fix: 'Use one of those forms, or write $${ for a literal ${.',
  });
}

const COMPONENT_FIELDS = ['host', 'name', 'namespace'];

function componentValue(name: string, field: string, ctx: ReferenceContext, where: Where | undefined): Lookup {
  const c = ctx.components.get(name);
  if (c === undefined) {
    throw new ConvoyError('E_REFERENCE', `\${component.${name}.${field}}: no component "${name}"${usedIn(where)}`, {
      position: where?.position,
      expected: `a component of the stack: ${listNames(ctx.components.keys())}`,
      fix: `${didYouMean(name, ctx.components.keys())}Name a component from spec.components.`,
    });
  }
  if (field === 'name') return { value: c.instanceName };
  if (field === 'namespace') return { value: c.namespace };
  if (field === 'host') return { value: `${c.instanceName}.${c.namespace}.svc.cluster.local` };
  throw new ConvoyError('E_REFERENCE', `\${component.${name}.${field}}: unknown field "${field}"${usedIn(where)}`, {
    position: where?.position,
    expected: `one of ${COMPONENT_FIELDS.join(', ')}`,
    fix: `${didYouMean(field, COMPONENT_FIELDS)}Use \${component.${name}.host} for its Service DNS name.`,
  });
}

function usedIn(where: Where | undefined): string {
  return where ? ` (in ${where.field})` : '';
}
