export {
  credentialsIn,
  randomAccountId,
  SEED_BASE_CREDENTIALS,
  SEED_ROLE_NAME,
  type SeedTarget,
} from './management-account';
export {
  ROOT_PATH,
  type OrganizationSpec,
  type SeedAccountSpec,
  type SeedDelegatedAdministratorSpec,
  type SeedOuSpec,
  type SeedPolicySpec,
  type SeedPolicyType,
} from './organization-spec';
export { seedOrganization, type SeedOptions } from './seed-organization';
export {
  SeededOrganization,
  type LaterChanges,
  type SeededAccount,
  type SeededAccountState,
} from './seeded-organization';
export {
  exampleOrganizationSpec,
  generatedOrganizationSpec,
  type GeneratedOrganizationOptions,
} from './example-organizations';
export { managementClient, type ManagementClient, type RetrySettings } from './management-client';
export { SILENT_AWS_LOGGER, testAwsAccess, type TestAwsAccess } from './test-aws-access';
