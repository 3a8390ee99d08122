/**
 * Database bootstrap as steps of the apply (`spec.databases`, issue 5).
 *
 * Each database entry runs once, right before the first component (in dependency order)
 * whose pod specs use its password secret — or before the first component when none does —
 * inside that component's slot of the scheduler, so components that do not need it run in
 * parallel and a failure fails (and skips) exactly the components that depend on it.
 *
 * Before the first write of the apply, {@link planDatabases} builds every request (admin
 * credentials, owner password) and {@link preflightDatabases} connects once to every server
 * with the admin credentials: a missing admin secret, unset variable, unreachable server or
 * rejected login stops the apply with nothing applied. The servers must therefore exist
 * before the apply (they are reached from where convoy runs, as `host:port`).
 */
import type { Environment as EnvironmentLike } from '../secrets/env.ts';
import { bootstrapDatabase, bootstrapRequest, databaseError, dropDatabase } from '../db/index.ts';
import { mariadbConnect } from '../db/mariadb.ts';
import { pgConnect } from '../db/postgres.ts';
import type { BootstrapRequest, BootstrapResult } from '../db/types.ts';
import type { DatabaseConfig } from '../stack/schema-secrets.ts';
import type { SecretData } from '../secrets/types.ts';
import type { SecretSink } from './secrets.ts';

/** One database step: the request and the component it runs before. */
export interface DatabaseStep {
  name: string;
  request: BootstrapRequest;
  /** The component whose slot runs the bootstrap (first user in dependency order). */
  component: string;
  /** Every component whose pod specs use the password secret. */
  users: string[];
}

/** Events of database steps. */
export type DatabaseEvent =
  | { type: 'database-start'; name: string; component: string; engine: string; server: string }
  | ({ type: 'database-done'; name: string; component: string; durationMs: number } & Omit<BootstrapResult, 'entry'>)
  | { type: 'database-dropped'; name: string; dropped: string[] };

/**
 * The database steps: requests built from the secret data of the run (`data`: stack secret
 * name → data) and `env`, each placed before its first user.
 *
 * @param users namespace/name of a Secret → components using it, in dependency order (secretUsers()).
 * @throws ConvoyError `E_REFERENCE` naming the database and the missing secret, key or variable.
 */
export function planDatabases(
  databases: Readonly<Record<string, DatabaseConfig>>,
  data: ReadonlyMap<string, SecretData>,
  env: EnvironmentLike,
  placement: { namespace: string; order: readonly string[]; users: ReadonlyMap<string, string[]> },
  sink?: SecretSink,
): DatabaseStep[] {
  const steps: DatabaseStep[] = [];
  for (const [name, spec] of Object.entries(databases).sort(([a], [b]) => a.localeCompare(b))) {
    const request = bootstrapRequest(name, spec, { secrets: data, env });
    sink?.add(request.admin.password);
    sink?.add(request.ownerPassword);
    const users = placement.users.get(`${placement.namespace}/${spec.passwordSecret.name}`) ?? [];
    const component = users[0] ?? placement.order[0];
    if (component === undefined) continue;
    steps.push({ name, request, component, users });
  }
  return steps;
}

/**
 * Connects once to each distinct server of `steps` with its admin credentials, then
 * disconnects. Nothing is created.
 *
 * @throws ConvoyError `E_FAILED` naming the database, `host:port` and the fix (server down or
 *   unreachable, admin credentials rejected).
 */
export async function preflightDatabases(steps: readonly DatabaseStep[], timeoutMs = 10_000): Promise<void> {
  const seen = new Set<string>();
  for (const { name, request } of steps) {
    const a = request.admin;
    const key = `${request.engine}/${a.host}/${a.port}/${a.user}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      if (request.engine === 'postgresql') {
        const c = await pgConnect(a, 'postgres', timeoutMs);
        await c.end();
      } else {
        const c = await mariadbConnect(a, undefined, timeoutMs);
        await c.end();
      }
    } catch (err) {
      throw databaseError(name, request.engine, a, 'connect', err);
    }
  }
}

/**
 * The hook for apply's `beforeComponent`: runs the steps placed before `component`, once
 * each (a retry of the same run reuses the outcome).
 */
export function databaseHook(
  steps: readonly DatabaseStep[],
  onEvent?: (e: DatabaseEvent) => void,
): (component: string) => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const runStep = async (step: DatabaseStep): Promise<void> => {
    const t0 = Date.now();
    onEvent?.({
      type: 'database-start',
      name: step.name,
      component: step.component,
      engine: step.request.engine,
      server: `${step.request.admin.host}:${step.request.admin.port}`,
    });
    const { entry: _entry, ...result } = await bootstrapDatabase(step.request);
    onEvent?.({
      type: 'database-done',
      name: step.name,
      component: step.component,
      durationMs: Date.now() - t0,
      ...result,
    });
  };
  return async (component) => {
    for (const step of steps.filter((s) => s.component === component)) {
      let p = running.get(step.name);
      if (!p) {
        p = runStep(step);
        running.set(step.name, p);
      }
      await p;
    }
  };
}

/**
 * Drops the database (and its owner role/user) of every step. For `convoy destroy --purge
 * --drop-databases` only, after confirmation.
 */
export async function dropDatabases(
  steps: readonly DatabaseStep[],
  onEvent?: (e: DatabaseEvent) => void,
): Promise<void> {
  for (const step of steps) {
    const dropped = await dropDatabase(step.request, { dropOwner: true });
    onEvent?.({ type: 'database-dropped', name: step.name, dropped });
  }
}
