// Recorded Inspector2 wire answers (shapes from the Inspector2 API reference: ListFindings,
// BatchGetAccountStatus) and a real Inspector2Client whose HTTP handler serves them.
import { Inspector2Client } from '@aws-sdk/client-inspector2';

export interface WireRequest {
  path: string;
  body: Record<string, unknown>;
}

export interface WireAnswer {
  status: number;
  body: unknown;
  errorType?: string;
}

/** A real client (its serializer and deserializer run); every request body is recorded. */
export function inspectorAnswering(
  answer: (request: WireRequest, index: number) => WireAnswer,
  requests: WireRequest[] = [],
): Inspector2Client {
  return new Inspector2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDRECORDED', secretAccessKey: 'recorded' },
    maxAttempts: 1,
    requestHandler: {
      handle: (request: { path: string; body?: unknown }) => {
        const text =
          typeof request.body === 'string'
            ? request.body
            : request.body instanceof Uint8Array
              ? new TextDecoder().decode(request.body)
              : '';
        const wire: WireRequest = {
          path: request.path,
          body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
        };
        requests.push(wire);
        const a = answer(wire, requests.length - 1);
        return Promise.resolve({
          response: {
            statusCode: a.status,
            headers: {
              'content-type': 'application/json',
              ...(a.errorType !== undefined ? { 'x-amzn-errortype': a.errorType } : {}),
            },
            body: new TextEncoder().encode(JSON.stringify(a.body)),
          },
        });
      },
    },
  });
}

export const ACCOUNT = '111122223333';

/** A PACKAGE_VULNERABILITY finding on an EC2 instance, as ListFindings returns it (epoch seconds). */
export function packageFinding(id: string, updatedAt = 1691173428.13): Record<string, unknown> {
  return {
    awsAccountId: ACCOUNT,
    description:
      'In the GNU C Library (aka glibc or libc6) before 2.32, when processing invalid multi-byte input sequences in the EUC-KR encoding, a buffer over-read may occur.',
    exploitAvailable: 'NO',
    findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/${id}`,
    firstObservedAt: 1685714474.383,
    fixAvailable: 'YES',
    inspectorScore: 7.5,
    inspectorScoreDetails: {
      adjustedCvss: {
        adjustments: [],
        cvssSource: 'NVD',
        score: 7.5,
        scoreSource: 'NVD',
        scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
        version: '3.1',
      },
    },
    lastObservedAt: 1691173428.13,
    packageVulnerabilityDetails: {
      cvss: [
        {
          baseScore: 7.5,
          scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          source: 'NVD',
          version: '3.1',
        },
        {
          baseScore: 5.0,
          scoringVector: 'AV:N/AC:L/Au:N/C:N/I:N/A:P',
          source: 'NVD',
          version: '2.0',
        },
      ],
      referenceUrls: [
        'https://sourceware.org/bugzilla/show_bug.cgi?id=24973',
        'https://nvd.nist.gov/vuln/detail/CVE-2019-25013',
      ],
      relatedVulnerabilities: [],
      source: 'NVD',
      sourceUrl: 'https://nvd.nist.gov/vuln/detail/CVE-2019-25013',
      vendorCreatedAt: 1610442915,
      vendorSeverity: 'HIGH',
      vendorUpdatedAt: 1667395200,
      vulnerabilityId: 'CVE-2019-25013',
      vulnerablePackages: [
        {
          arch: 'X86_64',
          epoch: 0,
          fixedInVersion: '0:2.26-62.amzn2',
          name: 'glibc',
          packageManager: 'OS',
          release: '61.amzn2',
          remediation: 'yum update glibc',
          version: '2.26',
        },
        {
          arch: 'X86_64',
          epoch: 0,
          fixedInVersion: 'NotAvailable',
          name: 'glibc-common',
          packageManager: 'OS',
          release: '61.amzn2',
          version: '2.26',
        },
      ],
    },
    remediation: { recommendation: { text: 'None Provided' } },
    resources: [
      {
        details: {
          awsEc2Instance: {
            iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/web`,
            imageId: 'ami-0123456789abcdef0',
            ipV4Addresses: ['10.0.1.12'],
            ipV6Addresses: [],
            launchedAt: 1685714318,
            platform: 'AMAZON_LINUX_2',
            subnetId: 'subnet-0123456789abcdef0',
            type: 't3.micro',
            vpcId: 'vpc-0123456789abcdef0',
          },
        },
        id: 'i-0123456789abcdef0',
        partition: 'aws',
        region: 'us-east-1',
        tags: { Name: 'web' },
        type: 'AWS_EC2_INSTANCE',
      },
    ],
    severity: 'HIGH',
    status: 'ACTIVE',
    title: 'CVE-2019-25013 - glibc, glibc-common',
    type: 'PACKAGE_VULNERABILITY',
    updatedAt,
  };
}

