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
import { addClusterOptions, durationSeconds, positiveNumber, type ClusterFlags } from './cluster-args.ts';
import { runApply } from './commands/apply.ts';
import { runPlan } from './commands/plan.ts';
import { runDestroy } from './commands/destroy.ts';
import { runStatus } from './commands/status.ts';
import { runLint, FAIL_ON } from './commands/lint.ts';
import { redactOutput } from './io.ts';
import { rotateArgs, runSecretsApply, runSecretsRotate } from './commands/secrets.ts';

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
  // One Redactor per run: every byte printed through io (and by main()'s error printer, which
  // holds the same io) is scrubbed of the secret values the commands register.
  redactOutput(io);
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
    .option('--show-secrets', 'print the values of the stack secrets (default: <redacted>)')
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
        showSecrets: Boolean(opts.showSecrets),
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

  addStackOptions(
    program
      .command('lint')
      .summary('check the rendered objects: probes, resources, images, HA, references, network policies, privileges')
      .description(
        'Render the stack and check every object. Each finding has an id (CV001…), a severity, the\n' +
          'object, and the fix. Exit 1 when a finding reaches --fail-on (default error).',
      ),
  )
    .addOption(new Option('--fail-on <severity>', FAIL_ON.join(' | ')).default('error'))
    .addOption(new Option('-o, --output <format>', 'text or json').default('text'))
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Checks: CV001 probes, CV002 requests, CV003 memory limit, CV004 unpinned image, CV005 replicas 1
on an ha component, CV006 Service selecting no pod, CV007/CV008 missing Secret/ConfigMap,
CV009/CV010 NetworkPolicies vs connects, CV011 privileged settings, CV012 component without podSelector.

