/**
 * The `convoy` command line: verbs, flags and help texts. Each action turns its flags
 * into a validated options object and calls one `run*` function with it.
 */
import { Command, Option } from 'commander';
import type { Io } from './io.ts';
import { addStackOptions, stackResolveOptions } from './stack-args.ts';
import { oneOf, OUTPUT_FORMATS } from './options.ts';
import { runValidate } from './commands/validate.ts';
import { runRender } from './commands/render.ts';
import { runGraph, GRAPH_FORMATS } from './commands/graph.ts';
import { ConvoyError } from '../errors.ts';

/** Shared state between commander actions and main(): the exit code of the verb that ran. */
export interface ProgramState {
  exitCode: number;
}

const SELECTION_HELP = `
Selection (same on every verb):
  -e lsst                     use the environment (PanDA: experiment) "lsst"
  --only panda                only panda and, by default, what it needs (--skip-needs: panda alone)
  --disable iam,panda.jedi    leave out a component, or a sub-component of one
  --enable extras             turn on a component declared with enabled: false
  --affix test- | --affix -dev   instance names test-panda | panda-dev`;

function positiveInt(flag: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) {
      throw new ConvoyError('E_USAGE', `${flag} must be a positive integer; got "${v}"`, { fix: `e.g. ${flag} 4` });
    }
    return n;
  };
}

/** Builds the commander program; actions report their exit code through `state`. */
export function buildProgram(io: Io, state: ProgramState): Command {
  const program = new Command('convoy')
    .description(
      'Deploy a whole multi-component system onto Kubernetes: Helm charts, Kustomize, manifests and\n' +
        'native workloads in one dependency graph, with environments and instance naming.',
    )
    .version(process.env.npm_package_version ?? '0.1.0', '--version')
    .option('--debug', 'print stack traces of internal errors')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    `
Stack files: convoy.yaml (apiVersion: convoy.dev/v1alpha1, kind: Stack) or convoy.config.ts.
Exit codes: 0 ok, 1 failure, 2 bad input (nothing was done), 3 stack locked by another apply.

Examples:
  convoy validate examples/panda
  convoy graph examples/panda --format mermaid
  convoy render examples/panda -e lsst -o out/`,
  );

  addStackOptions(
    program
      .command('validate')
      .summary('check a stack file and every environment, without a cluster')
      .description(
        'Load the stack, validate it against the schema and its references (needs, files, environments),\n' +
          'and resolve it for each environment. With --render, also render every component.',
      ),
  )
    .option('--render', 'also render every component with helm/kustomize (catches template errors)')
    .addOption(new Option('--output <format>', 'text or json').default('text'))
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy validate                       # ./convoy.yaml, every environment
  convoy validate examples/panda -e lsst --render
  convoy validate stack.yaml --output json`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runValidate(io, {
        stack,
        resolve: stackResolveOptions(opts),
        render: Boolean(opts.render),
        output: oneOf('--output', opts.output, OUTPUT_FORMATS),
      });
    });

  addStackOptions(
    program
      .command('render')
      .summary('print the Kubernetes objects of the stack (like helmfile template)')
      .description(
        'Render every selected component (helm template, kubectl kustomize, manifest files, native\n' +
          'workloads) into deterministic Kubernetes objects annotated with convoy.dev/component and\n' +
          'convoy.dev/origin. Renders run in parallel and are cached by content hash.',
      ),
  )
    .option('-o, --out-dir <dir>', 'write one <component>.yaml per component into this directory')
    .option('--concurrency <n>', 'parallel renders (default: CPU cores)', positiveInt('--concurrency'))
    .option('--no-cache', 'do not read or write the render cache (~/.cache/convoy/render)')
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy render examples/panda > panda.yaml
  convoy render examples/panda -e sphenix -o out/panda
  convoy render examples/panda --only panda --skip-needs --disable panda.jedi`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runRender(io, {
        stack,
        resolve: stackResolveOptions(opts),
        outDir: opts.outDir,
        concurrency: opts.concurrency,
        noCache: opts.cache === false,
      });
    });

  addStackOptions(
    program
      .command('graph')
      .summary('show the deployment order: waves of components and their apply phases')
      .description(
        'Print the component dependency graph as waves (components of a wave need only earlier waves).\n' +
          'With --phases, render the components and show the apply phases inside each one.',
      ),
  )
    .addOption(new Option('--format <format>', GRAPH_FORMATS.join(' | ')).default('text'))
    .option('--phases', 'render components and show their apply phases (runs helm/kustomize)')
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy graph examples/panda
  convoy graph examples/panda --format mermaid > graph.mmd
  convoy graph examples/panda --format dot | dot -Tsvg > graph.svg
  convoy graph examples/daml-enterprise --phases`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runGraph(io, {
        stack,
        resolve: stackResolveOptions(opts),
        format: oneOf('--format', opts.format, GRAPH_FORMATS),
        phases: Boolean(opts.phases),
      });
    });

  return program;
}
