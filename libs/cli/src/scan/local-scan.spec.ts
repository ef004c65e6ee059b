import { parseSourceDefinition } from '@palisade/persistence';
import { sourceDefinitionFor } from './local-scan';

const ME = '123456789012';

describe('sourceDefinitionFor', () => {
  it('should name the same target the same way, whatever the order of its accounts', () => {
    const a = sourceDefinitionFor(
      {
        kind: 'accounts',
        accountIds: ['222222222222', '111111111111', '222222222222'],
        roleName: 'PalisadeScanRole',
      },
      ME,
    );
    const b = sourceDefinitionFor(
      {
        kind: 'accounts',
        accountIds: ['111111111111', '222222222222'],
        roleName: 'PalisadeScanRole',
      },
      ME,
    );
    expect(a).toEqual(b);
    expect(a.name).toMatch(/^Accounts 111111111111, 222222222222 \[[0-9a-f]{8}\]$/);
    expect(parseSourceDefinition(a)).toMatchObject({
      kind: 'accounts',
      config: {
        accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }],
        memberRoleName: 'PalisadeScanRole',
      },
    });
  });

  it('should make another source for another role, and an organization source with or without a management role', () => {
    const org = (managementRoleArn?: string, caller = ME) =>
      sourceDefinitionFor(
        {
          kind: 'organization',
          memberRoleName: 'OrganizationAccountAccessRole',
          ...(managementRoleArn === undefined ? {} : { managementRoleArn }),
        },
        caller,
      );
    const viaRole = org('arn:aws:iam::111111111111:role/Discovery');
    expect(viaRole.name).not.toBe(org().name);
    expect(viaRole.name).toMatch(
      /^AWS Organization via arn:aws:iam::111111111111:role\/Discovery /,
    );
    // Another organization's management account walking with its own credentials: another source.
    expect(org(undefined, '999999999999').name).not.toBe(org().name);
    expect(org().name).toMatch(/^AWS Organization of 123456789012 /);
    // Through a role, who runs the CLI does not change which organization it is.
    expect(org('arn:aws:iam::111111111111:role/Discovery', '999999999999')).toEqual(viaRole);
    expect(parseSourceDefinition(org())).toMatchObject({
      kind: 'organization',
      config: { memberRoleName: 'OrganizationAccountAccessRole' },
    });
    expect(parseSourceDefinition(org()).config).not.toHaveProperty('managementRoleArn');
    const accounts = (roleName: string) =>
      sourceDefinitionFor({ kind: 'accounts', accountIds: ['111111111111'], roleName }, ME).name;
    expect(accounts('A')).not.toBe(accounts('B'));
  });
});
