// The decision the CIS 2.21 resource-policy checks share (SQS, SNS, KMS, Glacier, Secrets
// Manager, EventBridge, S3): a resource whose policy cannot be read or parsed is ERROR; one with
// no policy, or whose policy admits no one unconditionally, PASSes; one whose policy grants
// Principal * with no restricting condition FAILs, naming what anyone may do. Each check says how
// to list its resources and what its messages call them. A file, not a folder: folders under
// aws/ are check folders to the registry.
import { type CheckResult } from '@palisade/contracts';
import { type CheckContext } from '../framework/context';
import { type CheckMetadata } from '../framework/metadata';
import { type Outcome } from '../framework/outcome';
import {
  grantedActions,
  publicAllowStatements,
  readPolicy,
  statementEvidence,
} from '../framework/policy';
import { type Evidence, ResultBuilder, where } from '../framework/results';
import { type CollectedSnapshot } from '../framework/snapshot';

/** One resource as the decision reads it. */
export interface PolicyHolder {
  arn: string;
  /** How messages name the resource (its name, or a KMS key's id). */
  name: string;
  /** The policy document (JSON text), or null when the resource has none. */
  policy: Outcome<string | null>;
  /** The resource's own region where it differs from the scope's (an S3 bucket's). */
  region?: string;
  /** Evidence every result about the resource carries. */
  evidence?: Evidence;
}

export interface ResourcePolicyRule<T> {
  /** What messages call a resource: `queue` gives "Queue q in …" and "… of queue q in …". */
  noun: string;
  /** What messages call its policy: `access policy`, `key policy`, … */
  policyName: string;
  /** The scope's resources; a failed listing gives no results (the runner reports it). */
  list(collected: CollectedSnapshot, ctx: CheckContext): Outcome<readonly T[]>;
  /** One resource as the decision reads it. */
  read(item: T): PolicyHolder;
}

/** The evaluate of a check that FAILs resources whose policy admits anyone. */
export function resourcePolicyEvaluate<T>(
  metadata: Pick<CheckMetadata, 'id' | 'resourceType' | 'service'>,
  rule: ResourcePolicyRule<T>,
): (collected: CollectedSnapshot, ctx: CheckContext) => CheckResult[] {
  const subject = rule.noun.charAt(0).toUpperCase() + rule.noun.slice(1);
  const article = /^[aeiou]/i.test(rule.policyName) ? 'an' : 'a';
  return (collected, ctx) => {
    const results = new ResultBuilder(metadata, ctx);
    const items = rule.list(collected, ctx);
    if (!items.ok) return [];
    return items.data.map((item) => {
      const { arn, name, policy, region, evidence } = rule.read(item);
      const here = where(ctx, region);
      const it = `${subject} ${name} ${here}`;
      const what = `the ${rule.policyName} of ${rule.noun} ${name} ${here}`;
      if (!policy.ok) return results.errorOf(arn, policy, what, evidence);
      if (policy.data === null) {
        return results.pass(arn, `${it} has no ${rule.policyName}`, evidence);
      }
      const document = readPolicy(policy.data);
      if (!document.ok) return results.errorOf(arn, document, what, evidence);
      const open = publicAllowStatements(document.data);
      if (open.length === 0) {
        return results.pass(
          arn,
          `${it} has ${article} ${rule.policyName} that allows no one unrestricted access (Principal *)`,
          evidence,
        );
      }
      return results.fail(
        arn,
        `${it} allows anyone (Principal *) ${grantedActions(open).join(', ')} with no condition restricting the caller`,
        { ...evidence, publicStatements: statementEvidence(open) },
      );
    });
  };
}
