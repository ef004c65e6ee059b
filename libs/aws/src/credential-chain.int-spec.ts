// The role chain against real moto behind the fault proxy: what STS receives, where the final
// credentials land, and how refusals come back as codes.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type AwsProxy, startAwsProxy } from '@palisade/testing';
import { resolveAwsAccessOptions } from './aws-access-options';
import { AwsClientFactory } from './client-factory';
import { AwsSessionFactory } from './credential-chain';
import { classifyAwsError } from './error-classification';
import { SdkStsApi } from './sts-api';
import {
  BASE_CREDENTIALS,
  CapturingLogger,
  motoUrlFrom,
  uniqueAccount,
  uniqueScanId,
} from './test/int-support';

const MOTO_DEFAULT_ACCOUNT = '123456789012';

describe('credential chain through the fault proxy (moto)', () => {
  let proxy: AwsProxy;
  let logger: CapturingLogger;
  let clients: AwsClientFactory;
  let chain: AwsSessionFactory;
  let hubAccount: string;
  let memberAccount: string;
  let hubRole: string;
  let memberRole: string;
  const externalId = 'palisade-ext-7f3c9a1e5b2d4c6f8a0b1c2d3e4f5a6b';

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: motoUrlFrom(process.env) });
  });
  afterAll(async () => {
    // Unset when beforeAll failed (e.g. no PALISADE_MOTO_URL): report that error alone.
    if (proxy) await proxy.close();
  });

  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
    logger = new CapturingLogger();
    const options = resolveAwsAccessOptions({
      endpointUrl: proxy.url,
      defaultRegion: 'eu-west-1',
      maxAttempts: 3,
    });
    clients = new AwsClientFactory(options, logger);
    chain = new AwsSessionFactory(
      options,
      new SdkStsApi(clients),
      () => Promise.resolve(BASE_CREDENTIALS),
      logger,
    );
    hubAccount = uniqueAccount();
    memberAccount = uniqueAccount();
    hubRole = `arn:aws:iam::${hubAccount}:role/palisade-hub`;
    memberRole = `arn:aws:iam::${memberAccount}:role/palisade-scan`;
  });
  afterEach(() => {
    if (clients) clients.destroy();
  });

  const roleChain = () => [{ roleArn: hubRole }, { roleArn: memberRole, externalId }];
  const assumeCalls = () => proxy.log.filter((e) => e.operation === 'AssumeRole');

  it('should assume the hub then the member with ExternalId, session name and SourceIdentity, and land in the member account', async () => {
    const scanId = uniqueScanId();
    const session = await chain.session({
      tenantId: uniqueScanId(),
      scanId,
      roleChain: roleChain(),
      sourceIdentity: 'palisade-scanner',
    });

    expect(
      assumeCalls().map((e) => ({
        account: e.account,
        region: e.region,
        status: e.status,
        ...e.assumeRole,
      })),
    ).toEqual([
      {
        account: MOTO_DEFAULT_ACCOUNT,
        region: 'eu-west-1',
        status: 200,
        roleArn: hubRole,
        roleSessionName: `palisade-${scanId}`,
        sourceIdentity: 'palisade-scanner',
        durationSeconds: 3600,
      },
      {
        account: hubAccount,
        region: 'eu-west-1',
        status: 200,
        roleArn: memberRole,
        externalId,
        roleSessionName: `palisade-${scanId}`,
        sourceIdentity: 'palisade-scanner',
        durationSeconds: 3600,
      },
    ]);
    expect(session).toMatchObject({
      accountId: memberAccount,
      partition: 'aws',
      sourceIdentityUsed: true,
    });

    const sts = clients.createClient(STSClient, { session, region: 'eu-west-1', service: 'sts' });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(memberAccount);
    expect(me.Arn).toBe(
      `arn:aws:sts::${memberAccount}:assumed-role/palisade-scan/palisade-${scanId}`,
    );
    expect(proxy.log.at(-1)).toMatchObject({
      operation: 'GetCallerIdentity',
      account: memberAccount,
      status: 200,
    });
  });

  it('should fall back without SourceIdentity when the member trust refuses it, record that, and still reach the member', async () => {
    proxy.addRule({
      kind: 'accessDenied',
      service: 'sts',
      operation: 'AssumeRole',
      roleArn: memberRole,
      times: 1,
      message: `User: arn:aws:sts::${hubAccount}:assumed-role/palisade-hub/x is not authorized to perform: sts:SetSourceIdentity on resource: ${memberRole}`,
    });
    const session = await chain.session({
      tenantId: uniqueScanId(),
      scanId: uniqueScanId(),
      roleChain: roleChain(),
      sourceIdentity: 'palisade-scanner',
    });

    const memberCalls = assumeCalls().filter((e) => e.assumeRole?.roleArn === memberRole);
    expect(
      memberCalls.map((e) => [e.status, e.assumeRole?.sourceIdentity, e.assumeRole?.externalId]),
    ).toEqual([
      [403, 'palisade-scanner', externalId],
      [200, undefined, externalId],
    ]);
    expect(session.sourceIdentityUsed).toBe(false);
    expect(session.sourceIdentityFallbacks.map((f) => f.roleArn)).toEqual([memberRole]);
    expect(session.sourceIdentityFallbacks[0]?.message).toContain('sts:SetSourceIdentity');

    const me = await clients
      .createClient(STSClient, { session, region: 'eu-west-1', service: 'sts' })
      .send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(memberAccount);
  });

  it('should report ASSUME_ROLE_DENIED when the member role refuses to be assumed', async () => {
    proxy.addRule({ kind: 'assumeRoleRefused', roleArn: memberRole });
    const err = await chain
      .session({ tenantId: uniqueScanId(), scanId: uniqueScanId(), roleChain: roleChain() })
      .catch((e: unknown) => e);
    const classified = classifyAwsError(err);
    expect(classified).toMatchObject({
      code: 'ASSUME_ROLE_DENIED',
      awsCode: 'AccessDenied',
      httpStatus: 403,
      retriable: false,
    });
    expect(classified.message).toContain(memberRole);
    expect(proxy.log.some((e) => e.account === memberAccount)).toBe(false);
  });

  it('should be refused by a trust that expects another ExternalId, and accepted with the right one', async () => {
    proxy.addRule({
      kind: 'assumeRoleRefused',
      roleArn: memberRole,
      expectedExternalId: externalId,
    });
    const wrong = [
      { roleArn: hubRole },
      { roleArn: memberRole, externalId: 'another-tenants-external-id-000000' },
    ];
    const err = await chain
      .session({ tenantId: uniqueScanId(), scanId: uniqueScanId(), roleChain: wrong })
      .catch((e: unknown) => e);
    expect(classifyAwsError(err).code).toBe('ASSUME_ROLE_DENIED');
    await expect(
      chain.session({ tenantId: uniqueScanId(), scanId: uniqueScanId(), roleChain: roleChain() }),
    ).resolves.toMatchObject({ accountId: memberAccount });
  });

  it('should share one AssumeRole per hop among concurrent sessions of a tenant', async () => {
    const tenantId = uniqueScanId();
    const sessions = await Promise.all(
      Array.from({ length: 20 }, () =>
        chain.session({ tenantId, scanId: uniqueScanId(), roleChain: roleChain() }),
      ),
    );
    expect(assumeCalls()).toHaveLength(2);
    expect(new Set(sessions.map((s) => s.accountId))).toEqual(new Set([memberAccount]));
  });

  it('should never write a credential to the logs', async () => {
    const consoleLines: string[] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args.map(String).join(' '));
      });
    }
    proxy.addRule({
      kind: 'accessDenied',
      service: 'sts',
      operation: 'AssumeRole',
      roleArn: memberRole,
      times: 1,
      message: 'not authorized to perform: sts:SetSourceIdentity',
    });
    const session = await chain.session({
      tenantId: uniqueScanId(),
      scanId: uniqueScanId(),
      roleChain: roleChain(),
      sourceIdentity: 'palisade-scanner',
    });
    const secret = (await session.credentials()).secretAccessKey;
    const token = (await session.credentials()).sessionToken ?? '';
    await clients
      .createClient(STSClient, { session, region: 'eu-west-1', service: 'sts' })
      .send(new GetCallerIdentityCommand({}));

    const captured = [...logger.lines, ...consoleLines].join('\n');
    expect(logger.lines.some((l) => l.includes('assumed role'))).toBe(true);
    expect(logger.lines.some((l) => l.includes('refused SourceIdentity'))).toBe(true);
    expect(secret.length).toBeGreaterThan(10);
    expect(captured).not.toContain(secret);
    expect(captured).not.toContain(token);
    expect(captured).not.toContain(BASE_CREDENTIALS.secretAccessKey);
    expect(JSON.stringify(session)).not.toContain(secret);
  });
});
