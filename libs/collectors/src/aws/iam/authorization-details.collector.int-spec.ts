import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { type CollectorHarness, collectorHarness } from '@palisade/testing';

const ADMIN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
});
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

describe('iam.authorizationDetails collector (moto)', () => {
  let h: CollectorHarness;
  let iam: IAMClient;

  beforeAll(async () => {
    h = await collectorHarness();
    iam = h.clients.createClient(IAMClient, {
      region: 'us-east-1',
      service: 'iam',
      session: h.session,
    });
  });

  afterAll(() => h.close());

  it('should read users, groups and roles with their policies, and each policy’s default document', async () => {
    const admin = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'admin', PolicyDocument: READ }),
    );
    const adminArn = admin.Policy?.Arn ?? '';
    // v2 becomes the default: the collector must read it, not v1.
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: adminArn,
        PolicyDocument: ADMIN,
        SetAsDefault: true,
      }),
    );
    const read = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'read', PolicyDocument: READ }),
    );
    const readArn = read.Policy?.Arn ?? '';
    await iam.send(new CreatePolicyCommand({ PolicyName: 'unused', PolicyDocument: READ }));
    await iam.send(new CreateUserCommand({ UserName: 'direct' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'direct', PolicyArn: adminArn }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'direct',
        PolicyName: 'inline-one',
        PolicyDocument: READ,
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'grouped' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: readArn }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'grouped' }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'app',
        Path: '/service/',
        AssumeRolePolicyDocument: TRUST,
      }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: readArn }));

    const { snapshot } = await h.collect(['iam.authorizationDetails']);

    const outcome = snapshot.global('iam.authorizationDetails');
    if (!outcome.ok) throw new Error(`${outcome.code}: ${outcome.message}`);
    const details = outcome.data;
    const user = (name: string) => details.users.find((u) => u.name === name);
    expect(user('direct')).toEqual({
      name: 'direct',
      arn: `arn:aws:iam::${h.accountId}:user/direct`,
      groups: [],
      attachedPolicies: [{ name: 'admin', arn: adminArn }],
      inlinePolicyNames: ['inline-one'],
    });
    expect(user('grouped')).toMatchObject({
      groups: ['readers'],
      attachedPolicies: [],
      inlinePolicyNames: [],
    });
    expect(details.groups).toEqual([
      {
        name: 'readers',
        arn: `arn:aws:iam::${h.accountId}:group/readers`,
        attachedPolicies: [{ name: 'read', arn: readArn }],
        inlinePolicyNames: [],
      },
    ]);
    expect(details.roles.find((r) => r.name === 'app')).toMatchObject({
      path: '/service/',
      attachedPolicies: [{ name: 'read', arn: readArn }],
    });
    const policy = (name: string) => details.policies.find((p) => p.name === name);
    expect(policy('admin')).toMatchObject({
      arn: adminArn,
      awsManaged: false,
      attachmentCount: 1,
      defaultVersionId: 'v2',
    });
    expect(JSON.parse(policy('admin')?.document ?? 'null')).toEqual(JSON.parse(ADMIN));
    expect(policy('read')).toMatchObject({ attachmentCount: 2 });
    expect(policy('unused')).toMatchObject({ attachmentCount: 0 });
    expect(details.policies.every((p) => !p.awsManaged)).toBe(true);
  });
});
