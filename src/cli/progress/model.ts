/**
 * The progress model the terminal views share: per component, its state, current phase,
 * objects Current out of total, and timing — folded from the library's ApplyEvents.
 */
import type { ApplyEvent } from '../../apply/events.ts';

export type ComponentState = 'pending' | 'running' | 'ready' | 'failed' | 'skipped';

export interface ComponentProgress {
  name: string;
  needs: string[];
  state: ComponentState;
  phase: string;
  objects: number;
  /** Keys of objects seen Current. */
  current: Set<string>;
  /** Last non-Current status message of an object (what it waits for). */
  waitingFor: string;
  startedAt?: number;
  endedAt?: number;
  detail: string;
}

export interface ProgressModel {
  stack: string;
  startedAt: number;
  components: Map<string, ComponentProgress>;
  order: string[];
}

export function newModel(now = Date.now()): ProgressModel {
  return { stack: '', startedAt: now, components: new Map(), order: [] };
}

const refKey = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ?? ''}/${r.name}`;

/** Applies one event to the model (pure apart from mutating `m`). */
export function fold(m: ProgressModel, e: ApplyEvent): void {
  const c = 'component' in e && e.component ? m.components.get(e.component) : undefined;
  switch (e.type) {
    case 'init':
      m.stack = e.stack;
      m.startedAt = e.time;
      m.order = e.waves.flat();
      for (const comp of e.components) {
        m.components.set(comp.name, {
          name: comp.name,
          needs: comp.needs,
          state: 'pending',
          phase: '',
          objects: comp.objects,
          current: new Set(),
          waitingFor: '',
          detail: '',
        });
      }
      break;
    case 'component-start':
      if (c) {
        c.state = 'running';
        c.startedAt = e.time;
        c.phase = e.mode;
      }
      break;
    case 'phase-start':
      if (c) c.phase = e.weight === undefined ? e.phase : `${e.phase} (weight ${e.weight})`;
      break;
    case 'object-apply':
      if (c) c.phase = c.phase || 'applying';
      break;
    case 'object-status':
      if (c) {
        const k = refKey(e.ref);
        if (e.status === 'Current') c.current.add(k);
        else {
          c.current.delete(k);
          c.phase = 'waiting';
          c.waitingFor = `${e.ref.kind}/${e.ref.name}: ${e.message}`;
        }
      }
      break;
    case 'component-ready':
      if (c) {
        c.state = 'ready';
        c.endedAt = e.time;
        c.phase = 'ready';
        c.waitingFor = '';
      }
      break;
    case 'component-failed':
      if (c) {
        c.state = 'failed';
        c.endedAt = e.time;
        c.phase = 'failed';
        c.detail = `${e.reason}: ${e.message.split('\n')[0]}`;
      }
      break;
    case 'component-skipped':
      if (c) {
        c.state = 'skipped';
        c.phase = 'skipped';
        c.detail = `needs ${e.because.join(', ')}`;
      }
      break;
    default:
      break;
  }
}

/** Seconds with one decimal: `12.3s`. */
export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
