import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from '../../src/kube/rate-limit.ts';

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('TokenBucket: burst is free, then one token per 1/qps', () => {
  const c = clock();
  const b = new TokenBucket(10, 3, c.now);
  assert.deepEqual([b.reserve(), b.reserve(), b.reserve()], [0, 0, 0]);
  assert.equal(b.reserve(), 100);
  assert.equal(b.reserve(), 200, 'reservations queue up');
});

test('TokenBucket: refills over time, never above burst', () => {
  const c = clock();
  const b = new TokenBucket(10, 2, c.now);
  b.reserve();
  b.reserve();
  c.t += 1000; // would be 10 tokens, capped at 2
  assert.deepEqual([b.reserve(), b.reserve(), b.reserve()], [0, 0, 100]);
  c.t += 50;
  assert.equal(b.reserve(), 150);
});

test('TokenBucket: qps 0 or Infinity is unlimited; burst at least 1', () => {
  for (const qps of [0, -1, Infinity]) {
    const b = new TokenBucket(qps, 1, clock().now);
    assert.equal(b.unlimited, true);
    for (let i = 0; i < 1000; i++) assert.equal(b.reserve(), 0);
  }
  const b = new TokenBucket(1, 0, clock().now);
  assert.equal(b.burst, 1);
  assert.deepEqual([b.reserve(), b.reserve()], [0, 1000]);
});

test('TokenBucket.take: waits for the reservation in real time', async () => {
  const b = new TokenBucket(50, 1);
  const t0 = performance.now();
  await b.take();
  await b.take();
  await b.take();
  const ms = performance.now() - t0;
  assert.ok(ms >= 35 && ms < 500, `took ${ms} ms`);
});
