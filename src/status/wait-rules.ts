/**
 * User wait rules for custom resources, after carvel kapp's `waitRules`
 * (`pkg/kapp/resourcesmisc/custom_waiting_resource.go`): failure matchers are checked
 * before success ones, so an object that reports both is `Failed`.
 */

import { ConvoyError, ConvoyErrors } from '../errors.ts';
import type { SourcePosition } from '../errors.ts';
import type { KubeObject } from '../objects/types.ts';
import { conditionsOf, isRecord, isStale } from './fields.ts';
import type { Condition } from './fields.ts';
import { parseJsonPath, readPath, scalarText } from './json-path.ts';
import type { PathSegment } from './json-path.ts';
import { current, failed, inProgress } from './result.ts';
import type { CompiledWaitRules, StatusRule, WaitRule } from './types.ts';

/** Options of {@link compileWaitRules}. */
export interface CompileWaitRulesOptions {
  /** Where the rules were declared (the stack file), for error messages. @default none */
  position?: SourcePosition;
}

interface Check {
  matched: boolean;
  /** For a matched condition matcher: the condition. */
  condition?: Condition;
  /** What the object shows now, for the InProgress message (`now False`, `now absent`). */
  now: string;
}

interface CompiledMatcher {
  /** `Ready=True`, `Ready=False (reason Failed)`, `.status.phase == Running`. */
  text: string;
  check(obj: KubeObject, conditions: readonly Condition[]): Check;
}

interface CompiledRule {
  apiVersion: string | undefined;
  kind: string;
  success: CompiledMatcher[];
  failure: CompiledMatcher[];
}

const CONDITION_STATUSES = ['True', 'False', 'Unknown'];

/**
 * Checks and compiles wait rules once, for use as `computeStatus(obj, { rules })`.
 *
 * A rule matches an object by `kind` and, when given, exact `apiVersion`; the first matching
 * rule wins. Evaluation of a matched object:
 * 1. any `failure` matcher that matches → `Failed`, stalled (reason: the condition's reason,
 *    or `WaitRuleFailure`);
 * 2. any `success` matcher that matches → `Current`;
 * 3. otherwise `InProgress` (reason `WaitRuleNotMet`), with a message saying what it waits
 *    for and what the object shows now.
 * Condition matchers ignore stale conditions (`observedGeneration` < `metadata.generation`),
 * as kapp does with `supportsObservedGeneration`.
 *
 * @throws ConvoyError `E_SCHEMA` for a rule without kind or success matchers, a condition
 *   status other than True/False/Unknown, a matcher that is neither a condition nor a path
 *   matcher, or a path that does not parse; several problems are thrown together as
 *   {@link ConvoyErrors}.
 */
export function compileWaitRules(rules: readonly WaitRule[], options: CompileWaitRulesOptions = {}): CompiledWaitRules {
  const problems: ConvoyError[] = [];
  const problem = (message: string, expected: string, fix: string): void => {
    problems.push(new ConvoyError('E_SCHEMA', message, { position: options.position, expected, fix }));
  };
  const compiled: CompiledRule[] = [];

  rules.forEach((rule: unknown, i) => {
    const where = `wait rule ${i + 1}`;
    if (!isRecord(rule) || typeof rule.kind !== 'string' || rule.kind === '') {
      problem(`${where}: kind is missing`, 'a kind, e.g. `kind: Certificate`', 'add the kind the rule is for');
      return;
    }
    const label = `${where} (${rule.kind})`;
    if (rule.apiVersion !== undefined && (typeof rule.apiVersion !== 'string' || rule.apiVersion === '')) {
      problem(`${label}: apiVersion must be a non-empty string`, 'e.g. `cert-manager.io/v1`', 'fix or drop apiVersion');
      return;
    }
    const compileList = (list: unknown, name: 'success' | 'failure'): CompiledMatcher[] => {
      if (list === undefined && name === 'failure') return [];
      if (!Array.isArray(list) || (name === 'success' && list.length === 0)) {
        problem(
          `${label}: ${name} must be a list${name === 'success' ? ' of at least one matcher' : ''}`,
          '`- {type: Ready, status: "True"}` or `- {path: .status.phase, equals: Running}`',
          `list the ${name} matchers of ${rule.kind}`,
        );
        return [];
      }
      const out: CompiledMatcher[] = [];
      list.forEach((m: unknown, j) => {
        const c = compileMatcher(m, `${label}: ${name}[${j}]`, problem);
        if (c) out.push(c);
      });
      return out;
    };
    const success = compileList(rule.success, 'success');
    const failure = compileList(rule.failure, 'failure');
    compiled.push({
      apiVersion: typeof rule.apiVersion === 'string' ? rule.apiVersion : undefined,
      kind: rule.kind,
      success,
      failure,
    });
  });

  const [first] = problems;
  if (first !== undefined) throw problems.length === 1 ? first : new ConvoyErrors(problems);

  return {
    kind: 'CompiledWaitRules',
    ruleFor(obj: KubeObject): StatusRule | undefined {
      const rule = compiled.find(
        (r) => r.kind === obj.kind && (r.apiVersion === undefined || r.apiVersion === obj.apiVersion),
      );
      return rule ? (o) => evaluate(rule, o) : undefined;
    },
  };
}

