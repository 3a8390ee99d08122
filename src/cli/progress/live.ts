/**
 * The live terminal view: a table of the DAG's components (state, phase, objects ready of
 * total, elapsed, what it waits for), redrawn in place at most every 150 ms; failures and
 * the summary are printed below it as lines (via the line logger) once the run ends.
 */
import pc from 'picocolors';
import type { ApplyEvent } from '../../apply/events.ts';
import { fold, newModel, secs, type ComponentProgress, type ProgressModel } from './model.ts';
import { lineLogger } from './line.ts';

const ICON: Record<ComponentProgress['state'], string> = {
  pending: pc.dim('·'),
  running: pc.cyan('◐'),
  ready: pc.green('✔'),
  failed: pc.red('✖'),
  skipped: pc.yellow('↷'),
};

export function render(m: ProgressModel, now: number, width: number): string[] {
  const names = m.order.length ? m.order : [...m.components.keys()];
  const nameW = Math.max(8, ...names.map((n) => n.length));
  const lines = [pc.bold(`${m.stack}  ${secs(now - m.startedAt)}`)];
  for (const n of names) {
    const c = m.components.get(n);
    if (!c) continue;
    const elapsed = c.startedAt ? secs((c.endedAt ?? now) - c.startedAt) : '';
    const count = `${c.current.size}/${c.objects}`;
    const tail = c.state === 'running' ? c.waitingFor : c.detail;
    const line = `${ICON[c.state]} ${n.padEnd(nameW)}  ${(c.phase || c.state).padEnd(18)} ${count.padStart(7)} ${elapsed.padStart(7)}  ${pc.dim(tail)}`;
    lines.push(line.length > width ? line.slice(0, width - 1) : line);
  }
  return lines;
}

/** A live view on `stream`; returns the event consumer and a `stop()` that draws the last frame. */
export function liveView(stream: NodeJS.WriteStream, write: (s: string) => void) {
  const m = newModel();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const after: ApplyEvent[] = [];
  const draw = () => {
    const frame = render(m, Date.now(), stream.columns || 120);
    if (drawn) write(`\x1b[${drawn}A`);
    write(frame.map((l) => `\x1b[2K${l}\n`).join(''));
    drawn = frame.length;
  };
  const consumer = (e: ApplyEvent) => {
    fold(m, e);
    if (
      e.type === 'component-failed' ||
      e.type === 'summary' ||
      e.type === 'error' ||
      e.type === 'prune' ||
      e.type === 'delete'
    )
      after.push(e);
    if (!timer) timer = setInterval(draw, 150);
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    if (m.components.size) draw();
    const log = lineLogger(write);
    for (const e of after) log(e);
  };
  return { consumer, stop };
}
