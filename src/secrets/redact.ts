/**
 * One place that knows every secret value of a run and scrubs it from any text before it is
 * printed: plan, diff, errors, events, logs, JSON output. The CLI sends all output through
 * {@link Redactor.redact} (or {@link Redactor.redactDeep} for JSON).
 */
import type { KubeObject } from '../objects/types.ts';
import { decodeSecretData } from './object.ts';
import type { SecretData } from './types.ts';

/** What a secret value is replaced with. */
export const REDACTED = '<redacted>';

/** Options of {@link Redactor}. */
export interface RedactorOptions {
  /**
   * Values (and forms of them) shorter than this are not registered: they would match
   * everywhere (a 2-character value would scrub ordinary words). Default 4.
   */
  minLength?: number;
}

/**
 * Registers secret values and replaces every occurrence of them, longest first, with
 * `<redacted>`. For each value it registers: the text itself (UTF-8), its base64 (as in a
 * Secret's `data`), its JSON-escaped form (as in `--output json`), and each line of a
 * multi-line value (diffs print line by line; PEM armour lines are skipped).
 */
export class Redactor {
  readonly #values = new Set<string>();
  readonly #minLength: number;
  #pattern: RegExp | undefined;

  constructor(options: RedactorOptions = {}) {
    this.#minLength = options.minLength ?? 4;
  }

  /** Number of strings registered (all forms counted). */
  get size(): number {
    return this.#values.size;
  }

  /** Registers one secret value (text or bytes). */
  add(value: string | Uint8Array): void {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
    const text = bytes.toString('utf8');
    const forms = [text, bytes.toString('base64'), JSON.stringify(text).slice(1, -1)];
    if (text.includes('\n')) {
      for (const line of text.split(/\r?\n/)) {
        const trimmed = line.trim();
        if (!/^-----(BEGIN|END) [A-Z0-9 ]+-----$/.test(trimmed)) forms.push(trimmed);
      }
    }
    for (const form of forms) this.#register(form);
  }

  /** Registers every value of secret data. */
  addData(data: SecretData): void {
    for (const value of Object.values(data)) this.add(value);
  }

  /** Registers every value of a Secret object (`data` decoded, and `stringData`). */
  addSecret(secret: KubeObject): void {
    this.addData(decodeSecretData(secret));
  }

  /** `text` with every registered value replaced by `<redacted>` (longest values first). */
  redact(text: string): string {
    const pattern = this.#compiled();
    return pattern === undefined ? text : text.replace(pattern, REDACTED);
  }

  /** A deep copy of a JSON-like value with every string redacted (keys are kept). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactDeep(v);
      return out as T;
    }
    return value;
  }

  /** The message, `expected`, `fix` and cause chain of an error, formatted and redacted. */
  redactError(err: unknown): string {
    const parts: string[] = [];
    let cur: unknown = err;
    for (let depth = 0; cur !== undefined && cur !== null && depth < 8; depth++) {
      if (cur instanceof Error) {
        const f = (cur as { format?: () => string }).format;
        parts.push(typeof f === 'function' ? f.call(cur) : `${cur.name}: ${cur.message}`);
        cur = cur.cause;
      } else {
        parts.push(String(cur));
        break;
      }
    }
    return this.redact(parts.join('\ncaused by: '));
  }

  #register(form: string): void {
    if (form.length < this.#minLength || this.#values.has(form)) return;
    this.#values.add(form);
    this.#pattern = undefined;
  }

  #compiled(): RegExp | undefined {
    if (this.#values.size === 0) return undefined;
    this.#pattern ??= new RegExp(
      [...this.#values]
        .sort((a, b) => b.length - a.length)
        .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|'),
      'g',
    );
    return this.#pattern;
  }
}
