/**
 * Native workloads: fields that only apply to some kinds (a CronJob needs a schedule, a
 * Job has no replicas, a persistent volume needs a StatefulSet) and the cron syntax of
 * `schedule` (five fields or a macro, as Kubernetes' CronJob validation accepts via
 * robfig/cron's standard parser).
 */
import { ConvoyError } from '../../errors.ts';
import type { WorkloadSpec } from '../schema.ts';
import { workloadPath, type CheckContext } from './context.ts';

type Kind = WorkloadSpec['kind'];

/** Fields valid for only some workload kinds. */
const ONLY_FOR: Partial<Record<keyof WorkloadSpec, readonly Kind[]>> = {
  replicas: ['Deployment', 'StatefulSet'],
  strategy: ['Deployment'],
  schedule: ['CronJob'],
  backoffLimit: ['Job', 'CronJob'],
  completions: ['Job', 'CronJob'],
  activeDeadlineSeconds: ['Job', 'CronJob'],
};

const FIX: Partial<Record<keyof WorkloadSpec, string>> = {
  replicas: 'Remove replicas; a Job runs until `completions` pods succeed.',
  strategy: 'Remove strategy; it only applies to a Deployment.',
  schedule: 'Add kind: CronJob, or remove schedule.',
};

const CRON_MACRO = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every\s+\S+)$/;
const CRON_FIELD = /^[0-9A-Za-z*?/,-]+$/;

/**
 * @returns `E_SCHEMA` for a CronJob without schedule (at its kind), a field that does not
 *   apply to the workload's kind (at the field's key), an invalid cron schedule, and a
 *   `persistent` volume outside a StatefulSet.
 */
export function checkWorkloads({ stack, map }: CheckContext): ConvoyError[] {
  const spec = stack.spec;
  const errors: ConvoyError[] = [];
  for (const [component, c] of Object.entries(spec.components)) {
    for (const [name, w] of Object.entries(c.native?.workloads ?? {})) {
      const path = workloadPath(component, name);
      const who = `workload "${name}" of component "${component}"`;
      if (w.kind === 'CronJob' && w.schedule === undefined) {
        errors.push(
          new ConvoyError('E_SCHEMA', `${who} is a CronJob without a schedule`, {
            position: map.valueOf([...path, 'kind']),
            expected: 'schedule: a cron expression such as "*/5 * * * *" or @hourly',
            fix: 'Add schedule: "0 * * * *" (quoted: * starts an alias in YAML).',
          }),
        );
      }
      for (const [field, kinds] of Object.entries(ONLY_FOR) as [keyof WorkloadSpec, readonly Kind[]][]) {
        if (w[field] === undefined || kinds.includes(w.kind)) continue;
        errors.push(
          new ConvoyError('E_SCHEMA', `"${field}" does not apply to ${who}, a ${w.kind}`, {
            position: map.keyOf([...path, field]),
            expected: `"${field}" only on ${kinds.join(' or ')} workloads`,
            fix: FIX[field] ?? `Remove ${field}.`,
          }),
        );
      }
      if (w.schedule !== undefined && !validCron(w.schedule)) {
        errors.push(
          new ConvoyError('E_SCHEMA', `"schedule" of ${who} is not a cron expression: "${w.schedule}"`, {
            position: map.valueOf([...path, 'schedule']),
            expected: 'five fields (minute hour day-of-month month day-of-week) or @hourly, @daily, @weekly, …',
            fix: 'Write e.g. "*/15 * * * *" (every 15 minutes) or @daily.',
          }),
        );
      }
      (w.volumes ?? []).forEach((v, index) => {
        if (v.persistent === undefined || w.kind === 'StatefulSet') return;
        errors.push(
          new ConvoyError('E_SCHEMA', `volume "${v.name}" of ${who} is persistent, but the workload is a ${w.kind}`, {
            position: map.keyOf([...path, 'volumes', index, 'persistent']),
            expected: 'persistent volumes (volumeClaimTemplates) only on StatefulSet workloads',
            fix: 'Set kind: StatefulSet, or mount an existing claim with claim: <pvc name>.',
          }),
        );
      });
    }
  }
  return errors;
}

/** Five cron fields or a macro. */
export function validCron(schedule: string): boolean {
  const s = schedule.trim();
  if (CRON_MACRO.test(s)) return true;
  const fields = s.split(/\s+/);
  return fields.length === 5 && fields.every((f) => CRON_FIELD.test(f));
}
