export {
  applyScope,
  type AccountScope,
  type ApplyScopeOptions,
  type ScopableAccount,
  type ScopeResult,
  type SkippedAccount,
  type SkipReason,
  type TagFilter,
} from './account-scope';
export { accountStateOf } from './account-state';
export {
  ACCOUNT_STATES,
  type AccountState,
  type DelegatedAdministrator,
  type OrganizationAccount,
  type OrganizationInventory,
  type OrganizationPolicy,
  type OrganizationUnit,
  type WalkIssue,
} from './organization-inventory';
export { type OrganizationsApi } from './organizations-api';
export { childOuPath, escapeOuName, ouPathNames, ouPathOf } from './ou-path';
export { toOuSnapshot } from './ou-snapshot';
export {
  OrganizationWalkError,
  walkOrganization,
  type WalkOrganizationOptions,
} from './walk-organization';
