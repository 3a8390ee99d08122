/**
 * The plain line log for non-terminals (CI): one line per thing that happened, each
 * prefixed with the elapsed time. Object-level lines only with `verbose`.
 */
import type { ApplyEvent } from '../../apply/events.ts';
import { describeRef } from '../../apply/events.ts';
import { secs } from './model.ts';

export function lineLogger(write: (s: string) => void, verbose = false): (e: ApplyEvent) => void {
  let t0 = Date.now();
  const lastWait = new Map<string, string>();
  const at = (t: number) => `[${secs(t - t0).padStart(7)}]`;
  return (e) => {
    const p = at(e.time);
    switch (e.type) {
      case 'init':
        t0 = e.time;
        write(
          `[   0.0s] ${e.dryRun ? 'dry run: ' : ''}${e.stack}${e.environment ? ` -e ${e.environment}` : ''}: ` +
            `${e.components.length} components, ${e.objects} objects, waves: ${e.waves.map((w) => w.join(' ')).join(' → ')}\n`,
        );
        break;
      case 'component-start':
        write(`${p} ${e.component}: start (${e.mode})\n`);
        break;
      case 'phase-start':
        if (verbose)
          write(
            `${p} ${e.component}: phase ${e.phase}${e.weight === undefined ? '' : ` weight ${e.weight}`} (${e.objects})\n`,
          );
        break;
      case 'object-apply':
        if (verbose || e.action !== 'unchanged') write(`${p} ${e.component}: ${e.action} ${describeRef(e.ref)}\n`);
        break;
      case 'object-status': {
        if (e.status === 'Current') break;
        const line = `${describeRef(e.ref)}: ${e.status} ${e.message}`;
        if (verbose || lastWait.get(e.component) !== line) {
          if (verbose) write(`${p} ${e.component}: waiting for ${line}\n`);
          lastWait.set(e.component, line);
        }
        break;
      }
      case 'hook':
        write(`${p} ${e.component}: hook ${e.hook} weight ${e.weight} ${describeRef(e.ref)} ${e.action}\n`);
        break;
      case 'component-ready':
        write(`${p} ${e.component}: ready in ${secs(e.durationMs)}\n`);
        break;
      case 'component-failed':
        write(`${p} ${e.component}: FAILED ${e.reason}\n${indent(e.message)}`);
        if (e.events.length) write(`    events:\n${e.events.map((x) => `      ${x}\n`).join('')}`);
        if (e.hint) write(`    look further: ${e.hint}\n`);
        break;
      case 'component-skipped':
        write(
          `${p} ${e.component}: skipped (${e.reason === 'need-failed' ? `needs ${e.because.join(', ')}` : e.reason})\n`,
        );
        break;
      case 'prune':
        write(`${p} ${e.component}: prune ${describeRef(e.ref)} ${e.action}${e.detail ? ` (${e.detail})` : ''}\n`);
        break;
      case 'delete':
        write(`${p} ${e.component}: delete ${describeRef(e.ref)} ${e.action}${e.detail ? ` (${e.detail})` : ''}\n`);
        break;
      case 'error':
        write(`${p} error[${e.code}] ${e.component ? `${e.component}: ` : ''}${e.message}\n`);
        break;
      case 'summary': {
        const o = e.objects;
        const counts =
          e.operation === 'apply'
            ? `${o.created} created, ${o.configured} configured, ${o.unchanged} unchanged, ${o.pruned} pruned`
            : `${o.deleted} deleted, ${o.kept} kept`;
        write(
          `${p} ${e.operation}${e.dryRun ? ' (dry run)' : ''} done: ${e.components.ready} ready, ${e.components.failed} failed, ` +
            `${e.components.skipped} skipped · ${counts} · ${e.requests} requests, ${e.writes} writes · ${secs(e.durationMs)}\n`,
        );
        break;
      }
    }
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}\n`)
    .join('');
}
