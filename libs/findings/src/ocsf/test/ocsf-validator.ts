// Validates documents against the committed OCSF 1.8.0 JSON Schemas (tests only: ajv is a dev
// dependency). Documents are validated as stored: after a JSON round trip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';

type SchemaName = 'compliance' | 'vulnerability';

/** The part of a compiled schema the tests walk. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly deprecated?: boolean;
}

/** Read, not imported: a typed import of ~200 KB of JSON slows every type check. */
function readSchema(className: string): SchemaNode {
  const path = join(__dirname, '..', 'schema', `${className}.schema.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as SchemaNode;
}

export const OCSF_SCHEMAS: Readonly<Record<SchemaName, SchemaNode>> = {
  compliance: readSchema('compliance_finding'),
  vulnerability: readSchema('vulnerability_finding'),
};

let validators: Readonly<Record<SchemaName, ValidateFunction>> | undefined;

/** Compiled once per test file: the schemas are large. */
function compiled(): Readonly<Record<SchemaName, ValidateFunction>> {
  validators ??= (() => {
    const ajv = new Ajv2020({ allErrors: true });
    return {
      compliance: ajv.compile(OCSF_SCHEMAS.compliance),
      vulnerability: ajv.compile(OCSF_SCHEMAS.vulnerability),
    };
  })();
  return validators;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attributes OCSF 1.8.0 deprecates: valid JSON, but a new producer must not write them. */
function deprecatedAttributes(root: SchemaNode, node: SchemaNode, value: unknown, path: string) {
  const found: string[] = [];
  const resolved = node.$ref === undefined ? node : root.$defs?.[node.$ref.split('/').pop() ?? ''];
  if (resolved === undefined) return found;
  if (Array.isArray(value) && resolved.items !== undefined) {
    const items = resolved.items;
    value.forEach((item, i) =>
      found.push(...deprecatedAttributes(root, items, item, `${path}/${i}`)),
    );
  } else if (isRecord(value) && resolved.properties !== undefined) {
    for (const [key, child] of Object.entries(value)) {
      const property = resolved.properties[key];
      if (property === undefined) continue;
      if (property.deprecated === true) found.push(`${path}/${key}: deprecated in OCSF 1.8.0`);
      found.push(...deprecatedAttributes(root, property, child, `${path}/${key}`));
    }
  }
  return found;
}

/** The schema errors of a document, as `path: message` lines (empty when valid). */
export function ocsfErrors(schema: SchemaName, doc: unknown): readonly string[] {
  const validate = compiled()[schema];
  const stored: unknown = JSON.parse(JSON.stringify(doc));
  const errors = validate(stored)
    ? []
    : (validate.errors ?? []).map(
        (e) =>
          `${e.instancePath || '(document)'}: ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
      );
  const root = OCSF_SCHEMAS[schema];
  return [...errors, ...deprecatedAttributes(root, root, stored, '')];
}

/** The schema errors of a mapped finding, picking the schema from its class. */
export function ocsfFindingErrors(doc: { readonly class_uid: number }): readonly string[] {
  return ocsfErrors(doc.class_uid === 2002 ? 'vulnerability' : 'compliance', doc);
}
