import { RuleSet, seededRandom } from './rules';
import { type ProxyRule, type RequestIdentity } from './types';

const id = (over: Partial<RequestIdentity> = {}): RequestIdentity => ({
  service: 'organizations',
  operation: 'ListAccounts',
  region: 'us-east-1',
  accessKeyId: 'testing',
  account: '123456789012',
  protocol: 'json',
  ...over,
});
const first = { continuation: false };

describe('RuleSet', () => {
  it('applies the first rule whose every given field matches', () => {
    const rules = new RuleSet(1, [
      { kind: 'accessDenied', account: '999999999999' },
      { kind: 'scpDeny', service: 'organizations', operation: ['ListRoots', 'ListAccounts'] },
    ]);
    expect(rules.select(id(), first)?.kind).toBe('scpDeny');
    expect(rules.select(id({ account: '999999999999' }), first)?.kind).toBe('accessDenied');
    expect(
      rules.select(
        id({ service: 'sts', operation: 'GetCallerIdentity', protocol: 'query' }),
        first,
      ),
    ).toBeUndefined();
  });

  it('matches regions by pattern', () => {
    const rules = new RuleSet(1, [{ kind: 'regionNotEnabled', region: /^ap-/ }]);
    expect(rules.select(id({ region: 'ap-east-1' }), first)?.kind).toBe('regionNotEnabled');
    expect(rules.select(id({ region: 'eu-west-1' }), first)).toBeUndefined();
  });

  it('stops applying a rule after `times` uses', () => {
    const rules = new RuleSet(1, [{ kind: 'throttle', times: 2 }]);
    const kinds = [1, 2, 3].map(() => rules.select(id(), first)?.kind);
    expect(kinds).toEqual(['throttle', 'throttle', undefined]);
  });

  it('applies a probabilistic rule to a repeatable share of calls', () => {
    const run = () => {
      const rules = new RuleSet(42, [{ kind: 'throttle', probability: 0.3 }]);
      return Array.from({ length: 1000 }, () => rules.select(id(), first) !== undefined);
    };
    const a = run();
    expect(run()).toEqual(a);
    const share = a.filter(Boolean).length / a.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it('refuses AssumeRole only when the ExternalId differs from the expected one', () => {
    const rules = new RuleSet(1, [{ kind: 'assumeRoleRefused', expectedExternalId: 'good' }]);
    const assume = (externalId?: string) =>
      id({
        service: 'sts',
        operation: 'AssumeRole',
        protocol: 'query',
        assumeRole: { roleArn: 'arn:aws:iam::1:role/r', ...(externalId ? { externalId } : {}) },
      });
    expect(rules.select(assume('good'), first)).toBeUndefined();
    expect(rules.select(assume('bad'), first)?.kind).toBe('assumeRoleRefused');
    expect(rules.select(assume(), first)?.kind).toBe('assumeRoleRefused');
  });

  it('matches roleArn against the role asked for in AssumeRole and the signing role otherwise', () => {
    const arn = 'arn:aws:iam::111111111111:role/scan';
    const rules = new RuleSet(1, [{ kind: 'accessDenied', roleArn: arn }]);
    expect(rules.select(id({ callerRoleArn: arn }), first)?.kind).toBe('accessDenied');
    expect(
      rules.select(
        id({
          service: 'sts',
          operation: 'AssumeRole',
          protocol: 'query',
          assumeRole: { roleArn: arn },
        }),
        first,
      )?.kind,
    ).toBe('accessDenied');
    expect(rules.select(id(), first)).toBeUndefined();
  });

  it('limits orgsTooManyRequests to Organizations and paging rules to first requests', () => {
    const rules = new RuleSet(1, [
      { kind: 'orgsTooManyRequests' },
      { kind: 'emptyPageWithToken' },
    ] satisfies ProxyRule[]);
    expect(rules.select(id({ service: 'sts', protocol: 'query' }), first)).toBeUndefined();
    rules.set([{ kind: 'emptyPageWithToken' }]);
    expect(rules.select(id(), first)?.kind).toBe('emptyPageWithToken');
    expect(rules.select(id(), { continuation: true })).toBeUndefined();
    expect(rules.select(id({ operation: 'DescribeOrganization' }), first)).toBeUndefined();
  });

  it('rejects probabilities outside 0..1', () => {
    expect(() => new RuleSet(1, [{ kind: 'throttle', probability: 2 }])).toThrow(/probability/);
  });
});

describe('seededRandom', () => {
  it('is deterministic per seed and within [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
