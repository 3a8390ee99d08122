import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { ConvoyError } from '../../src/errors.ts';
import { schedule, type ScheduleNode, type ScheduleOptions, type ScheduleResult } from '../../src/apply/scheduler.ts';

/**
 * A hand-driven fake of the scheduler's one seam, `run`: every started component waits
 * until the test finishes or fails it, so the tests control the order exactly.
 */
function harness(nodes: ScheduleNode[], options: ScheduleOptions = {}) {
  const log: string[] = [];
  const live = new Map<string, { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal }>();
  let maxRunning = 0;
  const run = (name: string, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      live.set(name, { resolve, reject, signal });
      maxRunning = Math.max(maxRunning, live.size);
    }).finally(() => live.delete(name));
  const result = schedule(nodes, run, options, {
    onStart: (n) => log.push(`start ${n}`),
    onReady: (n) => log.push(`ready ${n}`),
    onFailed: (n, e) => log.push(`failed ${n} ${e.code}`),
    onSkipped: (n, reason, because) => log.push(`skipped ${n} ${reason} [${because.join(',')}]`),
  });
  return {
    log,
    result,
    running: () => [...live.keys()].sort(),
    maxRunning: () => maxRunning,
    signalOf: (name: string) => live.get(name)?.signal,
    async finish(name: string) {
      const entry = live.get(name);
      assert.ok(entry, `${name} is not running (running: ${[...live.keys()].join(', ')})`);
      entry.resolve();
      await tick();
    },
    async fail(name: string, error: unknown = new ConvoyError('E_FAILED', `${name} broke`)) {
      const entry = live.get(name);
      assert.ok(entry, `${name} is not running`);
      entry.reject(error);
      await tick();
    },
  };
}

const n = (name: string, needs: string[] = [], timeoutSeconds?: number): ScheduleNode => ({
  name,
  needs,
  ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
});

