import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Access,
  canonicalOpenApi,
  generateOpenApiDocument,
  openApiContractViolations,
  openApiDrift,
} from '@palisade/api';
import { PALISADE_VERSION } from '@palisade/findings';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { ApiAppModule } from './api.module';

const ROOT = resolve(__dirname, '../../..');
const COMMITTED = join(ROOT, 'docs/openapi.json');

/** schemathesis's own validation of OpenAPI documents (the OpenAPI JSON Schema of their version). */
function validate(...files: string[]): { ok: boolean; output: string } {
  const run = spawnSync('bash', ['scripts/tools/schemathesis.sh', '--validate', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

class ThingDto extends createZodDto(
  z.object({ id: z.uuid(), tags: z.record(z.string(), z.string()), seenAt: z.iso.datetime() }),
) {}
class ThingIdDto extends createZodDto(z.object({ id: z.uuid() })) {}

@ApiTags('things')
@Controller('v1/things')
class ThingsController {
  @Get(':id')
  @Access('findings:read')
  @ApiOkResponse({ type: ThingDto })
  get(@Param() _params: ThingIdDto): ThingDto | null {
    return null;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('the committed OpenAPI document (docs/openapi.json)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-openapi-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should be what the code generates, and keep the contract of every route', async () => {
    const generated = await generateOpenApiDocument(ApiAppModule, PALISADE_VERSION);
    const committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as unknown;
    expect(openApiDrift(committed, generated)).toEqual([]);
    expect(committed).toEqual(canonicalOpenApi(generated));
    expect(openApiContractViolations(generated)).toEqual([]);
  });

  it('should be a valid OpenAPI 3.0.3 document for schemathesis', () => {
    const result = validate(COMMITTED);
    expect(result.output).toContain('docs/openapi.json: a valid OpenAPI 3.0.3 document');
    expect(result.ok).toBe(true);
  });

  it('should validate what the builder makes of routes, and refuse a broken document', async () => {
    const document = canonicalOpenApi(await generateOpenApiDocument(ThingsModule, '1.0.0'));
    const good = join(dir, 'things.json');
    writeFileSync(good, JSON.stringify(document));
    const broken = join(dir, 'broken.json');
    const paths = document['paths'] as Record<string, { get: { responses: object } }>;
    const get = paths['/v1/things/{id}']?.get;
    if (!get) throw new Error('the builder dropped GET /v1/things/{id}');
    writeFileSync(
      broken,
      JSON.stringify({
        ...document,
        paths: { '/v1/things/{id}': { get: { ...get, responses: {} } } },
      }),
    );

    expect(validate(good)).toMatchObject({ ok: true });
    const refused = validate(broken);
    expect(refused.ok).toBe(false);
    expect(refused.output).toContain('broken.json: not a valid OpenAPI document');
  });
});
