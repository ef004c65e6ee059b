import { type ApiTestApp, startApiTestApp } from './support/api-test-app';

describe('api foundation', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    api = await startApiTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('should refuse a /v1 request without a key as problem+json with WWW-Authenticate', async () => {
    const response = await api.request().get('/v1/findings');
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="palisade"');
    expect(response.body).toMatchObject({
      status: 401,
      title: 'Unauthorized',
      instance: '/v1/findings',
    });
  });

  it('should refuse a well-formed key that does not exist, and a malformed one, alike', async () => {
    const unknown = `pal_${'a'.repeat(16)}_${'b'.repeat(43)}`;
    for (const key of [unknown, 'pal_nonsense', `pal_op_${'c'.repeat(43)}`]) {
      const response = await api
        .request()
        .get('/v1/findings')
        .set('Authorization', `Bearer ${key}`);
      expect(response.status).toBe(401);
      expect((response.body as { detail: string }).detail).toBe(
        'the key is unknown, expired or revoked',
      );
    }
  });

  it('should send security headers', async () => {
    const response = await api.request().get('/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('should serve the OpenAPI 3.0.3 document at /docs/openapi.json', async () => {
    const response = await api.request().get('/docs/openapi.json');
    expect(response.status).toBe(200);
    const document = response.body as { openapi: string; components: { schemas: object } };
    expect(document.openapi).toBe('3.0.3');
    expect(document.components.schemas).toHaveProperty('Problem');
  });
});
