// Whether identity policies allow an IAM action, decided offline: the member role's managed
// policies (from the committed snapshot) plus its generated inline policy. Pure; no AWS calls.
import { type PolicyStatement, parsePolicy } from '@palisade/checks';

/** An IAM policy document as JSON (the shape `parsePolicy` reads). */
export type PolicyJson = object;

/** IAM action wildcards (`*` any run, `?` one character), compared case-insensitively. */
function actionPattern(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Allow statements only: true when it grants on every resource with no condition. */
  readonly unconditional: boolean;
  readonly action: readonly RegExp[];
  readonly notAction: readonly RegExp[] | undefined;
}

function compileStatement(s: PolicyStatement): CompiledStatement {
  return {
    effect: s.effect,
    unconditional:
      s.resource.includes('*') &&
      s.notResource.length === 0 &&
      Object.keys(s.condition).length === 0,
    action: s.action.map(actionPattern),
    notAction: s.notAction.length > 0 ? s.notAction.map(actionPattern) : undefined,
  };
}

function statementMatches(s: CompiledStatement, action: string): boolean {
  if (s.notAction !== undefined) return !s.notAction.some((re) => re.test(action));
  return s.action.some((re) => re.test(action));
}

/** Policies compiled once, for asking about many actions. */
export interface ActionEvaluator {
  allows(action: string): boolean;
}

/**
 * Compiles policy documents into an evaluator. An action is allowed when some Allow statement
 * matches it (Action, or NotAction not matching) and no Deny statement does: an explicit Deny
 * wins. Palisade's calls read every resource, so an Allow counts only when it grants on
 * Resource `*` without a condition (SecurityAudit's `apigateway:GET` limited to a list of API
 * Gateway paths does not count); a Deny counts whatever its resource or condition.
 */
export function compilePolicies(policyDocuments: readonly PolicyJson[]): ActionEvaluator {
  const statements = policyDocuments.flatMap((doc) =>
    parsePolicy(doc).statements.map(compileStatement),
  );
  const denies = statements.filter((s) => s.effect === 'Deny');
  const allows = statements.filter((s) => s.effect === 'Allow' && s.unconditional);
  return {
    allows: (action) =>
      !denies.some((s) => statementMatches(s, action)) &&
      allows.some((s) => statementMatches(s, action)),
  };
}

/** Whether the policies allow one action (see `compilePolicies` for the rules). */
export function isActionAllowed(action: string, policyDocuments: readonly PolicyJson[]): boolean {
  return compilePolicies(policyDocuments).allows(action);
}
