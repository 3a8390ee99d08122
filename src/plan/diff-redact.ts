/**
 * Secret values never reach a plan, a terminal or a JSON document: in a Secret's `data` and
 * `stringData` every value is replaced by `<redacted sha256:abcd1234…>`, the first 8 hex
 * digits of the SHA-256 of the value's bytes, so a reader sees *that* a value changed (and
 * whether two values are equal) but never the value. (helmfile `--suppress-secrets`,
 * `kubectl diff` masks Secret data the same way, kubectl `pkg/cmd/diff/diff.go` `Masker`.)
 */
import { createHash } from 'node:crypto';
import type { FieldChange } from './diff-fields.ts';
import { isRecord } from './diff-fields.ts';

/** Top-level fields of a Secret whose values are secret. */
const SECRET_FIELDS = ['data', 'stringData'] as const;

/** Annotation that kubectl's client-side apply fills with the whole object, values included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The placeholder of one secret value. `data` values are base64 (hashed after decoding), so a
 * `stringData` value and the same value in `data` get the same placeholder.
 */
export function redactValue(value: unknown, encoding: 'base64' | 'utf8'): string {
  if (typeof value !== 'string') return '<redacted>';
  const bytes = Buffer.from(value, encoding === 'base64' ? 'base64' : 'utf8');
  return `<redacted sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 8)}…>`;
}

/** True when the object is a core/v1 Secret. */
export function isSecret(obj: { apiVersion?: unknown; kind?: unknown } | undefined): boolean {
  return obj?.kind === 'Secret' && obj.apiVersion === 'v1';
}

/**
 * The changes of a Secret with every secret value replaced by its placeholder: changes under
 * `data`/`stringData` (single values and whole maps) and of the last-applied annotation.
 * Changes of other kinds pass through unchanged.
 */
export function redactChanges(kind: { apiVersion: string; kind: string }, changes: FieldChange[]): FieldChange[] {
  if (!isSecret(kind)) return changes;
  return changes.map((c) => {
    const field = SECRET_FIELDS.find((f) => c.path === f || c.path.startsWith(`${f}.`) || c.path.startsWith(`${f}[`));
    if (field) {
      const encoding = field === 'data' ? 'base64' : 'utf8';
      const redact = (v: unknown): unknown => (c.path === field ? redactMap(v, encoding) : redactValue(v, encoding));
      return withValues(c, redact);
    }
    if (c.path.includes(JSON.stringify(LAST_APPLIED)) || (c.path.startsWith('metadata') && mentions(c, LAST_APPLIED))) {
      return withValues(c, (v) => (typeof v === 'string' ? redactValue(v, 'utf8') : redactAnnotations(v)));
    }
    return c;
  });
}

function withValues(c: FieldChange, f: (v: unknown) => unknown): FieldChange {
  const out: FieldChange = { path: c.path };
  if ('before' in c) out.before = f(c.before);
  if ('after' in c) out.after = f(c.after);
  return out;
}

function redactMap(v: unknown, encoding: 'base64' | 'utf8'): unknown {
  if (!isRecord(v)) return v === undefined || v === null ? v : '<redacted>';
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactValue(x, encoding)]));
}

/** A whole `metadata` or `metadata.annotations` value: redact the last-applied annotation inside. */
function redactAnnotations(v: unknown): unknown {
  if (!isRecord(v)) return v;
  if (typeof v[LAST_APPLIED] === 'string') return { ...v, [LAST_APPLIED]: redactValue(v[LAST_APPLIED], 'utf8') };
  if (isRecord(v.annotations)) return { ...v, annotations: redactAnnotations(v.annotations) };
  return v;
}

function mentions(c: FieldChange, key: string): boolean {
  const has = (v: unknown): boolean =>
    isRecord(v) && (key in v || (isRecord(v.annotations) && key in (v.annotations as Record<string, unknown>)));
  return has(c.before) || has(c.after);
}