describe('schedule', () => {
  it('runs a diamond: the join starts only after both branches', async () => {
    const h = harness([n('a'), n('b', ['a']), n('c', ['a']), n('d', ['b', 'c'])]);
    await tick();
    assert.deepEqual(h.running(), ['a']);
    await h.finish('a');
    assert.deepEqual(h.running(), ['b', 'c']);
    await h.finish('c');
    assert.deepEqual(h.running(), ['b']);
    await h.finish('b');
    assert.deepEqual(h.running(), ['d']);
    await h.finish('d');
    const r = await h.result;
    assert.deepEqual(r.ready, ['a', 'c', 'b', 'd']);
    assert.deepEqual(r.failed, []);
    assert.deepEqual(r.skipped, []);
    assert.deepEqual(h.log, ['start a', 'ready a', 'start b', 'start c', 'ready c', 'ready b', 'start d', 'ready d']);
  });

  it('skips only what transitively needs a failed component; independent branches finish', async () => {
    // a ← b ← d ← e ; c independent ; f needs a and c
    const h = harness([n('a'), n('b', ['a']), n('c'), n('d', ['b']), n('e', ['d']), n('f', ['a', 'c'])]);
    await tick();
    assert.deepEqual(h.running(), ['a', 'c']);
    await h.finish('a');
    assert.deepEqual(h.running(), ['b', 'c']);
    await h.fail('b');
    assert.deepEqual(h.running(), ['c']);
    await h.finish('c');
    assert.deepEqual(h.running(), ['f']);
    await h.finish('f');
    const r = await h.result;
    assert.deepEqual(r.ready, ['a', 'c', 'f']);
    assert.deepEqual(
      r.failed.map((f) => [f.name, f.error.code]),
      [['b', 'E_FAILED']],
    );
    assert.deepEqual(r.skipped, [
      { name: 'd', reason: 'need-failed', because: ['b'] },
      { name: 'e', reason: 'need-failed', because: ['d'] },
    ]);
    // Skips are reported the moment the need fails, before independent work ends.
    assert.ok(h.log.indexOf('skipped e need-failed [d]') < h.log.indexOf('ready c'));
    assert.equal(r.cancelled, false);
  });

  it('respects the concurrency limit and starts the next one as a slot frees', async () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const h = harness(
      names.map((x) => n(x)),
      { concurrency: 2 },
    );
    await tick();
    assert.deepEqual(h.running(), ['a', 'b']);
    await h.finish('b');
    assert.deepEqual(h.running(), ['a', 'c']);
    for (const x of ['a', 'c', 'd', 'e', 'f']) await h.finish(x);
    const r = await h.result;
    assert.equal(h.maxRunning(), 2);
    assert.deepEqual(r.ready, ['b', 'a', 'c', 'd', 'e', 'f']);
  });

  it('defaults to 16 components at once', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const h = harness(names.map((x) => n(x)));
    await tick();
    assert.deepEqual(h.running(), names.slice(0, 16));
    for (const x of names) await h.finish(x);
    await h.result;
    assert.equal(h.maxRunning(), 16);
  });

  it('starts a component right after its last need, not after its whole wave', async () => {
    // wave 0: slow, fast ; wave 1: after-fast (needs fast), after-slow (needs slow)
    const h = harness([n('slow'), n('fast'), n('after-fast', ['fast']), n('after-slow', ['slow'])]);
    await tick();
    await h.finish('fast');
    assert.deepEqual(h.running(), ['after-fast', 'slow']);
    await h.finish('after-fast');
    await h.finish('slow');
    await h.finish('after-slow');
    const r = await h.result;
    assert.deepEqual(r.ready, ['fast', 'after-fast', 'slow', 'after-slow']);
  });

  it('a failed run with a plain Error becomes E_INTERNAL naming the component', async () => {
    const h = harness([n('a')]);
    await tick();
    await h.fail('a', new Error('boom'));
    const r = await h.result;
    assert.equal(r.failed[0]?.error.code, 'E_INTERNAL');
    assert.match(r.failed[0]?.error.message ?? '', /component "a" failed: boom/);
  });

  it('aborts a component at its own timeout; the run reports with the signal reason', async () => {
    const run = (name: string, signal: AbortSignal): Promise<void> =>
      new Promise((resolve, reject) => {
        if (name === 'quick') return resolve();
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const r = await schedule([n('stuck', [], 0.05), n('quick'), n('after', ['stuck'])], run);
    assert.deepEqual(r.ready, ['quick']);
    assert.equal(r.failed[0]?.name, 'stuck');
    assert.equal(r.failed[0]?.error.code, 'E_TIMEOUT');
    assert.match(r.failed[0]?.error.message ?? '', /component "stuck" did not become ready within 0.05s/);
    assert.deepEqual(r.skipped, [{ name: 'after', reason: 'need-failed', because: ['stuck'] }]);
  });

  it('gives up on a run that ignores its signal after the grace period', async () => {
    const never = (): Promise<void> => new Promise(() => undefined);
    const t0 = Date.now();
    const r = await schedule([n('deaf', [], 0.02)], never, { abortGraceMs: 20 });
    assert.equal(r.failed[0]?.error.code, 'E_TIMEOUT');
    assert.ok(Date.now() - t0 < 1000);
  });

  it('a run that resolves after its timeout still fails', async () => {
    const late = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 40));
    const r = await schedule([n('late', [], 0.01)], late, { abortGraceMs: 1000 });
    assert.equal(r.failed[0]?.error.code, 'E_TIMEOUT');
  });

  it('the overall timeout aborts running components and skips pending ones as cancelled', async () => {
    const run = (_: string, signal: AbortSignal): Promise<void> =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const r: ScheduleResult = await schedule([n('a'), n('b', ['a'])], run, { timeoutSeconds: 0.03 });
    assert.equal(r.cancelled, true);
    assert.equal(r.failed[0]?.name, 'a');
    assert.match(r.failed[0]?.error.message ?? '', /overall timeout/);
    assert.deepEqual(r.skipped, [{ name: 'b', reason: 'cancelled', because: [] }]);
  });

  it('the caller can cancel with an AbortSignal', async () => {
    const controller = new AbortController();
    const h = harness([n('a'), n('b', ['a']), n('c')], { signal: controller.signal, concurrency: 1 });
    await tick();
    assert.deepEqual(h.running(), ['a']);
    const signal = h.signalOf('a');
    controller.abort();
    assert.equal(signal?.aborted, true);
    assert.equal((signal?.reason as ConvoyError).code, 'E_FAILED');
    await h.fail('a', signal?.reason);
    const r = await h.result;
    assert.equal(r.cancelled, true);
    assert.deepEqual(
      r.skipped.map((s) => `${s.name}:${s.reason}`),
      ['b:cancelled', 'c:cancelled'],
    );
  });

  it('an already aborted signal runs nothing', async () => {
    const r = await schedule([n('a')], () => Promise.resolve(), { signal: AbortSignal.abort() });
    assert.deepEqual(r.ready, []);
    assert.deepEqual(r.skipped, [{ name: 'a', reason: 'cancelled', because: [] }]);
  });

  it('an empty graph resolves at once', async () => {
    const r = await schedule([], () => Promise.resolve());
    assert.deepEqual([r.ready, r.failed, r.skipped], [[], [], []]);
  });

  for (const [label, nodes, options, code] of [
    ['a cycle', [n('a', ['b']), n('b', ['a'])], {}, 'E_CYCLE'],
    ['an unknown need', [n('a', ['nope'])], {}, 'E_NEEDS'],
    ['concurrency 0', [n('a')], { concurrency: 0 }, 'E_USAGE'],
    ['a negative timeout', [n('a', [], -1)], {}, 'E_USAGE'],
  ] as const) {
    it(`rejects ${label} before running anything`, async () => {
      let ran = false;
      await assert.rejects(
        schedule(
          nodes as unknown as ScheduleNode[],
          async () => {
            ran = true;
          },
          options,
        ),
        (e: unknown) => e instanceof ConvoyError && e.code === code,
      );
      assert.equal(ran, false);
    });
  }
});
