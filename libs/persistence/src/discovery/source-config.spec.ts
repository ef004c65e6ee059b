import { PersistenceErrorCode } from '../errors/persistence-error';
import { thrown } from '../testing/thrown';
import { parseSourceConfig, parseSourceDefinition } from './source-config';

const MANAGEMENT_ROLE = 'arn:aws:iam::111111111111:role/PalisadeManagement';
const HUB_ROLE = 'arn:aws-us-gov:iam::222222222222:role/hub/PalisadeHub';

const messageOf = (fn: () => unknown): string => {
  const error = thrown(fn);
  expect(error).toMatchObject({ code: PersistenceErrorCode.INVALID_ARGUMENT });
  return (error as Error).message;
};

describe('organization source config', () => {
  it('should accept the minimal config and fill the scope with empty lists', () => {
    expect(
      parseSourceConfig('organization', {
        managementRoleArn: MANAGEMENT_ROLE,
        memberRoleName: 'PalisadeScan',
      }),
    ).toEqual({
      managementRoleArn: MANAGEMENT_ROLE,
      memberRoleName: 'PalisadeScan',
      scope: {
        includeOus: [],
        excludeOus: [],
        includeAccounts: [],
        excludeAccounts: [],
        includeTags: [],
        excludeTags: [],
      },
    });
  });

  it('should accept a config without a management role (the base identity walks the organization)', () => {
    const config = parseSourceConfig('organization', { memberRoleName: 'PalisadeScan' });
    expect(config).toMatchObject({ memberRoleName: 'PalisadeScan' });
    expect(config).not.toHaveProperty('managementRoleArn');
    expect(
      parseSourceDefinition({
        name: 'Org',
        kind: 'organization',
        config: { memberRoleName: 'OrganizationAccountAccessRole' },
      }).config,
    ).not.toHaveProperty('managementRoleArn');
  });

  it('should accept a full config in any partition', () => {
    const config = {
      managementRoleArn: MANAGEMENT_ROLE,
      memberRoleName: 'PalisadeScan',
      hubRoleArn: HUB_ROLE,
      inspectorDelegatedAdminAccountId: '333333333333',
      scope: {
        includeOus: ['r-ab12', 'ou-ab12-cdef3456'],
        excludeOus: ['ou-ab12-zzzz9999'],
        includeAccounts: ['444444444444'],
        excludeAccounts: ['555555555555'],
        includeTags: [{ key: 'env', values: ['prod', 'staging'] }],
        excludeTags: [{ key: 'palisade:skip', values: [] }],
      },
      regions: ['eu-west-1', 'us-gov-west-1', 'cn-north-1'],
    };
    expect(parseSourceConfig('organization', config)).toEqual(config);
  });

  it('should name every bad field in one message', () => {
    const message = messageOf(() =>
      parseSourceConfig('organization', {
        managementRoleArn: 'arn:aws:iam::1111:role/x',
        memberRoleName: 'arn:aws:iam::111111111111:role/PalisadeScan',
        scope: { includeOus: ['Workloads'], includeTags: [{ key: '', values: [] }] },
        regions: ['global'],
      }),
    );
    expect(message).toMatch(/^invalid organization source config: /);
    expect(message).toContain('managementRoleArn: an IAM role ARN');
    expect(message).toContain('memberRoleName: an IAM role name is 1-64 characters');
    expect(message).toContain(
      'scope.includeOus[0]: an OU id looks like ou-ab12-cdef3456 (or r-ab12 for the root)',
    );
    expect(message).toContain('scope.includeTags[0].key: a tag key is not empty');
    expect(message).toContain('regions[0]: a region looks like eu-west-1');
  });

  it('should reject a misspelt key instead of ignoring it', () => {
    expect(
      messageOf(() =>
        parseSourceConfig('organization', {
          managementRoleArn: MANAGEMENT_ROLE,
          memberRoleName: 'PalisadeScan',
          externalId: 'chosen-by-the-caller',
        }),
      ),
    ).toContain('(top level): Unrecognized key: "externalId"');
  });

  it('should reject an account or OU both included and excluded', () => {
    const message = messageOf(() =>
      parseSourceConfig('organization', {
        managementRoleArn: MANAGEMENT_ROLE,
        memberRoleName: 'PalisadeScan',
        scope: {
          includeAccounts: ['444444444444'],
          excludeAccounts: ['444444444444'],
          includeOus: ['ou-ab12-cdef3456'],
          excludeOus: ['ou-ab12-cdef3456'],
        },
      }),
    );
    expect(message).toContain(
      'scope.excludeAccounts: includeAccounts and excludeAccounts both list 444444444444',
    );
    expect(message).toContain(
      'scope.excludeOus: includeOus and excludeOus both list ou-ab12-cdef3456',
    );
  });

  it('should reject an empty region list (omit it for every enabled region)', () => {
    expect(
      messageOf(() =>
        parseSourceConfig('organization', {
          managementRoleArn: MANAGEMENT_ROLE,
          memberRoleName: 'PalisadeScan',
          regions: [],
        }),
      ),
    ).toContain('regions: regions, when given, lists at least one region');
  });
});