function compileMatcher(
  m: unknown,
  where: string,
  problem: (message: string, expected: string, fix: string) => void,
): CompiledMatcher | undefined {
  if (isRecord(m) && typeof m.type === 'string' && m.path === undefined) {
    const { type, status, reason } = m;
    if (typeof status !== 'string' || !CONDITION_STATUSES.includes(status)) {
      problem(
        `${where}: condition status ${JSON.stringify(status)} is not True, False or Unknown`,
        'status: "True", "False" or "Unknown" (quoted in YAML)',
        'quote the status, e.g. `status: "True"`',
      );
      return undefined;
    }
    if (reason !== undefined && typeof reason !== 'string') {
      problem(`${where}: reason must be a string`, 'a CamelCase reason, e.g. `reason: Failed`', 'quote the reason');
      return undefined;
    }
    return conditionMatcher(type, status, reason);
  }
  if (isRecord(m) && typeof m.path === 'string' && m.type === undefined) {
    if (typeof m.equals !== 'string') {
      problem(
        `${where}: equals must be a string`,
        'e.g. `{path: .status.phase, equals: Running}`',
        'quote the value, e.g. `equals: "3"`',
      );
      return undefined;
    }
    const parsed = parseJsonPath(m.path);
    if (!Array.isArray(parsed)) {
      problem(
        `${where}: path ${JSON.stringify(m.path)}: ${parsed.error}`,
        "a JSON path like `.status.phase` or `.metadata.annotations['example.com/x']`",
        'fix the path',
      );
      return undefined;
    }
    return pathMatcher(m.path, parsed, m.equals);
  }
  problem(
    `${where}: a matcher needs either type and status, or path and equals`,
    '`{type: Ready, status: "True"}` or `{path: .status.phase, equals: Running}`',
    'use one of the two matcher forms',
  );
  return undefined;
}

function conditionMatcher(type: string, status: string, reason: string | undefined): CompiledMatcher {
  const text = `${type}=${status}${reason !== undefined ? ` (reason ${reason})` : ''}`;
  return {
    text,
    check(obj, conditions) {
      const c = conditions.find((x) => x.type === type);
      if (!c) return { matched: false, now: 'absent' };
      if (isStale(obj, c)) {
        return { matched: false, now: `observedGeneration ${c.observedGeneration}/${String(obj.metadata.generation)}` };
      }
      const matched = c.status === status && (reason === undefined || c.reason === reason);
      const now = [c.status, c.reason, c.message].filter((s) => s !== undefined).join(': ');
      return matched ? { matched, condition: c, now } : { matched, now };
    },
  };
}

function pathMatcher(path: string, segments: readonly PathSegment[], equals: string): CompiledMatcher {
  return {
    text: `${path} == ${equals}`,
    check(obj) {
      const value = scalarText(readPath(obj, segments));
      return { matched: value === equals, now: value ?? 'absent' };
    },
  };
}

function matchedText(m: CompiledMatcher, check: Check): string {
  const c = check.condition;
  if (!c) return m.text;
  return [`${c.type}=${c.status}`, c.reason, c.message].filter((s) => s !== undefined).join(': ');
}

/** Source: kapp `CustomWaitingResource.IsDoneApplying` (failure first, then success). */
function evaluate(rule: CompiledRule, obj: KubeObject): ReturnType<StatusRule> {
  const conditions = conditionsOf(obj);
  for (const m of rule.failure) {
    const check = m.check(obj, conditions);
    if (check.matched) {
      return failed(check.condition?.reason ?? 'WaitRuleFailure', `failure: ${matchedText(m, check)}`, true);
    }
  }
  const waiting: string[] = [];
  for (const m of rule.success) {
    const check = m.check(obj, conditions);
    if (check.matched) return current(m.text);
    waiting.push(`${m.text} (now ${check.now})`);
  }
  return inProgress('WaitRuleNotMet', `waiting for ${waiting.join(' or ')}`);
}
