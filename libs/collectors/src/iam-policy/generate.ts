// The member role's inline policy: the IAM actions Palisade's calls need that the attached AWS
// managed policies (SecurityAudit, ViewOnlyAccess) do not already allow.
import { type OperationActions } from '../framework/operation-actions';
import { type PolicyJson, compilePolicies } from './evaluate';

export const INLINE_POLICY_SID = 'PalisadeReadOnlyBeyondManaged';

export interface InlinePolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly [
    {
      readonly Sid: typeof INLINE_POLICY_SID;
      readonly Effect: 'Allow';
      readonly Action: readonly string[];
      readonly Resource: '*';
    },
  ];
}

/** `service:Action`, exact: a wildcard in the table would widen the generated policy. */
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/**
 * Every IAM action the table names, deduplicated (case-insensitively, as IAM compares them) and
 * sorted. Throws on a value that is not an exact `service:Action`.
 */
export function requiredActions(operationActions: OperationActions): string[] {
  const invalid: string[] = [];
  const byKey = new Map<string, string>();
  for (const [operation, actions] of Object.entries(operationActions)) {
    for (const action of actions ?? []) {
      if (!ACTION.test(action)) invalid.push(`${operation} → '${action}'`);
      else if (!byKey.has(action.toLowerCase())) byKey.set(action.toLowerCase(), action);
    }
  }
  if (invalid.length > 0) {
    throw new Error(`not an exact IAM action (service:Action): ${invalid.join(', ')}`);
  }
  return [...byKey.values()].sort();
}

/**
 * The inline policy: one statement allowing, on `*`, the required actions the managed
 * policies do not allow. `null` when they allow every one (IAM refuses a statement without
 * actions, so the role then has no inline policy).
 */
export function generateInlinePolicy(
  operationActions: OperationActions,
  managedPolicies: readonly PolicyJson[],
): InlinePolicyDocument | null {
  const managed = compilePolicies(managedPolicies);
  const missing = requiredActions(operationActions).filter((a) => !managed.allows(a));
  if (missing.length === 0) return null;
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: INLINE_POLICY_SID, Effect: 'Allow', Action: missing, Resource: '*' }],
  };
}
