import { failed, ok } from '@palisade/checks';
import { type CollectorContext } from '../../framework/collector';
import { ec2EbsEncryptionByDefaultCollector } from './ebs-encryption-by-default.collector';

/** A context whose EC2 client answers each command by its class name. */
function contextAnswering(answers: Record<string, () => unknown>): CollectorContext {
  const client = {
    middlewareStack: { use: () => undefined },
    send: (command: object) => {
      const answer = answers[command.constructor.name];
      if (answer === undefined) throw new Error(`unexpected ${command.constructor.name}`);
      return Promise.resolve().then(answer);
    },
  };
  return {
    accountId: '111122223333',
    partition: 'aws',
    region: 'eu-west-1',
    signal: new AbortController().signal,
    client: <T>() => client as T,
    global: () => Promise.reject(new Error('no dependency expected')),
    regional: () => Promise.reject(new Error('no dependency expected')),
    attempt: async <T>(fn: () => Promise<T>) => {
      try {
        return ok(await fn());
      } catch (err) {
        return failed((err as Error).name, (err as Error).message);
      }
    },
    mapBounded: (items, fn) => Promise.all(items.map(fn)),
  } as CollectorContext;
}

describe('ec2.ebsEncryptionByDefault (recorded response shape, moto does not emulate GetEbsDefaultKmsKeyId)', () => {
  it('should read the default KMS key when encryption by default is on', async () => {
    const data = await ec2EbsEncryptionByDefaultCollector.collect(
      contextAnswering({
        GetEbsEncryptionByDefaultCommand: () => ({
          EbsEncryptionByDefault: true,
          SseType: 'sse-ebs',
        }),
        GetEbsDefaultKmsKeyIdCommand: () => ({
          KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        }),
      }),
    );
    expect(data).toEqual({
      enabled: true,
      defaultKmsKeyId: ok(
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ),
    });
  });

  it('should keep an unreadable default key as that key’s error, not fail the setting', async () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'UnauthorizedOperation' });
    const data = await ec2EbsEncryptionByDefaultCollector.collect(
      contextAnswering({
        GetEbsEncryptionByDefaultCommand: () => ({ EbsEncryptionByDefault: true }),
        GetEbsDefaultKmsKeyIdCommand: () => {
          throw denied;
        },
      }),
    );
    expect(data).toEqual({
      enabled: true,
      defaultKmsKeyId: failed('UnauthorizedOperation', 'not authorized'),
    });
  });

  it('should not ask for the key when encryption by default is off', async () => {
    const data = await ec2EbsEncryptionByDefaultCollector.collect(
      contextAnswering({
        GetEbsEncryptionByDefaultCommand: () => ({ EbsEncryptionByDefault: false }),
      }),
    );
    expect(data).toEqual({ enabled: false });
  });
});
