import { placeSpec } from '../aws-seed/organization-spec';
import { postureIssues as issuesOf } from './account-posture';
import { DEMO_CVES, demoInspectorFinding, demoInstanceId } from './demo-cves';
import {
  DEMO_MANAGEMENT,
  DEMO_POSTURES,
  DEMO_REGIONS,
  demoOrganizationSpec,
} from './demo-organization';

describe('demoOrganizationSpec', () => {
  const placed = placeSpec(demoOrganizationSpec());
  const members = placed.accounts.map((a) => [a.spec.name, a.ouPath]);

  it('should place nine members in Security, Production (with nested Payments), Development and Sandbox', () => {
    expect(placed.ous.map((o) => o.path)).toEqual([
      'Root/Security',
      'Root/Production',
      'Root/Development',
      'Root/Sandbox',
      'Root/Production/Payments',
    ]);
    expect(members).toEqual([
      ['log-archive', 'Root/Security'],
      ['audit', 'Root/Security'],
      ['prod-web', 'Root/Production'],
      ['prod-data', 'Root/Production'],
      ['dev-web', 'Root/Development'],
      ['dev-data', 'Root/Development'],
      ['sandbox-research', 'Root/Sandbox'],
      ['sandbox-playground', 'Root/Sandbox'],
      ['payments-prod', 'Root/Production/Payments'],
    ]);
  });

  it('should tag every account, the management account included, with env, team, cost-center and owner', () => {
    const spec = demoOrganizationSpec();
    for (const t of [spec.management?.tags, ...placed.accounts.map((a) => a.spec.tags)]) {
      expect(Object.keys(t ?? {}).sort()).toEqual(['cost-center', 'env', 'owner', 'team']);
    }
  });

  it('should declare a posture for exactly the management account and every member', () => {
    expect(Object.keys(DEMO_POSTURES).sort()).toEqual(
      [DEMO_MANAGEMENT, ...placed.accounts.map((a) => a.spec.name)].sort(),
    );
  });

  it('should keep Security near-clean, give Production a few issues and Development and Sandbox many', () => {
    const issues = (name: string) => issuesOf(DEMO_POSTURES[name] ?? {});
    expect(issues('log-archive')).toEqual([]);
    expect(issues('audit')).toEqual([]);
    for (const name of ['prod-web', 'prod-data', 'payments-prod']) {
      expect(issues(name).length).toBeGreaterThanOrEqual(1);
      expect(issues(name).length).toBeLessThanOrEqual(3);
    }
    for (const name of ['dev-web', 'dev-data', 'sandbox-research', 'sandbox-playground']) {
      expect(issues(name).length).toBeGreaterThanOrEqual(5);
    }
    const misconfigured = Object.values(DEMO_POSTURES).filter((p) => issuesOf(p).length > 0);
    expect(misconfigured.length).toBeGreaterThanOrEqual(6);
  });

  it('should seed Inspector2 findings on several accounts, only where Inspector2 is on, in demo regions', () => {
    const withFindings = Object.entries(DEMO_POSTURES).filter(([, p]) => p.findings?.length);
    expect(withFindings.length).toBeGreaterThanOrEqual(4);
    for (const [, p] of withFindings) {
      expect(p.inspector).toBe(true);
      for (const f of p.findings ?? []) expect(DEMO_REGIONS).toContain(f.region);
    }
    const severities = new Set(
      withFindings.flatMap(([, p]) => (p.findings ?? []).map((f) => DEMO_CVES[f.cve].severity)),
    );
    expect([...severities].sort()).toEqual(['CRITICAL', 'HIGH', 'MEDIUM']);
  });

  it('should keep every resource in a demo region and every bucket name within S3 limits', () => {
    for (const [name, p] of Object.entries(DEMO_POSTURES)) {
      const regions = [
        p.resourceRegion ?? DEMO_REGIONS[0],
        ...(p.openPorts ?? []).map((o) => o.region),
      ];
      for (const region of regions) expect(DEMO_REGIONS).toContain(region);
      // `<name>-<12-digit account id>`, and the log buckets `<account>-access-logs-<id>`.
      for (const bucket of [...(p.buckets ?? []).map((b) => b.name), `${name}-access-logs`]) {
        expect(`${bucket}-123456789012`).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
      }
    }
  });
});

describe('demoInspectorFinding', () => {
  it('should describe the CVE on a stable instance, with a stable 32-hex finding id', () => {
    const f = demoInspectorFinding(
      '111122223333',
      'prod-web',
      'eu-west-1',
      'log4shell',
      'web-api-1',
    );
    expect(f).toMatchObject({
      awsAccountId: '111122223333',
      findingArn: expect.stringMatching(
        /^arn:aws:inspector2:eu-west-1:111122223333:finding\/[0-9a-f]{32}$/,
      ) as string,
      severity: 'CRITICAL',
      inspectorScore: 10,
      packageVulnerabilityDetails: {
        vulnerabilityId: 'CVE-2021-44228',
        vulnerablePackages: [
          { name: 'org.apache.logging.log4j:log4j-core', fixedInVersion: '2.17.1' },
        ],
      },
      resources: [{ type: 'AWS_EC2_INSTANCE', id: demoInstanceId('prod-web', 'web-api-1') }],
    });
    expect(demoInstanceId('prod-web', 'web-api-1')).toMatch(/^i-0[0-9a-f]{16}$/);
    const again = demoInspectorFinding(
      '111122223333',
      'prod-web',
      'eu-west-1',
      'log4shell',
      'web-api-1',
    );
    expect(again['findingArn']).toBe(f['findingArn']);
    const elsewhere = demoInspectorFinding(
      '111122223333',
      'prod-web',
      'us-east-1',
      'log4shell',
      'web-api-1',
    );
    expect(elsewhere['findingArn']).not.toBe(f['findingArn']);
  });
});
