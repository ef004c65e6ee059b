import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { PROBLEM_RESPONSE, PROBLEM_SCHEMA } from '../http/problem';

type Operation = {
  parameters?: { in: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function declare(op: Operation, status: string, description: string): void {
  op.responses[status] ??= { description, ...PROBLEM_RESPONSE };
}

/**
 * Every operation declares the errors any request can meet: 400 (a bad query or path
 * parameter), 422 (a bad body), 404 (an id this tenant does not have), 429 and 500, each
 * problem+json. Routes declare their own specific ones (409, …) with their handlers.
 */
function declareCommonErrors(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      if ((op.parameters ?? []).some((p) => p.in === 'query' || p.in === 'path')) {
        declare(op, '400', 'A query or path parameter is malformed');
      }
      if (op.requestBody) {
        declare(op, '400', 'The body is not JSON');
        declare(op, '422', 'A field of the body is refused (each named in `errors`)');
      }
      if (path.includes('{')) declare(op, '404', 'No such resource for this tenant');
      declare(op, '429', 'Rate limit reached; retry after `Retry-After` seconds');
      declare(op, '500', 'The server failed; the request id is logged');
    }
  }
}

/** The OpenAPI 3.0.3 document of every `/v1` route, as committed in docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Palisade API')
    .setDescription(
      'Tenant-isolated REST API of Palisade: sources, scans, findings (OCSF 1.8.0), compliance, ' +
        'exports, suppression rules and webhooks. Errors are RFC 9457 problem+json.',
    )
    .setVersion(version)
    .setOpenAPIVersion('3.0.3')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A tenant key: pal_<id>_<secret>' },
      'tenantKey',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An operator key: pal_op_<secret>' },
      'operatorKey',
    )
    .build();
  const raw = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  const paths = Object.fromEntries(
    Object.entries(raw.paths).filter(([path]) => path.startsWith('/v1/')),
  );
  const document = cleanupOpenApiDoc({ ...raw, paths }, { version: '3.0' });
  document.components ??= {};
  document.components.schemas = {
    ...document.components.schemas,
    Problem: { ...PROBLEM_SCHEMA } as never,
  };
  declareCommonErrors(document);
  return document;
}

/** Serves the document at `/docs/openapi.json` and Swagger UI at `/docs`. */
export function setupDocs(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Palisade API',
  });
}
