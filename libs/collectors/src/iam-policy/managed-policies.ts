// The committed snapshot of the AWS managed policies the member role attaches
// (deploy/aws/managed-policies, from moto's bundled copy; see its README).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const MANAGED_POLICY_NAMES = ['SecurityAudit', 'ViewOnlyAccess'] as const;
export type ManagedPolicyName = (typeof MANAGED_POLICY_NAMES)[number];

const snapshotSchema = z.object({
  PolicyName: z.enum(MANAGED_POLICY_NAMES),
  Arn: z.string().startsWith('arn:aws:iam::aws:policy/'),
  Path: z.string().regex(/^\/([\w+=,.@-]+\/)*$/),
  DefaultVersionId: z.string(),
  UpdateDate: z.string(),
  Source: z.string(),
  Document: z.object({ Version: z.literal('2012-10-17'), Statement: z.array(z.unknown()) }),
});

export type ManagedPolicySnapshot = z.infer<typeof snapshotSchema>;

/** Reads and validates `<dir>/<name>.json` for SecurityAudit and ViewOnlyAccess. */
export function loadManagedPolicies(dir: string): ManagedPolicySnapshot[] {
  return MANAGED_POLICY_NAMES.map((name) => {
    const file = join(dir, `${name}.json`);
    const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    if (snapshot.PolicyName !== name) throw new Error(`${file} holds ${snapshot.PolicyName}`);
    return snapshot;
  });
}

/** The partition-neutral ARN the templates attach: `policy<Path><Name>` after `iam::aws:`. */
export function managedPolicyArnSuffix(snapshot: ManagedPolicySnapshot): string {
  return `policy${snapshot.Path}${snapshot.PolicyName}`;
}
