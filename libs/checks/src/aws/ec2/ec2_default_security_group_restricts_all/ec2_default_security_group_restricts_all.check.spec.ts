import { runCheck } from '../../../framework/check-kit';
import {
  failedSnapshot,
  networkInterface,
  oneRegion,
  permission,
  regionSnapshot,
  securityGroup,
} from '../ec2-fixtures';
import { ec2DefaultSecurityGroupRestrictsAll as check } from './ec2_default_security_group_restricts_all.check';

const allOut = permission({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] });

describe('ec2_default_security_group_restricts_all', () => {
  it('should PASS a default group without rules and ignore other groups', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.securityGroups': [
          securityGroup('sg-default', [], { groupName: 'default' }),
          securityGroup('sg-web', [allOut], { egress: [allOut] }),
        ],
        'ec2.networkInterfaces': [],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-default',
        message:
          'Default security group sg-default of vpc-1 in eu-west-1 of account 111122223333 has no inbound or outbound rules',
      }),
    ]);
  });

  it('should FAIL a default group with the stock rules, listing them and the interfaces using it', () => {
    const self = permission({ ipProtocol: '-1', referencedGroupIds: ['sg-default'] });
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.securityGroups': [
          securityGroup('sg-default', [self], { groupName: 'default', egress: [allOut] }),
          securityGroup('sg-default2', [], {
            groupName: 'default',
            vpcId: 'vpc-2',
            egress: [allOut],
          }),
        ],
        'ec2.networkInterfaces': [
          networkInterface('eni-1', { groupIds: ['sg-default'] }),
          networkInterface('eni-2', { groupIds: ['sg-other'] }),
        ],
      }),
      oneRegion(),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]).toMatchObject({
      message:
        'Default security group sg-default of vpc-1 in eu-west-1 of account 111122223333 has 1 inbound and 1 outbound rules (used by 1 network interfaces)',
      evidence: {
        vpcId: 'vpc-1',
        networkInterfacesUsingIt: 1,
        networkInterfaceIds: ['eni-1'],
        ingress: [self],
        egress: [allOut],
      },
    });
    expect(results[1]?.evidence).toMatchObject({ vpcId: 'vpc-2', networkInterfacesUsingIt: 0 });
  });

  it('should be one ERROR for the region when the interfaces cannot be listed', () => {
    const results = runCheck(
      check,
      failedSnapshot('ec2.networkInterfaces', {
        'ec2.securityGroups': [securityGroup('sg-default', [], { groupName: 'default' })],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for a region without VPCs (no default groups)', () => {
    const results = runCheck(
      check,
      regionSnapshot({ 'ec2.securityGroups': [], 'ec2.networkInterfaces': [] }),
      oneRegion(),
    );
    expect(results).toEqual([]);
  });
});
