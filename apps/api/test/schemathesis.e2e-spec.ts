import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { type OpenAPIObject } from '@nestjs/swagger';
import { operationsOf } from '@palisade/api';
import { PALISADE_VERSION } from '@palisade/findings';
import { depsEnv } from '@palisade/testing';
import { seedApiDataset } from '../../../tests/bench/support/api-data';
import { type ApiTestApp, startApiTestApp } from './support/api-test-app';
import { runSchemathesis } from './support/schemathesis';

const DOCUMENT = resolve(__dirname, '../../../docs/openapi.json');
/** The JUnit report and the output stay here for whoever reads a failed run (CI keeps it). */
const REPORT_DIR = resolve(__dirname, '../../../test-output/schemathesis');
/** The operator's routes (tenant management); every other route is a tenant's. */
const TENANTS = '^/v1/tenants';
/** Fixed, so a failure is reproduced by running the spec again. */
const SEED = 20_260_601;
/** Test cases per operation and phase: the whole run stays under ~3 minutes on 2 cores. */
const MAX_EXAMPLES = 5;

/** A failure's text without the megabytes a generated body can add to its `curl` line. */
const brief = (failure: string) =>
  failure
    .split('\n')
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)} …` : line))
    .join('\n');

/**
 * schemathesis against the api in process on a real port, from the committed document: every
 * operation of docs/openapi.json is called with generated valid and invalid input (tenant
 * operations with an admin key of a tenant that has findings, accounts and posture; operator
 * operations with the operator key) and every check is on: no 5xx, every status, content type,
 * header and body as documented, bad input refused, valid input accepted, auth not ignored.
 * The test profile of the harness applies: rate limits raised, loopback webhooks allowed.
 */
describe('the api against its committed OpenAPI document (schemathesis)', () => {
  let api: ApiTestApp;

  beforeAll(async () => {
    rmSync(REPORT_DIR, { recursive: true, force: true });
    // test-connection calls AWS: moto on loopback, with an identity the SDK's chain reads.
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIAPALISADESCHEMA01';
    process.env['AWS_SECRET_ACCESS_KEY'] = 'palisade-schemathesis-secret';
    api = await startApiTestApp({
      // Each 4xx would be a warn line: thousands of them, burying schemathesis's own report.
      LOG_LEVEL: 'error',
      AWS_ENDPOINT_URL: depsEnv('PALISADE_MOTO_URL'),
      // Under schemathesis's 10 s response-time check, whatever a generated source names.
      API_CONNECTION_TEST_TIMEOUT_MS: '4000',
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('should find no server error and no departure from the document', async () => {
    const dataset = await seedApiDataset(api.database, {
      accounts: 3,
      findings: 300,
      days: 7,
      productVersion: PALISADE_VERSION,
    });
    const tenantKey = await api.createKey(dataset.scan.tenantId, ['admin']);
    const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as OpenAPIObject;
    const operations = operationsOf(document).map(([label]) => label);

    const baseUrl = await api.listen();
    const run = (name: string, filter: string[]) =>
      runSchemathesis({
        schema: DOCUMENT,
        baseUrl,
        tenantKey,
        operatorKey: api.operatorKey,
        dir: resolve(REPORT_DIR, name),
        seed: SEED,
        maxExamples: MAX_EXAMPLES,
        extraArgs: filter,
      });
    // Two runs: the operator's routes may offboard or delete the very tenant whose key the
    // tenant routes use (it is listed by GET /v1/tenants), so they come last.
    const results = [
      await run('tenant', ['--exclude-path-regex', TENANTS]),
      await run('operator', ['--include-path-regex', TENANTS]),
    ];

    const report = results.flatMap((result) => {
      const failing = result.cases.filter((c) => c.failures.length > 0);
      if (result.exitCode === 0 && failing.length === 0) return [];
      return [
        `${failing.length} failing operations (exit ${String(result.exitCode)}; ${result.command}):\n\n` +
          failing
            .map(
              (c) => `## ${c.name}\n${c.failures.map((f) => brief(f).slice(0, 4000)).join('\n')}`,
            )
            .join('\n\n') +
          `\n\n---- the end of its output ----\n${brief(result.output).slice(-8000)}`,
      ];
    });
    if (report.length > 0) throw new Error(`schemathesis found failures:\n${report.join('\n\n')}`);
    const tested = results.flatMap((result) => result.cases.map((c) => c.name));
    expect(tested).toEqual(expect.arrayContaining(operations));
  }, 600_000);
});
