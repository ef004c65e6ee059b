import { type AwsCredentialIdentity } from '@smithy/types';
import { resolveAwsAccessOptions } from './aws-access-options';
import { type AwsLogger, type LogFields } from './aws-logger';
import { withReassumeOnExpiry } from './client-middleware';
import { AwsSessionFactory, type SessionRequest } from './credential-chain';
import { AssumeRoleFailedError, classifyAwsError } from './error-classification';
import { type Partition } from './partition';
import { type AssumeRoleParams, type AssumedRole, type StsApi } from './sts-api';

const HUB = 'arn:aws:iam::111111111111:role/palisade-hub';
const MEMBER = 'arn:aws:iam::222222222222:role/palisade-scan';
const SCAN = '0f8fad5b-d9cb-469f-a165-70867728950e';
const TENANT = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OTHER_TENANT = '16fd2706-8baf-433b-82eb-8c7fada847da';
const BASE: AwsCredentialIdentity = {
  accessKeyId: 'AKIABASE',
  secretAccessKey: 'base-secret-value',
};

function awsError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

interface Call extends Omit<AssumeRoleParams, 'credentials'> {
  callerKey: string;
}

/** STS in memory: issues numbered keys, remembers who asked, can be told to refuse. */
class FakeSts implements StsApi {
  calls: Call[] = [];
  issued = 0;
  partition: Partition = 'aws';
  /** Return an error to refuse the call, undefined to answer it. */
  refuse: (p: AssumeRoleParams, callerKey: string) => Error | undefined = () => undefined;
  /** Holds every answer until released (to keep calls in flight). */
  gate: Promise<void> | undefined;

  constructor(private readonly now: () => number) {}

  async assumeRole(p: AssumeRoleParams): Promise<AssumedRole> {
    const caller = await p.credentials();
    const { credentials: _c, ...rest } = p;
    this.calls.push({ ...rest, callerKey: caller.accessKeyId });
    if (this.gate) await this.gate;
    const err = this.refuse(p, caller.accessKeyId);
    if (err) throw err;
    this.issued += 1;
    const n = this.issued;
    const [, , , , account, resource] = p.roleArn.split(':');
    const role = resource?.split('/').pop() ?? 'role';
    return {
      credentials: {
        accessKeyId: `ASIA${n}`,
        secretAccessKey: `secret-${n}-do-not-log`,
        sessionToken: `token-${n}`,
        expiration: new Date(this.now() + p.durationSeconds * 1000),
      },
      assumedRoleArn: `arn:${this.partition}:sts::${account}:assumed-role/${role}/${p.roleSessionName}`,
    };
  }

  async getCallerIdentity(p: { credentials: () => Promise<AwsCredentialIdentity> }) {
    await p.credentials();
    return {
      arn: `arn:${this.partition}:iam::123456789012:user/palisade`,
      account: '123456789012',
    };
  }
}

class CapturingLogger implements AwsLogger {
  lines: string[] = [];
  private write(level: string, message: string, fields?: LogFields) {
    this.lines.push(JSON.stringify({ level, message, ...fields }));
  }
  debug(m: string, f?: LogFields) {
    this.write('debug', m, f);
  }
  info(m: string, f?: LogFields) {
    this.write('info', m, f);
  }
  warn(m: string, f?: LogFields) {
    this.write('warn', m, f);
  }
}

