/**
 * `convoy lint`: render the stack and check the objects (src/lint).
 */
import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import { loadStack } from '../../stack/load.ts';
import { resolve } from '../../resolve/index.ts';
import { renderWithSecrets } from '../../apply/render-with-secrets.ts';
import { formatFindings, lint, severityRank, type Severity } from '../../lint/index.ts';
import type { OutputFormat } from '../options.ts';

/** Severities `--fail-on` accepts. */
export const FAIL_ON = ['warning', 'error'] as const;

export interface LintCommandOptions {
  stack: string;
  resolve: ResolveOptions;
  /** Exit 1 when a finding is at or above this severity. Default error. */
  failOn: (typeof FAIL_ON)[number];
  output: OutputFormat;
}

/**
 * Loads, resolves and renders the stack, runs every lint check and prints the findings
 * (text: `error CV004 Deployment ns/name: message` + `  fix: …`; json: `{stack,
 * environment, findings}`). Returns 1 when a finding reaches `failOn`, else 0; input
 * errors are thrown (exit 2 in main).
 */
export async function runLint(io: Io, o: LintCommandOptions): Promise<number> {
  const stack = await loadStack(o.stack);
  const resolved = resolve(stack, { ...o.resolve, env: io.env });
  const rendered = await renderWithSecrets(stack, resolved, {
    env: io.env,
    ...(io.redactor ? { redactor: io.redactor } : {}),
  });
  const findings = lint(rendered, resolved);
  const threshold = severityRank(o.failOn as Severity);
  const failed = findings.some((f) => severityRank(f.severity) >= threshold);
  if (o.output === 'json') {
    io.out(
      `${JSON.stringify({ stack: resolved.name, environment: resolved.environment ?? null, findings }, null, 2)}\n`,
    );
  } else {
    io.out(formatFindings(findings));
    const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
    io.out(
      `${resolved.name}${resolved.environment ? ` -e ${resolved.environment}` : ''}: ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info\n`,
    );
  }
  return failed ? 1 : 0;
}
