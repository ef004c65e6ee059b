// Compiles the OCSF 1.8.0 schema source into the JSON Schemas libs/findings validates against:
//   npm run ocsf-schema -- <ocsf-schema-source-dir>           writes the committed files
//   npm run ocsf-schema -- <ocsf-schema-source-dir> --check   exits 1 when they differ
// It follows the OCSF server's rules: `$include`d profile attributes carry their profile,
// `extends` and dictionary attributes are deep-merged (so enums are unions), and attributes of
// profiles not applied are dropped. Only the classes and profiles Palisade emits are compiled.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** The classes Palisade emits, and the profiles it applies to them (`metadata.profiles`). */
const CLASSES = ['compliance_finding', 'vulnerability_finding'] as const;
const PROFILES: ReadonlySet<string> = new Set(['cloud']);
const TARGET_DIR = join(__dirname, '..', 'libs', 'findings', 'src', 'ocsf', 'schema');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Attributes = Record<string, JsonObject>;

interface Definition {
  readonly name: string;
  readonly caption?: string;
  readonly extends?: string;
  readonly uid?: number;
  readonly category?: string;
  readonly meta?: string;
  readonly constraints?: { readonly at_least_one?: string[]; readonly just_one?: string[] };
  readonly attributes: Attributes;
}

interface Source {
  readonly version: string;
  readonly categories: Record<string, { readonly uid: number }>;
  readonly dictionary: Attributes;
  readonly types: Attributes;
  readonly classes: ReadonlyMap<string, Definition>;
  readonly objects: ReadonlyMap<string, Definition>;
}

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The OCSF server's deep merge: objects merge key by key, anything else is replaced. */
function deepMerge(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/**
 * Resolves `$include` in `attributes`: the included file's attributes (a profile's marked with
 * `profile: <name>`) under the definition's own, so a definition can override them — e.g.
 * `"profile": null` makes an included attribute part of the class whatever profiles apply.
 */
function resolveIncludes(root: string, definition: Definition): Definition {
  const { $include, ...own } = definition.attributes as Record<string, Json>;
  if ($include === undefined) return definition;
  const files = Array.isArray($include) ? $include : [$include];
  let attributes: Attributes = {};
  for (const file of files) {
    if (typeof file !== 'string') throw new Error(`${definition.name}: bad $include`);
    const included = resolveIncludes(root, readJson<Definition>(join(root, file)));
    for (const [name, attribute] of Object.entries(included.attributes)) {
      const marked =
        included.meta === 'profile' ? { ...attribute, profile: included.name } : attribute;
      attributes = { ...attributes, [name]: deepMerge(attributes[name] ?? {}, marked) };
    }
  }
  for (const [name, attribute] of Object.entries(own)) {
    if (!isObject(attribute)) throw new Error(`${definition.name}.${name}: not an object`);
    attributes[name] = deepMerge(attributes[name] ?? {}, attribute);
  }
  return { ...definition, attributes };
}

function readDefinitions(root: string, dir: string): Map<string, Definition> {
  const found = new Map<string, Definition>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path).sort()) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.json')) {
        const definition = resolveIncludes(root, readJson<Definition>(full));
        found.set(definition.name, { ...definition, attributes: definition.attributes ?? {} });
      }
    }
  };
  walk(join(root, dir));
  return found;
}

/** Applies `extends`: the parent's attributes deep-merged under the child's. */
function resolveExtends(all: ReadonlyMap<string, Definition>, name: string): Definition {
  const definition = all.get(name);
  if (definition === undefined) throw new Error(`undefined class or object: ${name}`);
  if (definition.extends === undefined) return definition;
  const parent = resolveExtends(all, definition.extends);
  const { extends: _parentName, ...own } = definition;
  return {
    ...parent,
    ...own,
    attributes: deepMerge(parent.attributes, own.attributes) as Attributes,
  };
}

