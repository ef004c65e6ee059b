import { readFileSync } from 'node:fs';
import { type Server } from 'node:http';
import { resolve } from 'node:path';
import { Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Access, operationsOf } from '@palisade/api';
import { CONFIG_ENV } from '@palisade/config';
import { type OpenAPIObject } from '@nestjs/swagger';
import supertest from 'supertest';
import { ApiAppModule } from '../src/api.module';
import { type ApiTestApp, startApiTestApp } from './support/api-test-app';
import { concretePath, declaredRoutes, servedRoutes } from './support/routes';

const isV1 = (route: { path: string }) => route.path.startsWith('/v1/');
const label = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const UNKNOWN_KEY = `pal_${'a'.repeat(16)}_${'b'.repeat(43)}`;

/** A feature someone forgot to guard, beside one that is. */
@Controller('v1/forgotten')
class ForgottenController {
  @Get()
  list(): string[] {
    return ['tenant data'];
  }

  @Post()
  @Access('admin')
  create(): string {
    return 'created';
  }
}

@Module({ controllers: [ForgottenController] })
class ForgottenModule {}

describe('every /v1 route of the api', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should be served as its controller declares it, and declare an access rule', () => {
    const declared = declaredRoutes(api.app).filter(isV1);
    const served = servedRoutes(api.app).filter(isV1);
    expect(served.map(label)).toEqual(declared.map(label));
    expect(
      declared.filter((r) => r.access === undefined).map((r) => `${label(r)} (${r.handler})`),
    ).toEqual([]);
  });

  it('should be an operation of the committed OpenAPI document, and the reverse', () => {
    const committed = JSON.parse(
      readFileSync(resolve(__dirname, '../../../docs/openapi.json'), 'utf8'),
    ) as OpenAPIObject;
    const documented = operationsOf(committed)
      .map(([operation]) => operation)
      .sort();
    const routes = declaredRoutes(api.app)
      .filter(isV1)
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    expect(routes).toEqual(documented);
  });

  it('should refuse a request without a key, or with an unknown one, as 401 problem+json', async () => {
    const wrong: string[] = [];
    for (const route of servedRoutes(api.app).filter(isV1)) {
      const url = concretePath(route.path);
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      for (const key of [undefined, UNKNOWN_KEY]) {
        const request = api.request()[method](url);
        const response = await (key ? request.set('Authorization', `Bearer ${key}`) : request);
        const body = response.body as { status?: number };
        if (
          response.status !== 401 ||
          !/^application\/problem\+json/.test(String(response.headers['content-type'])) ||
          body.status !== 401 ||
          response.headers['www-authenticate'] !== 'Bearer realm="palisade"'
        ) {
          wrong.push(
            `${route.method} ${url} ${key ? 'with an unknown key' : 'without a key'}: ` +
              `${response.status} ${String(response.headers['content-type'])} ${response.text.slice(0, 200)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('a request Node refuses before any route', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp({ LOG_LEVEL: 'error' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('should answer a query string over the header limit with 431 problem+json', async () => {
    const response = await api.request().get(`/v1/findings?text=${'x'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'https://palisade.dev/problems/headers-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'the request headers (the query string included) are too large',
    });
  });
});

describe('a /v1 route without @Access', () => {
  let api: ApiTestApp;
  let app: INestApplication;

  beforeAll(async () => {
    api = await startApiTestApp();
    // The real app (same database) with the forgotten feature added.
    const moduleRef = await Test.createTestingModule({ imports: [ApiAppModule, ForgottenModule] })
      .overrideProvider(CONFIG_ENV)
      .useValue({ ...api.env, LOG_LEVEL: 'error' })
      .compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await api.close();
  });

  it('should be found by the route walk the test above relies on', () => {
    const forgotten = declaredRoutes(app).filter((r) => r.path === '/v1/forgotten');
    expect(forgotten).toEqual([
      {
        method: 'GET',
        path: '/v1/forgotten',
        handler: 'ForgottenController.list',
        access: undefined,
      },
      {
        method: 'POST',
        path: '/v1/forgotten',
        handler: 'ForgottenController.create',
        access: 'admin',
      },
    ]);
    expect(servedRoutes(app).filter((r) => r.path === '/v1/forgotten')).toEqual([
      { method: 'GET', path: '/v1/forgotten' },
      { method: 'POST', path: '/v1/forgotten' },
    ]);
  });

  it('should be refused by the guard, even with a valid admin key (it fails closed)', async () => {
    const tenant = await api.createTenant();
    for (const key of [undefined, tenant.key]) {
      const request = supertest(app.getHttpServer() as Server).get('/v1/forgotten');
      const response = await (key ? request.set('Authorization', `Bearer ${key}`) : request);
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 403,
        detail: 'this route declares no access rule',
      });
      expect(response.text).not.toContain('tenant data');
    }
    const guarded = await supertest(app.getHttpServer() as Server).post('/v1/forgotten');
    expect(guarded.status).toBe(401);
  });

  it('should answer a method it does not serve with 405 and Allow, not 404', async () => {
    const response = await supertest(app.getHttpServer() as Server).delete('/v1/forgotten');
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET, HEAD, POST');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 405,
      title: 'Method Not Allowed',
      detail: 'DELETE is not allowed here; allowed: GET, HEAD, POST',
    });
    const unknown = await supertest(app.getHttpServer() as Server).delete('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['allow']).toBeUndefined();
  });
});
