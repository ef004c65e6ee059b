import { runCheck } from '../../../framework/check-kit';
import {
  failedSnapshot,
  oneRegion,
  permission,
  runOnGroups,
  securityGroup,
  tcp,
} from '../ec2-fixtures';
import { ec2SecurityGroupCifsRestricted as check } from './ec2_security_group_cifs_restricted.check';

describe('ec2_security_group_cifs_restricted', () => {
  it('should PASS a group allowing CIFS only from trusted networks', () => {
    const results = runOnGroups(check, [
      securityGroup('sg-files', [
        tcp(445, { ipv4Ranges: ['10.0.0.0/8'] }),
        tcp(139, { prefixListIds: ['pl-office'] }),
        permission({ ipProtocol: '-1', referencedGroupIds: ['sg-clients'] }),
        tcp(443, { ipv4Ranges: ['0.0.0.0/0'] }),
      ]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['PASS']);
  });

  it('should FAIL groups exposing 445 or 139 to 0.0.0.0/0 or ::/0, ranges and all traffic included', () => {
    const results = runOnGroups(check, [
      securityGroup('sg-smb', [tcp(445, { ipv4Ranges: ['0.0.0.0/0'] })]),
      securityGroup('sg-range', [tcp([100, 200], { ipv6Ranges: ['::/0'] })]),
      securityGroup('sg-all', [permission({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })]),
    ]);
    expect(results.map((r) => [r.status, r.evidence?.openRules])).toEqual([
      [
        'FAIL',
        [{ protocol: 'tcp', fromPort: 445, toPort: 445, source: '0.0.0.0/0', ports: [445] }],
      ],
      ['FAIL', [{ protocol: 'tcp', fromPort: 100, toPort: 200, source: '::/0', ports: [139] }]],
      ['FAIL', [{ protocol: '-1', source: '0.0.0.0/0', ports: [445, 139] }]],
    ]);
    expect(results[0]?.message).toContain('reaching CIFS ports 445');
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
