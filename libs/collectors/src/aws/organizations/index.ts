// The organizations collectors and the IAM actions their operations need. They run in the
// organization job, with the management (or delegated-admin) account's role.
import { type CollectorDefinition } from '../../framework/collector';
import { type OperationActions } from '../../framework/operation-actions';
import { resourceControlPoliciesCollector } from './resource-control-policies.collector';
import { resourcePolicyCollector } from './resource-policy.collector';
import { rootAccessFeaturesCollector } from './root-access-features.collector';
import { rootsCollector } from './roots.collector';
import { serviceAccessCollector } from './service-access.collector';

export const organizationsCollectors: readonly CollectorDefinition[] = [
  serviceAccessCollector,
  rootsCollector,
  resourceControlPoliciesCollector,
  rootAccessFeaturesCollector,
  resourcePolicyCollector,
];

export const organizationsActions: OperationActions = {
  'organizations:ListAWSServiceAccessForOrganization': [
    'organizations:ListAWSServiceAccessForOrganization',
  ],
  'organizations:ListRoots': ['organizations:ListRoots'],
  'organizations:ListPolicies': ['organizations:ListPolicies'],
  'organizations:DescribePolicy': ['organizations:DescribePolicy'],
  'organizations:ListTargetsForPolicy': ['organizations:ListTargetsForPolicy'],
  'organizations:DescribeResourcePolicy': ['organizations:DescribeResourcePolicy'],
  'iam:ListOrganizationsFeatures': ['iam:ListOrganizationsFeatures'],
};
