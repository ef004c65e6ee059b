// Rule matching: which configured fault applies to a request. Rules are tried in order; the
// first that matches, still has uses left (`times`) and wins its probability draw applies.
// Each rule draws from its own seeded PRNG, so a test's outcome depends only on the sequence
// of calls that rule matched.
import { pageKeys } from './empty-page';
import { type Matcher, type ProxyRule, type RequestIdentity } from './types';

/** mulberry32: small, fast, good enough for test fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function matches(matcher: Matcher | undefined, value: string | undefined): boolean {
  if (matcher === undefined) return true;
  if (value === undefined) return false;
  if (typeof matcher === 'string') return matcher === value;
  if (matcher instanceof RegExp) return matcher.test(value);
  return matcher.includes(value);
}

export interface RequestContext {
  /** The request continues a listing the proxy paged itself (its token is the proxy's). */
  continuation: boolean;
}

/** Kind-specific conditions beyond the match fields. */
function kindApplies(rule: ProxyRule, id: RequestIdentity, ctx: RequestContext): boolean {
  switch (rule.kind) {
    case 'assumeRoleRefused':
      return (
        id.service === 'sts' &&
        id.operation === 'AssumeRole' &&
        id.assumeRole !== undefined &&
        (rule.expectedExternalId === undefined ||
          id.assumeRole.externalId !== rule.expectedExternalId)
      );
    case 'orgsTooManyRequests':
      return id.service === 'organizations';
    case 'emptyPageWithToken':
      return (
        !ctx.continuation &&
        (id.protocol === 'json' || id.protocol === 'rest-json') &&
        pageKeys(id.service, id.operation, rule) !== undefined
      );
    case 'inspectorPaging':
      return !ctx.continuation && id.service === 'inspector2' && id.operation === 'ListFindings';
    default:
      return true;
  }
}

export function ruleMatches(rule: ProxyRule, id: RequestIdentity, ctx: RequestContext): boolean {
  const roleArn = id.assumeRole ? id.assumeRole.roleArn : id.callerRoleArn;
  return (
    matches(rule.account, id.account) &&
    matches(rule.service, id.service) &&
    matches(rule.operation, id.operation) &&
    matches(rule.region, id.region) &&
    matches(rule.roleArn, roleArn) &&
    kindApplies(rule, id, ctx)
  );
}

interface RuleState {
  rule: ProxyRule;
  remaining: number;
  random: () => number;
}

export class RuleSet {
  private states: RuleState[] = [];

  constructor(
    private readonly defaultSeed: number,
    rules: readonly ProxyRule[] = [],
  ) {
    this.set(rules);
  }

  set(rules: readonly ProxyRule[]): void {
    this.states = [];
    for (const rule of rules) this.add(rule);
  }

  add(rule: ProxyRule): void {
    const p = rule.probability;
    if (p !== undefined && !(p >= 0 && p <= 1)) {
      throw new Error(`rule probability must be within 0..1, got ${p}`);
    }
    this.states.push({
      rule,
      remaining: rule.times ?? Number.POSITIVE_INFINITY,
      random: seededRandom(rule.seed ?? this.defaultSeed),
    });
  }

  clear(): void {
    this.states = [];
  }

  /** The rule to apply to this request, if any (consumes one of its `times`). */
  select(id: RequestIdentity, ctx: RequestContext): ProxyRule | undefined {
    for (const state of this.states) {
      if (state.remaining <= 0 || !ruleMatches(state.rule, id, ctx)) continue;
      const p = state.rule.probability ?? 1;
      if (p < 1 && state.random() >= p) continue;
      state.remaining -= 1;
      return state.rule;
    }
    return undefined;
  }
}
