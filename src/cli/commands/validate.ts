import type { Io } from '../io.ts';
import type { ResolveOptions } from '../../resolve/types.ts';
import { loadStack } from '../../stack/load.ts';
import { resolve } from '../../resolve/index.ts';
import { render } from '../../render/index.ts';
import { ConvoyErrors, ConvoyError } from '../../errors.ts';
import type { OutputFormat } from '../options.ts';

export interface ValidateOptions {
  stack: string;
  resolve: ResolveOptions;
  /** Also render every component (runs helm/kustomize); catches template errors. Default false. */
  render: boolean;
  output: OutputFormat;
}

/**
 * `convoy validate`: load the stack, then resolve it for the chosen environment or, when
 * none is given, for no environment and for every declared one. Optionally renders too.
 * Returns the exit code; input errors are thrown (exit 2 in main).
 */
export async function runValidate(io: Io, o: ValidateOptions): Promise<number> {
  const stack = await loadStack(o.stack);
  const envs = o.resolve.environment
    ? [o.resolve.environment]
    : [undefined, ...Object.keys(stack.spec.spec.environments ?? {}).sort()];
  const errors: ConvoyError[] = [];
  const results: { environment: string | null; components: number }[] = [];
  for (const environment of envs) {
    try {
      const resolved = await resolve(stack, { ...o.resolve, environment, env: io.env });
      if (o.render) await render(resolved);
      results.push({ environment: environment ?? null, components: resolved.components.length });
    } catch (err) {
      if (err instanceof ConvoyErrors) errors.push(...err.errors);
      else if (err instanceof ConvoyError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length) throw errors.length === 1 ? errors[0] : new ConvoyErrors(errors);
  if (o.output === 'json') {
    io.out(`${JSON.stringify({ stack: stack.spec.metadata.name, file: stack.file, valid: true, results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      io.out(
        `✓ ${stack.spec.metadata.name}${r.environment ? ` -e ${r.environment}` : ''}: ${r.components} components\n`,
      );
    }
  }
  return 0;
}
