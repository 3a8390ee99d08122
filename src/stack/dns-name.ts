/**
 * DNS-1123 labels (RFC 1123, as k8s.io/apimachinery `IsDNS1123Label` checks them): what is
 * wrong with a name and the nearest valid one.
 */
import { DNS1123_LABEL, DNS1123_LABEL_MAX } from './schema.ts';

/** What a valid name looks like, for `expected:` lines. */
export const DNS1123_EXPECTED = `a DNS-1123 label: at most ${DNS1123_LABEL_MAX} lowercase letters, digits and '-', starting and ending with a letter or digit`;

/** True when `name` is a DNS-1123 label. */
export function isDns1123Label(name: string): boolean {
  return name.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(name);
}

/**
 * Why `name` is not a DNS-1123 label, e.g. `it contains uppercase letters and '_'`.
 * Empty string when it is valid.
 */
export function whyNotDns1123(name: string): string {
  if (isDns1123Label(name)) return '';
  if (name.length === 0) return 'it is empty';
  const reasons: string[] = [];
  if (/[A-Z]/.test(name)) reasons.push('uppercase letters');
  const bad = [...new Set(name.replace(/[a-zA-Z0-9-]/g, ''))].map((c) => (c === ' ' ? 'spaces' : `'${c}'`));
  if (bad.length > 0) reasons.push(bad.join(', '));
  const parts: string[] = [];
  if (reasons.length > 0) parts.push(`it contains ${reasons.join(' and ')}`);
  if (/^[^a-zA-Z0-9]|[^a-zA-Z0-9]$/.test(name)) parts.push('it must start and end with a letter or digit');
  if (name.length > DNS1123_LABEL_MAX)
    parts.push(`it is ${name.length} characters long (at most ${DNS1123_LABEL_MAX})`);
  return parts.join('; ');
}

/**
 * The nearest valid label: lowercased, `_`, `.`, spaces and other characters turned into
 * `-`, repeated `-` collapsed, trimmed of leading/trailing `-`, cut to 63 characters.
 * Returns `x` when nothing usable is left.
 */
export function suggestDns1123Label(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, DNS1123_LABEL_MAX)
    .replace(/^-+|-+$/g, '');
  return s.length > 0 ? s : 'x';
}
