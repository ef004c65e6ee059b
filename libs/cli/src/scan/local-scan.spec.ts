import { parseSourceDefinition } from '@palisade/persistence';
import { sourceDefinitionFor } from './local-scan';

describe('sourceDefinitionFor', () => {
  it('should name the same target the same way, whatever the order of its accounts', () => {
    const a = sourceDefinitionFor({
      kind: 'accounts',
      accountIds: ['222222222222', '111111111111', '222222222222'],
      roleName: 'PalisadeScanRole',
    });
    const b = sourceDefinitionFor({
      kind: 'accounts',
      accountIds: ['111111111111', '222222222222'],
      roleName: 'PalisadeScanRole',
    });
    expect(a).toEqual(b);
    expect(parseSourceDefinition(a)).toMatchObject({
      kind: 'accounts',
      config: {
        accounts: [{ accountId: '111111111111' }, { accountId: '222222222222' }],
        memberRoleName: 'PalisadeScanRole',
      },
    });
  });

  it('should make another source for another role, and an organization source with or without a management role', () => {
    const org = (managementRoleArn?: string) =>
      sourceDefinitionFor({
        kind: 'organization',
        memberRoleName: 'OrganizationAccountAccessRole',
        ...(managementRoleArn === undefined ? {} : { managementRoleArn }),
      });
    const viaRole = org('arn:aws:iam::111111111111:role/Discovery');
    expect(viaRole.name).not.toBe(org().name);
    expect(parseSourceDefinition(org())).toMatchObject({
      kind: 'organization',
      config: { memberRoleName: 'OrganizationAccountAccessRole' },
    });
    expect(parseSourceDefinition(org()).config).not.toHaveProperty('managementRoleArn');
    expect(
      sourceDefinitionFor({ kind: 'accounts', accountIds: ['111111111111'], roleName: 'A' }).name,
    ).not.toBe(
      sourceDefinitionFor({ kind: 'accounts', accountIds: ['111111111111'], roleName: 'B' }).name,
    );
  });
});
