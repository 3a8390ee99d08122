/**
 * The stack-selection flags every verb shares (-e, --enable, --disable, --only,
 * --with-needs/--skip-needs, --affix), declared once.
 */
import { Option, type Command } from 'commander';
import { toResolveOptions, type StackFlags } from './options.ts';
import type { ResolveOptions } from '../resolve/types.ts';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Adds the shared stack-selection options to a command. */
export function addStackOptions(cmd: Command): Command {
  return cmd
    .argument('[stack]', 'stack file (convoy.yaml, convoy.config.ts) or a directory holding one', '.')
    .option('-e, --environment <name>', 'environment (overlay) to use, e.g. lsst')
    .option('--enable <components>', 'enable components that are off by default (comma-separated, repeatable)', collect)
    .option('--disable <components>', 'leave out components or sub-components: iam,panda.jedi (repeatable)', collect)
    .option('--only <components>', 'restrict to these components (comma-separated, repeatable)', collect)
    .option('--with-needs', 'with --only: also include what they need, transitively (default)')
    .option('--skip-needs', 'with --only: leave out what they need')
    .addOption(
      new Option('--affix <affix>', "instance naming: prefix ending in '-' (test-) or suffix starting with '-' (-dev)"),
    );
}

/** Reads the shared flags from commander's parsed options. */
export function stackResolveOptions(opts: StackFlags): ResolveOptions {
  return toResolveOptions(opts);
}
