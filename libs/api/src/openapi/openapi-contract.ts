import { type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { buildOpenApiDocument } from './openapi';

/**
 * The OpenAPI document of an app's root module without starting anything: Nest's preview mode
 * resolves the module graph (a missing provider still fails) but instantiates no provider, so
 * no database, broker or config is needed. `npm run openapi` writes docs/openapi.json with it.
 */
export async function generateOpenApiDocument(
  rootModule: Type<unknown>,
  version: string,
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(rootModule, {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  try {
    return buildOpenApiDocument(app, version);
  } finally {
    await app.close();
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values whose key order is the author's (schema properties, examples): kept as written. */
const KEEP_ORDER = new Set(['properties']);
const VERBATIM = new Set(['example', 'examples', 'default', 'enum', 'const']);

function canonical(value: Json, key: string | undefined): Json {
  if (Array.isArray(value)) return value.map((item) => canonical(item, undefined));
  if (value === null || typeof value !== 'object') return value;
  if (key !== undefined && VERBATIM.has(key)) return value;
  const keys = Object.keys(value);
  if (key === undefined || !KEEP_ORDER.has(key)) keys.sort();
  return Object.fromEntries(keys.map((k) => [k, canonical(value[k] as Json, k)]));
}

const TOP_LEVEL = ['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components'];

/**
 * The document with a key order that depends only on its content, not on the order modules and
 * routes were registered in: every object's keys sorted (paths, methods, status codes, schemas)
 * except schema `properties` (their declared order is how people read them) and example values;
 * tags sorted by name; the top level in the order the specification lists it.
 */
export function canonicalOpenApi(document: OpenAPIObject): Record<string, unknown> {
  const sorted = canonical(JSON.parse(JSON.stringify(document)) as Json, undefined) as Record<
    string,
    Json
  >;
  const tags = sorted['tags'];
  if (Array.isArray(tags)) {
    sorted['tags'] = [...tags].sort((a, b) =>
      String((a as { name?: string }).name).localeCompare(String((b as { name?: string }).name)),
    );
  }
  const order = [...TOP_LEVEL, ...Object.keys(sorted).filter((k) => !TOP_LEVEL.includes(k))];
  return Object.fromEntries(order.filter((k) => k in sorted).map((k) => [k, sorted[k]]));
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface MediaType {
  schema?: { $ref?: string };
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
}
interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  responses?: Record<string, ResponseObject>;
}

/** Every operation of the document as `[label, operation, path]`, label `GET /v1/findings`. */
export function operationsOf(document: OpenAPIObject): [string, Operation, string][] {
  const found: [string, Operation, string][] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) found.push([`${method.toUpperCase()} ${path}`, op, path]);
    }
  }
  return found;
}

const PROBLEM_REF = '#/components/schemas/Problem';

/**
 * What the published contract promises of every operation, as a list of broken promises
 * (empty when kept): a `/v1` path; a unique operationId; a tag; a security requirement naming a
 * declared scheme; a success response; 401 and 403 declared (every route is guarded); every
 * 4xx/5xx response problem+json with the Problem schema; every `{param}` declared, required.
 */
export function openApiContractViolations(document: OpenAPIObject): string[] {
  const violations: string[] = [];
  const schemes = new Set(Object.keys(document.components?.securitySchemes ?? {}));
  const ids = new Map<string, string>();
  for (const [label, op, path] of operationsOf(document)) {
    const say = (what: string) => violations.push(`${label}: ${what}`);
    if (!path.startsWith('/v1/')) say('is not under /v1/');
    if (!op.operationId) say('has no operationId');
    else if (ids.has(op.operationId)) {
      say(`repeats the operationId ${op.operationId} of ${ids.get(op.operationId)}`);
    } else ids.set(op.operationId, label);
    if (!op.tags?.length) say('has no tag (@ApiTags)');
    const security = op.security ?? [];
    if (security.length === 0) say('declares no security (@Access)');
    for (const requirement of security) {
      for (const name of Object.keys(requirement)) {
        if (!schemes.has(name)) say(`names the undeclared security scheme ${name}`);
      }
    }
    const responses = op.responses ?? {};
    if (!Object.keys(responses).some((status) => /^[23]\d\d$/.test(status))) {
      say('declares no success response');
    }
    for (const status of ['401', '403']) {
      if (!responses[status]) say(`does not declare ${status}`);
    }
    for (const [status, response] of Object.entries(responses)) {
      if (!/^[45]/.test(status)) continue;
      const types = Object.keys(response.content ?? {});
      const schema = response.content?.[PROBLEM_CONTENT_TYPE]?.schema;
      if (types.length !== 1 || schema?.$ref !== PROBLEM_REF) {
        say(
          `response ${status} is not ${PROBLEM_CONTENT_TYPE} with the Problem schema ` +
            `(add ...PROBLEM_RESPONSE to its decorator)`,
        );
      }
    }
    const declared = new Set(
      (op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name),
    );
    for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
      if (!declared.has(name)) say(`does not declare the path parameter ${name} as required`);
    }
  }
  return violations;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The keys of two objects that differ: `+` only in `after`, `-` only in `before`, `~` both. */
function changedKeys(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { sign: '+' | '-' | '~'; key: string }[] {
  const changes: { sign: '+' | '-' | '~'; key: string }[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!(key in before)) changes.push({ sign: '+', key });
    else if (!(key in after)) changes.push({ sign: '-', key });
    else if (!same(before[key], after[key])) changes.push({ sign: '~', key });
  }
  return changes;
}

const asRecord = (value: unknown) => (value ?? {}) as Record<string, unknown>;

/**
 * A short summary of how a committed document differs from the generated one, one line per
 * operation or schema (`+` only in the generated one, `-` only in the committed one, `~` in
 * both but different, with the parts that differ), for the drift check's failure message.
 * Empty when they are the same.
 */
export function openApiDrift(committed: unknown, generated: OpenAPIObject): string[] {
  if (typeof committed !== 'object' || committed === null || Array.isArray(committed)) {
    return ['the committed document is missing or is not a JSON object'];
  }
  const before = canonicalOpenApi(committed as OpenAPIObject) as Partial<OpenAPIObject>;
  const after = canonicalOpenApi(generated) as unknown as OpenAPIObject;
  const operations = (document: Partial<OpenAPIObject>) =>
    Object.fromEntries(
      operationsOf({ ...document, paths: document.paths ?? {} } as OpenAPIObject).map(
        ([label, op]) => [label, op],
      ),
    );
  const beforeOps = operations(before);
  const afterOps = operations(after);
  const lines = changedKeys(beforeOps, afterOps).map(({ sign, key }) => {
    if (sign !== '~') return `${sign} operation ${key}`;
    const parts = changedKeys(asRecord(beforeOps[key]), asRecord(afterOps[key]));
    return `~ operation ${key} (${parts.map((p) => p.key).join(', ')})`;
  });
  const schemas = changedKeys(
    asRecord(before.components?.schemas),
    asRecord(after.components?.schemas),
  );
  lines.push(...schemas.map(({ sign, key }) => `${sign} schema ${key}`));
  const rest = (document: Partial<OpenAPIObject>) => {
    const { paths: _paths, components, ...others } = document;
    const { schemas: _schemas, ...otherComponents } = components ?? {};
    return { ...others, components: otherComponents } as Record<string, unknown>;
  };
  const others = changedKeys(rest(before), rest(after));
  lines.push(...others.map(({ sign, key }) => `${sign} ${key}`));
  return lines;
}
