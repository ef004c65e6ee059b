import { runCheck } from '../../../framework/check-kit';
import {
  failedSnapshot,
  oneRegion,
  permission,
  runOnGroups,
  securityGroup,
  tcp,
} from '../ec2-fixtures';
import { ec2SecurityGroupAdminPortsIpv6Restricted as check } from './ec2_security_group_admin_ports_ipv6_restricted.check';

describe('ec2_security_group_admin_ports_ipv6_restricted', () => {
  it('should PASS a group open to 0.0.0.0/0 but not to ::/0 (6.3 judges IPv4)', () => {
    const results = runOnGroups(check, [
      securityGroup('sg-1', [
        permission({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] }),
        tcp(22, { ipv6Ranges: ['2001:db8::/32'] }),
      ]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['PASS']);
  });

  it('should FAIL a group with RDP in a port range open to ::/0', () => {
    const results = runOnGroups(check, [
      securityGroup('sg-rdp', [tcp([3000, 4000], { ipv6Ranges: ['::/0'] })]),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        message:
          'Security group sg-rdp (name-sg-rdp) in eu-west-1 of account 111122223333 allows TCP 3000-4000 from ::/0, reaching administration ports 3389',
      }),
    ]);
  });

  it('should be one ERROR for the region when the groups cannot be listed', () => {
    expect(runCheck(check, failedSnapshot('ec2.securityGroups'), oneRegion())).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for a region without security groups', () => {
    expect(runOnGroups(check, [])).toEqual([]);
  });
});
