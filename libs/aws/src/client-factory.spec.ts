import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { HttpResponse } from '@smithy/core/protocols';
import { type AwsCredentialIdentity, type HttpRequest } from '@smithy/types';
import { type AwsAccessOptionsInput, resolveAwsAccessOptions } from './aws-access-options';
import { type AwsLogger } from './aws-logger';
import { type RefreshingCredentials } from './aws-session';
import { AwsClientFactory, type SdkClientLike } from './client-factory';

const CREDS: AwsCredentialIdentity = { accessKeyId: 'AKIATEST', secretAccessKey: 'test-secret' };
const silent: AwsLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

interface Seen {
  url: string;
  headers: Record<string, string>;
  accessKeyId: string | undefined;
  at: number;
}

/**
 * Answers every request in-process, after the SDK built and signed it: `answer` may throw an
 * error (as the deserialiser would) or return nothing (an empty success).
 */
function intercept(
  client: SdkClientLike,
  seen: Seen[],
  answer: (n: number) => Promise<void> | void = () => undefined,
) {
  (
    client as unknown as { middlewareStack: { add: (mw: unknown, o: object) => void } }
  ).middlewareStack.add(
    () => async (args: { request: HttpRequest }) => {
      const r = args.request;
      const auth = r.headers['authorization'] ?? '';
      seen.push({
        url: `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}`,
        headers: r.headers,
        accessKeyId: /Credential=([^/]+)\//.exec(auth)?.[1],
        at: Date.now(),
      });
      await answer(seen.length);
      return {
        output: { $metadata: {} },
        response: new HttpResponse({ statusCode: 200, headers: {} }),
      };
    },
    { step: 'finalizeRequest', priority: 'low', name: 'testIntercept' },
  );
}

function factory(input: AwsAccessOptionsInput = {}): AwsClientFactory {
  return new AwsClientFactory(resolveAwsAccessOptions(input), silent);
}