function readSource(root: string): Source {
  const dictionary = readJson<{ attributes: Attributes; types: { attributes: Attributes } }>(
    join(root, 'dictionary.json'),
  );
  const categories = readJson<{ attributes: Record<string, { uid: number }> }>(
    join(root, 'categories.json'),
  );
  const classes = readDefinitions(root, 'events');
  const objects = readDefinitions(root, 'objects');
  return {
    version: readJson<{ version: string }>(join(root, 'version.json')).version,
    categories: categories.attributes,
    dictionary: dictionary.attributes,
    types: dictionary.types.attributes,
    classes: new Map([...classes.keys()].map((n) => [n, resolveExtends(classes, n)])),
    objects: new Map([...objects.keys()].map((n) => [n, resolveExtends(objects, n)])),
  };
}

/** The definition's attributes, merged over the dictionary's, without unapplied profiles'. */
function attributesOf(source: Source, definition: Definition): Attributes {
  const attributes: Attributes = {};
  for (const name of Object.keys(definition.attributes).sort()) {
    const base = source.dictionary[name];
    if (base === undefined) throw new Error(`${definition.name}.${name}: not in the dictionary`);
    const attribute = deepMerge(base, definition.attributes[name] ?? {});
    const profile = attribute['profile'];
    if (typeof profile === 'string' && !PROFILES.has(profile)) continue;
    attributes[name] = attribute;
  }
  return attributes;
}

/** JSON Schema of a dictionary type (`string_t`, `timestamp_t` → its base type, ...). */
function typeSchema(source: Source, typeName: string): JsonObject {
  const schema: JsonObject = {};
  let name: string | undefined = typeName;
  while (name !== undefined) {
    const type: JsonObject | undefined = source.types[name];
    if (type === undefined) throw new Error(`unknown type ${name}`);
    const { regex, max_len: maxLen, range } = type;
    if (typeof regex === 'string' && schema['pattern'] === undefined) schema['pattern'] = regex;
    if (typeof maxLen === 'number' && schema['maxLength'] === undefined)
      schema['maxLength'] = maxLen;
    if (Array.isArray(range) && schema['minimum'] === undefined) {
      schema['minimum'] = range[0] ?? null;
      schema['maximum'] = range[1] ?? null;
    }
    const base: Record<string, string> = {
      string_t: 'string',
      integer_t: 'integer',
      long_t: 'integer',
      float_t: 'number',
      boolean_t: 'boolean',
    };
    const jsonType = base[name];
    if (jsonType !== undefined) return { type: jsonType, ...schema };
    // json_t is any JSON value.
    if (name === 'json_t') return schema;
    name = typeof type['type'] === 'string' ? type['type'] : undefined;
  }
  throw new Error(`type ${typeName} has no base type`);
}

function attributeSchema(source: Source, attribute: JsonObject, refs: Set<string>): JsonObject {
  const type = attribute['type'];
  if (typeof type !== 'string')
    throw new Error(`attribute without type: ${JSON.stringify(attribute)}`);
  let schema: JsonObject;
  if (source.objects.has(type)) {
    refs.add(type);
    schema = { $ref: `#/$defs/${type}` };
  } else {
    schema = typeSchema(source, type);
    const values = attribute['enum'];
    if (isObject(values)) {
      const keys = Object.keys(values);
      schema['enum'] = schema['type'] === 'integer' ? keys.map(Number).sort((a, b) => a - b) : keys;
    }
  }
  if (attribute['is_array'] === true) schema = { type: 'array', items: schema };
  if (typeof attribute['caption'] === 'string') schema = { title: attribute['caption'], ...schema };
  if (attribute['@deprecated'] !== undefined) schema['deprecated'] = true;
  return schema;
}

