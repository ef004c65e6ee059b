// The fault-injecting proxy against a real moto server, driven by real AWS SDK v3 clients
// (STS: awsQuery, Organizations: awsJson1_1). EC2 (ec2Query) and Inspector2 (restJson) have
// no client installed: their calls are sent raw and decoded with the SDK's protocol classes.
// Isolation: every test uses its own random account ids; nothing resets moto.
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
  type Account,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { randomInt } from 'node:crypto';
import { depsEnv } from '../deps/deps-env';
import { awsClientConfig, type ProxyCredentials } from './aws-client-config';
import { startAwsProxy, type AwsProxy } from './aws-proxy';
import { decodeWithSdk } from './sdk-error-decoder';
import { type AwsProtocol, MOTO_DEFAULT_ACCOUNT } from './types';

const MOTO_URL = depsEnv('PALISADE_MOTO_URL');

const randomAccount = () => String(randomInt(100_000_000_000, 999_999_999_999));

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; attempts?: number };
  $response?: { headers: Record<string, string> };
}

async function caught(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the call to fail');
}

describe('AWS fault-injecting proxy in front of moto', () => {
  let proxy: AwsProxy;

  const sts = (credentials?: ProxyCredentials, region?: string, maxAttempts = 1) =>
    new STSClient({ ...awsClientConfig(proxy.url, credentials, region), maxAttempts });
  const orgs = (credentials?: ProxyCredentials, maxAttempts = 1) =>
    new OrganizationsClient({ ...awsClientConfig(proxy.url, credentials), maxAttempts });

  async function assumeInto(account: string, role = 'palisade'): Promise<ProxyCredentials> {
    const out = await sts().send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/${role}`,
        RoleSessionName: 'it',
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey)
      throw new Error('AssumeRole returned no credentials');
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken ?? '',
    };
  }

  /** A request as an SDK without an installed client would sign it (moto checks no signature). */
  async function raw(opts: {
    service: string;
    accessKeyId: string;
    path: string;
    body: string;
    contentType: string;
    region?: string;
  }) {
    const scope = `${opts.accessKeyId}/20260101/${opts.region ?? 'us-east-1'}/${opts.service}/aws4_request`;
    const res = await fetch(`${proxy.url}${opts.path}`, {
      method: 'POST',
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=0`,
        'content-type': opts.contentType,
      },
      body: opts.body,
    });
    return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
  }

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: MOTO_URL });
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  describe('identifying and logging calls', () => {
    it('logs GetCallerIdentity with moto default account, service, operation and region', async () => {
      const out = await sts(undefined, 'eu-west-2').send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe(MOTO_DEFAULT_ACCOUNT);
      expect(proxy.log).toEqual([
        expect.objectContaining({
          account: MOTO_DEFAULT_ACCOUNT,
          service: 'sts',
          operation: 'GetCallerIdentity',
          region: 'eu-west-2',
          status: 200,
          accessKeyId: 'testing',
        }),
      ]);
    });

    it('records AssumeRole parameters and logs calls with the returned keys under the role account', async () => {
      const roleArn = 'arn:aws:iam::111111111111:role/x';
      const out = await sts().send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: 'palisade-scan',
          ExternalId: 'tenant-ext-1',
          SourceIdentity: 'palisade',
          DurationSeconds: 900,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
        throw new Error('no credentials');
      const assumed = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
      };

      const who = await sts(assumed).send(new GetCallerIdentityCommand({}));

      expect(who.Account).toBe('111111111111');
      expect(proxy.log).toEqual([
        expect.objectContaining({
          account: MOTO_DEFAULT_ACCOUNT,
          operation: 'AssumeRole',
          status: 200,
          assumeRole: {
            roleArn,
            externalId: 'tenant-ext-1',
            sourceIdentity: 'palisade',
            roleSessionName: 'palisade-scan',
            durationSeconds: 900,
          },
        }),
        expect.objectContaining({
          account: '111111111111',
          operation: 'GetCallerIdentity',
          accessKeyId: c.AccessKeyId,
        }),
      ]);
      const logged = JSON.stringify(proxy.log);
      expect(logged).not.toContain(c.SecretAccessKey);
      expect(logged).not.toContain(c.SessionToken);
    });

    it('forwards S3 REST calls path-style and names them from method and path', async () => {
      const creds = await assumeInto(randomAccount());
      const bucket = `palisade-proxy-${randomInt(1_000_000)}`;
      const scope = `${creds.accessKeyId}/20260101/us-east-1/s3/aws4_request`;
      const headers = {
        authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host, Signature=0`,
      };
      proxy.clearLog();
      expect((await fetch(`${proxy.url}/${bucket}`, { method: 'PUT', headers })).status).toBe(200);
      const list = await fetch(`${proxy.url}/`, { headers });
      expect(await list.text()).toContain(`<Name>${bucket}</Name>`);
      expect(proxy.log.map((e) => [e.service, e.operation, e.status])).toEqual([
        ['s3', 'CreateBucket', 200],
        ['s3', 'ListBuckets', 200],
      ]);
    });

    it('answers 502 and logs it when moto cannot be reached', async () => {
      const dead = await startAwsProxy({ upstream: 'http://127.0.0.1:1' });
      try {
        const err = await caught(
          new STSClient({ ...awsClientConfig(dead.url), maxAttempts: 1 }).send(
            new GetCallerIdentityCommand({}),
          ),
        );
        expect(err.$metadata.httpStatusCode).toBe(502);
        expect(dead.log).toEqual([
          expect.objectContaining({ operation: 'GetCallerIdentity', status: 502 }),
        ]);
      } finally {
        await dead.close();
      }
    });

    it('streams moto-api calls through without logging them', async () => {
      // The dashboard page, not data.json: data.json serialises every backend of the moto the
      // whole int tier shares, and answers 500 when another spec's resource does not serialise.
      const res = await fetch(`${proxy.url}/moto-api/`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html');
      expect(proxy.log).toEqual([]);
    });
  });

  describe('access denied', () => {
    it('answers an STS call with a query-protocol AccessDenied (HTTP 403)', async () => {
      proxy.addRule({ kind: 'accessDenied', service: 'sts', operation: 'GetCallerIdentity' });
      const err = await caught(sts().send(new GetCallerIdentityCommand({})));
      expect(err.name).toBe('AccessDenied');
      expect(err.$metadata.httpStatusCode).toBe(403);
      expect(proxy.log[0]).toMatchObject({ status: 403, injected: 'accessDenied' });
    });

    it('answers an Organizations call with a JSON AccessDeniedException (HTTP 400) only for the ruled account', async () => {
      const denied = randomAccount();
      proxy.addRule({ kind: 'accessDenied', account: denied, service: 'organizations' });
      const err = await caught(orgs(await assumeInto(denied)).send(new ListRootsCommand({})));
      expect(err.name).toBe('AccessDeniedException');
      expect(err.$metadata.httpStatusCode).toBe(400);
      const other = await caught(
        orgs(await assumeInto(randomAccount())).send(new ListRootsCommand({})),
      );
      expect(other.name).toBe('AWSOrganizationsNotInUseException');
    });

    it('carries the SCP explicit-deny message for scpDeny', async () => {
      proxy.addRule({ kind: 'scpDeny', service: 'organizations' });
      const err = await caught(orgs().send(new DescribeOrganizationCommand({})));
      expect(err.name).toBe('AccessDeniedException');
      expect(err.message).toMatch(
        /^User: arn:aws:iam::123456789012:user\/moto is not authorized to perform: organizations:DescribeOrganization with an explicit deny in a service control policy$/,
      );
    });

    it('answers EC2 with UnauthorizedOperation in the ec2Query error shape', async () => {
      proxy.addRule({ kind: 'scpDeny', service: 'ec2' });
      const res = await raw({
        service: 'ec2',
        accessKeyId: 'testing',
        path: '/',
        body: 'Action=DescribeRegions&Version=2016-11-15',
        contentType: 'application/x-www-form-urlencoded; charset=utf-8',
      });
      const err = await decodeWithSdk('ec2', res.status, res.headers, res.body);
      expect(err).toMatchObject({ name: 'UnauthorizedOperation', httpStatusCode: 403 });
      expect(err.message).toContain('explicit deny in a service control policy');
      expect(proxy.log[0]).toMatchObject({ service: 'ec2', operation: 'DescribeRegions' });
    });
  });

  describe('regions not enabled', () => {
    it('refuses only the ruled region, per protocol', async () => {
      proxy.addRule({ kind: 'regionNotEnabled', region: 'ap-east-1' });
      const stsErr = await caught(
        sts(undefined, 'ap-east-1').send(new GetCallerIdentityCommand({})),
      );
      expect(stsErr.name).toBe('InvalidClientTokenId');
      expect(stsErr.$metadata.httpStatusCode).toBe(403);
      await expect(
        sts(undefined, 'eu-west-1').send(new GetCallerIdentityCommand({})),
      ).resolves.toMatchObject({ Account: MOTO_DEFAULT_ACCOUNT });

      const ec2 = await raw({
        service: 'ec2',
        region: 'ap-east-1',
        accessKeyId: 'testing',
        path: '/',
        body: 'Action=DescribeInstances&Version=2016-11-15',
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(await decodeWithSdk('ec2', ec2.status, ec2.headers, ec2.body)).toMatchObject({
        name: 'OptInRequired',
      });
    });

    it('answers a JSON service with UnrecognizedClientException', async () => {
      proxy.addRule({ kind: 'regionNotEnabled', service: 'organizations' });
      const err = await caught(orgs().send(new DescribeOrganizationCommand({})));
      expect(err.name).toBe('UnrecognizedClientException');
      expect(err.message).toBe('The security token included in the request is invalid.');
    });
  });

  describe('AssumeRole refusal', () => {
    it('refuses AssumeRole when the ExternalId differs from the expected one and allows the right one', async () => {
      const account = randomAccount();
      const roleArn = `arn:aws:iam::${account}:role/PalisadeScan`;
      proxy.addRule({ kind: 'assumeRoleRefused', roleArn, expectedExternalId: 'right' });

      const err = await caught(
        sts().send(
          new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's', ExternalId: 'wrong' }),
        ),
      );
      expect(err.name).toBe('AccessDenied');
      expect(err.$metadata.httpStatusCode).toBe(403);
      expect(err.message).toBe(
        `User: arn:aws:iam::123456789012:user/moto is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
      const ok = await sts().send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's', ExternalId: 'right' }),
      );
      expect(ok.AssumedRoleUser?.Arn).toContain(account);
    });

    it('refuses AssumeRole into a missing role whatever the parameters, naming the assumed-role caller', async () => {
      const hub = randomAccount();
      const missing = `arn:aws:iam::${randomAccount()}:role/Missing`;
      proxy.addRule({ kind: 'assumeRoleRefused', roleArn: missing });
      const err = await caught(
        sts(await assumeInto(hub, 'Hub')).send(
          new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: 's' }),
        ),
      );
      expect(err.message).toBe(
        `User: arn:aws:sts::${hub}:assumed-role/Hub/it is not authorized to perform: sts:AssumeRole on resource: ${missing}`,
      );
    });
  });

  describe('throttling', () => {
    it('throttles with HTTP 429, Throttling and a Retry-After header', async () => {
      proxy.addRule({ kind: 'throttle', service: 'sts', probability: 1, retryAfterSeconds: 3 });
      const err = await caught(sts().send(new GetCallerIdentityCommand({})));
      expect(err.name).toBe('Throttling');
      expect(err.$metadata.httpStatusCode).toBe(429);
      expect(err.$response?.headers['retry-after']).toBe('3');
    });

    it('returns 503 ThrottlingException for JSON services when asked', async () => {
      proxy.addRule({
        kind: 'throttle',
        service: 'organizations',
        status: 503,
        retryAfterSeconds: 0,
      });
      const err = await caught(orgs().send(new DescribeOrganizationCommand({})));
      expect(err.name).toBe('ThrottlingException');
      expect(err.$metadata.httpStatusCode).toBe(503);
    });

    it('lets calls succeed through SDK standard retries when half the calls are throttled', async () => {
      // Seed 7 draws throttle, throttle, pass, pass: the first call needs all 3 standard attempts.
      proxy.addRule({
        kind: 'throttle',
        service: 'sts',
        probability: 0.5,
        retryAfterSeconds: 0,
        seed: 7,
      });
      const client = new STSClient({ ...awsClientConfig(proxy.url), retryMode: 'standard' });
      for (let i = 0; i < 2; i += 1) {
        await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
          Account: MOTO_DEFAULT_ACCOUNT,
        });
      }
      expect(proxy.log.map((e) => e.status)).toEqual([429, 429, 200, 200]);
    });

    it('answers Organizations with TooManyRequestsException, HTTP 400', async () => {
      proxy.addRule({ kind: 'orgsTooManyRequests', times: 1 });
      const client = orgs(await assumeInto(randomAccount()));
      const err = await caught(client.send(new DescribeOrganizationCommand({})));
      expect(err.name).toBe('TooManyRequestsException');
      expect(err.$metadata.httpStatusCode).toBe(400);
      // `times: 1`: the next call reaches moto (the fresh account has no organization).
      const next = await caught(client.send(new DescribeOrganizationCommand({})));
      expect(next.name).toBe('AWSOrganizationsNotInUseException');
    });
  });

  describe('empty pages carrying a token', () => {
    it('makes the SDK paginator read an empty page, then all accounts of the organization', async () => {
      const management = randomAccount();
      const creds = await assumeInto(management);
      const client = orgs(creds);
      await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      for (const name of ['a', 'b']) {
        await client.send(
          new CreateAccountCommand({
            AccountName: name,
            Email: `${name}-${management}@example.com`,
          }),
        );
      }
      proxy.clearLog();
      proxy.addRule({
        kind: 'emptyPageWithToken',
        account: management,
        operation: 'ListAccounts',
        times: 1,
      });

      const pages: Account[][] = [];
      for await (const page of paginateListAccounts({ client }, {}))
        pages.push(page.Accounts ?? []);

      expect(pages[0]).toEqual([]);
      expect(
        pages
          .flat()
          .map((a) => a.Name)
          .sort(),
      ).toEqual(['a', 'b', 'master']);
      expect(proxy.log.map((e) => [e.operation, e.status, e.injected])).toEqual([
        ['ListAccounts', 200, 'emptyPageWithToken'],
        ['ListAccounts', 200, undefined],
      ]);
    });
  });

  describe('Inspector2 ListFindings paging', () => {
    it('serves moto findings in pages of pageSize, honouring a smaller maxResults', async () => {
      const account = randomAccount();
      const creds = await assumeInto(account);
      const findings = Array.from({ length: 5 }, (_, i) => ({
        awsAccountId: account,
        findingArn: `arn:aws:inspector2:us-east-1:${account}:finding/f${i}`,
        severity: 'HIGH',
      }));
      const seeded = await fetch(`${proxy.url}/moto-api/static/inspector2/findings-results`, {
        method: 'POST',
        body: JSON.stringify({ results: [findings], account_id: account, region: 'us-east-1' }),
      });
      expect(seeded.status).toBe(201);
      proxy.addRule({ kind: 'inspectorPaging', pageSize: 3 });

      const pages: string[][] = [];
      let nextToken: string | undefined;
      do {
        const res = await raw({
          service: 'inspector2',
          accessKeyId: creds.accessKeyId,
          path: '/findings/list',
          contentType: 'application/json',
          body: JSON.stringify({ maxResults: 2, ...(nextToken ? { nextToken } : {}) }),
        });
        expect(res.status).toBe(200);
        const page = JSON.parse(res.body) as {
          findings: { findingArn: string }[];
          nextToken?: string;
        };
        pages.push(page.findings.map((f) => f.findingArn.slice(-2)));
        nextToken = page.nextToken;
      } while (nextToken);

      expect(pages).toEqual([['f0', 'f1'], ['f2', 'f3'], ['f4']]);
      const listed = proxy.log.filter((e) => e.operation === 'ListFindings');
      expect(listed.map((e) => [e.account, e.service, e.injected])).toEqual([
        [account, 'inspector2', 'inspectorPaging'],
        [account, 'inspector2', 'inspectorPaging'],
        [account, 'inspector2', 'inspectorPaging'],
      ]);
    });

    it('shows moto itself returns every finding with no nextToken (why the pager exists)', async () => {
      const account = randomAccount();
      const creds = await assumeInto(account);
      const findings = Array.from({ length: 4 }, (_, i) => ({
        awsAccountId: account,
        findingArn: `f${i}`,
      }));
      await fetch(`${proxy.url}/moto-api/static/inspector2/findings-results`, {
        method: 'POST',
        body: JSON.stringify({ results: [findings], account_id: account, region: 'us-east-1' }),
      });
      const res = await raw({
        service: 'inspector2',
        accessKeyId: creds.accessKeyId,
        path: '/findings/list',
        contentType: 'application/json',
        body: JSON.stringify({ maxResults: 2 }),
      });
      const page = JSON.parse(res.body) as { findings: unknown[]; nextToken?: string };
      expect(page.findings).toHaveLength(4);
      expect(page.nextToken).toBeUndefined();
    });

    it('decodes an injected Inspector2 AccessDeniedException as restJson with HTTP 403', async () => {
      proxy.addRule({
        kind: 'accessDenied',
        service: 'inspector2',
        operation: 'BatchGetAccountStatus',
      });
      const res = await raw({
        service: 'inspector2',
        accessKeyId: 'testing',
        path: '/status/batch/get',
        contentType: 'application/json',
        body: '{}',
      });
      const protocol: AwsProtocol = 'rest-json';
      expect(await decodeWithSdk(protocol, res.status, res.headers, res.body)).toMatchObject({
        name: 'AccessDeniedException',
        httpStatusCode: 403,
      });
    });
  });
});
