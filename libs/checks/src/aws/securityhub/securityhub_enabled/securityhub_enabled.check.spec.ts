import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { type SecurityHubHub } from '../../../collected/securityhub';
import { securityhubEnabled } from './securityhub_enabled.check';

const HUB: SecurityHubHub = {
  hubArn: 'arn:aws:securityhub:eu-west-1:111122223333:hub/default',
  subscribedAt: '2025-01-10T09:00:00.000Z',
  autoEnableControls: true,
};

function snapshot(euWest1: SecurityHubHub | null, usEast1: SecurityHubHub | null) {
  return new SnapshotBuilder()
    .setRegional('securityhub.hub', 'eu-west-1', ok(euWest1))
    .setRegional('securityhub.hub', 'us-east-1', ok(usEast1));
}

describe('securityhub_enabled', () => {
  it('should PASS each region with a hub and FAIL each region without one', () => {
    const results = runCheck(securityhubEnabled, snapshot(HUB, null));

    expect(results.map((r) => [r.region, r.status, r.resourceUid])).toEqual([
      ['eu-west-1', 'PASS', 'arn:aws:securityhub:eu-west-1:111122223333:region'],
      ['us-east-1', 'FAIL', 'arn:aws:securityhub:us-east-1:111122223333:region'],
    ]);
    expect(results[0]?.evidence).toMatchObject({
      hubArn: HUB.hubArn,
      subscribedAt: HUB.subscribedAt,
    });
    expect(results[1]?.message).toBe(
      'Security Hub is not enabled in us-east-1 of account 111122223333',
    );
  });

  it('should say over how many enabled regions a limited scan was evaluated, never failing the others', () => {
    const ctx = checkContext({
      regions: {
        scanned: ['eu-west-1', 'us-east-1'],
        enabled: ['eu-west-1', 'us-east-1', 'eu-central-1'],
        notEnabled: ['me-south-1'],
      },
    });

    const results = runCheck(securityhubEnabled, snapshot(HUB, HUB), ctx);

    expect(results.map((r) => r.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(results[0]?.message).toContain('(evaluated over 2 of 3 enabled regions)');
    expect(results[0]?.evidence).toMatchObject({ regionsNotEnabled: ['me-south-1'] });
  });

  it('should be ERROR, not FAIL, in a region where DescribeHub failed', () => {
    const results = runCheck(
      securityhubEnabled,
      new SnapshotBuilder()
        .setRegional('securityhub.hub', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('securityhub.hub', 'us-east-1', ok(HUB)),
    );

    expect(results.map((r) => [r.region, r.status, r.errorCode])).toEqual([
      ['eu-west-1', 'ERROR', 'ACCESS_DENIED'],
      ['us-east-1', 'PASS', undefined],
    ]);
  });

  it('should report nothing when no region was scanned', () => {
    const ctx = checkContext({ regions: { scanned: [], enabled: [], notEnabled: [] } });

    expect(runCheck(securityhubEnabled, new SnapshotBuilder(), ctx)).toEqual([]);
  });
});