/** Properties, `required` and OCSF constraints of a class or an object. */
function objectSchema(source: Source, definition: Definition, refs: Set<string>): JsonObject {
  const attributes = attributesOf(source, definition);
  const names = Object.keys(attributes);
  const schema: JsonObject = { title: definition.caption ?? definition.name, type: 'object' };
  // An object without attributes (`object`, e.g. `unmapped`) holds anything.
  if (names.length === 0) return schema;
  const properties: JsonObject = {};
  for (const name of names)
    properties[name] = attributeSchema(source, attributes[name] ?? {}, refs);
  schema['properties'] = properties;
  const required = names.filter((n) => attributes[n]?.['requirement'] === 'required');
  if (required.length > 0) schema['required'] = required;
  schema['additionalProperties'] = false;
  const requireEach = (list: string[] | undefined) =>
    (list ?? []).filter((n) => n in attributes).map((n) => ({ type: 'object', required: [n] }));
  const atLeastOne = requireEach(definition.constraints?.at_least_one);
  const justOne = requireEach(definition.constraints?.just_one);
  if (atLeastOne.length > 0) schema['anyOf'] = atLeastOne;
  if (justOne.length > 0) schema['oneOf'] = justOne;
  return schema;
}

function classSchema(source: Source, className: string): JsonObject {
  const definition = source.classes.get(className);
  if (definition?.uid === undefined || definition.category === undefined)
    throw new Error(`${className} is not an event class`);
  const category = source.categories[definition.category];
  if (category === undefined) throw new Error(`${className}: unknown category`);
  const classUid = category.uid * 1000 + definition.uid;

  const refs = new Set<string>();
  const schema = objectSchema(source, definition, refs);
  const properties = schema['properties'] as JsonObject;
  const activities = (properties['activity_id'] as JsonObject)['enum'] as number[];
  properties['category_uid'] = { title: 'Category ID', type: 'integer', const: category.uid };
  properties['class_uid'] = { title: 'Class ID', type: 'integer', const: classUid };
  properties['type_uid'] = {
    title: 'Type ID',
    type: 'integer',
    enum: activities.map((activity) => classUid * 100 + activity),
  };

  const defs: JsonObject = {};
  const pending = [...refs];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in defs) continue;
    const object = source.objects.get(name);
    if (object === undefined) throw new Error(`undefined object ${name}`);
    const found = new Set<string>();
    defs[name] = objectSchema(source, object, found);
    pending.push(...[...found].filter((n) => !(n in defs)));
  }
  const sortedDefs: JsonObject = {};
  for (const name of Object.keys(defs).sort()) sortedDefs[name] = defs[name] ?? null;

  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://schema.ocsf.io/${source.version}/classes/${className}?profiles=${[...PROFILES].join(',')}`,
    $comment: `OCSF ${source.version} ${className} (class_uid ${classUid}) with profiles ${[...PROFILES].join(', ')}; generated by scripts/ocsf-schema.ts from the OCSF schema source, do not edit.`,
    ...schema,
    $defs: sortedDefs,
  };
}

async function render(schema: JsonObject, path: string): Promise<string> {
  const options = (await resolveConfig(path)) ?? {};
  return format(JSON.stringify(schema), { ...options, filepath: path });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const sourceDir = args.find((a) => !a.startsWith('--'));
  if (sourceDir === undefined) {
    console.error('usage: npm run ocsf-schema -- <ocsf-schema-source-dir> [--check]');
    process.exit(2);
  }
  const source = readSource(sourceDir);
  if (source.version !== '1.8.0') throw new Error(`expected OCSF 1.8.0, found ${source.version}`);
  let stale = 0;
  for (const className of CLASSES) {
    const path = join(TARGET_DIR, `${className}.schema.json`);
    const rendered = await render(classSchema(source, className), path);
    if (!check) {
      writeFileSync(path, rendered);
      console.log(`wrote ${path}`);
      continue;
    }
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      current = '';
    }
    if (current !== rendered) {
      console.error(
        `${path} differs from the schema source: run \`npm run ocsf-schema -- ${sourceDir}\``,
      );
      stale += 1;
    }
  }
  if (stale > 0) process.exit(1);
  if (check) console.log('the committed OCSF schemas are current');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
