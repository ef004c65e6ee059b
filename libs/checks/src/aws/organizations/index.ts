// The organizations checks (one folder per check). The registry lists them in ALL_CHECKS.
import { type Check } from '../../framework/check';
import { organizationsAccountsHaveGuardrails } from './organizations_accounts_have_guardrails/organizations_accounts_have_guardrails.check';
import { organizationsManagementAccountNoWorkloads } from './organizations_management_account_no_workloads/organizations_management_account_no_workloads.check';
import { organizationsOuStructureReviewed } from './organizations_ou_structure_reviewed/organizations_ou_structure_reviewed.check';
import { organizationsPolicyManagementDelegated } from './organizations_policy_management_delegated/organizations_policy_management_delegated.check';
import { organizationsRootAccessCentralized } from './organizations_root_access_centralized/organizations_root_access_centralized.check';
import { organizationsSecurityServicesDelegated } from './organizations_security_services_delegated/organizations_security_services_delegated.check';

export const organizationsChecks: readonly Check[] = [
  organizationsRootAccessCentralized,
  organizationsAccountsHaveGuardrails,
  organizationsManagementAccountNoWorkloads,
  organizationsOuStructureReviewed,
  organizationsPolicyManagementDelegated,
  organizationsSecurityServicesDelegated,
];
