// Replays a request log (the fault proxy's, or any list of `service` + `operation` calls)
// against the member role's policies: which calls the role would have been refused.
import { type OperationName } from '../framework/collector';
import { type OperationActions } from '../framework/operation-actions';
import { type PolicyJson, compilePolicies } from './evaluate';

/** A call as the proxy logs it: SigV4 signing name and API operation. */
export interface LoggedCall {
  readonly service: string;
  readonly operation: string;
}

export type DeniedCall<T extends LoggedCall> =
  /** The operation is not in the table, so no policy was generated for it. */
  | { readonly call: T; readonly operation: OperationName; readonly reason: 'unmapped' }
  /** The table's actions for it that the policies do not allow. */
  | {
      readonly call: T;
      readonly operation: OperationName;
      readonly reason: 'denied';
      readonly actions: readonly string[];
    };

/**
 * The calls the policies would refuse: the operation is missing from the table, or one of its
 * actions is not allowed. Pass only calls made with the member role's credentials (not the
 * hub's `sts:AssumeRole`).
 */
export function deniedCalls<T extends LoggedCall>(
  log: readonly T[],
  operationActions: OperationActions,
  policies: readonly PolicyJson[],
): DeniedCall<T>[] {
  const evaluator = compilePolicies(policies);
  const denied: DeniedCall<T>[] = [];
  for (const call of log) {
    const operation: OperationName = `${call.service}:${call.operation}`;
    const actions = operationActions[operation];
    if (actions === undefined) {
      denied.push({ call, operation, reason: 'unmapped' });
      continue;
    }
    const refused = actions.filter((a) => !evaluator.allows(a));
    if (refused.length > 0) denied.push({ call, operation, reason: 'denied', actions: refused });
  }
  return denied;
}
