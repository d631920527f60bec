/**
 * The Standard Schema v1 interface (https://standardschema.dev): the `~standard` property that
 * zod 4, valibot 1, arktype 2 and others put on their schemas. Declared here, in our own
 * words and only as far as we read it, instead of importing `@standard-schema/spec`: the spec
 * is meant to be implemented without a dependency, and a type imported from a package our
 * users may not have installed would turn into `any` in their editor. The declarations are
 * structural, so the spec's own types and ours are assignable to each other (a compile-time
 * test checks that against `@standard-schema/spec`).
 */
import { safeGet } from '../util/safe-get.js';

/** A schema of any library that implements Standard Schema v1. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>;
}

export declare namespace StandardSchemaV1 {
  /** What a schema offers under `~standard`. */
  interface Props<Input = unknown, Output = Input> {
    /** Always 1 for this version of the spec. */
    readonly version: 1;
    /** The schema library's name (`'zod'`, `'valibot'`, `'arktype'` …). */
    readonly vendor: string;
    /** Checks a value; a schema with async refinements may answer with a promise. */
    readonly validate: (value: unknown, options?: Options | undefined) => Result<Output> | Promise<Result<Output>>;
    /** Carries the inferred types only; absent at run time. */
    readonly types?: Types<Input, Output> | undefined;
  }

  /** Extra settings for `validate`, specific to the library. */
  interface Options {
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }

  /** What `validate` answers: the output value, or the issues. */
  type Result<Output> = SuccessResult<Output> | FailureResult;

  /** A valid value: `value` is the schema's output (defaults filled in, transforms applied). */
  interface SuccessResult<Output> {
    readonly value: Output;
    readonly issues?: undefined;
  }

  /** An invalid value: one issue per problem found. */
  interface FailureResult {
    readonly issues: ReadonlyArray<Issue>;
  }

  /** One problem with the value: a message and where it is. */
  interface Issue {
    readonly message: string;
    /** Keys from the root to the offending value; a segment is a key or `{ key }`. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }

  /** A path segment given as an object (valibot's form). */
  interface PathSegment {
    readonly key: PropertyKey;
  }

  /** The input and output types of a schema. */
  interface Types<Input = unknown, Output = Input> {
    readonly input: Input;
    readonly output: Output;
  }

  /** The type a schema accepts. */
  type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input'];
  /** The type a schema gives back on success. */
  type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];
}

/**
 * The Standard JSON Schema v1 addition (`~standard.jsonSchema`), through which a schema library
 * (zod 4, arktype 2) gives the JSON Schema of its schemas; `openApiResponses` reads it.
 */
export interface StandardJSONSchemaV1Converter {
  /** The JSON Schema of what the schema accepts. May throw when a target or type is not supported. */
  readonly input: (options: { readonly target: string; readonly libraryOptions?: Record<string, unknown> | undefined }) => Record<string, unknown>;
  /** The JSON Schema of what the schema gives back. */
  readonly output: (options: { readonly target: string; readonly libraryOptions?: Record<string, unknown> | undefined }) => Record<string, unknown>;
}

/** Path segments read per issue: a pointer deeper than this is cut (no real schema nests so deep). */
const MAX_PATH_SEGMENTS = 256;

/** The path of an issue as plain keys (`{ key }` segments unwrapped; a symbol by its description). */
export function issuePath(issue: unknown): Array<string | number> {
  const path = safeGet(issue, 'path');
  const tokens: Array<string | number> = [];
  if (!Array.isArray(path)) return tokens;
  try {
    for (const segment of (path as unknown[]).slice(0, MAX_PATH_SEGMENTS)) {
      const key = typeof segment === 'object' && segment !== null ? safeGet(segment, 'key') : segment;
      if (typeof key === 'string' || typeof key === 'number') tokens.push(key);
      else if (typeof key === 'symbol') tokens.push(key.description ?? '');
      else tokens.push(String(key));
    }
  } catch {
    // A path we cannot read (a proxy, say) points as far as it was read.
  }
  return tokens;
}

/** The message of an issue, or `fallback` when it has none worth showing. */
export function issueMessage(issue: unknown, fallback = 'is invalid'): string {
  const message = safeGet(issue, 'message');
  return typeof message === 'string' && message !== '' ? message : fallback;
}

/** True for a value with a Standard Schema v1 `~standard` property (an object or a function, as arktype's are). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const props = safeGet(value, '~standard');
  return (typeof props === 'object' || typeof props === 'function') && props !== null && safeGet(props, 'version') === 1 && typeof safeGet(props, 'validate') === 'function';
}

/** The `~standard.jsonSchema` converter of a schema, when its library offers one. */
export function jsonSchemaConverter(schema: StandardSchemaV1): StandardJSONSchemaV1Converter | undefined {
  const converter = safeGet(safeGet(schema, '~standard'), 'jsonSchema');
  if ((typeof converter !== 'object' && typeof converter !== 'function') || converter === null) return undefined;
  return typeof safeGet(converter, 'input') === 'function' && typeof safeGet(converter, 'output') === 'function' ? (converter as StandardJSONSchemaV1Converter) : undefined;
}
