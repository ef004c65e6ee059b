// The discovery service as deployed: its own OS process, the real Kafka broker and Postgres,
// moto behind the fault proxy. A scan.requested on Kafka becomes jobs and events on Kafka.
import { randomUUID } from 'node:crypto';
import { Topics } from '@palisade/contracts';
import {
  createDataSource,
  createTestDatabase,
  parseTenantId,
  TenantEntity,
  type TestDatabase,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import {
  type AwsProxy,
  depsEnv,
  generatedOrganizationSpec,
  type KafkaObserver,
  type SeededOrganization,
  seedOrganization,
  type ServiceProcess,
  startAwsProxy,
  startKafkaObserver,
  startServiceProcess,
} from '@palisade/testing';

const BASE_SECRET = 'discovery-process-base-secret';

describe('the discovery process fanning a scan out over Kafka', () => {
  const prefix = `fanout-${randomUUID().slice(0, 8)}.`;
  let db: TestDatabase;
  let proxy: AwsProxy;
  let org: SeededOrganization;
  let service: ServiceProcess;
  let observer: KafkaObserver;
  const jobs = () => observer.of(Topics.scanJobs);
  const events = () => observer.of(Topics.scanJobEvents);

  beforeAll(async () => {
    const moto = depsEnv('PALISADE_MOTO_URL');
    db = await createTestDatabase();
    proxy = await startAwsProxy({ upstream: moto });
    org = await seedOrganization(
      moto,
      generatedOrganizationSpec({ accounts: 6, fanOut: [2, 1], suspendEvery: 6 }),
    );
    service = await startServiceProcess({
      entry: 'apps/discovery/src/main.ts',
      env: {
        DATABASE_URL: db.serviceUrl,
        KAFKA_BROKERS: depsEnv('PALISADE_KAFKA_BROKERS'),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_GROUP_PREFIX: prefix,
        KAFKA_PARTITIONS_DEFAULT: '1',
        KAFKA_PARTITIONS_JOBS: '2',
        KAFKA_PARTITIONS_JOB_EVENTS: '2',
        KAFKA_PARTITIONS_FINDINGS_RAW: '2',
        AWS_ENDPOINT_URL: proxy.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAPALISADEPROCESS',
        AWS_SECRET_ACCESS_KEY: BASE_SECRET,
      },
    });
    observer = await startKafkaObserver({ prefix, watch: [Topics.scanJobs, Topics.scanJobEvents] });
  }, 120_000);

  afterAll(async () => {
    await observer?.stop();
    await service?.stop('SIGKILL');
    await proxy?.close();
    await db?.drop();
  });

  it('should turn a scan.requested into one job per active account and a skipped event per suspended one', async () => {
    const dataSource = await createDataSource({
      url: db.serviceUrl,
      role: 'service',
      poolSize: 2,
    }).initialize();
    const tenantId = parseTenantId(randomUUID());
    let sourceId = '';
    try {
      await withTenant(dataSource, tenantId, (manager) =>
        manager.insert(TenantEntity, { id: tenantId, slug: 'process-test', name: 'process test' }),
      );
      sourceId = await withDiscoveryRepositories(dataSource, tenantId, async (repos) => {
        const source = await repos.sources.create(tenantId, {
          name: 'org',
          kind: 'organization',
          config: {
            managementRoleArn: `arn:aws:iam::${org.managementAccountId}:role/PalisadeDiscovery`,
            memberRoleName: 'PalisadeScan',
          },
        });
        return source.id;
      });
    } finally {
      await dataSource.destroy();
    }
    const scanId = randomUUID();
    await observer.publish(Topics.scanRequested, {
      schemaVersion: 1,
      scanId,
      tenantId,
      sourceId,
      trigger: { kind: 'api' },
      scope: {},
      requestedAt: new Date().toISOString(),
    });

    const members = org.accountIdsIn('ACTIVE');
    const suspended = org.accountIdsIn('SUSPENDED');
    // Jobs and skipped events go to different topics: neither arrives before the other for sure.
    const skipped = () => events().filter((e) => e.type === 'skipped');
    for (
      let i = 0;
      i < 300 && (jobs().length < members.length + 1 || skipped().length < suspended.length);
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(
      jobs()
        .filter((j) => j.scope === 'account')
        .map((j) => j.accountId)
        .sort(),
    ).toEqual([...members].sort());
    expect(
      jobs()
        .filter((j) => j.scope === 'organization')
        .map((j) => j.accountId),
    ).toEqual([org.managementAccountId]);
    expect(jobs().every((j) => j.scanId === scanId && j.tenantId === tenantId)).toBe(true);
    expect(
      skipped()
        .map((e) => e.accountId)
        .sort(),
    ).toEqual([...suspended].sort());
    expect(suspended.length).toBeGreaterThan(0);
  });

  it('should never log the base credentials, and exit 0 on SIGTERM', async () => {
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(JSON.stringify(service.lines) + service.stderr()).not.toContain(BASE_SECRET);
    expect(service.lines.some((line) => line['msg'] === 'scan fanned out')).toBe(true);
  });
});
