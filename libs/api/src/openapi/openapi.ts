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
 * parameter), 422 (a bad body), 413 (a body over the size limit), 404 (an id this tenant does
 * not have), 431 (headers or query string over Node's limit), 429 and 500, each problem+json.
 * Routes declare their own specific ones (409, …) with their handlers.
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
        declare(op, '413', 'The body is larger than the server accepts');
      }
      if (path.includes('{')) declare(op, '404', 'No such resource for this tenant');
      declare(op, '431', 'The request headers (the query string included) are too large');
      declare(op, '429', 'Rate limit reached; retry after `Retry-After` seconds');
      declare(op, '500', 'The server failed; the request id is logged');
    }
  }
}

const EMPTY_TYPE = 'x-nestjs_zod-empty-type';
const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);
type SchemaNode = Record<string, unknown>;

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * zod ≥ 4.5 writes a bare nullable primitive (`z.string().nullable()`) as `type: [T, 'null']`,
 * which nestjs-zod 5.5 neither converts nor detects as OpenAPI 3.1 syntax (nestjs-zod issues
 * 473 and 474): a DTO property comes out of @nestjs/swagger as an array of T (marked with
 * nestjs-zod's empty-type key, which a real array never is) and a nested one keeps the type
 * list, invalid in OpenAPI 3.0. Both become `type: T, nullable: true` here, before
 * `cleanupOpenApiDoc`.
 */
function restoreNullablePrimitives(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) restoreNullablePrimitives(item);
    return;
  }
  if (!isNode(node)) return;
  const items = node['items'];
  if (
    node[EMPTY_TYPE] === true &&
    node['type'] === 'array' &&
    isNode(items) &&
    Object.keys(items).length === 1 &&
    PRIMITIVES.has(String(items['type']))
  ) {
    delete node['items'];
    node['type'] = items['type'];
    node['nullable'] = true;
  }
  const types = node['type'];
  if (Array.isArray(types)) {
    const others = types.filter((t) => t !== 'null');
    delete node['type'];
    if (others.length === 1) node['type'] = others[0];
    else node['anyOf'] = others.map((type: unknown) => ({ type }));
    if (others.length < types.length) node['nullable'] = true;
  }
  for (const value of Object.values(node)) restoreNullablePrimitives(value);
}

/**
 * What `cleanupOpenApiDoc` leaves of JSON Schema's null in a DTO it did not see as 3.1 syntax:
 * `anyOf` / `oneOf` members `{ type: 'null' }` become `nullable: true` (the one remaining member
 * merged into the schema, or kept under `allOf` when it is a `$ref`), so no `type: 'null'` is
 * left in an OpenAPI 3.0 document.
 */
function dropNullTypes(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) dropNullTypes(item);
    return;
  }
  if (!isNode(node)) return;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const value = node[key];
    if (!Array.isArray(value)) continue;
    const members = value as unknown[];
    const isNull = (m: unknown) => isNode(m) && m['type'] === 'null' && Object.keys(m).length === 1;
    if (!members.some(isNull)) continue;
    const others = members.filter((m) => !isNull(m));
    delete node[key];
    node['nullable'] = true;
    const [only] = others;
    if (others.length !== 1 || !isNode(only)) node[key] = others;
    else if ('$ref' in only) node['allOf'] = [only];
    else for (const [k, v] of Object.entries(only)) if (!(k in node)) node[k] = v;
  }
  for (const value of Object.values(node)) dropNullTypes(value);
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
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'pal_<keyId>_<secret>',
        description: 'A tenant key: pal_<keyId>_<secret>',
      },
      'tenantKey',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'pal_op_<secret>',
        description: 'An operator key: pal_op_<secret>',
      },
      'operatorKey',
    )
    .build();
  const raw = SwaggerModule.createDocument(app, config, {
    // A controller without @ApiTags stays untagged (and the contract check says so) rather than
    // being tagged with its class name.
    autoTagControllers: false,
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  const paths = Object.fromEntries(
    Object.entries(raw.paths).filter(([path]) => path.startsWith('/v1/')),
  );
  restoreNullablePrimitives(paths);
  restoreNullablePrimitives(raw.components);
  const document = cleanupOpenApiDoc({ ...raw, paths }, { version: '3.0' });
  dropNullTypes(document.paths);
  dropNullTypes(document.components);
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
