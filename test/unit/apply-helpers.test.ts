import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stamper, type ApplyEvent } from '../../src/apply/events.ts';
import { ComponentFailure, detailLines, eventLine, selectorString } from '../../src/apply/explain.ts';
import { hookEvent, hookInfo, isHookFor } from '../../src/apply/hooks.ts';
import { describeCommand, keyOf } from '../../src/apply/refs.ts';
import type { KubeObject } from '../../src/objects/types.ts';

const hook = (annotations: Record<string, string>): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', namespace: 'shop', annotations },
});

describe('hooks', () => {
  it('reads events, weight and delete policies (Helm default before-hook-creation)', () => {
    const info = hookInfo(hook({ 'helm.sh/hook': 'pre-install, pre-upgrade', 'helm.sh/hook-weight': '-5' }));
    assert.deepEqual(info?.events, ['pre-install', 'pre-upgrade']);
    assert.equal(info?.weight, -5);
    assert.deepEqual([...(info?.deletePolicies ?? [])], ['before-hook-creation']);
    const other = hookInfo(
      hook({
        'helm.sh/hook': 'post-install',
        'helm.sh/hook-weight': 'x',
        'helm.sh/hook-delete-policy': 'hook-succeeded,hook-failed',
      }),
    );
    assert.equal(other?.weight, 0);
    assert.deepEqual([...(other?.deletePolicies ?? [])].sort(), ['hook-failed', 'hook-succeeded']);
    assert.equal(hookInfo(hook({})), undefined);
  });

  it('install and upgrade pick their own hooks', () => {
    const installOnly = hook({ 'helm.sh/hook': 'pre-install' });
    assert.equal(isHookFor(installOnly, hookEvent('pre', 'install')), true);
    assert.equal(isHookFor(installOnly, hookEvent('pre', 'upgrade')), false);
    assert.equal(hookEvent('post', 'upgrade'), 'post-upgrade');
  });
});

describe('explain helpers', () => {
  it('selectorString: matchLabels, matchExpressions, plain maps', () => {
    assert.equal(
      selectorString({
        selector: {
          matchLabels: { b: '2', a: '1' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['x', 'y'] },
            { key: 'env', operator: 'NotIn', values: ['dev'] },
            { key: 'has', operator: 'Exists' },
            { key: 'legacy', operator: 'DoesNotExist' },
          ],
        },
      }),
      'a=1,b=2,tier in (x,y),env notin (dev),has,!legacy',
    );
    assert.equal(selectorString({ selector: { app: 'web' } }), 'app=web');
    assert.equal(selectorString({}), undefined);
    assert.equal(selectorString({ selector: { matchLabels: {} } }), undefined);
  });

  it('eventLine: type, reason, object, message, count', () => {
    assert.equal(
      eventLine({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'x' },
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "convoy-test/unpullable:1"',
        involvedObject: { kind: 'Pod', name: 'web-abc' },
        count: 3,
      }),
      'Warning Failed pod/web-abc: Failed to pull image "convoy-test/unpullable:1" (x3)',
    );
    assert.equal(
      eventLine({
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'y' },
        type: 'Normal',
        reason: 'Scheduled',
        note: 'assigned',
        regarding: { kind: 'Pod', name: 'p' },
        series: { count: 1 },
      }),
      'Normal Scheduled pod/p: assigned',
    );
  });

  it('describeCommand qualifies custom kinds', () => {
    assert.equal(
      describeCommand({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }),
      'kubectl -n shop describe deployment/web',
    );
    assert.equal(
      describeCommand({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', namespace: 'shop', name: 'tls' }),
      'kubectl -n shop describe certificate.cert-manager.io/tls',
    );
    assert.equal(
      describeCommand({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' }),
      'kubectl describe namespace/shop',
    );
  });

  it('keyOf ignores the version', () => {
    assert.equal(
      keyOf({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', namespace: 'a', name: 'b' }),
      keyOf({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: 'a', name: 'b' }),
    );
  });

  it('ComponentFailure: headline, detail lines and the kubectl hint as fix', () => {
    const detail = {
      ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      reason: 'ImagePullBackOff',
      status: 'InProgress: Replicas: 0/1',
      pods: ['pod web-abc: Failed: container web: ImagePullBackOff: Back-off pulling image'],
      events: ['Warning Failed pod/web-abc: Failed to pull image'],
      hint: 'kubectl -n shop describe deployment/web',
    };
    const err = new ComponentFailure('E_FAILED', 'web', 'Deployment shop/web failed: ImagePullBackOff', detail);
    assert.equal(
      err.format(),
      [
        'Deployment shop/web failed: ImagePullBackOff',
        '  last status: InProgress: Replicas: 0/1',
        '  pod web-abc: Failed: container web: ImagePullBackOff: Back-off pulling image',
        '  events:',
        '    Warning Failed pod/web-abc: Failed to pull image',
        '  fix: look further: kubectl -n shop describe deployment/web',
      ].join('\n'),
    );
    assert.deepEqual(detailLines({ ...detail, pods: [], events: [] }), ['  last status: InProgress: Replicas: 0/1']);
  });
});

describe('stamper', () => {
  it('adds time and swallows a throwing consumer', () => {
    const seen: ApplyEvent[] = [];
    const out = stamper(
      (e) => seen.push(e),
      () => 42,
    );
    out({ type: 'component-start', component: 'a', mode: 'install' });
    assert.deepEqual(seen, [{ type: 'component-start', component: 'a', mode: 'install', time: 42 }]);
    const bad = stamper(() => {
      throw new Error('consumer bug');
    });
    assert.doesNotThrow(() => bad({ type: 'component-ready', component: 'a', durationMs: 1 }));
  });
});