describe('AwsSessionFactory (credential chain)', () => {
  let now: number;
  let sts: FakeSts;
  let logger: CapturingLogger;
  let chain: AwsSessionFactory;
  const clock = () => now;
  const request = (over: Partial<SessionRequest> = {}): SessionRequest => ({
    tenantId: TENANT,
    scanId: SCAN,
    roleChain: [
      { roleArn: HUB },
      { roleArn: MEMBER, externalId: 'ext-id-of-the-tenant-0123456789abcdef' },
    ],
    ...over,
  });

  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
    sts = new FakeSts(clock);
    logger = new CapturingLogger();
    chain = new AwsSessionFactory(
      resolveAwsAccessOptions({ defaultRegion: 'eu-west-1' }),
      sts,
      () => Promise.resolve(BASE),
      logger,
      clock,
    );
  });

  it('should assume the hub with the base identity, then the member with the hub credentials and the ExternalId', async () => {
    const session = await chain.session(request());
    expect(sts.calls).toEqual([
      {
        roleArn: HUB,
        roleSessionName: `palisade-${SCAN}`,
        durationSeconds: 3600,
        region: 'eu-west-1',
        callerKey: 'AKIABASE',
      },
      {
        roleArn: MEMBER,
        roleSessionName: `palisade-${SCAN}`,
        externalId: 'ext-id-of-the-tenant-0123456789abcdef',
        durationSeconds: 3600,
        region: 'eu-west-1',
        callerKey: 'ASIA1',
      },
    ]);
    expect(session.accountId).toBe('222222222222');
    expect(session.identityArn).toBe(
      `arn:aws:sts::222222222222:assumed-role/palisade-scan/palisade-${SCAN}`,
    );
    expect((await session.credentials()).accessKeyId).toBe('ASIA2');
  });

  it('should use the requested STS region (regional endpoints)', async () => {
    await chain.session(request({ stsRegion: 'ap-east-1' }));
    expect(sts.calls.map((c) => c.region)).toEqual(['ap-east-1', 'ap-east-1']);
  });

  it.each(['aws', 'aws-us-gov', 'aws-cn'] as const)(
    'should take the partition %s from the caller identity',
    async (partition) => {
      sts.partition = partition;
      const session = await chain.session(request());
      expect(session.partition).toBe(partition);
      expect(session.identityArn.startsWith(`arn:${partition}:sts::222222222222:`)).toBe(true);
    },
  );

  it('should take the partition of the base identity from GetCallerIdentity when there is no role to assume', async () => {
    sts.partition = 'aws-us-gov';
    const session = await chain.session(request({ roleChain: [] }));
    expect(session).toMatchObject({
      accountId: '123456789012',
      partition: 'aws-us-gov',
      sourceIdentityUsed: false,
    });
    expect(sts.calls).toHaveLength(0);
    expect(await session.credentials()).toEqual(BASE);
  });

  it('should hand out credentials with an expiration, so SDK clients refresh them on their own', async () => {
    const session = await chain.session(request());
    const identity = await session.credentials();
    expect(identity.expiration).toEqual(new Date(now + 3600_000));
    expect(session.credentials.memoized).toBe(true);
  });

  it('should refresh the chain before expiry (5 minutes ahead), not after', async () => {
    const session = await chain.session(request());
    now += 3600_000 - 300_001;
    expect((await session.credentials()).accessKeyId).toBe('ASIA2');
    expect(sts.calls).toHaveLength(2);
    now += 2;
    const refreshed = await session.credentials();
    expect(refreshed.accessKeyId).toBe('ASIA4');
    expect(refreshed.expiration).toEqual(new Date(now + 3600_000));
    // Both hops expire together, so both are re-assumed: hub first, member with the new hub key.
    expect(sts.calls.slice(2).map((c) => [c.roleArn, c.callerKey])).toEqual([
      [HUB, 'AKIABASE'],
      [MEMBER, 'ASIA3'],
    ]);
  });

  it('should keep working past the one-hour cap of chained sessions', async () => {
    const session = await chain.session(request());
    const keys = new Set<string>();
    for (let minute = 0; minute < 4 * 60; minute += 5) {
      now += 5 * 60_000;
      const c = await session.credentials();
      expect(c.expiration!.getTime()).toBeGreaterThan(now);
      keys.add(c.accessKeyId);
    }
    expect(keys.size).toBeGreaterThanOrEqual(4);
  });

  it('should cache per (tenant, account, role): another scan of the tenant reuses, another tenant assumes', async () => {
    await chain.session(request());
    await chain.session(request({ scanId: 'second-scan' }));
    expect(sts.calls).toHaveLength(2);
    await chain.session(request({ tenantId: OTHER_TENANT }));
    expect(sts.calls).toHaveLength(4);
    await chain.session(
      request({
        roleChain: [{ roleArn: HUB }, { roleArn: 'arn:aws:iam::333333333333:role/palisade-scan' }],
      }),
    );
    expect(sts.calls).toHaveLength(5); // the hub is cached; only the new member is assumed
    expect(AwsSessionFactory.cacheKey(TENANT, MEMBER)).toBe(`${TENANT}|222222222222|${MEMBER}`);
  });

  it('should share one in-flight AssumeRole among concurrent callers (no stampede)', async () => {
    let open!: () => void;
    sts.gate = new Promise<void>((r) => (open = r));
    const sessions = Promise.all(Array.from({ length: 100 }, () => chain.session(request())));
    await new Promise((r) => setImmediate(r));
    open();
    const all = await sessions;
    expect(sts.calls).toHaveLength(2);
    const keys = await Promise.all(all.map(async (s) => (await s.credentials()).accessKeyId));
    expect(new Set(keys)).toEqual(new Set(['ASIA2']));
  });

  it('should cap chained hops at one hour while the first hop gets the configured duration', async () => {
    await chain.session(request({ durationSeconds: 7200 }));
    expect(sts.calls.map((c) => c.durationSeconds)).toEqual([7200, 3600]);
  });

  it('should sanitise the session name', async () => {
    await chain.session(request({ scanId: 'scan id/with:odd*chars' }));
    expect(sts.calls[0]?.roleSessionName).toBe('palisade-scan-id-with-odd-chars');
  });

  describe('SourceIdentity', () => {
    it('should set SourceIdentity on every hop when the trusts allow it', async () => {
      const session = await chain.session(request({ sourceIdentity: 'alice@example.com' }));
      expect(sts.calls.map((c) => c.sourceIdentity)).toEqual([
        'alice@example.com',
        'alice@example.com',
      ]);
      expect(session.sourceIdentityUsed).toBe(true);
      expect(session.sourceIdentityFallbacks).toEqual([]);
    });

    it('should retry without SourceIdentity when the trust refuses sts:SetSourceIdentity, and record it', async () => {
      const refusal = `User: arn:aws:sts::111111111111:assumed-role/palisade-hub/palisade-${SCAN} is not authorized to perform: sts:SetSourceIdentity on resource: ${MEMBER}`;
      sts.refuse = (p) =>
        p.roleArn === MEMBER && p.sourceIdentity
          ? awsError('AccessDenied', refusal, 403)
          : undefined;
      const session = await chain.session(request({ sourceIdentity: 'alice' }));
      expect(sts.calls.filter((c) => c.roleArn === MEMBER).map((c) => c.sourceIdentity)).toEqual([
        'alice',
        undefined,
      ]);
      expect(session.sourceIdentityRequested).toBe(true);
      expect(session.sourceIdentityUsed).toBe(false);
      expect(session.sourceIdentityFallbacks).toEqual([{ roleArn: MEMBER, message: refusal }]);
      expect((await session.credentials()).accessKeyId).toBe('ASIA2');
      expect(logger.lines.some((l) => l.includes('refused SourceIdentity'))).toBe(true);
    });

    it('should retry without SourceIdentity on any AccessDenied when it was set, then report ASSUME_ROLE_DENIED if refused again', async () => {
      sts.refuse = (p) =>
        p.roleArn === MEMBER ? awsError('AccessDenied', 'Not authorized', 403) : undefined;
      const err = await chain
        .session(request({ sourceIdentity: 'alice' }))
        .catch((e: unknown) => e);
      expect(sts.calls.filter((c) => c.roleArn === MEMBER)).toHaveLength(2);
      expect(err).toBeInstanceOf(AssumeRoleFailedError);
      expect(classifyAwsError(err)).toMatchObject({
        code: 'ASSUME_ROLE_DENIED',
        awsCode: 'AccessDenied',
      });
    });

    it('should not retry without SourceIdentity when STS throttles', async () => {
      sts.refuse = (p) =>
        p.roleArn === MEMBER ? awsError('Throttling', 'Rate exceeded', 400) : undefined;
      const err = await chain
        .session(request({ sourceIdentity: 'alice' }))
        .catch((e: unknown) => e);
      expect(sts.calls.filter((c) => c.roleArn === MEMBER)).toHaveLength(1);
      expect(classifyAwsError(err).code).toBe('THROTTLED');
    });
  });

  it('should fail with ASSUME_ROLE_DENIED when the member role refuses, and not cache the failure', async () => {
    let refuse = true;
    sts.refuse = (p) =>
      refuse && p.roleArn === MEMBER
        ? awsError(
            'AccessDenied',
            `not authorized to perform: sts:AssumeRole on resource: ${MEMBER}`,
            403,
          )
        : undefined;
    const err = await chain.session(request()).catch((e: unknown) => e);
    expect(classifyAwsError(err).code).toBe('ASSUME_ROLE_DENIED');
    expect(classifyAwsError(err).message).toContain(MEMBER);
    refuse = false;
    await expect(chain.session(request())).resolves.toMatchObject({ accountId: '222222222222' });
  });

  it('should re-assume once when a call fails with ExpiredToken, and run the call again with the new credentials', async () => {
    const session = await chain.session(request());
    now += 1000;
    const used: string[] = [];
    const result = await withReassumeOnExpiry(
      session.credentials,
      async () => {
        const c = await session.credentials();
        used.push(c.accessKeyId);
        if (used.length === 1)
          throw awsError(
            'ExpiredToken',
            'The security token included in the request is expired',
            403,
          );
        return 'done';
      },
      clock,
    );
    expect(result).toBe('done');
    expect(used).toEqual(['ASIA2', 'ASIA3']);
    expect(sts.calls.slice(2).map((c) => [c.roleArn, c.callerKey])).toEqual([[MEMBER, 'ASIA1']]);
  });

  it('should re-assume only once: a second ExpiredToken reaches the caller', async () => {
    const session = await chain.session(request());
    const expired = awsError('ExpiredTokenException', 'expired', 400);
    const fn = jest.fn(() => Promise.reject(expired));
    await expect(withReassumeOnExpiry(session.credentials, fn, clock)).rejects.toBe(expired);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('should not re-assume on other errors', async () => {
    const session = await chain.session(request());
    const denied = awsError('AccessDenied', 'no', 403);
    const fn = jest.fn(() => Promise.reject(denied));
    await expect(withReassumeOnExpiry(session.credentials, fn, clock)).rejects.toBe(denied);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(sts.calls).toHaveLength(2);
  });

  it('should re-assume the hub once when assuming the member fails because the hub session expired', async () => {
    await chain.session(request());
    now += 3600_000; // both expired: force a member refresh whose first try is refused as expired
    let refusedOnce = false;
    sts.refuse = (p, callerKey) => {
      if (p.roleArn === MEMBER && callerKey === 'ASIA3' && !refusedOnce) {
        refusedOnce = true;
        return awsError(
          'ExpiredToken',
          'The security token included in the request is expired',
          403,
        );
      }
      return undefined;
    };
    const session = await chain.session(request());
    expect(sts.calls.slice(2).map((c) => [c.roleArn, c.callerKey])).toEqual([
      [HUB, 'AKIABASE'],
      [MEMBER, 'ASIA3'],
      [HUB, 'AKIABASE'],
      [MEMBER, 'ASIA4'],
    ]);
    expect((await session.credentials()).accessKeyId).toBe('ASIA5');
  });

  it('should never log a secret key or session token', async () => {
    sts.refuse = (p) =>
      p.roleArn === MEMBER && p.sourceIdentity
        ? awsError('AccessDenied', 'sts:SetSourceIdentity', 403)
        : undefined;
    const session = await chain.session(request({ sourceIdentity: 'alice' }));
    await session.credentials();
    expect(logger.lines.length).toBeGreaterThan(0);
    const log = logger.lines.join('\n');
    expect(log).not.toMatch(/secret-\d|token-\d|base-secret-value/);
    expect(JSON.stringify(session)).not.toMatch(/secret|token-\d/);
  });
});