describe('accounts source config', () => {
  it('should accept accounts with and without a role override', () => {
    const config = {
      accounts: [
        { accountId: '111111111111' },
        { accountId: '222222222222', roleArn: 'arn:aws:iam::222222222222:role/Custom' },
      ],
      memberRoleName: 'PalisadeScan',
    };
    expect(parseSourceConfig('accounts', config)).toEqual(config);
  });

  it.each([
    ['no account', { accounts: [], memberRoleName: 'R' }, 'accounts: list at least one account'],
    [
      'an account listed twice',
      {
        accounts: [{ accountId: '111111111111' }, { accountId: '111111111111' }],
        memberRoleName: 'R',
      },
      'accounts[1].accountId: account 111111111111 is listed twice',
    ],
    [
      'an 11-digit account id',
      { accounts: [{ accountId: '11111111111' }], memberRoleName: 'R' },
      'accounts[0].accountId: an AWS account id is 12 digits',
    ],
    [
      'no member role',
      { accounts: [{ accountId: '111111111111' }] },
      'memberRoleName: Invalid input',
    ],
  ])('should reject %s', (_label, config, expected) => {
    const message = messageOf(() => parseSourceConfig('accounts', config));
    expect(message).toMatch(/^invalid accounts source config: /);
    expect(message).toContain(expected);
  });
});

describe('parseSourceDefinition', () => {
  it('should validate the config against the kind and default preflight to true', () => {
    expect(
      parseSourceDefinition({
        name: '  Clients  ',
        kind: 'accounts',
        config: { accounts: [{ accountId: '111111111111' }], memberRoleName: 'PalisadeScan' },
      }),
    ).toEqual({
      name: 'Clients',
      kind: 'accounts',
      preflight: true,
      config: { accounts: [{ accountId: '111111111111' }], memberRoleName: 'PalisadeScan' },
    });
  });

  it('should reject an organization config given as an accounts source, and an unknown kind', () => {
    expect(
      messageOf(() =>
        parseSourceDefinition({
          name: 'Org',
          kind: 'accounts',
          config: { managementRoleArn: MANAGEMENT_ROLE, memberRoleName: 'PalisadeScan' },
        }),
      ),
    ).toContain('config.accounts');
    expect(
      messageOf(() => parseSourceDefinition({ name: 'X', kind: 'project', config: {} })),
    ).toMatch(/^invalid source: kind: /);
  });

  it('should reject a blank name', () => {
    expect(
      messageOf(() =>
        parseSourceDefinition({
          name: '   ',
          kind: 'accounts',
          config: { accounts: [{ accountId: '111111111111' }], memberRoleName: 'R' },
        }),
      ),
    ).toContain('name: a source name is not empty');
  });
});
