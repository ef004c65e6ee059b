// Mapping recorded ListFindings answers (Inspector2 API reference shapes), deserialised by the
// real SDK client, to the InspectorFinding contract.
import { type Finding, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import { mapInspectorFinding } from './finding-mapper';
import {
  ACCOUNT,
  codeFinding,
  inspectorAnswering,
  networkFinding,
  packageFinding,
} from './test/recorded-inspector';

/** The findings of one recorded ListFindings answer, as the SDK hands them to Palisade. */
async function deserialised(...findings: Record<string, unknown>[]): Promise<Finding[]> {
  const client = inspectorAnswering(() => ({ status: 200, body: { findings } }));
  const out = await client.send(new ListFindingsCommand({ maxResults: 100 }));
  return out.findings ?? [];
}

describe('mapInspectorFinding (recorded ListFindings shapes)', () => {
  it('should map a package vulnerability on an EC2 instance, field by field', async () => {
    const [raw] = await deserialised(packageFinding('0a1b2c3d'));
    if (raw === undefined) throw new Error('no finding deserialised');
    expect(mapInspectorFinding(raw)).toEqual({
      ok: true,
      finding: {
        findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/0a1b2c3d`,
        region: 'us-east-1',
        status: 'ACTIVE',
        severity: 'HIGH',
        type: 'PACKAGE_VULNERABILITY',
        title: 'CVE-2019-25013 - glibc, glibc-common',
        description: expect.stringContaining('GNU C Library') as unknown,
        firstObservedAt: '2023-06-02T14:01:14.383Z',
        lastObservedAt: '2023-08-04T18:23:48.130Z',
        updatedAt: '2023-08-04T18:23:48.130Z',
        resource: {
          type: 'AWS_EC2_INSTANCE',
          id: 'i-0123456789abcdef0',
          region: 'us-east-1',
          details: {
            awsEc2Instance: expect.objectContaining({
              imageId: 'ami-0123456789abcdef0',
              launchedAt: '2023-06-02T13:58:38.000Z',
              platform: 'AMAZON_LINUX_2',
            }) as unknown,
          },
        },
        vulnerability: {
          id: 'CVE-2019-25013',
          cvss: [
            {
              version: '3.1',
              baseScore: 7.5,
              vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
            },
            { version: '2.0', baseScore: 5, vector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P' },
          ],
          packages: [
            {
              name: 'glibc',
              version: '2.26',
              fixedInVersion: '0:2.26-62.amzn2',
              packageManager: 'OS',
            },
            { name: 'glibc-common', version: '2.26', packageManager: 'OS' },
          ],
          fixAvailable: 'YES',
          exploitAvailable: 'NO',
          referenceUrls: [
            'https://nvd.nist.gov/vuln/detail/CVE-2019-25013',
            'https://sourceware.org/bugzilla/show_bug.cgi?id=24973',
          ],
          remediation: 'None Provided',
        },
        inspectorScore: 7.5,
      },
    });
  });

  it('should map a closed network reachability finding without a vulnerability', async () => {
    const [raw] = await deserialised(networkFinding('net-1'));
    if (raw === undefined) throw new Error('no finding deserialised');
    const mapped = mapInspectorFinding(raw);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.finding).toMatchObject({
      status: 'CLOSED',
      severity: 'MEDIUM',
      type: 'NETWORK_REACHABILITY',
      resource: { type: 'AWS_EC2_INSTANCE', id: 'i-0123456789abcdef0' },
    });
    expect(mapped.finding.vulnerability).toBeUndefined();
    expect(mapped.finding.resource.details).toBeUndefined();
  });

  it('should map an UNTRIAGED code vulnerability on a Lambda function, with its detector as id', async () => {
    const [raw] = await deserialised(codeFinding('code-1'));
    if (raw === undefined) throw new Error('no finding deserialised');
    const mapped = mapInspectorFinding(raw);
    if (!mapped.ok) throw new Error(mapped.reason);
    expect(mapped.finding).toMatchObject({
      severity: 'UNTRIAGED',
      type: 'CODE_VULNERABILITY',
      resource: { type: 'AWS_LAMBDA_FUNCTION' },
      vulnerability: {
        id: 'python/hardcoded-credentials@v1.0',
        cvss: [],
        packages: [],
        referenceUrls: ['https://cwe.mitre.org/data/definitions/798.html'],
        remediation: 'Load credentials from Secrets Manager.',
      },
    });
    expect(mapped.finding.inspectorScore).toBeUndefined();
  });

  it('should report a finding the contract refuses, with the reasons, instead of dropping it', async () => {
    const broken = { ...packageFinding('bad'), status: 'ARCHIVED', resources: [] };
    const [raw] = await deserialised(broken);
    if (raw === undefined) throw new Error('no finding deserialised');
    const mapped = mapInspectorFinding(raw);
    expect(mapped).toEqual({
      ok: false,
      findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/bad`,
      reason: expect.stringMatching(/status: .*resource: /) as unknown,
    });
  });
});
