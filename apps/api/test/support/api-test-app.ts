import { randomBytes, randomUUID } from 'node:crypto';
import { type INestApplication } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import {
  buildOpenApiDocument,
  issueOperatorKey,
  issueTenantKey,
  type Scope,
  setupDocs,
} from '@palisade/api';
import { CONFIG_ENV, type Env } from '@palisade/config';
import { PALISADE_VERSION } from '@palisade/findings';
import { createTestDatabase, type TestDatabase } from '@palisade/persistence';
import { Pool } from 'pg';
import supertest from 'supertest';
import { ApiAppModule } from '../../src/api.module';

export interface TestTenant {
  readonly tenantId: string;
  /** An `admin` key of the tenant. */
  readonly key: string;
}

export interface ApiTestApp {
  readonly app: INestApplication;
  /** supertest against the app (no listening port needed). */
  request(): ReturnType<typeof supertest>;
  /** Listens on a free loopback port (once) for clients outside the process; the base URL. */
  listen(): Promise<string>;
  readonly operatorKey: string;
  readonly env: Env;
  readonly database: TestDatabase;
  /** Superuser queries (bypass RLS) to seed and inspect rows. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** A tenant with an admin key, created straight in the database. */
  createTenant(name?: string): Promise<TestTenant>;
  /** Another key of a tenant, with these scopes. */
  createKey(
    tenantId: string,
    scopes: readonly Scope[],
    options?: { expiresAt?: Date },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * The api app in process (the app's real root module) on a fresh migrated database, with the
 * in-process transport, an operator key, loopback webhooks allowed and a high rate limit unless
 * `env` says otherwise.
 */
export async function startApiTestApp(overrides: Env = {}): Promise<ApiTestApp> {
  const database = await createTestDatabase();
  const operatorKey = issueOperatorKey();
  const env: Env = {
    DATABASE_URL: database.serviceUrl,
    TRANSPORT: 'in-process',
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'error',
    PORT: '0',
    OPERATOR_KEY: operatorKey,
    WEBHOOK_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...overrides,
  };
  const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule] })
    .overrideProvider(CONFIG_ENV)
    .useValue(env)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'] });
  app.disable('x-powered-by');
  setupDocs(app, buildOpenApiDocument(app, PALISADE_VERSION));
  await app.init();
  const pool = new Pool({ connectionString: database.superUrl, max: 2 });
  // pool.end() does not wait for its idle connections to close: the forced drop in close() may
  // still reach one and terminate it, which the pool re-emits as an error of its own.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) throw error;
  });
  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await pool.query(text, params)).rows as T[];

  const createKey = async (
    tenantId: string,
    scopes: readonly Scope[],
    options: { expiresAt?: Date } = {},
  ): Promise<string> => {
    const issued = issueTenantKey();
    await sql(
      `INSERT INTO public.api_keys (tenant_id, id, name, secret_sha256, scopes, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'test', $6)`,
      [
        tenantId,
        issued.keyId,
        `test ${scopes.join(' ')}`,
        issued.secretSha256,
        scopes,
        options.expiresAt ?? null,
      ],
    );
    return issued.key;
  };

  return {
    app,
    request: () => supertest(app.getHttpServer()),
    async listen(): Promise<string> {
      if (!(app.getHttpServer() as { listening: boolean }).listening) {
        await app.listen(0, '127.0.0.1');
      }
      return app.getUrl();
    },
    operatorKey,
    env,
    database,
    sql,
    createKey,
    async createTenant(name = `tenant-${randomUUID().slice(0, 8)}`): Promise<TestTenant> {
      const [row] = await sql<{ id: string }>(
        `INSERT INTO public.tenants (slug, name) VALUES ($1, $2) RETURNING id`,
        [name.toLowerCase().replace(/[^a-z0-9-]/g, '-'), name],
      );
      const tenantId = (row as { id: string }).id;
      return { tenantId, key: await createKey(tenantId, ['admin']) };
    },
    async close(): Promise<void> {
      await app.close();
      closing = true;
      await pool.end();
      await database.drop();
    },
  };
}
