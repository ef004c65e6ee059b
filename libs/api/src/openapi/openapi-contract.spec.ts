import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { PROBLEM_RESPONSE } from '../http/problem';
import {
  canonicalOpenApi,
  generateOpenApiDocument,
  openApiContractViolations,
  openApiDrift,
  operationsOf,
} from './openapi-contract';

class WidgetDto extends createZodDto(
  z.object({ id: z.uuid(), name: z.string().describe('What people call it'), size: z.number() }),
) {}
class WidgetIdDto extends createZodDto(z.object({ id: z.uuid() })) {}
class WidgetQueryDto extends createZodDto(
  z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
) {}
class CreateWidgetDto extends createZodDto(z.object({ name: z.string().min(1) })) {}

@ApiTags('widgets')
@Controller('v1/widgets')
class WidgetsController {
  @Get()
  @Access('findings:read')
  @ApiOkResponse({ type: WidgetDto, isArray: true })
  list(@Query() _query: WidgetQueryDto): WidgetDto[] {
    return [];
  }

  @Get(':id')
  @Access('findings:read')
  @ApiOkResponse({ type: WidgetDto })
  get(@Param() _params: WidgetIdDto): WidgetDto | null {
    return null;
  }

  @Post()
  @Access('admin')
  @ApiOkResponse({ type: WidgetDto })
  @ApiConflictResponse({ description: 'The name is taken', ...PROBLEM_RESPONSE })
  create(@Body() _body: CreateWidgetDto): WidgetDto | null {
    return null;
  }
}

class NullablesDto extends createZodDto(
  z.object({
    bare: z.string().nullable().describe('A bare nullable string'),
    flag: z.boolean().nullish(),
    bounded: z.string().min(1).nullable(),
    list: z.array(z.string()),
    nested: z.object({ inner: z.number().nullable() }),
  }),
) {}

/** Only bare nullables, deep in an array: nothing nestjs-zod recognises as 3.1 syntax. */
class BareNullablesPageDto extends createZodDto(
  z.object({
    items: z.array(z.object({ requestId: z.string().nullable(), size: z.int().nullable() })),
    nextCursor: z.string().nullable(),
  }),
) {}

@ApiTags('nullables')
@Controller('v1/nullables')
class NullablesController {
  @Get()
  @Access('findings:read')
  @ApiOkResponse({ type: NullablesDto })
  get(): NullablesDto | null {
    return null;
  }

  @Get('pages')
  @Access('findings:read')
  @ApiOkResponse({ type: BareNullablesPageDto })
  page(): BareNullablesPageDto | null {
    return null;
  }
}

@Module({ controllers: [NullablesController] })
class NullablesModule {}

/** What a careless route looks like: no tag, no access rule, a plain-JSON error. */
@Controller('v1/gadgets')
class GadgetsController {
  @Get()
  @ApiConflictResponse({ description: 'Plain JSON' })
  list(): string[] {
    return [];
  }
}

/** Not part of the published API: filtered out of the document. */
@Controller('internal')
class InternalController {
  @Get()
  ping(): string {
    return 'pong';
  }
}

@Module({ controllers: [WidgetsController, InternalController] })
class GoodModule {}

@Module({ controllers: [InternalController, WidgetsController, GadgetsController] })
class CarelessModule {}

