// What the CIS 2.21 resource-policy specs share: public policy documents, a snapshot of one
// listing in eu-west-1, and the cases of every check whose resources are listed per region with
// their policy as an Outcome (SQS, SNS, KMS, Glacier, Secrets Manager). Each spec keeps its own
// wording and service-specific cases. A file, not a folder: folders under aws/ are check folders.
import { type CollectedData, type RegionalCollected, type RegionalKey } from '../../collected';
import { type Check } from '../../framework/check';
import { KIT_ACCOUNT, runCheck } from '../../framework/check-kit';
import { type Outcome, failed, ok } from '../../framework/outcome';
import { SnapshotBuilder } from '../../framework/snapshot';

/** The regional keys whose data is a list of resources. */
type ListKey = {
  [K in RegionalKey]: RegionalCollected[K] extends readonly unknown[] ? K : never;
}[RegionalKey];
/** One resource of a list key. */
export type Listed<K extends ListKey> = RegionalCollected[K] extends readonly (infer I)[]
  ? I
  : never;

/**
 * A policy with one statement allowing `action` to Principal *, restricted by `condition` when
 * given; `statement` overrides its Sid and Resource.
 */
export function allowEveryone(
  action: string,
  condition?: object,
  statement: { Sid?: string; Resource?: string } = {},
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Everyone',
        Effect: 'Allow',
        Principal: '*',
        Action: action,
        Resource: '*',
        ...statement,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
}

/** Principal * tied to one organization: no one outside it may use the statement. */
export const ORG_ONLY = { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } };

const OWN_ACCOUNT_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${KIT_ACCOUNT}:root` },
      Action: '*',
      Resource: '*',
    },
  ],
});

/** eu-west-1 holds the listing, us-east-1 nothing (the kit's context scans both). */
export function inEuWest1<K extends ListKey>(
  key: K,
  listing: Outcome<Listed<K>[]>,
): SnapshotBuilder {
  // A list key's data is a list of `Listed<K>`; TypeScript cannot see it through the generic.
  const data = (outcome: Outcome<Listed<K>[]>) => outcome as unknown as Outcome<CollectedData<K>>;
  return new SnapshotBuilder()
    .setRegional(key, 'eu-west-1', data(listing))
    .setRegional(key, 'us-east-1', data(ok([])));
}

export interface PolicyCases<K extends ListKey> {
  check: Check;
  key: K;
  /** What messages and test names call a resource: `queue`, `KMS key`. */
  noun: string;
  /** The action the public statement grants. */
  action: string;
  /** A resource named `name` with this policy. */
  item: (name: string, policy: Outcome<string>) => Listed<K> & { arn: string };
  /** A resource with no policy, where it can have none (every KMS key has a key policy). */
  bare?: (name: string) => Listed<K>;
}

/** The cases every Outcome-policy check shares; call inside the spec's describe. */
export function policyCases<K extends ListKey>(spec: PolicyCases<K>): void {
  const { check, key, noun, action, item } = spec;
  const run = (...items: Listed<K>[]) => runCheck(check, inEuWest1(key, ok(items)));
  const subject = noun.charAt(0).toUpperCase() + noun.slice(1);

  it(`should FAIL a ${noun} whose policy allows Principal * with no restricting condition`, () => {
    const open = item('open', ok(allowEveryone(action)));
    const results = run(open);
    expect(results).toEqual([
      expect.objectContaining({ status: 'FAIL', region: 'eu-west-1', resourceUid: open.arn }),
    ]);
    expect(results[0]?.message).toContain(`${subject} open in eu-west-1 of account ${KIT_ACCOUNT}`);
    expect(results[0]?.message).toContain(action);
    expect(results[0]?.evidence).toEqual({
      publicStatements: [
        { sid: 'Everyone', effect: 'Allow', principal: '*', action: [action], resource: ['*'] },
      ],
    });
  });

  it('should FAIL when the only condition can be met by any account', () => {
    const weak = { StringNotEquals: { 'aws:SourceAccount': KIT_ACCOUNT } };
    const results = run(item('weak', ok(allowEveryone(action, weak))));
    expect(results.map((r) => r.status)).toEqual(['FAIL']);
  });

  it(`should PASS a ${noun} whose Principal * is tied to the organization, and one with named principals`, () => {
    const results = run(
      item('org', ok(allowEveryone(action, ORG_ONLY))),
      item('named', ok(OWN_ACCOUNT_ONLY)),
    );
    expect(results.map((r) => [r.status, r.region])).toEqual([
      ['PASS', 'eu-west-1'],
      ['PASS', 'eu-west-1'],
    ]);
  });

  const { bare } = spec;
  if (bare !== undefined) {
    it(`should PASS a ${noun} that has no policy`, () => {
      const [result] = run(bare('bare'));
      expect(result).toMatchObject({ status: 'PASS', region: 'eu-west-1' });
      expect(result?.message).toContain('has no');
    });
  }

  it('should be ERROR, never PASS, when a policy cannot be read or parsed', () => {
    const results = run(
      item('denied', failed('ACCESS_DENIED', 'not authorized')),
      item('garbled', ok('{not json')),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
      expect.objectContaining({ status: 'ERROR', errorCode: 'INVALID_POLICY' }),
    ]);
    expect(results[0]?.message).toContain('denied');
  });

  it('should be one ERROR per region with the collector’s code when the listing failed', () => {
    const results = runCheck(check, inEuWest1(key, failed('ACCESS_DENIED', 'denied')));
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED', region: 'eu-west-1' }),
    ]);
  });

  it(`should report nothing when the region has no ${noun}s`, () => {
    expect(run()).toEqual([]);
  });
}
