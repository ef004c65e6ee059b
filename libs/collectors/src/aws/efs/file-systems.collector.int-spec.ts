// efs.fileSystems against moto, through the fault proxy (which names EFS's REST calls).
import { CreateFileSystemCommand, EFSClient } from '@aws-sdk/client-efs';
import {
  type AwsProxy,
  type CollectorHarness,
  collectorHarness,
  depsEnv,
  startAwsProxy,
} from '@palisade/testing';
import { fileSystemsCollector } from './file-systems.collector';

describe('efs.fileSystems (moto through the fault proxy)', () => {
  let proxy: AwsProxy;
  let h: CollectorHarness;
  let encryptedId: string;
  let plainId: string;

  beforeAll(async () => {
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    h = await collectorHarness({ endpointUrl: proxy.url });
    const efs = h.clients.createClient(EFSClient, {
      region: 'eu-west-1',
      service: 'efs',
      session: h.session,
    });
    const encrypted = await efs.send(
      new CreateFileSystemCommand({
        CreationToken: 'shared-home',
        Encrypted: true,
        Tags: [{ Key: 'Name', Value: 'shared-home' }],
      }),
    );
    const plain = await efs.send(new CreateFileSystemCommand({ CreationToken: 'scratch' }));
    encryptedId = encrypted.FileSystemId ?? '';
    plainId = plain.FileSystemId ?? '';
  });
  afterAll(async () => {
    h?.close();
    if (proxy) await proxy.close();
  });
  beforeEach(() => {
    proxy.clearRules();
    proxy.clearLog();
  });

  it('should read every file system’s encryption, per region', async () => {
    const { snapshot } = await h.collect(['efs.fileSystems'], ['eu-west-1', 'us-east-1']);
    const eu = snapshot.regional('efs.fileSystems', 'eu-west-1');
    if (!eu.ok) throw new Error(eu.message);
    const sorted = [...eu.data].sort((a, b) =>
      a.encrypted === b.encrypted ? 0 : a.encrypted ? -1 : 1,
    );
    expect(sorted).toEqual([
      expect.objectContaining({
        fileSystemId: encryptedId,
        arn: `arn:aws:elasticfilesystem:eu-west-1:${h.accountId}:file-system/${encryptedId}`,
        name: 'shared-home',
        encrypted: true,
        lifeCycleState: 'available',
      }),
      expect.objectContaining({ fileSystemId: plainId, encrypted: false }),
    ]);
    expect(sorted[1]).not.toHaveProperty('name');
    expect(snapshot.regional('efs.fileSystems', 'us-east-1')).toEqual({ ok: true, data: [] });
    expect(new Set(proxy.log.map((e) => `${e.service}:${e.operation}`))).toEqual(
      new Set(fileSystemsCollector.operations),
    );
  });

  it('should fail the collector with the classified code when the listing is denied', async () => {
    proxy.setRules([{ kind: 'accessDenied', operation: 'DescribeFileSystems' }]);
    const { snapshot } = await h.collect(['efs.fileSystems'], ['eu-west-1']);
    expect(snapshot.regional('efs.fileSystems', 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'ACCESS_DENIED',
    });
  });
});
