// The fan-out of scan requests against the real Postgres and moto behind the fault proxy:
// an organization of 28 members in OUs three levels deep, a static accounts source, scope
// filters, redelivery, a refused role, an organization walked by the base identity itself
// (the CLI's sources), and what the proxy saw being sent.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AwsModule } from '@palisade/aws';
import { type ScanJob, type ScanJobEvent, type ScanRequested, Topics } from '@palisade/contracts';
import { MessageHandler, MessagingModule } from '@palisade/messaging';
import {
  createTestDatabase,
  parseTenantId,
  PersistenceModule,
  type SourceDefinitionInput,
  type TenantId,
  TenantEntity,
  type TestDatabase,
  withDiscoveryRepositories,
  withTenant,
} from '@palisade/persistence';
import {
  type AwsProxy,
  credentialsIn,
  depsEnv,
  exampleOrganizationSpec,
  type ProxyCredentials,
  randomAccountId,
  type SeededOrganization,
  seedOrganization,
  startAwsProxy,
} from '@palisade/testing';
import { DataSource } from 'typeorm';
import { DiscoveryFeatureModule } from '../discovery.module';
import { FanOutService } from './fan-out.service';
import { sourceIdentityFor } from './role-chain';

/** Collects what discovery emits, through the same transport a deployment uses. */
@Injectable()
class Emitted {
  readonly jobs: ScanJob[] = [];
  readonly events: ScanJobEvent[] = [];

  @MessageHandler(Topics.scanJobs)
  onJob(job: ScanJob): Promise<void> {
    this.jobs.push(job);
    return Promise.resolve();
  }

  @MessageHandler(Topics.scanJobEvents)
  onEvent(event: ScanJobEvent): Promise<void> {
    this.events.push(event);
    return Promise.resolve();
  }

  forScan(scanId: string) {
    return {
      jobs: this.jobs.filter((j) => j.scanId === scanId),
      events: this.events.filter((e) => e.scanId === scanId),
    };
  }
}

/** Palisade's base identity: a key moto has not issued (it only assumes roles). */
const PALISADE_BASE: ProxyCredentials = {
  accessKeyId: 'AKIAPALISADEBASE',
  secretAccessKey: 'base-secret',
};

async function settled(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await new Promise((r) => setTimeout(r, 50));
}

