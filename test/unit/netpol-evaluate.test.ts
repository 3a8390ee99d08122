/**
 * The NetworkPolicy evaluator against the networking/v1 rules, one case per rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inCidr } from '../../src/netpol/cidr.ts';
import { parseConnection } from '../../src/netpol/connection.ts';
import { createEvaluator } from '../../src/netpol/evaluate.ts';
import { matchesSelector } from '../../src/netpol/selector.ts';
import type { NetworkPolicy, PodRef } from '../../src/netpol/types.ts';

const np = (name: string, namespace: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace },
  spec,
});
const pod = (namespace: string, app: string, namedPorts?: Record<string, number>): PodRef => ({
  namespace,
  labels: { app },
  ...(namedPorts ? { namedPorts } : {}),
});
const a = pod('ns1', 'a');
const b = pod('ns1', 'b', { http: 8080 });
const c = pod('ns2', 'c');

test('evaluate: no policy — everything allowed', () => {
  const ev = createEvaluator([]);
  assert.equal(ev.allowed(a, b, 80), true);
  assert.equal(ev.isolated(a, 'Ingress'), false);
});

test('evaluate: policyTypes default to Ingress (plus Egress with egress rules)', () => {
  const ev = createEvaluator([np('p', 'ns1', { podSelector: { matchLabels: { app: 'b' } } })]);
  assert.equal(ev.isolated(b, 'Ingress'), true);
  assert.equal(ev.isolated(b, 'Egress'), false);
  assert.equal(ev.allowed(a, b, 80), false);
  assert.equal(ev.allowed(b, a, 80), true);
  const ev2 = createEvaluator([np('p', 'ns1', { podSelector: {}, egress: [{ to: [] }] })]);
  assert.equal(ev2.isolated(a, 'Egress'), true);
  assert.equal(ev2.allowed(a, c, 80), true, 'an egress rule without to allows every destination');
});

test('evaluate: both sides must allow; policies are additive', () => {
  const deny = np('deny', 'ns1', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  const inB = np('in-b', 'ns1', {
    podSelector: { matchLabels: { app: 'b' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 'http' }] }],
  });
  const outA = np('out-a', 'ns1', {
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }] }],
  });
  assert.equal(createEvaluator([deny, inB]).allowed(a, b, 8080), false, 'egress of a still denied');
  const ev = createEvaluator([deny, inB, outA]);
  assert.equal(ev.allowed(a, b, 8080), true, 'named port http = 8080 on b');
  assert.equal(ev.allowed(a, b, 8081), false);
  assert.equal(ev.allowed(a, b, 8080, 'UDP'), false, 'protocol defaults to TCP');
  assert.equal(ev.allowed(b, a, 8080), false);
});

test('evaluate: podSelector alone means the policy namespace; namespaceSelector AND podSelector in one peer', () => {
  const sameNs = np('p', 'ns2', {
    podSelector: {},
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }] }],
  });
  assert.equal(createEvaluator([sameNs]).allowed(a, c, 80), false, 'a is in ns1, not ns2');
  const and = np('p', 'ns2', {
    podSelector: {},
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ns1' } },
            podSelector: { matchLabels: { app: 'a' } },
          },
        ],
      },
    ],
  });
  assert.equal(createEvaluator([and]).allowed(a, c, 80), true);
  assert.equal(createEvaluator([and]).allowed(b, c, 80), false);
  const or = np('p', 'ns2', {
    podSelector: {},
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { team: 'x' } } }, { podSelector: { matchLabels: { app: 'a' } } }],
      },
    ],
  });
  const ev = createEvaluator([or], { namespaceLabels: { ns1: { team: 'x' } } });
  assert.equal(ev.allowed(b, c, 80), true, 'any pod of a namespace labelled team=x');
});

test('evaluate: ipBlock with except, port ranges', () => {
  const p = np('p', 'ns1', {
    podSelector: {},
    ingress: [
      {
        from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
        ports: [{ port: 30000, endPort: 30010 }],
      },
    ],
  });
  const ev = createEvaluator([p]);
  assert.equal(ev.allowed({ ip: '10.2.3.4' }, a, 30005), true);
  assert.equal(ev.allowed({ ip: '10.1.3.4' }, a, 30005), false);
  assert.equal(ev.allowed({ ip: '10.2.3.4' }, a, 30011), false);
  assert.equal(ev.allowed(b, a, 30005), false, 'a pod without ip is not in an ipBlock');
});

test('cidr, selectors, connections', () => {
  assert.equal(inCidr('2001:db8::1', '2001:db8::/32'), true);
  assert.equal(inCidr('2001:db9::1', '2001:db8::/32'), false);
  assert.equal(inCidr('1.2.3.4', '::/0'), false);
  assert.equal(inCidr('1.2.3.4', '0.0.0.0/0'), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, { a: '1' }), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {}), true);
  assert.equal(matchesSelector({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '' }), false);
  assert.deepEqual(parseConnection('db'), { component: 'db', protocol: 'TCP' });
  assert.deepEqual(parseConnection('dns:53/UDP'), { component: 'dns', port: 53, protocol: 'UDP' });
  assert.equal(parseConnection('db:70000'), undefined);
  assert.equal(parseConnection('Db'), undefined);
});
