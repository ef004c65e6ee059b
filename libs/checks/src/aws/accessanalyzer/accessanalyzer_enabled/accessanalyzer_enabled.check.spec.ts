import { checkContext, runCheck } from '../../../framework/check-kit';
import { failed, ok } from '../../../framework/outcome';
import { SnapshotBuilder } from '../../../framework/snapshot';
import { type AccessAnalyzer } from '../../../collected/accessanalyzer';
import { accessanalyzerEnabled } from './accessanalyzer_enabled.check';

function analyzer(name: string, type: string, status: string, statusReason?: string) {
  const a: AccessAnalyzer = {
    name,
    arn: `arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/${name}`,
    type,
    status,
  };
  if (statusReason !== undefined) a.statusReason = statusReason;
  return a;
}

function snapshot(euWest1: AccessAnalyzer[], usEast1: AccessAnalyzer[]) {
  return new SnapshotBuilder()
    .setRegional('accessanalyzer.analyzers', 'eu-west-1', ok(euWest1))
    .setRegional('accessanalyzer.analyzers', 'us-east-1', ok(usEast1));
}

describe('accessanalyzer_enabled', () => {
  it('should PASS a region with an active account or organization analyzer', () => {
    const results = runCheck(
      accessanalyzerEnabled,
      snapshot(
        [
          analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE'),
          analyzer('external', 'ACCOUNT', 'ACTIVE'),
        ],
        [analyzer('org', 'ORGANIZATION', 'ACTIVE')],
      ),
    );

    expect(results.map((r) => [r.region, r.status, r.resourceUid])).toEqual([
      ['eu-west-1', 'PASS', 'arn:aws:accessanalyzer:eu-west-1:111122223333:region'],
      ['us-east-1', 'PASS', 'arn:aws:accessanalyzer:us-east-1:111122223333:region'],
    ]);
    expect(results[0]?.message).toBe(
      'IAM Access Analyzer external (ACCOUNT) is active in eu-west-1 of account 111122223333',
    );
  });

  it('should FAIL a region with no analyzer, only unused access ones, or only inactive ones', () => {
    const failing = runCheck(
      accessanalyzerEnabled,
      snapshot(
        [analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE')],
        [analyzer('org', 'ORGANIZATION', 'FAILED', 'AWS_SERVICE_ACCESS_DISABLED')],
      ),
    );
    const empty = runCheck(accessanalyzerEnabled, snapshot([], []));

    expect(failing.map((r) => [r.region, r.status, r.message])).toEqual([
      [
        'eu-west-1',
        'FAIL',
        'No active IAM Access Analyzer external access analyzer in eu-west-1 of account 111122223333 (only unused or internal access analyzers)',
      ],
      [
        'us-east-1',
        'FAIL',
        'No active IAM Access Analyzer external access analyzer in us-east-1 of account 111122223333: org is FAILED (AWS_SERVICE_ACCESS_DISABLED)',
      ],
    ]);
    expect(failing[1]?.evidence).toMatchObject({
      analyzers: [
        {
          name: 'org',
          type: 'ORGANIZATION',
          status: 'FAILED',
          statusReason: 'AWS_SERVICE_ACCESS_DISABLED',
        },
      ],
    });
    expect(empty.map((r) => r.status)).toEqual(['FAIL', 'FAIL']);
  });

  it('should note a scan limited to fewer than the enabled regions and list regions not enabled', () => {
    const ctx = checkContext({
      regions: {
        scanned: ['eu-west-1'],
        enabled: ['eu-west-1', 'us-east-1'],
        notEnabled: ['af-south-1'],
      },
    });

    const results = runCheck(
      accessanalyzerEnabled,
      snapshot([analyzer('external', 'ACCOUNT', 'ACTIVE')], []),
      ctx,
    );

    expect(results).toHaveLength(1);
    expect(results[0]?.message).toContain('(evaluated over 1 of 2 enabled regions)');
    expect(results[0]?.evidence).toMatchObject({ regionsNotEnabled: ['af-south-1'] });
  });

  it('should be ERROR, never PASS or FAIL, where the analyzers could not be listed', () => {
    const results = runCheck(
      accessanalyzerEnabled,
      new SnapshotBuilder()
        .setRegional('accessanalyzer.analyzers', 'eu-west-1', failed('ACCESS_DENIED', 'denied'))
        .setRegional('accessanalyzer.analyzers', 'us-east-1', ok([])),
    );

    expect(results.map((r) => [r.region, r.status, r.errorCode])).toEqual([
      ['eu-west-1', 'ERROR', 'ACCESS_DENIED'],
      ['us-east-1', 'FAIL', undefined],
    ]);
  });

  it('should report nothing when no region was scanned', () => {
    const ctx = checkContext({ regions: { scanned: [], enabled: [], notEnabled: [] } });

    expect(runCheck(accessanalyzerEnabled, new SnapshotBuilder(), ctx)).toEqual([]);
  });
});