Examples:
  convoy lint examples/daml-enterprise
  convoy lint examples/panda -e lsst --fail-on warning
  convoy lint examples/hello -o json | jq '.findings[] | .id'`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runLint(io, {
        stack,
        resolve: stackResolveOptions(opts),
        failOn: oneOf('--fail-on', opts.failOn, FAIL_ON),
        output: oneOf('--output', opts.output, OUTPUT_FORMATS),
      });
    });

  addClusterVerbs(program, io, state);
  return program;
}

function clusterFlags(opts: Record<string, unknown>): ClusterFlags {
  return {
    kubeconfig: opts.kubeconfig as string | undefined,
    context: opts.context as string | undefined,
    qps: opts.qps as number | undefined,
    burst: opts.burst as number | undefined,
    inventoryNamespace: opts.inventoryNamespace as string,
  };
}

/** What every cluster verb takes: the stack, its selection, the cluster flags and `--output`. */
function clusterVerbOptions(stack: string, opts: Record<string, unknown>) {
  return {
    stack,
    resolve: stackResolveOptions(opts),
    cluster: clusterFlags(opts),
    output: oneOf('--output', opts.output as string, OUTPUT_FORMATS),
  };
}

const outputOption = () => new Option('-o, --output <format>', 'text, or json (one event per line)').default('text');

function addClusterVerbs(program: Command, io: Io, state: ProgramState): void {
  addClusterOptions(
    addStackOptions(
      program
        .command('plan')
        .alias('diff')
        .summary('show what apply would change (server-side dry run against the live cluster)')
        .description(
          'Compare the rendered stack with the live objects (server-side dry-run apply) and with the\n' +
            "deployment's inventory: per object create / update (field-level) / unchanged / prune /\n" +
            'exists-not-owned / conflict. Secret values are never shown. Nothing is written.',
        ),
    ),
  )
    .option('--field-manager <name>', 'server-side apply field manager', 'convoy')
    .option('--force-conflicts', 'plan as if apply took over fields other managers own')
    .option('--adopt', 'plan as if apply took over existing objects no inventory owns')
    .option('--show-unchanged', 'list unchanged objects too')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when none')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy plan examples/panda -e lsst
  convoy plan examples/hello --detailed-exitcode || echo "changes pending"
  convoy plan examples/hello -o json | jq '.counts'`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runPlan(io, {
        ...clusterVerbOptions(stack, opts),
        fieldManager: opts.fieldManager,
        forceConflicts: Boolean(opts.forceConflicts),
        adopt: Boolean(opts.adopt),
        showUnchanged: Boolean(opts.showUnchanged),
        detailedExitcode: Boolean(opts.detailedExitcode),
      });
    });

  addClusterOptions(
    addStackOptions(
      program
        .command('apply')
        .summary('deploy the stack in dependency order and wait until it is healthy')
        .description(
          'Render the stack and deploy it: each component starts as soon as everything it needs is\n' +
            'ready; inside a component, objects go in phases (Namespaces, CRDs, RBAC, config, Services,\n' +
            'workloads, Jobs; Helm hooks by weight) by server-side apply. Waits watch readiness and stop a\n' +
            'branch on the first stalled state (ImagePullBackOff, CrashLoopBackOff, failed Job, …) with\n' +
            'the reason and events. The inventory records what the stack owns; objects that left the stack\n' +
            'are pruned. A Lease guards against two applies at once. Safe to run again at any time.',
        ),
    ),
  )
    .option('--field-manager <name>', 'server-side apply field manager', 'convoy')
    .option('--force-conflicts', 'take over fields that other field managers own')
    .option('--adopt', 'take over existing objects that no inventory owns')
    .option('--no-prune', 'keep objects that left the stack')
    .option('--concurrency <n>', 'components deployed at once', positiveNumber('--concurrency'), 16)
    .option(
      '--timeout <duration>',
      'overall time limit, e.g. 15m (components also have their own)',
      durationSeconds('--timeout'),
    )
    .option('--dry-run', 'server-side dry run: validate every object, write nothing')
    .option(
      '--no-wait-for-load-balancer',
      'count a LoadBalancer Service ready without an ingress address (clusters without a load balancer)',
    )
    .addOption(
      new Option(
        '--lock-ttl <seconds>',
        'lease duration of the stack lock; a killed apply blocks others this long (default 60)',
      )
        .argParser(positiveNumber('--lock-ttl'))
        .hideHelp(),
    )
    .option('-v, --verbose', 'log every object and phase (line log instead of the live view)')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy apply examples/hello
  convoy apply examples/panda -e lsst --only panda          # panda and what it needs
  convoy apply examples/panda --timeout 20m -o json > events.ndjson
  convoy apply examples/panda --dry-run`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runApply(io, {
        ...clusterVerbOptions(stack, opts),
        fieldManager: opts.fieldManager,
        forceConflicts: Boolean(opts.forceConflicts),
        adopt: Boolean(opts.adopt),
        prune: opts.prune !== false,
        concurrency: opts.concurrency,
        timeoutSeconds: opts.timeout,
        dryRun: Boolean(opts.dryRun),
        verbose: Boolean(opts.verbose),
        waitForLoadBalancer: opts.waitForLoadBalancer !== false,
        ...(opts.lockTtl ? { lockTtlSeconds: opts.lockTtl as number } : {}),
      });
    });

  addClusterOptions(
    addStackOptions(
      program
        .command('destroy')
        .summary('delete everything the deployment owns, in reverse dependency order')
        .description(
          "Delete every object of the deployment's inventory that convoy still owns, components in\n" +
            'reverse dependency order, waiting until each is gone. PersistentVolumeClaims and objects\n' +
            'marked convoy.dev/keep or helm.sh/resource-policy: keep stay unless --purge.',
        ),
    ),
  )
    .option('--purge', 'also delete PVCs and objects marked keep')
    .option('--drop-databases', 'with --purge: also drop the databases (and owners) of spec.databases')
    .option('--yes', 'confirm --drop-databases without asking')
    .option('--dry-run', 'show what would be deleted; delete nothing')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy destroy examples/hello
  convoy destroy examples/panda -e lsst --purge
  convoy destroy examples/daml-enterprise --purge --drop-databases --yes`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runDestroy(io, {
        ...clusterVerbOptions(stack, opts),
        purge: Boolean(opts.purge),
        dryRun: Boolean(opts.dryRun),
        verbose: true,
        dropDatabases: Boolean(opts.dropDatabases),
        yes: Boolean(opts.yes),
      });
    });

  addClusterOptions(
    addStackOptions(
      program
        .command('status')
        .summary('per-component health of a deployment (kstatus: Current, InProgress, Failed …)')
        .description(
          "Read the deployment's inventory and its live objects, and show each component's health\n" +
            'with the objects that are not Current. Exit 0 when everything is Current, 1 otherwise.',
        ),
    ),
  )
    .option('-w, --watch', 'follow changes until Ctrl-C')
    .option('--objects', 'list every object, not only those that are not Current')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy status examples/hello
  convoy status examples/panda -e lsst --watch
  convoy status examples/hello -o json | jq '.components[] | {name, status}'`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runStatus(io, {
        ...clusterVerbOptions(stack, opts),
        watch: Boolean(opts.watch),
        objects: Boolean(opts.objects),
      });
    });

  addSecretsVerbs(program, io, state);
}

function addSecretsVerbs(program: Command, io: Io, state: ProgramState): void {
  const secrets = program
    .command('secrets')
    .summary('apply the stack secrets alone, or rotate one')
    .description(
      'The secrets, certificates and CAs of spec.secrets and spec.pki. Values are made once and kept:\n' +
        'the copy in the cluster is the source of truth. Values are never printed.',
    );
  addClusterOptions(
    addStackOptions(
      secrets
        .command('apply')
        .summary('apply only the secrets, CAs and certificates (like helm install panda-secrets)')
        .description(
          'Build every secret of the stack (keeping live values), issue or renew certificates, and apply\n' +
            'them with their Namespaces, recorded under their owning components. Workloads are not touched\n' +
            'and nothing is pruned.',
        ),
    ),
  )
    .option('--field-manager <name>', 'server-side apply field manager', 'convoy')
    .option('--adopt', 'take over existing secrets that no inventory owns')
    .option('--dry-run', 'server-side dry run: validate, write nothing')
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy secrets apply examples/panda-secrets
  convoy secrets apply examples/daml-enterprise --dry-run`,
    )
    .action(async (stack: string, opts) => {
      state.exitCode = await runSecretsApply(io, {
        ...clusterVerbOptions(stack, opts),
        fieldManager: opts.fieldManager,
        adopt: Boolean(opts.adopt),
        dryRun: Boolean(opts.dryRun),
      });
    });

  const rotateCmd = secrets
    .command('rotate')
    .summary('give one secret (or one key) a new value and roll exactly its users')
    .description(
      'Generate new values for the generated keys of secret NAME (or only KEY; tls.crt re-issues a\n' +
        'certificate), then apply the stack: only that secret changes, and only the workloads using it\n' +
        'roll (their pod template annotation convoy.dev/secret-hash-NAME changes).',
    )
    .argument('<name>', 'the secret (a key of spec.secrets)')
    .argument('[key]', 'one generated key of it (default: all)');
  addClusterOptions(addStackOptions(rotateCmd))
    .option('--field-manager <name>', 'server-side apply field manager', 'convoy')
    .option(
      '--timeout <duration>',
      'overall time limit, e.g. 15m (components also have their own)',
      durationSeconds('--timeout'),
    )
    .addOption(outputOption())
    .addHelpText(
      'after',
      `${SELECTION_HELP}

Examples:
  convoy secrets rotate panda-db examples/panda
  convoy secrets rotate app-db password examples/daml-enterprise`,
    )
    .action(async (name: string, keyArg: string | undefined, stackArg: string, opts) => {
      const { key, stack } = rotateArgs(name, keyArg, stackArg);
      state.exitCode = await runSecretsRotate(io, {
        name,
        ...(key === undefined ? {} : { key }),
        ...clusterVerbOptions(stack, opts),
        fieldManager: opts.fieldManager,
        forceConflicts: false,
        adopt: false,
        prune: true,
        concurrency: 4,
        ...(opts.timeout ? { timeoutSeconds: opts.timeout } : {}),
        dryRun: false,
        verbose: true,
      });
    });
}
