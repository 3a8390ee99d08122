import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NamedStatusResult } from '../../src/status/aggregate.ts';
import { aggregateStatus } from '../../src/status/aggregate.ts';
import { computeStatus } from '../../src/status/compute.ts';
import type { StatusResult } from '../../src/status/types.ts';
import { object } from '../fixtures/status/table.ts';

const ok = (object: string): NamedStatusResult => ({ status: 'Current', message: 'ok', object });

interface AggregateCase {
  name: string;
  results: NamedStatusResult[];
  want: StatusResult;
}

const cases: AggregateCase[] = [
  { name: 'empty group is Current', results: [], want: { status: 'Current', message: '0/0 Current' } },
  {
    name: 'all Current',
    results: [ok('Service/web'), ok('Deployment/web'), ok('ConfigMap/web')],
    want: { status: 'Current', message: '3/3 Current' },
  },
  {
    name: 'one InProgress',
    results: [
      ok('Service/web'),
      { status: 'InProgress', message: 'Replicas: 1/2', reason: 'LessReplicas', object: 'Deployment/web' },
      ok('ConfigMap/web'),
    ],
    want: {
      status: 'InProgress',
      reason: 'LessReplicas',
      message: '2/3 Current; waiting for Deployment/web: Replicas: 1/2',
    },
  },
  {
    name: 'Failed beats InProgress and Terminating; a stalled failure is preferred',
    results: [
      { status: 'InProgress', message: 'Replicas: 1/2', object: 'Deployment/web' },
      { status: 'Terminating', message: 'Resource scheduled for deletion', object: 'Pod/old' },
      { status: 'Failed', message: 'the issuer rejected the request', reason: 'Failed', object: 'Certificate/tls' },
      {
        status: 'Failed',
        message: 'Job has reached the specified backoff limit (failed: 7)',
        reason: 'BackoffLimitExceeded',
        stalled: true,
        object: 'Job/migrate',
      },
      ok('Service/web'),
    ],
    want: {
      status: 'Failed',
      reason: 'BackoffLimitExceeded',
      stalled: true,
      message: '1/5 Current; failed: Job/migrate: Job has reached the specified backoff limit (failed: 7) (+1 more)',
    },
  },
  {
    name: 'a non-stalled failure stays non-stalled',
    results: [{ status: 'Failed', message: 'bad', reason: 'Failed', object: 'Certificate/tls' }, ok('Service/web')],
    want: { status: 'Failed', reason: 'Failed', message: '1/2 Current; failed: Certificate/tls: bad' },
  },
  {
    name: 'Terminating beats InProgress',
    results: [
      { status: 'InProgress', message: 'Replicas: 1/2', object: 'Deployment/web' },
      { status: 'Terminating', message: 'Namespace is Terminating', reason: 'Terminating', object: 'Namespace/shop' },
    ],
    want: {
      status: 'Terminating',
      reason: 'Terminating',
      message: '0/2 Current; terminating: Namespace/shop: Namespace is Terminating',
    },
  },
  {
    name: 'NotFound and InProgress rank equal; the first is shown, the group is InProgress',
    results: [
      { status: 'NotFound', message: 'Resource not found', reason: 'NotFound', object: 'Deployment/web' },
      { status: 'InProgress', message: 'Ready: 0/1', object: 'StatefulSet/db' },
      ok('Service/web'),
    ],
    want: {
      status: 'InProgress',
      reason: 'NotFound',
      message: '1/3 Current; waiting for Deployment/web: Resource not found (+1 more)',
    },
  },
  {
    name: 'all NotFound is NotFound',
    results: [
      { status: 'NotFound', message: 'Resource not found', object: 'Deployment/web' },
      { status: 'NotFound', message: 'Resource not found', object: 'Service/web' },
    ],
    want: { status: 'NotFound', message: '0/2 Current; waiting for Deployment/web: Resource not found (+1 more)' },
  },
  {
    name: 'results without object names',
    results: [
      { status: 'InProgress', message: 'Replicas: 1/2' },
      { status: 'Current', message: 'ok' },
    ],
    want: { status: 'InProgress', message: '1/2 Current; waiting: Replicas: 1/2' },
  },
];

describe('status: aggregateStatus', () => {
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(aggregateStatus(c.results), c.want));
  }

  it('aggregates computeStatus results of a component', () => {
    const docs = [
      `{apiVersion: v1, kind: Service, metadata: {name: web}, spec: {clusterIP: 10.96.0.10}}`,
      `{apiVersion: v1, kind: Secret, metadata: {name: web-db}}`,
      `{apiVersion: apps/v1, kind: Deployment, metadata: {name: web, generation: 1}, spec: {replicas: 2},
        status: {observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1}}`,
    ];
    const results = docs.map((yaml) => {
      const obj = object(yaml);
      assert.ok(obj);
      return { ...computeStatus(obj), object: `${obj.kind}/${obj.metadata.name}` };
    });
    assert.deepEqual(aggregateStatus(results), {
      status: 'InProgress',
      reason: 'LessReplicas',
      message: '2/3 Current; waiting for Deployment/web: Replicas: 1/2',
    });
  });
});
