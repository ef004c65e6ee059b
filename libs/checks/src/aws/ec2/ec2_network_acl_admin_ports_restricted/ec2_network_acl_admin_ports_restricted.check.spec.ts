import { runCheck } from '../../../framework/check-kit';
import { aclEntry, failedSnapshot, networkAcl, oneRegion, regionSnapshot } from '../ec2-fixtures';
import { ec2NetworkAclAdminPortsRestricted as check } from './ec2_network_acl_admin_ports_restricted.check';

describe('ec2_network_acl_admin_ports_restricted', () => {
  it('should PASS an ACL that denies the admin ports before allowing the rest', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.networkAcls': [
          networkAcl('acl-locked', [
            aclEntry(10, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } }),
            aclEntry(11, 'deny', { protocol: '6', portRange: { from: 3389, to: 3389 } }),
            aclEntry(12, 'deny', { cidrBlock: undefined, ipv6CidrBlock: '::/0' }),
            aclEntry(100, 'allow'),
            aclEntry(32767, 'deny'),
          ]),
        ],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'PASS',
        resourceUid: 'arn:aws:ec2:eu-west-1:111122223333:network-acl/acl-locked',
        resourceType: 'AwsEc2NetworkAcl',
      }),
    ]);
  });

  it('should FAIL an ACL allowing all traffic from the internet (as a default ACL does)', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.networkAcls': [
          networkAcl('acl-open', [aclEntry(100, 'allow'), aclEntry(32767, 'deny')]),
        ],
      }),
      oneRegion(),
    );
    expect(results).toEqual([
      expect.objectContaining({
        status: 'FAIL',
        message:
          'Network ACL acl-open of vpc-1 in eu-west-1 of account 111122223333 allows rule 100 all traffic from 0.0.0.0/0, reaching administration ports 22, 3389',
        evidence: expect.objectContaining({
          subnetIds: ['subnet-1'],
          allowingEntries: [
            { ruleNumber: 100, protocol: '-1', source: '0.0.0.0/0', ports: [22, 3389] },
          ],
        }) as unknown,
      }),
    ]);
  });

  it('should FAIL when only one port is shadowed by an earlier DENY', () => {
    const results = runCheck(
      check,
      regionSnapshot({
        'ec2.networkAcls': [
          networkAcl('acl-half', [
            aclEntry(100, 'deny', { protocol: '6', portRange: { from: 22, to: 22 } }),
            aclEntry(200, 'allow', { protocol: '6', portRange: { from: 0, to: 65535 } }),
          ]),
        ],
      }),
      oneRegion(),
    );
    expect(results[0]).toMatchObject({
      status: 'FAIL',
      evidence: { allowingEntries: [{ ruleNumber: 200, ports: [3389] }] },
    });
  });

  it('should be one ERROR for the region when the ACLs cannot be listed', () => {
    expect(runCheck(check, failedSnapshot('ec2.networkAcls'), oneRegion())).toEqual([
      expect.objectContaining({ status: 'ERROR', errorCode: 'ACCESS_DENIED' }),
    ]);
  });

  it('should report nothing for a region without network ACLs', () => {
    expect(runCheck(check, regionSnapshot({ 'ec2.networkAcls': [] }), oneRegion())).toEqual([]);
  });
});
