import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvoyError } from '../../src/errors.ts';
import { KubeHttpError } from '../../src/kube/errors.ts';
import { backoffDelay, parseRetryAfter, withRetry } from '../../src/kube/retry.ts';

test('backoffDelay: doubles from base, capped, jitter within [d/2, d]', () => {
  const lo = { random: () => 0 };
  const hi = { random: () => 0.999999 };
  const cases: [number, number][] = [
    [0, 200],
    [1, 400],
    [2, 800],
    [3, 1600],
    [4, 3200],
    [5, 5000],
    [10, 5000],
  ];
  for (const [attempt, d] of cases) {
    assert.equal(backoffDelay(attempt, lo), d / 2, `attempt ${attempt} low`);
    assert.equal(backoffDelay(attempt, hi), d, `attempt ${attempt} high`);
  }
  assert.equal(backoffDelay(0, { baseMs: 10, maxMs: 15, random: () => 0.5 }), 8);
});

test('backoffDelay: Retry-After wins, capped at max', () => {
  assert.equal(backoffDelay(0, { random: () => 0 }, 2), 2000);
  assert.equal(backoffDelay(0, { random: () => 0 }, 60), 5000);
  assert.equal(backoffDelay(3, { random: () => 0 }, 0), 0);
});

test('parseRetryAfter: seconds, HTTP date, garbage', () => {
  const now = Date.parse('2026-11-21T05:12:00Z');
  assert.equal(parseRetryAfter('3', now), 3);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Sat, 21 Nov 2026 05:12:10 GMT', now), 10);
  assert.equal(parseRetryAfter('Sat, 21 Nov 2026 05:11:10 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('withRetry: retries retryable failures with the computed delays, then succeeds', async () => {
  const sleeps: number[] = [];
  let n = 0;
  const got = await withRetry(
    async () => {
      n++;
      if (n === 1) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      if (n === 2) throw new KubeHttpError(429, { reason: 'TooManyRequests' }, 1);
      return 'ok';
    },
    { context: { verb: 'get' }, random: () => 0, sleep: async (ms) => void sleeps.push(ms) },
  );
  assert.equal(got, 'ok');
  assert.equal(n, 3);
  assert.deepEqual(sleeps, [100, 1000]);
});

test('withRetry: terminal failure is raised at once as ConvoyError', async () => {
  let n = 0;
  await assert.rejects(
    withRetry(
      async () => {
        n++;
        throw new KubeHttpError(403, { reason: 'Forbidden', message: 'no' });
      },
      { context: { verb: 'list', kind: 'Secret' }, sleep: async () => {} },
    ),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_KUBE' && /Forbidden/.test(e.message),
  );
  assert.equal(n, 1);
});

test('withRetry: gives up after maxRetries', async () => {
  let n = 0;
  await assert.rejects(
    withRetry(
      async () => {
        n++;
        throw new KubeHttpError(503, undefined);
      },
      { context: { verb: 'get' }, maxRetries: 2, sleep: async () => {} },
    ),
    (e: unknown) => e instanceof ConvoyError && e.code === 'E_KUBE',
  );
  assert.equal(n, 3);
});