describe('scan fan-out (discovery) against moto behind the fault proxy', () => {
  let db: TestDatabase;
  let proxy: AwsProxy;
  let org: SeededOrganization;
  let app: TestingModule;
  let fanOut: FanOutService;
  let emitted: Emitted;
  let dataSource: DataSource;
  let baseIdentity = PALISADE_BASE;

  /** Runs `work` with `credentials` as the base identity (as the CLI runs with the user's). */
  async function asBaseIdentity<T>(
    credentials: ProxyCredentials,
    work: () => Promise<T>,
  ): Promise<T> {
    baseIdentity = credentials;
    try {
      return await work();
    } finally {
      baseIdentity = PALISADE_BASE;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    proxy = await startAwsProxy({ upstream: depsEnv('PALISADE_MOTO_URL') });
    org = await seedOrganization(depsEnv('PALISADE_MOTO_URL'), exampleOrganizationSpec());
    app = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({ url: db.serviceUrl, applicationName: 'fan-out-int' }),
        MessagingModule.forRoot({ transport: 'in-process', clientId: 'fan-out-int' }),
        AwsModule.forRoot({
          endpointUrl: proxy.url,
          maxAttempts: 6,
          retryMode: 'standard',
          baseCredentials: () => Promise.resolve({ ...baseIdentity }),
        }),
        DiscoveryFeatureModule.forRoot({ schedulerIntervalMs: 0 }),
      ],
      providers: [Emitted],
    }).compile();
    await app.init();
    fanOut = app.get(FanOutService);
    emitted = app.get(Emitted);
    dataSource = app.get(DataSource);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  async function tenantWithSource(definition: SourceDefinitionInput) {
    const tenantId = parseTenantId(randomUUID());
    await withTenant(dataSource, tenantId, (manager) =>
      manager.insert(TenantEntity, {
        id: tenantId,
        slug: `t-${tenantId.slice(0, 8)}`,
        name: 'int',
      }),
    );
    return withDiscoveryRepositories(dataSource, tenantId, async (repos) => ({
      tenantId,
      externalId: (await repos.tenantSettings.ensure(tenantId)).externalId,
      source: await repos.sources.create(tenantId, definition),
    }));
  }

  function organizationSource(scope: Record<string, unknown> = {}): SourceDefinitionInput {
    return {
      name: `org-${randomUUID().slice(0, 6)}`,
      kind: 'organization',
      config: {
        managementRoleArn: `arn:aws:iam::${org.managementAccountId}:role/PalisadeDiscovery`,
        memberRoleName: 'PalisadeScan',
        scope,
      },
    };
  }

  function request(
    tenantId: TenantId,
    sourceId: string,
    extra: Partial<ScanRequested> = {},
  ): ScanRequested {
    return {
      schemaVersion: 1,
      scanId: randomUUID(),
      tenantId,
      sourceId,
      trigger: { kind: 'api' },
      scope: {},
      regions: ['eu-west-1', 'us-east-1'],
      requestedAt: new Date().toISOString(),
      ...extra,
    };
  }

  const active = () => org.accountIdsIn('ACTIVE').filter((id) => id !== org.managementAccountId);

  it('should emit one job per ACTIVE member plus the organization job, and skip the suspended account', async () => {
    const { tenantId, source, externalId } = await tenantWithSource(organizationSource());
    const scan = request(tenantId, source.id);
    proxy.clearLog();

    const result = await fanOut.fanOut(scan);
    await settled(
      () =>
        emitted.forScan(scan.scanId).jobs.length + emitted.forScan(scan.scanId).events.length >=
        result.jobs + result.skipped,
    );

    const { jobs, events } = emitted.forScan(scan.scanId);
    const accountJobs = jobs.filter((j) => j.scope === 'account');
    expect(accountJobs.map((j) => j.accountId).sort()).toEqual(
      [...active(), org.managementAccountId].sort(),
    );
    const orgJob = jobs.find((j) => j.scope === 'organization');
    expect(orgJob?.accountId).toBe(org.managementAccountId);
    expect(orgJob?.ouSnapshot?.units.some((u) => u.path.endsWith('Workloads/Prod/Payments'))).toBe(
      true,
    );
    expect(orgJob?.ouSnapshot?.policies.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'skipped').map((e) => e.accountId)).toEqual(
      org.accountIdsIn('SUSPENDED'),
    );
    const someJob = accountJobs[0] as ScanJob;
    expect(someJob.roleChain).toEqual([
      { roleArn: `arn:aws:iam::${someJob.accountId}:role/PalisadeScan`, externalId },
    ]);
    expect(someJob).toMatchObject({
      sourceKind: 'organization',
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(someJob.settings['iam.unusedCredentialDays']).toBe(45);
    expect(JSON.stringify(jobs)).not.toMatch(/secret|SessionToken|SecretAccessKey/i);

    const memberAssumes = proxy.log.filter(
      (e) => e.operation === 'AssumeRole' && e.assumeRole?.roleArn.endsWith(':role/PalisadeScan'),
    );
    expect(memberAssumes.length).toBeGreaterThanOrEqual(active().length);
    for (const call of memberAssumes) {
      expect(call.assumeRole).toMatchObject({
        externalId,
        roleSessionName: `palisade-${scan.scanId}`,
        sourceIdentity: sourceIdentityFor(tenantId),
      });
    }
  });

  it('should re-emit the same jobs on a redelivered request and create no second scan or job', async () => {
    const { tenantId, source } = await tenantWithSource(organizationSource());
    const scan = request(tenantId, source.id);
    const first = await fanOut.fanOut(scan);
    const again = await fanOut.fanOut(scan);

    expect(first.outcome).toBe('emitted');
    expect(again).toMatchObject({
      outcome: 'redelivered',
      jobs: first.jobs,
      skipped: first.skipped,
    });
    await settled(() => emitted.forScan(scan.scanId).jobs.length >= first.jobs * 2);
    const ids = emitted.forScan(scan.scanId).jobs.map((j) => j.jobId);
    expect(new Set(ids).size).toBe(first.jobs);
    const rows = await withDiscoveryRepositories(dataSource, tenantId, async (repos) => ({
      jobs: await repos.scanJobs.listByScan(tenantId, scan.scanId),
      scan: await repos.scans.get(tenantId, scan.scanId),
    }));
    expect(rows.jobs).toHaveLength(first.jobs + first.skipped);
    expect(rows.scan?.status).toBe('queued');
  });

  it('should fail only the job whose role the proxy refuses, with ASSUME_ROLE_DENIED and the AWS message', async () => {
    const refused = org.accountId('pay-db-prod');
    const { tenantId, source } = await tenantWithSource(organizationSource());
    proxy.addRule({
      kind: 'assumeRoleRefused',
      roleArn: `arn:aws:iam::${refused}:role/PalisadeScan`,
    });
    try {
      const scan = request(tenantId, source.id);
      const result = await fanOut.fanOut(scan);
      await settled(() => emitted.forScan(scan.scanId).events.some((e) => e.type === 'failed'));

      expect(result.failed).toBe(1);
      const failed = emitted.forScan(scan.scanId).events.filter((e) => e.type === 'failed');
      expect(failed).toEqual([
        expect.objectContaining({
          accountId: refused,
          code: 'ASSUME_ROLE_DENIED',
          message: expect.stringMatching(/not authorized to perform: sts:AssumeRole/) as unknown,
        }),
      ]);
      expect(emitted.forScan(scan.scanId).jobs.map((j) => j.accountId)).not.toContain(refused);
    } finally {
      proxy.clearRules();
    }
  });

  it('should skip accounts excluded by the source scope as OUT_OF_SCOPE and narrow to the requested OU', async () => {
    const sandbox = org.ouId('Root/Sandbox');
    const { tenantId, source } = await tenantWithSource(
      organizationSource({ excludeOus: [sandbox] }),
    );
    const scan = request(tenantId, source.id, {
      scope: { ouIds: [org.ouId('Root/Workloads/Prod')] },
    });
    const result = await fanOut.fanOut(scan);
    await settled(() => emitted.forScan(scan.scanId).jobs.length >= result.jobs);

    const prod = Object.values(org.accounts).filter(
      (a) => a.ouPath.startsWith('Root/Workloads/Prod') && a.state === 'ACTIVE',
    );
    expect(
      emitted
        .forScan(scan.scanId)
        .jobs.filter((j) => j.scope === 'account')
        .map((j) => j.accountId)
        .sort(),
    ).toEqual(prod.map((a) => a.accountId).sort());
    const sandboxAccounts = Object.values(org.accounts).filter(
      (a) => a.ouPath.startsWith('Root/Sandbox') && a.state === 'ACTIVE',
    );
    expect(sandboxAccounts.length).toBeGreaterThan(0);
    const outOfScope = emitted
      .forScan(scan.scanId)
      .events.filter((e) => e.type === 'skipped' && e.reason === 'OUT_OF_SCOPE');
    expect(outOfScope.map((e) => e.accountId).sort()).toEqual(
      sandboxAccounts.map((a) => a.accountId).sort(),
    );
  });

  it('should skip an account that left as REMOVED and record the new OU path of one that moved', async () => {
    const { tenantId, source } = await tenantWithSource(organizationSource());
    await fanOut.fanOut(request(tenantId, source.id));
    const changes = await org.applyLaterChanges();
    const scan = request(tenantId, source.id);
    await fanOut.fanOut(scan);
    await settled(() =>
      emitted
        .forScan(scan.scanId)
        .events.some((e) => e.type === 'skipped' && e.reason === 'REMOVED'),
    );

    const removed = emitted
      .forScan(scan.scanId)
      .events.filter((e) => e.type === 'skipped' && e.reason === 'REMOVED');
    expect(removed.map((e) => e.accountId)).toEqual(changes.removed);
    const inventory = await withDiscoveryRepositories(dataSource, tenantId, (repos) =>
      repos.accounts.findByAccountIds(tenantId, source.id, [
        ...changes.removed,
        ...changes.moved.map((m) => m.accountId),
      ]),
    );
    for (const move of changes.moved) {
      expect(inventory.find((a) => a.accountId === move.accountId)?.ouPath).toBe(`/${move.to}`);
    }
    expect(inventory.find((a) => a.accountId === changes.removed[0])?.removedAt).not.toBeNull();
  });

  it('should keep credentials out of the database and the emitted messages', async () => {
    const { tenantId, source } = await tenantWithSource(organizationSource());
    const scan = request(tenantId, source.id);
    await fanOut.fanOut(scan);
    const keys = proxy.log
      .map((e) => e.accessKeyId)
      .filter((k) => k.startsWith('ASIA') || k.startsWith('FSIA'));
    expect(keys.length).toBeGreaterThan(0);

    const owner = new DataSource({ type: 'postgres', url: db.superUrl });
    await owner.initialize();
    try {
      const dump = JSON.stringify(
        await Promise.all(
          ['accounts', 'scan_jobs', 'scans', 'sources', 'organizational_units', 'outbox'].map(
            (table) => owner.query(`SELECT * FROM public.${table}`),
          ),
        ),
      );
      expect(dump).toContain(scan.scanId);
      for (const secret of ['base-secret', ...keys]) expect(dump).not.toContain(secret);
      expect(JSON.stringify(emitted.forScan(scan.scanId))).not.toContain('base-secret');
    } finally {
      await owner.destroy();
    }
  });

  it('should walk the organization with the base identity itself when the source names no management role', async () => {
    const { tenantId, source, externalId } = await tenantWithSource({
      name: 'cli-org',
      kind: 'organization',
      config: { memberRoleName: 'OrganizationAccountAccessRole' },
    });
    const scan = request(tenantId, source.id);
    proxy.clearLog();

    const result = await asBaseIdentity(org.credentials, () => fanOut.fanOut(scan));
    await settled(
      () =>
        emitted.forScan(scan.scanId).jobs.length + emitted.forScan(scan.scanId).events.length >=
        result.jobs + result.skipped,
    );

    const { jobs, events } = emitted.forScan(scan.scanId);
    const orgJob = jobs.find((j) => j.scope === 'organization');
    expect(orgJob).toMatchObject({ accountId: org.managementAccountId, roleChain: [] });
    expect(orgJob?.ouSnapshot?.organizationId).toBe(org.organizationId);
    const accountJobs = jobs.filter((j) => j.scope === 'account');
    expect(accountJobs.map((j) => j.accountId).sort()).toEqual(
      [...active(), org.managementAccountId].sort(),
    );
    for (const job of accountJobs) {
      expect(job.roleChain).toEqual([
        {
          roleArn: `arn:aws:iam::${job.accountId}:role/OrganizationAccountAccessRole`,
          externalId,
        },
      ]);
    }
    expect(events.filter((e) => e.type === 'skipped').map((e) => e.accountId)).toEqual(
      org.accountIdsIn('SUSPENDED'),
    );

    // The walk was signed with the base identity's own key; no role but the members' assumed.
    const walk = proxy.log.filter((e) => e.service === 'organizations');
    expect(walk.map((e) => e.operation)).toEqual(
      expect.arrayContaining(['DescribeOrganization', 'ListRoots', 'ListAccountsForParent']),
    );
    expect(new Set(walk.map((e) => e.accessKeyId))).toEqual(new Set([org.credentials.accessKeyId]));
    const assumed = proxy.log.filter((e) => e.operation === 'AssumeRole');
    expect(assumed.length).toBeGreaterThan(0);
    for (const call of assumed) {
      expect(call.assumeRole?.roleArn).toMatch(/:role\/OrganizationAccountAccessRole$/);
    }
    const inventory = await withDiscoveryRepositories(dataSource, tenantId, (repos) =>
      repos.accounts.listActive(tenantId, source.id),
    );
    expect(inventory.map((a) => a.accountId)).toEqual(
      expect.arrayContaining([...active(), org.managementAccountId]),
    );
  });

  it('should fail the organization job in the base identity’s account when that account manages no organization', async () => {
    const lonely = randomAccountId();
    const credentials = await credentialsIn(
      {
        endpoint: depsEnv('PALISADE_MOTO_URL'),
        region: 'us-east-1',
        credentials: PALISADE_BASE,
      },
      lonely,
    );
    const { tenantId, source } = await tenantWithSource({
      name: 'cli-no-org',
      kind: 'organization',
      config: { memberRoleName: 'OrganizationAccountAccessRole' },
    });
    const scan = request(tenantId, source.id);

    const result = await asBaseIdentity(credentials, () => fanOut.fanOut(scan));
    await settled(() => emitted.forScan(scan.scanId).events.some((e) => e.type === 'failed'));

    expect(result).toMatchObject({ jobs: 0, failed: 1 });
    expect(emitted.forScan(scan.scanId).events).toEqual([
      expect.objectContaining({ type: 'failed', accountId: lonely }),
    ]);
    const rows = await withDiscoveryRepositories(dataSource, tenantId, (repos) =>
      repos.scanJobs.listByScan(tenantId, scan.scanId),
    );
    expect(rows).toEqual([
      expect.objectContaining({ scope: 'organization', accountId: lonely, status: 'failed' }),
    ]);
  });

  it('should scan the listed accounts of an accounts source with their role overrides', async () => {
    const [a, b] = ['210987654321', '310987654321'];
    const { tenantId, source, externalId } = await tenantWithSource({
      name: 'mssp-client',
      kind: 'accounts',
      config: {
        accounts: [
          { accountId: a },
          { accountId: b, roleArn: `arn:aws:iam::${b}:role/ClientAudit` },
        ],
        memberRoleName: 'PalisadeScan',
      },
    });
    const scan = request(tenantId, source.id);
    await fanOut.fanOut(scan);
    await settled(() => emitted.forScan(scan.scanId).jobs.length >= 2);

    const jobs = emitted.forScan(scan.scanId).jobs;
    expect(jobs.map((j) => [j.accountId, j.sourceKind, j.roleChain]).sort()).toEqual([
      [a, 'accounts', [{ roleArn: `arn:aws:iam::${a}:role/PalisadeScan`, externalId }]],
      [b, 'accounts', [{ roleArn: `arn:aws:iam::${b}:role/ClientAudit`, externalId }]],
    ]);
    expect(jobs.some((j) => j.scope === 'organization')).toBe(false);
  });
});
