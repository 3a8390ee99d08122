/**
 * CV009 — a NetworkPolicy set that blocks a declared edge; CV010 — one that opens an
 * undeclared one. Runs when the stack has NetworkPolicies (its own or generated). For every
 * pair of components with pods, pod to pod, on every container port of the destination,
 * the evaluator (src/netpol/evaluate.ts) decides; expected is "declared in the source's
 * `connects`" (a connection's Service port mapped to the container port). Traffic inside
 * one component is not checked.
 */
import { parseConnection } from '../../netpol/connection.ts';
import { createEvaluator } from '../../netpol/evaluate.ts';
import { containerPort, policyTarget } from '../../netpol/targets.ts';
import type { NetworkPolicy } from '../../netpol/types.ts';
import type { Finding, LintCheck, LintContext } from '../types.ts';

type EdgeFinding = Omit<Finding, 'id' | 'severity'>;

function compare(ctx: LintContext): { blocked: EdgeFinding[]; opened: EdgeFinding[] } {
  const policies = ctx.objects
    .filter(({ object }) => object.kind === 'NetworkPolicy')
    .map(({ object }) => object as unknown as NetworkPolicy);
  const out = { blocked: [] as EdgeFinding[], opened: [] as EdgeFinding[] };
  if (policies.length === 0) return out;
  const ev = createEvaluator(policies);
  const byName = new Map(ctx.rendered.components.map((c) => [c.name, c]));
  const targets = new Map(
    ctx.resolved.components.map((c) => [c.name, policyTarget(c, byName.get(c.name)?.objects ?? [])]),
  );
  // declared: "from→to" → list of {port (container), protocol} or 'all'
  const declared = new Map<string, { port?: number; protocol: string }[]>();
  for (const c of ctx.resolved.components) {
    for (const text of c.connects ?? []) {
      const conn = parseConnection(text);
      const t = conn && targets.get(conn.component);
      if (!conn || !t) continue;
      const key = `${c.name}→${conn.component}`;
      const list = declared.get(key) ?? [];
      list.push({
        ...(conn.port !== undefined ? { port: containerPort(t, conn.port, conn.protocol) } : {}),
        protocol: conn.protocol,
      });
      declared.set(key, list);
    }
  }
  const seen = new Set<string>();
  for (const from of ctx.pods) {
    for (const to of ctx.pods) {
      if (from.component === to.component) continue;
      const decl = declared.get(`${from.component}→${to.component}`) ?? [];
      for (const { port, protocol } of to.ports) {
        const expected = decl.some((d) => d.protocol === protocol && (d.port === undefined || d.port === port));
        const got = ev.allowed(from, to, port, protocol);
        if (expected === got) continue;
        const key = `${from.component}→${to.component}:${port}/${protocol}:${got}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const edge = `${from.component} → ${to.component} ${port}/${protocol}`;
        if (expected) {
          out.blocked.push({
            object: to.name ?? '',
            component: to.component,
            message: `the NetworkPolicies block the declared connection ${edge} (from ${from.name})`,
            fix: `allow it: ingress on ${to.component} from ${from.component} and egress on ${from.component} to ${to.component}, or use networkPolicies: generate`,
          });
        } else {
          out.opened.push({
            object: to.name ?? '',
            component: to.component,
            message: `the NetworkPolicies allow ${edge} (from ${from.name}), which no connects declares`,
            fix: `declare it (connects: [${to.component}:${port}${protocol === 'TCP' ? '' : `/${protocol}`}] on ${from.component}) or narrow the policies`,
          });
        }
      }
    }
  }
  return out;
}

export const netpolBlocks: LintCheck = {
  id: 'CV009',
  severity: 'error',
  title: 'NetworkPolicies block a declared connection',
  run: (ctx) => compare(ctx).blocked,
};

export const netpolOpens: LintCheck = {
  id: 'CV010',
  severity: 'warning',
  title: 'NetworkPolicies open an undeclared connection',
  run: (ctx) => compare(ctx).opened,
};
