// s3.buckets over recorded AWS response shapes, for what moto does not emulate: MFADelete in
// GetBucketVersioning (moto ignores it), the legacy `EU` location constraint, and S3 in the
// other partitions.
import { type Outcome, failed, ok } from '@palisade/checks';
import { hasAwsCode } from '../../framework/aws-error';
import { type CollectorContext } from '../../framework/collector';
import { bucketsCollector, regionOfConstraint } from './buckets.collector';

type Answer = (input: { Bucket?: string }, region: string) => unknown;

/** A context whose clients answer each command by its class name; records (command, region). */
function fakeContext(answers: Record<string, Answer>, partition = 'aws') {
  const calls: [string, string][] = [];
  const ctx: CollectorContext = {
    accountId: '111122223333',
    partition,
    region: 'us-east-1',
    signal: new AbortController().signal,
    // An instance of the real client class (paginators insist), answering from the table.
    client: ((Client: { prototype: object }, _service: string, region = 'us-east-1') =>
      Object.assign(Object.create(Client.prototype) as object, {
        middlewareStack: { use: () => undefined },
        send: (command: { constructor: { name: string }; input: { Bucket?: string } }) => {
          const name = command.constructor.name;
          calls.push([name, region]);
          const answer = answers[name];
          if (answer === undefined) return Promise.reject(new Error(`unexpected ${name}`));
          // A thrown recorded error becomes the rejection, as the SDK's would.
          return Promise.resolve().then(() => answer(command.input, region));
        },
      })) as unknown as CollectorContext['client'],
    global: () => Promise.reject(new Error('no dependencies')),
    regional: () => Promise.reject(new Error('no dependencies')),
    attempt: async <T, A>(
      fn: () => Promise<T>,
      absent?: { codes: readonly string[]; value: A },
    ): Promise<Outcome<T | A>> => {
      try {
        return ok(await fn());
      } catch (err) {
        if (absent !== undefined && hasAwsCode(err, absent.codes)) return ok(absent.value);
        const e = err as Error;
        return failed(e.name, e.message);
      }
    },
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  };
  return { ctx, calls };
}

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

const noSettings: Record<string, Answer> = {
  GetBucketPolicyCommand: () => {
    throw awsError('NoSuchBucketPolicy');
  },
  GetPublicAccessBlockCommand: () => {
    throw awsError('NoSuchPublicAccessBlockConfiguration');
  },
  GetBucketVersioningCommand: () => ({}),
  GetBucketLoggingCommand: () => ({}),
  GetBucketTaggingCommand: () => {
    throw awsError('NoSuchTagSet');
  },
};

describe('s3.buckets (recorded response shapes: moto does not emulate MFADelete or the EU constraint)', () => {
  it('should map an empty constraint to the partition’s first region and EU to eu-west-1', () => {
    expect(regionOfConstraint(undefined, 'aws', 'x')).toBe('us-east-1');
    expect(regionOfConstraint('', 'aws-us-gov', 'x')).toBe('us-gov-west-1');
    expect(regionOfConstraint(null, 'aws-cn', 'x')).toBe('cn-north-1');
    expect(regionOfConstraint(undefined, 'aws-iso', 'us-iso-east-1')).toBe('us-iso-east-1');
    expect(regionOfConstraint('EU', 'aws', 'x')).toBe('eu-west-1');
    expect(regionOfConstraint('ap-south-2', 'aws', 'x')).toBe('ap-south-2');
  });

  it('should read MFADelete Enabled and a suspended status, in the bucket’s region', async () => {
    const { ctx, calls } = fakeContext({
      ...noSettings,
      ListBucketsCommand: () => ({
        Buckets: [
          { Name: 'legacy', CreationDate: new Date('2015-01-02T03:04:05Z') },
          { Name: 'plain', CreationDate: new Date('2024-01-01T00:00:00Z') },
        ],
        Owner: { ID: 'abc' },
      }),
      GetBucketLocationCommand: (input) => ({
        LocationConstraint: input.Bucket === 'legacy' ? 'EU' : undefined,
      }),
      // Recorded shape: <VersioningConfiguration><Status>Suspended</Status><MfaDelete>Enabled</MfaDelete>
      GetBucketVersioningCommand: (input) =>
        input.Bucket === 'legacy' ? { Status: 'Suspended', MFADelete: 'Enabled' } : {},
      GetBucketTaggingCommand: (input) => {
        if (input.Bucket === 'legacy') return { TagSet: [{ Key: 'owner', Value: 'ops' }] };
        throw awsError('NoSuchTagSet');
      },
    });
    const buckets = await bucketsCollector.collect(ctx);
    expect(buckets).toEqual([
      {
        name: 'legacy',
        arn: 'arn:aws:s3:::legacy',
        region: 'eu-west-1',
        creationDate: '2015-01-02T03:04:05.000Z',
        policy: { ok: true, data: null },
        publicAccessBlock: { ok: true, data: null },
        versioning: { ok: true, data: { status: 'Suspended', mfaDelete: true } },
        logging: { ok: true, data: null },
        tags: { ok: true, data: { owner: 'ops' } },
      },
      expect.objectContaining({
        name: 'plain',
        region: 'us-east-1',
        versioning: { ok: true, data: { status: 'Off', mfaDelete: false } },
        tags: { ok: true, data: {} },
      }),
    ]);
    expect(calls).toContainEqual(['GetBucketVersioningCommand', 'eu-west-1']);
    expect(calls).toContainEqual(['GetBucketVersioningCommand', 'us-east-1']);
  });

  it('should build ARNs in the account’s partition and read a partial block as off', async () => {
    const { ctx } = fakeContext(
      {
        ...noSettings,
        ListBucketsCommand: () => ({ Buckets: [{ Name: 'gov' }] }),
        GetBucketLocationCommand: () => ({ LocationConstraint: 'us-gov-east-1' }),
        GetPublicAccessBlockCommand: () => ({
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true },
        }),
      },
      'aws-us-gov',
    );
    const [bucket] = await bucketsCollector.collect(ctx);
    expect(bucket).toMatchObject({
      arn: 'arn:aws-us-gov:s3:::gov',
      region: 'us-gov-east-1',
      publicAccessBlock: {
        ok: true,
        data: {
          blockPublicAcls: true,
          ignorePublicAcls: true,
          blockPublicPolicy: false,
          restrictPublicBuckets: false,
        },
      },
    });
    expect(bucket).not.toHaveProperty('creationDate');
  });
});
