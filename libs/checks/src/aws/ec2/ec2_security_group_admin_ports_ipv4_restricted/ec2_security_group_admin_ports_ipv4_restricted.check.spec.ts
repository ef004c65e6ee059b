import { DEFAULT_CHECK_SETTINGS } from '@palisade/contracts';
import { runCheck } from '../../../framework/check-kit';
import {
  REGION,
  failedSnapshot,
  oneRegion,
  permission,
  runOnGroups,
  securityGroup,
  tcp,
} from '../ec2-fixtures';
import { ec2SecurityGroupAdminPortsIpv4Restricted as check } from './ec2_security_group_admin_ports_ipv4_restricted.check';

const ssh = tcp(22, { ipv4Ranges: ['0.0.0.0/0'] });

describe('ec2_security_group_admin_ports_ipv4_restricted', () => {
  it('should PASS groups whose admin ports are closed to 0.0.0.0/0', () => {
    const results = runOnGroups(check, [
      securityGroup('sg-web', [
        tcp(443, { ipv4Ranges: ['0.0.0.0/0'] }),
        tcp(22, { ipv4Ranges: ['10.0.0.0/8'] }),
        permission({ ipProtocol: '-1', ipv6Ranges: ['::/0'] }),
      ]),
    ]);
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
    const results = runOnGroups(check, [
      securityGroup('sg-ssh', [ssh]),
      securityGroup('sg-all', [permission({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
    expect(results[0]?.message).toBe(
      'Security group sg-ssh (name-sg-ssh) in eu-west-1 of account 111122223333 allows TCP 22 from 0.0.0.0/0, reaching administration ports 22',
    );
    expect(results[1]?.evidence).toMatchObject({
      openRules: [{ protocol: '-1', source: '0.0.0.0/0', ports: [22, 3389] }],
    });
  });

  it('should read the admin ports from the settings', () => {
    const winrm = [securityGroup('sg-1', [tcp([5985, 5986], { ipv4Ranges: ['0.0.0.0/0'] })])];
    expect(runOnGroups(check, winrm)[0]?.status).toBe('PASS');
    const settings = { ...DEFAULT_CHECK_SETTINGS, 'ec2.adminPorts': [22, 3389, 5985] };
    expect(runOnGroups(check, winrm, oneRegion({ settings }))[0]?.status).toBe('FAIL');
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
    expect(runOnGroups(check, [])).toEqual([]);
  });
});
