import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { runCheck } from '../../../framework/check-kit';
import {
  REGION,
  failedSnapshot,
  oneRegion,
  permission,
  regionSnapshot,
  securityGroup,
} from '../ec2-fixtures';
import { ec2SecurityGroupAdminPortsIpv4Restricted as check } from './ec2_security_group_admin_ports_ipv4_restricted.check';

const ssh = permission({ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] });

describe('ec2_security_group_admin_ports_ipv4_restricted', () => {
  it('should PASS groups whose admin ports are closed to 0.0.0.0/0', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.securityGroups': [
          securityGroup('sg-web', [
            permission({
              ipProtocol: 'tcp',
              fromPort: 443,
              toPort: 443,
              ipv4Ranges: ['0.0.0.0/0'],
            }),
            permission({ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['10.0.0.0/8'] }),
            permission({ ipProtocol: '-1', ipv6Ranges: ['::/0'] }),
          ]),
        ],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        region: REGION,
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-web',
        resourceType: 'AwsEc2SecurityGroup',
      }),
    ]);
  });

  it('should FAIL a group with SSH or all traffic open to 0.0.0.0/0, naming the rules', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.securityGroups': [
          securityGroup('sg-ssh', [ssh]),
          securityGroup('sg-all', [permission({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })]),
        ],
      }),
      oneRegion(),
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.message).toBe(
      'Security group sg-ssh (name-sg-ssh) in eu-west-1 of account 111122223333 allows TCP 22 from 0.0.0.0/0, reaching administration ports 22',
    );
    expect(results[1]?.evidence).toMatchObject({
      openRules: [{ protocol: '-1', source: '0.0.0.0/0', ports: [22, 3389] }],
    });
  });

  it('should read the admin ports from the settings', () => {
    const winrm = permission({
      ipProtocol: 'tcp',
      fromPort: 5985,
      toPort: 5986,
      ipv4Ranges: ['0.0.0.0/0'],
    });
    const snapshot = regionSnapshot({ 'ec2.securityGroups': [securityGroup('sg-1', [winrm])] });
    expect(runCheck(check, snapshot, oneRegion())[0]?.status).toBe('PASS');
    const settings = { ...DEFAULT_CHECK_SETTINGS, 'ec2.adminPorts': [22, 3389, 5985] };
    expect(runCheck(check, snapshot, oneRegion({ settings }))[0]?.status).toBe('FAIL');
  });

  it('should be one ERROR for the region when the groups cannot be listed', () => {
    expect(runCheck(check, failedSnapshot('ec2.securityGroups'), oneRegion())).toEqual([
      expect.objectContaining({
        status: 'ERROR',
        errorCode: 'ACCESS_DENIED',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:region',
      }),
    ]);
  });

  it('should report nothing for a region without security groups', () => {
    expect(runCheck(check, regionSnapshot({ 'ec2.securityGroups': [] }), oneRegion())).toEqual([]);
  });
});
