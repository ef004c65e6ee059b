// Inspector2 status and findings against moto, through the fault proxy. moto answers each
// ListFindings from a queue seeded through its moto-api (filters ignored, no nextToken), so the
// proxy's `inspectorPaging` rule serves moto's answer in pages with its own nextToken.
import { EnableCommand, Inspector2Client } from '@aws-sdk/client-inspector2';
import { type InspectorFinding } from '@palisade/contracts';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { inspectorAccountStatus } from './account-status';
import { type InspectorPull, pullInspectorFindings } from './findings-puller';
import { codeFinding, networkFinding, packageFinding } from './test/recorded-inspector';

const REGION = 'eu-west-1';

/** A recorded finding moved into the test's account and region. */
function inAccount(finding: Record<string, unknown>, account: string): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(finding).replaceAll('111122223333', account).replaceAll('us-east-1', REGION),
  ) as Record<string, unknown>;
}

/** Queues answers for the next ListFindings calls of the account × region (moto-api). */
async function seedFindings(account: string, ...answers: Record<string, unknown>[][]) {
  const res = await fetch(
    `${depsEnv('PALISADE_MOTO_URL')}/moto-api/static/inspector2/findings-results`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ results: answers, account_id: account, region: REGION }),
    },
  );
  expect(res.status).toBe(201);
}

async function drain(pull: InspectorPull): Promise<InspectorFinding[][]> {
  const pages: InspectorFinding[][] = [];
  for await (const page of pull.pages) pages.push(page);
  return pages;
}

describe('Inspector2 status and findings (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let client: Inspector2Client;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    client = h.clients.createClient(Inspector2Client, {
      region: REGION,
      service: 'inspector2',
      session: h.session,
    });
  });

  afterAll(async () => {
    client?.destroy();
    h?.close();
    if (proxy) await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should report NOT_ENABLED before Enable and ENABLED after, with the states as evidence', async () => {
    const [before] = await inspectorAccountStatus(client, [h.accountId]);
    expect(before).toEqual({
      accountId: h.accountId,
      status: 'NOT_ENABLED',
      evidence: { resourceState: {}, reported: false },
    });

    await client.send(new EnableCommand({ accountIds: [h.accountId], resourceTypes: ['ECR'] }));

    const [after] = await inspectorAccountStatus(client, [h.accountId]);
    expect(after).toEqual({
      accountId: h.accountId,
      status: 'ENABLED',
      evidence: {
        state: 'ENABLED',
        resourceState: {
          ec2: 'DISABLED',
          ecr: 'ENABLED',
          lambda: 'DISABLED',
          lambdaCode: 'DISABLED',
        },
        reported: true,
      },
    });
    expect(proxy.log.map((e) => `${e.service}:${e.operation}`)).toEqual([
      'inspector2:BatchGetAccountStatus',
      'inspector2:Enable',
      'inspector2:BatchGetAccountStatus',
    ]);
  });

  it('should surface a denied status call as a classified error', async () => {
    proxy.setRules([
      { kind: 'accessDenied', service: 'inspector2', operation: 'BatchGetAccountStatus' },
    ]);
    await expect(inspectorAccountStatus(client, [h.accountId])).rejects.toMatchObject({
      classified: { code: 'ACCESS_DENIED' },
    });
  });

  it('should pull every page of a first sync, then only what changed after the watermark', async () => {
    const first = [
      packageFinding('f1', 1700000000),
      packageFinding('f2', 1700000400.5),
      networkFinding('f3'),
      codeFinding('f4'),
      packageFinding('f5', 1700000200),
    ].map((f) => inAccount(f, h.accountId));
    const changed = [
      inAccount({ ...packageFinding('f2', 1800000000), status: 'CLOSED' }, h.accountId),
    ];
    await seedFindings(h.accountId, first, changed);
    proxy.setRules([{ kind: 'inspectorPaging', service: 'inspector2', pageSize: 2 }]);

    const full = pullInspectorFindings(client, {
      accountId: h.accountId,
      viaDelegatedAdmin: false,
    });
    const pages = await drain(full);

    expect(pages.map((p) => p.map((f) => f.findingArn.split('/').pop()))).toEqual([
      ['f1', 'f2'],
      ['f3', 'f4'],
      ['f5'],
    ]);
    expect(pages[0]?.[0]).toMatchObject({
      findingArn: `arn:aws:inspector2:${REGION}:${h.accountId}:finding/f1`,
      region: REGION,
      resource: { type: 'AWS_EC2_INSTANCE', region: REGION },
      vulnerability: { id: 'CVE-2019-25013' },
    });
    expect(full.unmapped()).toEqual([]);
    expect(full.pagesRead()).toBe(3);
    const listCalls = proxy.log.filter((e) => e.operation === 'ListFindings');
    expect(listCalls).toHaveLength(3);
    expect(
      listCalls.every((e) => e.injected === 'inspectorPaging' && e.account === h.accountId),
    ).toBe(true);
    // The greatest updatedAt: f2 at 1700000400.5 (network and code findings are older).
    const watermark = full.watermark();
    expect(watermark).toBe('2023-11-14T22:20:00.500Z');

    proxy.clearLog();
    const incremental = pullInspectorFindings(client, {
      accountId: h.accountId,
      viaDelegatedAdmin: false,
      ...(watermark !== undefined ? { watermark } : {}),
    });
    const changedPages = await drain(incremental);
    expect(changedPages.flat().map((f) => [f.findingArn.split('/').pop(), f.status])).toEqual([
      ['f2', 'CLOSED'],
    ]);
    expect(incremental.watermark()).toBe('2027-01-15T08:00:00.000Z');
    expect(proxy.log.filter((e) => e.operation === 'ListFindings')).toHaveLength(1);
  });

  it('should report a finding of another account that a delegated administrator returned', async () => {
    const other = inAccount(packageFinding('theirs', 1700000000), '444455556666');
    const ours = inAccount(packageFinding('ours', 1700000000), h.accountId);
    await seedFindings(h.accountId, [ours, other]);

    const pull = pullInspectorFindings(client, {
      accountId: h.accountId,
      viaDelegatedAdmin: true,
      watermark: '2020-01-01T00:00:00.000Z',
    });
    const pages = await drain(pull);

    expect(pages.flat().map((f) => f.findingArn.split('/').pop())).toEqual(['ours']);
    // moto ignores the awsAccountId filter Palisade sends; the pull refuses the stranger.
    expect(pull.unmapped()).toEqual([expect.stringContaining('belongs to account 444455556666')]);
  });
});
