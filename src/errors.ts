/**
 * convoy's one error type. Every failure the library raises is a {@link ConvoyError}
 * (or a subclass) with a stable `code`; the CLI maps codes to exit codes with
 * {@link exitCodeFor}. Non-Error values are never thrown.
 *
 * Shape of the message: `file:line:column: what is wrong` on the first line, then
 * optional `expected:` and `fix:` lines, so terminals and editors can jump to it.
 */

/** Where in a source file a problem is. Lines and columns are 1-based. */
export interface SourcePosition {
  /** Path of the file, as the user wrote it or relative to the working directory. */
  file: string;
  /** 1-based line; absent when only the file is known (e.g. a TypeScript config module). */
  line?: number;
  /** 1-based column. */
  column?: number;
}

/** Error codes. Input errors (exit 2) are those the user fixes in the stack or flags. */
export type ErrorCode =
  | 'E_USAGE' // bad CLI flags or option values
  | 'E_YAML' // YAML syntax error
  | 'E_SCHEMA' // wrong type, unknown field, missing field
  | 'E_NAME' // a name that is not DNS-1123
  | 'E_DUPLICATE' // duplicate names
  | 'E_FILE' // a referenced file, chart, values file or directory is missing
  | 'E_NEEDS' // a need that names no component
  | 'E_CYCLE' // a dependency cycle
  | 'E_SELECTION' // --only/--enable/--disable/-e name nothing known
  | 'E_REFERENCE' // an unresolved ${...} reference or missing required env var
  | 'E_RENDER' // helm/kustomize/manifest rendering failed
  | 'E_TOOL' // an external binary (helm, kubectl) is missing or failed to start
  | 'E_KUBE' // Kubernetes API failure (terminal)
  | 'E_CONFLICT' // server-side apply conflict
  | 'E_LOCKED' // another apply holds the stack's lock
  | 'E_TIMEOUT' // a wait ran out of time
  | 'E_FAILED' // an object reached a Failed status
  | 'E_INTERNAL';

/** Codes that mean "the input is wrong": nothing was done, exit code 2. */
export const INPUT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'E_USAGE',
  'E_YAML',
  'E_SCHEMA',
  'E_NAME',
  'E_DUPLICATE',
  'E_FILE',
  'E_NEEDS',
  'E_CYCLE',
  'E_SELECTION',
  'E_REFERENCE',
]);

export interface ConvoyErrorOptions {
  /** Where the problem is in the user's files. */
  position?: SourcePosition;
  /** What was expected, e.g. `a DNS-1123 label (lowercase letters, digits, '-')`. */
  expected?: string;
  /** How to fix it, in one sentence. */
  fix?: string;
  /** The lower-level error, kept for `--debug` output. */
  cause?: unknown;
}

/** Base class of every error convoy raises. */
export class ConvoyError extends Error {
  readonly code: ErrorCode;
  readonly position: SourcePosition | undefined;
  readonly expected: string | undefined;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, message: string, options: ConvoyErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConvoyError';
    this.code = code;
    this.position = options.position;
    this.expected = options.expected;
    this.fix = options.fix;
  }

  /** `file:line:column: message` plus `expected:`/`fix:` lines. */
  format(): string {
    return formatProblem(this);
  }
}

/** Several input errors found in one pass (e.g. all schema problems of a stack file). */
export class ConvoyErrors extends ConvoyError {
  readonly errors: readonly ConvoyError[];
  constructor(errors: readonly ConvoyError[]) {
    const first = errors[0];
    super(first?.code ?? 'E_INTERNAL', errors.map((e) => e.message).join('; '), {
      position: first?.position,
    });
    this.name = 'ConvoyErrors';
    this.errors = errors;
  }
  override format(): string {
    return this.errors.map((e) => e.format()).join('\n');
  }
}

/** Formats a position as `file:line:column` (omitting what is unknown). */
export function formatPosition(p: SourcePosition): string {
  let s = p.file;
  if (p.line !== undefined) {
    s += `:${p.line}`;
    if (p.column !== undefined) s += `:${p.column}`;
  }
  return s;
}

function formatProblem(e: ConvoyError): string {
  const where = e.position ? `${formatPosition(e.position)}: ` : '';
  const lines = [`${where}${e.message}`];
  if (e.expected) lines.push(`  expected: ${e.expected}`);
  if (e.fix) lines.push(`  fix: ${e.fix}`);
  return lines.join('\n');
}

/**
 * Exit code for an error: 2 for input errors (nothing was done), 3 for a lock held by
 * another apply, 1 for everything else. Non-convoy errors are 1.
 */
export function exitCodeFor(err: unknown): number {
  if (!(err instanceof ConvoyError)) return 1;
  if (INPUT_ERROR_CODES.has(err.code)) return 2;
  if (err.code === 'E_LOCKED') return 3;
  return 1;
}
