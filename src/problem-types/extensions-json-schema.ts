import { jsonSchemaConverter, type StandardSchemaV1 } from '../validation/standard-schema.js';

/** A JSON Schema object (draft 2020-12, the OpenAPI 3.1 dialect). */
export type JsonSchemaObject = { [keyword: string]: unknown };

/** The extension members' JSON Schema, reduced to what can be merged into a problem schema. */
export interface ExtensionsJsonSchema {
  readonly properties: { readonly [member: string]: JsonSchemaObject };
  readonly required: readonly string[];
}

/**
 * The JSON Schema of the extension members, when the schema library offers one through Standard
 * JSON Schema (`~standard.jsonSchema`: zod 4, arktype 2; not valibot 1) and it is a plain object
 * schema: the schema of the *output*, as the body carries it. `undefined` when the library offers
 * none, cannot convert this schema (zod refuses transforms), or gives one with `$ref`s (they would
 * point into a document that is not there).
 */
export function extensionsJsonSchema(schema: StandardSchemaV1 | undefined): ExtensionsJsonSchema | undefined {
  if (schema === undefined) return undefined;
  const converter = jsonSchemaConverter(schema);
  if (converter === undefined) return undefined;
  let json: unknown;
  try {
    json = converter.output({ target: 'draft-2020-12' });
    // The result is plain data: a copy (also of anything odd in it) is ours to shape.
    json = JSON.parse(JSON.stringify(json)) as unknown;
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { type, properties, required } = json as JsonSchemaObject;
  if (type !== 'object' || typeof properties !== 'object' || properties === null || Array.isArray(properties)) return undefined;
  if (JSON.stringify(json).includes('"$ref"')) return undefined;
  return {
    properties: properties as { [member: string]: JsonSchemaObject },
    required: Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [],
  };
}

const SAMPLE_STRINGS: Readonly<Record<string, string>> = {
  'date-time': '2030-01-01T12:00:00Z',
  date: '2030-01-01',
  time: '12:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com/resource',
  'uri-reference': '/resource/1',
  uuid: '5e3b7f3a-9c1d-4d6e-8f00-1a2b3c4d5e6f',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** Deepest nesting a sample value is made for. */
const MAX_SAMPLE_DEPTH = 8;

/**
 * A value for a JSON Schema, for examples: the schema's own `examples`, `const`, `default` or
 * first `enum` value when it has one, else a plain value of its type (`0`, `'string'`, an
 * object of sample members …). Whether it is valid is for the real schema to say.
 */
export function sampleFromJsonSchema(schema: unknown, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > MAX_SAMPLE_DEPTH) return null;
  const keywords = schema as JsonSchemaObject;
  if (Array.isArray(keywords['examples']) && keywords['examples'].length > 0) return keywords['examples'][0];
  if ('const' in keywords) return keywords['const'];
  if ('default' in keywords) return keywords['default'];
  if (Array.isArray(keywords['enum']) && keywords['enum'].length > 0) return keywords['enum'][0];
  for (const choice of ['anyOf', 'oneOf', 'allOf']) {
    const options = keywords[choice];
    if (Array.isArray(options) && options.length > 0) return sampleFromJsonSchema(options[0], depth + 1);
  }
  const declared = keywords['type'];
  const type = Array.isArray(declared) ? declared.find((name) => name !== 'null') ?? declared[0] : declared;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const properties = keywords['properties'];
      if (typeof properties === 'object' && properties !== null) {
        for (const [name, member] of Object.entries(properties)) {
          if (name !== '__proto__') result[name] = sampleFromJsonSchema(member, depth + 1);
        }
      }
      return result;
    }
    case 'array': {
      const minItems = typeof keywords['minItems'] === 'number' ? Math.min(keywords['minItems'], 3) : 1;
      return Array.from({ length: Math.max(minItems, 1) }, () => sampleFromJsonSchema(keywords['items'], depth + 1));
    }
    case 'string': {
      const format = keywords['format'];
      if (typeof format === 'string' && Object.hasOwn(SAMPLE_STRINGS, format)) return SAMPLE_STRINGS[format];
      const minLength = typeof keywords['minLength'] === 'number' ? Math.min(keywords['minLength'], 64) : 0;
      return 'string'.padEnd(minLength, 'x');
    }
    case 'integer':
    case 'number':
      return sampleNumber(keywords, type === 'integer');
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function sampleNumber(keywords: JsonSchemaObject, integer: boolean): number {
  const { minimum, exclusiveMinimum, maximum } = keywords;
  let value = typeof minimum === 'number' ? minimum : typeof exclusiveMinimum === 'number' ? exclusiveMinimum + 1 : 0;
  if (typeof maximum === 'number' && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}