/** A NETWORK_REACHABILITY finding: no vulnerability, an open port on an instance. */
export function networkFinding(id: string): Record<string, unknown> {
  return {
    awsAccountId: ACCOUNT,
    description:
      'On the instance i-0123456789abcdef0, the port range 22 to 22 is reachable from the InternetGateway igw-0123456789abcdef0.',
    findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/${id}`,
    firstObservedAt: 1685714474.1,
    lastObservedAt: 1691173428.2,
    networkReachabilityDetails: {
      networkPath: {
        steps: [
          { componentId: 'igw-0123456789abcdef0', componentType: 'AWS::EC2::InternetGateway' },
        ],
      },
      openPortRange: { begin: 22, end: 22 },
      protocol: 'TCP',
    },
    remediation: {
      recommendation: {
        text: 'You can restrict access to your instance by modifying the Security Groups or ACLs in the network path.',
      },
    },
    resources: [
      {
        id: 'i-0123456789abcdef0',
        partition: 'aws',
        region: 'us-east-1',
        type: 'AWS_EC2_INSTANCE',
      },
    ],
    severity: 'MEDIUM',
    status: 'CLOSED',
    title: 'Port 22 is reachable from an Internet Gateway - TCP',
    type: 'NETWORK_REACHABILITY',
    updatedAt: 1691173428.2,
  };
}

/** A CODE_VULNERABILITY finding on a Lambda function, severity UNTRIAGED. */
export function codeFinding(id: string): Record<string, unknown> {
  return {
    awsAccountId: ACCOUNT,
    codeVulnerabilityDetails: {
      cwes: ['CWE-798'],
      detectorId: 'python/hardcoded-credentials@v1.0',
      detectorName: 'Hardcoded credentials',
      detectorTags: ['secrets'],
      filePath: { endLine: 12, fileName: 'app.py', filePath: 'app.py', startLine: 12 },
      referenceUrls: ['https://cwe.mitre.org/data/definitions/798.html'],
      ruleId: 'python-hardcoded-credentials',
    },
    description: 'Hardcoded credentials found in app.py.',
    findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/${id}`,
    firstObservedAt: 1700000000,
    lastObservedAt: 1700000100,
    remediation: { recommendation: { text: 'Load credentials from Secrets Manager.' } },
    resources: [
      {
        details: {
          awsLambdaFunction: {
            codeSha256: 'abc=',
            executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/fn`,
            functionName: 'orders',
            lastModifiedAt: 1699999999,
            packageType: 'ZIP',
            runtime: 'PYTHON_3_11',
            version: '$LATEST',
          },
        },
        id: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders:$LATEST`,
        partition: 'aws',
        region: 'us-east-1',
        type: 'AWS_LAMBDA_FUNCTION',
      },
    ],
    severity: 'UNTRIAGED',
    status: 'ACTIVE',
    title: 'CWE-798 - Hardcoded credentials',
    type: 'CODE_VULNERABILITY',
    updatedAt: 1700000100,
  };
}