describe('AwsClientFactory', () => {
  const factories: AwsClientFactory[] = [];
  const make = (input: AwsAccessOptionsInput = {}) => {
    const f = factory(input);
    factories.push(f);
    return f;
  };
  afterEach(() => factories.splice(0).forEach((f) => f.destroy()));

  describe('endpoints', () => {
    it('should use a per-service endpoint before the global one, whatever its key spelling', () => {
      const f = make({
        endpointUrl: 'http://127.0.0.1:4566',
        serviceEndpoints: { S3_CONTROL: 'http://127.0.0.1:5000', sts: 'http://127.0.0.1:6000' },
      });
      expect(f.configFor('s3-control', 'eu-west-1').endpoint).toBe('http://127.0.0.1:5000');
      expect(f.configFor('STS', 'eu-west-1').endpoint).toBe('http://127.0.0.1:6000');
      expect(f.configFor('ec2', 'eu-west-1').endpoint).toBe('http://127.0.0.1:4566');
    });

    it('should leave the endpoint to the SDK when nothing is overridden', () => {
      expect(make().configFor('ec2', 'eu-west-1').endpoint).toBeUndefined();
    });

    it('should call regional STS endpoints in every partition', async () => {
      const f = make();
      const seen: Seen[] = [];
      for (const region of ['us-east-1', 'ap-east-1', 'us-gov-west-1', 'cn-north-1']) {
        const sts = f.createClient(STSClient, { credentials: CREDS, region, service: 'sts' });
        intercept(sts, seen);
        await sts.send(new GetCallerIdentityCommand({}));
      }
      expect(seen.map((s) => s.url)).toEqual([
        'https://sts.us-east-1.amazonaws.com/',
        'https://sts.ap-east-1.amazonaws.com/',
        'https://sts.us-gov-west-1.amazonaws.com/',
        'https://sts.cn-north-1.amazonaws.com.cn/',
      ]);
    });

    it('should send S3 to an overridden endpoint in path style', async () => {
      const s3 = make({ endpointUrl: 'http://127.0.0.1:4566' }).createClient(S3Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 's3',
      });
      const seen: Seen[] = [];
      intercept(s3, seen);
      await s3.send(new ListObjectsV2Command({ Bucket: 'audit-logs' }));
      expect(seen[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:4566\/audit-logs\/?(\?|$)/);
    });

    it('should keep S3 virtual-hosted against real AWS', () => {
      expect(make().configFor('s3', 'eu-west-1').forcePathStyle).toBeUndefined();
    });

    it('should send S3 Control to an overridden IP endpoint without the <account>. host prefix', async () => {
      const s3control = make({ endpointUrl: 'http://127.0.0.1:4566' }).createClient(
        S3ControlClient,
        {
          credentials: CREDS,
          region: 'eu-west-1',
          service: 's3-control',
        },
      );
      const seen: Seen[] = [];
      intercept(s3control, seen);
      await s3control.send(new GetPublicAccessBlockCommand({ AccountId: '222222222222' }));
      expect(seen[0]?.url).toBe('http://127.0.0.1:4566/v20180820/configuration/publicAccessBlock');
      expect(seen[0]?.headers['x-amz-account-id']).toBe('222222222222');
      expect(seen[0]?.headers['authorization']).toContain('/eu-west-1/s3/aws4_request');
    });

    it('should keep the <account>.s3-control host against real AWS', async () => {
      const s3control = make().createClient(S3ControlClient, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 's3-control',
      });
      const seen: Seen[] = [];
      intercept(s3control, seen);
      await s3control.send(new GetPublicAccessBlockCommand({ AccountId: '222222222222' }));
      expect(seen[0]?.url).toBe(
        'https://222222222222.s3-control.eu-west-1.amazonaws.com/v20180820/configuration/publicAccessBlock',
      );
    });
  });

  describe('retries', () => {
    it('should configure the adaptive retry mode with the attempt budget', async () => {
      const ec2 = make({ maxAttempts: 7 }).createClient(EC2Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 'ec2',
      });
      await expect(ec2.config.maxAttempts()).resolves.toBe(7);
      const strategy = (await ec2.config.retryStrategy()) as { mode?: string };
      expect(strategy.mode).toBe('adaptive');
    });

    it('should stop after maxAttempts when AWS keeps throttling', async () => {
      const ec2 = make({ maxAttempts: 2 }).createClient(EC2Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 'ec2',
      });
      const seen: Seen[] = [];
      intercept(ec2, seen, () => {
        throw throttled(0);
      });
      await expect(ec2.send(new DescribeRegionsCommand({}))).rejects.toMatchObject({
        name: 'Throttling',
      });
      expect(seen).toHaveLength(2);
    });

    it('should wait at least as long as Retry-After says before retrying', async () => {
      const ec2 = make().createClient(EC2Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 'ec2',
      });
      const seen: Seen[] = [];
      intercept(ec2, seen, (n) => {
        if (n === 1) throw throttled(1.5);
      });
      await ec2.send(new DescribeRegionsCommand({}));
      expect(seen).toHaveLength(2);
      // Throttling back-off alone is below 1 s on the first retry; 1.5 s can only come from the header.
      expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1450);
    });
  });

  describe('concurrency per account and service', () => {
    it('should keep at most N calls of one service in flight per account, across clients and regions', async () => {
      const f = make({ concurrencyPerAccountService: 2 });
      let inFlight = 0;
      let peak = 0;
      const slow = async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
      };
      const calls = ['eu-west-1', 'eu-west-2', 'us-east-1'].flatMap((region) => {
        const ec2 = f.createClient(EC2Client, {
          credentials: CREDS,
          region,
          service: 'ec2',
          accountId: '222222222222',
        });
        intercept(ec2, [], slow);
        return Array.from({ length: 4 }, () => ec2.send(new DescribeRegionsCommand({})));
      });
      await Promise.all(calls);
      expect(peak).toBe(2);
    });

    it('should not make one account wait for another', async () => {
      const f = make({ concurrencyPerAccountService: 1 });
      let open!: () => void;
      const blocked = new Promise<void>((r) => (open = r));
      const a = f.createClient(EC2Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 'ec2',
        accountId: '111111111111',
      });
      const b = f.createClient(EC2Client, {
        credentials: CREDS,
        region: 'eu-west-1',
        service: 'ec2',
        accountId: '222222222222',
      });
      intercept(a, [], () => blocked);
      intercept(b, []);
      const first = a.send(new DescribeRegionsCommand({}));
      await expect(b.send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
      open();
      await first;
    });
  });

  describe('expired credentials', () => {
    it('should re-assume once and re-sign the call with the new credentials', async () => {
      let generation = 1;
      const invalidations: Array<number | undefined> = [];
      const credentials: RefreshingCredentials = Object.assign(
        () =>
          Promise.resolve({
            accessKeyId: `ASIAGEN${generation}`,
            secretAccessKey: 's',
            sessionToken: 't',
            expiration: new Date(Date.now() + 3600_000),
          }),
        {
          memoized: true as const,
          invalidate: (staleSince?: number) => {
            invalidations.push(staleSince);
            generation += 1;
          },
        },
      );
      const ec2 = make().createClient(EC2Client, {
        credentials,
        region: 'eu-west-1',
        service: 'ec2',
      });
      const seen: Seen[] = [];
      intercept(ec2, seen, (n) => {
        if (n === 1)
          throw Object.assign(new Error('The security token included in the request is expired'), {
            name: 'ExpiredToken',
            $metadata: { httpStatusCode: 403 },
          });
      });
      await ec2.send(new DescribeRegionsCommand({}));
      expect(seen.map((s) => s.accessKeyId)).toEqual(['ASIAGEN1', 'ASIAGEN2']);
      expect(invalidations).toHaveLength(1);
    });
  });
});

function throttled(retryAfterSeconds: number): Error {
  const headers: Record<string, string> =
    retryAfterSeconds > 0 ? { 'retry-after': String(retryAfterSeconds) } : {};
  return Object.assign(new Error('Rate exceeded'), {
    name: 'Throttling',
    $metadata: { httpStatusCode: 429 },
    $response: new HttpResponse({ statusCode: 429, headers }),
  });
}
