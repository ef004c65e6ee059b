import { placeSpec, ROOT_PATH } from '../aws-seed/organization-spec';
import { postureIssues } from '../demo/account-posture';
import { DEMO_MANAGEMENT, DEMO_REGIONS } from '../demo/demo-organization';
import {
  CLIENT_POSTURES,
  clientAccountSpec,
  type FleetSize,
  fleetOrganizationSpec,
  postureRegions,
} from './fleet-spec';
import { refusedAccountRule } from './seed-fleet';

const [US, EU] = DEMO_REGIONS;

function shape(size: FleetSize) {
  const spec = fleetOrganizationSpec(size);
  const placed = placeSpec(spec.organization);
  const members = placed.accounts.map((a) => a.spec.name);
  return {
    spec,
    placed,
    members,
    depth: Math.max(...placed.ous.map((o) => o.depth)),
    postures: Object.entries(spec.postures),
  };
}

describe('fleetOrganizationSpec', () => {
  it('should place at least 20 uniquely named members in OUs three levels deep, one at the root', () => {
    const { placed, members, depth } = shape('full');
    expect(members.length).toBeGreaterThanOrEqual(20);
    expect(new Set(members).size).toBe(members.length);
    expect(depth).toBeGreaterThanOrEqual(3);
    expect(placed.ous.map((o) => o.path)).toEqual(
      expect.arrayContaining([
        'Root/Security',
        'Root/Workloads/Production/Payments',
        'Root/Workloads/NonProduction/Development',
        'Root/Sandbox',
      ]),
    );
    expect(placed.accounts.filter((a) => a.ouPath === ROOT_PATH).length).toBe(1);
  });

  it('should keep the small organization to about six members in two OU levels', () => {
    const { members, depth } = shape('small');
    expect(members.length).toBeGreaterThanOrEqual(5);
    expect(members.length).toBeLessThanOrEqual(7);
    expect(new Set(members).size).toBe(members.length);
    expect(depth).toBe(2);
  });

  it.each<FleetSize>(['full', 'small'])(
    'should refuse exactly one member, and declare a posture for exactly the management account and every member (%s)',
    (size) => {
      const { spec, members, postures } = shape(size);
      expect(members.filter((m) => m === spec.refused)).toEqual([spec.refused]);
      expect(spec.refused).not.toBe(DEMO_MANAGEMENT);
      expect(postures.map(([name]) => name).sort()).toEqual([DEMO_MANAGEMENT, ...members].sort());
    },
  );

  it.each<FleetSize>(['full', 'small'])(
    'should tag every account, the management account included, with env, team, cost-center and owner (%s)',
    (size) => {
      const { spec, placed } = shape(size);
      for (const t of [
        spec.organization.management?.tags,
        ...placed.accounts.map((a) => a.spec.tags),
      ]) {
        expect(Object.keys(t ?? {}).sort()).toEqual(['cost-center', 'env', 'owner', 'team']);
      }
    },
  );

  it('should mix clean, slightly and badly misconfigured accounts, with issues in both regions', () => {
    const { postures } = shape('full');
    const issues = postures.map(([, p]) => postureIssues(p).length);
    expect(issues.filter((n) => n === 0).length).toBeGreaterThanOrEqual(2);
    expect(issues.filter((n) => n >= 1 && n <= 3).length).toBeGreaterThanOrEqual(5);
    expect(issues.filter((n) => n >= 5).length).toBeGreaterThanOrEqual(4);
    const openPortRegions = new Set(
      postures.flatMap(([, p]) => (p.openPorts ?? []).map((o) => o.region)),
    );
    expect([...openPortRegions].sort()).toEqual([US, EU].sort());
    const resourceRegions = new Set(postures.map(([, p]) => p.resourceRegion ?? US));
    expect([...resourceRegions].sort()).toEqual([US, EU].sort());
  });

  it.each<FleetSize>(['full', 'small'])(
    'should seed Inspector2 findings on several accounts in both regions, only where Inspector2 is on (%s)',
    (size) => {
      const { postures } = shape(size);
      const withFindings = postures.filter(([, p]) => (p.findings ?? []).length > 0);
      expect(withFindings.length).toBeGreaterThanOrEqual(size === 'full' ? 10 : 3);
      const regions = new Set(
        withFindings.flatMap(([, p]) => (p.findings ?? []).map((f) => f.region)),
      );
      expect([...regions].sort()).toEqual([US, EU].sort());
      for (const [, p] of withFindings) {
        expect(p.inspector).toBe(true);
        // A finding's id derives from account, region and CVE: one CVE per account and region.
        const keys = (p.findings ?? []).map((f) => `${f.region} ${f.cve}`);
        expect(new Set(keys).size).toBe(keys.length);
      }
    },
  );

  it('should keep every posture in the default regions and every bucket name within S3 limits', () => {
    const all = [
      ...shape('full').postures,
      ...shape('small').postures,
      ...[0, 1, 2].map((i) => {
        const c = clientAccountSpec(i);
        return [c.name, c.posture] as const;
      }),
    ];
    for (const [name, p] of all) {
      for (const region of postureRegions(p)) expect(DEMO_REGIONS).toContain(region);
      for (const bucket of [...(p.buckets ?? []).map((b) => b.name), `${name}-access-logs`]) {
        expect(`${bucket}-123456789012`).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
      }
    }
  });
});

describe('clientAccountSpec', () => {
  it('should cycle through the client postures under unique names', () => {
    const specs = Array.from({ length: 7 }, (_, i) => clientAccountSpec(i));
    expect(specs.map((s) => s.name)).toEqual([
      'acme-1-prod',
      'acme-2-web',
      'acme-3-dev',
      'acme-4-prod',
      'acme-5-web',
      'acme-6-dev',
      'acme-7-prod',
    ]);
    expect(specs[3]?.posture).toBe(CLIENT_POSTURES[0]?.posture);
    expect(CLIENT_POSTURES.map((c) => postureIssues(c.posture).length > 0)).toContain(true);
  });
});

describe('refusedAccountRule', () => {
  it('should refuse AssumeRole into the refused member role only', () => {
    const roleArn = 'arn:aws:iam::111122223333:role/OrganizationAccountAccessRole';
    expect(
      refusedAccountRule({ refusedAccount: { name: 'x', accountId: '111122223333', roleArn } }),
    ).toEqual({ kind: 'assumeRoleRefused', roleArn });
  });
});