describe('the OpenAPI contract', () => {
  it('should generate the document of a module without instantiating anything', async () => {
    const document = await generateOpenApiDocument(GoodModule, '1.2.3');
    expect(document.openapi).toBe('3.0.3');
    expect(document.info.version).toBe('1.2.3');
    expect(operationsOf(document).map(([label]) => label)).toEqual([
      'GET /v1/widgets',
      'POST /v1/widgets',
      'GET /v1/widgets/{id}',
    ]);
    expect(openApiContractViolations(document)).toEqual([]);
    const get = document.paths['/v1/widgets/{id}']?.get;
    expect(get?.security).toEqual([{ tenantKey: [] }]);
    expect(Object.keys(get?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '431',
      '500',
    ]);
    const post = document.paths['/v1/widgets']?.post;
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '409',
      '413',
      '422',
      '429',
      '431',
      '500',
    ]);
  });

  it('should write nullable fields as OpenAPI 3.0 nullable types, never as arrays', async () => {
    const document = await generateOpenApiDocument(NullablesModule, '1');
    const schema = document.components?.schemas?.['NullablesDto'] as {
      properties: Record<string, object>;
    };
    expect(schema.properties).toEqual({
      bare: { type: 'string', nullable: true, description: 'A bare nullable string' },
      flag: { type: 'boolean', nullable: true },
      bounded: { type: 'string', minLength: 1, nullable: true },
      list: { type: 'array', items: { type: 'string' } },
      nested: {
        type: 'object',
        properties: { inner: { type: 'number', nullable: true } },
        required: ['inner'],
      },
    });
    const page = document.components?.schemas?.['BareNullablesPageDto'];
    expect(JSON.stringify(document)).not.toContain('"null"');
    expect(page).toMatchObject({
      properties: {
        items: {
          type: 'array',
          items: {
            properties: {
              requestId: { type: 'string', nullable: true },
              size: { type: 'integer', nullable: true },
            },
          },
        },
        nextCursor: { type: 'string', nullable: true },
      },
    });
  });

  it('should name every broken promise of a careless route', async () => {
    const document = await generateOpenApiDocument(CarelessModule, '1.2.3');
    expect(openApiContractViolations(document)).toEqual([
      'GET /v1/gadgets: has no tag (@ApiTags)',
      'GET /v1/gadgets: declares no security (@Access)',
      'GET /v1/gadgets: declares no success response',
      'GET /v1/gadgets: does not declare 401',
      'GET /v1/gadgets: does not declare 403',
      'GET /v1/gadgets: response 409 is not application/problem+json with the Problem schema ' +
        '(add ...PROBLEM_RESPONSE to its decorator)',
    ]);
  });

  it('should refuse repeated operation ids, unknown schemes and undeclared path parameters', () => {
    const op = (operationId: string, security: Record<string, string[]>[]) => ({
      operationId,
      tags: ['x'],
      security,
      responses: {
        '200': { description: 'ok' },
        '401': { description: 'no', content: { 'application/json': { schema: {} } } },
        '403': { description: 'no' },
      },
    });
    const document = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      components: { securitySchemes: { tenantKey: { type: 'http', scheme: 'bearer' } } },
      paths: {
        '/v1/a/{id}': { get: op('same', [{ tenantKey: [] }]) },
        '/other': { get: op('same', [{ apiKey: [] }]) },
      },
    } as unknown as Parameters<typeof openApiContractViolations>[0];
    expect(openApiContractViolations(document)).toEqual([
      'GET /v1/a/{id}: response 401 is not application/problem+json with the Problem schema ' +
        '(add ...PROBLEM_RESPONSE to its decorator)',
      'GET /v1/a/{id}: response 403 is not application/problem+json with the Problem schema ' +
        '(add ...PROBLEM_RESPONSE to its decorator)',
      'GET /v1/a/{id}: does not declare the path parameter id as required',
      'GET /other: is not under /v1/',
      'GET /other: repeats the operationId same of GET /v1/a/{id}',
      'GET /other: names the undeclared security scheme apiKey',
      'GET /other: response 401 is not application/problem+json with the Problem schema ' +
        '(add ...PROBLEM_RESPONSE to its decorator)',
      'GET /other: response 403 is not application/problem+json with the Problem schema ' +
        '(add ...PROBLEM_RESPONSE to its decorator)',
    ]);
  });

  it('should order keys by content, not by the order modules register routes in', async () => {
    const good = canonicalOpenApi(await generateOpenApiDocument(GoodModule, '1'));
    const careless = await generateOpenApiDocument(CarelessModule, '1');
    const { ['/v1/gadgets']: _gadgets, ...widgetPaths } = careless.paths;
    const reordered = canonicalOpenApi({
      ...careless,
      paths: Object.fromEntries(Object.entries(widgetPaths).reverse()),
      tags: [...(careless.tags ?? [])].reverse(),
    });
    expect(JSON.stringify(reordered)).toBe(JSON.stringify(good));
    expect(Object.keys(good)).toEqual([
      'openapi',
      'info',
      'servers',
      'tags',
      'paths',
      'components',
    ]);
    const schema = (good['components'] as { schemas: Record<string, { properties: object }> })
      .schemas['WidgetDto'];
    expect(Object.keys(schema?.properties ?? {})).toEqual(['id', 'name', 'size']);
  });

  it('should summarise drift by operation and schema', async () => {
    const generated = await generateOpenApiDocument(CarelessModule, '2');
    const committed = JSON.parse(
      JSON.stringify(await generateOpenApiDocument(GoodModule, '1')),
    ) as typeof generated;
    const post = committed.paths['/v1/widgets']?.post;
    if (post) post.summary = 'Written by hand';
    delete committed.paths['/v1/widgets/{id}'];
    committed.components = {
      ...committed.components,
      schemas: { ...committed.components?.schemas, OldDto: { type: 'object' } },
    };
    expect(openApiDrift(committed, generated)).toEqual([
      '~ operation POST /v1/widgets (summary)',
      '+ operation GET /v1/gadgets',
      '+ operation GET /v1/widgets/{id}',
      '- schema OldDto',
      '~ info',
    ]);
    expect(openApiDrift(JSON.parse(JSON.stringify(generated)), generated)).toEqual([]);
    expect(openApiDrift(undefined, generated)).toEqual([
      'the committed document is missing or is not a JSON object',
    ]);
  });
});
