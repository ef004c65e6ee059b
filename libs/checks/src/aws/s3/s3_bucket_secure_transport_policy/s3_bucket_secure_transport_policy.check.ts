import { defineCheck } from '../../../framework/check';
import {
  type PolicyDocument,
  type PolicyStatement,
  actionsCover,
  parsePolicy,
  principalIsEveryone,
  wildcardMatch,
} from '../../../framework/policy';
import { ResultBuilder } from '../../../framework/results';
import { metadata } from './s3_bucket_secure_transport_policy.metadata';

/** The object actions whose plain-HTTP use the deny must refuse. */
const DATA_ACTIONS = ['s3:GetObject', 's3:PutObject'];

function coversAction(s: PolicyStatement, action: string): boolean {
  if (s.action.length > 0) return actionsCover(s.action, action);
  return s.notAction.length > 0 && !actionsCover(s.notAction, action);
}

function coversObjects(s: PolicyStatement, bucketArn: string): boolean {
  const objects = `${bucketArn}/*`;
  if (s.resource.length > 0) return s.resource.some((r) => wildcardMatch(r, objects));
  return s.notResource.length > 0 && !s.notResource.some((r) => wildcardMatch(r, objects));
}

/** The statement's only condition is `Bool`/`BoolIfExists` `aws:SecureTransport` = false. */
function onlyInsecureTransport(s: PolicyStatement): boolean {
  const entries = Object.entries(s.condition).flatMap(([op, keys]) =>
    Object.entries(keys).map(([key, values]) => ({ op: op.toLowerCase(), key, values })),
  );
  if (entries.length !== 1 || entries[0] === undefined) return false;
  const { op, key, values } = entries[0];
  return (
    (op === 'bool' || op === 'boolifexists') &&
    key.toLowerCase() === 'aws:securetransport' &&
    values.length > 0 &&
    values.every((v) => v.toLowerCase() === 'false')
  );
}

function denyHttpStatements(policy: PolicyDocument, bucketArn: string): PolicyStatement[] {
  return policy.statements.filter(
    (s) =>
      s.effect === 'Deny' &&
      principalIsEveryone(s.principal) &&
      DATA_ACTIONS.every((a) => coversAction(s, a)) &&
      coversObjects(s, bucketArn) &&
      onlyInsecureTransport(s),
  );
}

export const s3BucketSecureTransportPolicy = defineCheck(metadata, (collected, ctx) => {
  const results = new ResultBuilder(metadata, ctx);
  const buckets = collected.global('s3.buckets');
  if (!buckets.ok) return [];
  return buckets.data.map((bucket) => {
    const evidence = { bucketRegion: bucket.region };
    if (!bucket.policy.ok) {
      return results.errorOf(
        bucket.arn,
        bucket.policy,
        `the policy of bucket ${bucket.name}`,
        evidence,
      );
    }
    if (bucket.policy.data === null) {
      return results.fail(
        bucket.arn,
        `Bucket ${bucket.name} in ${bucket.region} of account ${ctx.accountId} has no bucket policy, so it does not deny HTTP requests`,
        { ...evidence, policy: null },
      );
    }
    let policy: PolicyDocument;
    try {
      policy = parsePolicy(bucket.policy.data);
    } catch (err) {
      return results.error(
        bucket.arn,
        'INVALID_POLICY',
        `the policy of bucket ${bucket.name} is not a policy document: ${err instanceof Error ? err.message : String(err)}`,
        evidence,
      );
    }
    const denies = denyHttpStatements(policy, bucket.arn);
    if (denies.length > 0) {
      const sids = denies.map((s) => s.sid ?? `#${policy.statements.indexOf(s) + 1}`);
      return results.pass(
        bucket.arn,
        `Bucket ${bucket.name} in ${bucket.region} denies requests that do not use HTTPS (statement ${sids.join(', ')})`,
        { ...evidence, denyStatements: sids },
      );
    }
    return results.fail(
      bucket.arn,
      `The policy of bucket ${bucket.name} in ${bucket.region} of account ${ctx.accountId} does not deny HTTP requests: no Deny statement for everyone on its objects’ reads and writes with aws:SecureTransport false as its only condition`,
      {
        ...evidence,
        statements: policy.statements.length,
        denyStatements: policy.statements.filter((s) => s.effect === 'Deny').length,
      },
    );
  });
});
