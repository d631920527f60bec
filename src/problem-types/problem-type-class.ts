import type { HttpExceptionFor, HttpExceptionOptionsFor } from '../exceptions/create-http-exception.js';
import type { HttpException } from '../exceptions/http-exception.js';
import type { StandardSchemaV1 } from '../validation/standard-schema.js';

/** A Standard Schema (zod, valibot, arktype …) of an object: the extension members of a problem type. */
export type ExtensionsSchema = StandardSchemaV1<object, object>;

/** What `defineProblemType` takes. */
export interface ProblemTypeDefinition<
  T extends string = string,
  S extends number = number,
  C extends string | undefined = string | undefined,
  X extends ExtensionsSchema | undefined = ExtensionsSchema | undefined,
> {
  /** The problem type URI, e.g. `'https://example.com/problems/out-of-credit'` (sent as `type`). */
  readonly type: T;
  /** The HTTP status, 400-599: instances are `instanceof` the generated class of that status. */
  readonly status: S;
  /** Short summary of the problem type, the same for every occurrence (sent as `title`). */
  readonly title: string;
  /** A stable code for clients, sent as the `code` extension member. */
  readonly code?: C;
  /** The schema of the extension members; their values are checked when an exception is made. */
  readonly extensions?: X;
  /** The class name (`error.name`). Default: from the last segment of `type`, `out-of-credit` → `OutOfCredit`. */
  readonly name?: string;
}

/** The extension members the constructor takes: the schema's input, else free members. */
export type ProblemTypeExtensionsInput<X> = X extends StandardSchemaV1 ? StandardSchemaV1.InferInput<X> : Readonly<Record<string, unknown>>;

/** The extension members an instance holds: the schema's output, else free members. */
export type ProblemTypeExtensionsOutput<X> = X extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<X> : Record<string, unknown>;

/**
 * The options of a problem type's constructor: those of its status's class, without `type`
 * and `title` (fixed by the definition), with `extensions` typed (required when some member is).
 */
export type ProblemTypeOptions<S extends number, In> = Omit<HttpExceptionOptionsFor<S>, 'type' | 'title' | 'extensions'> &
  ({} extends In ? { readonly extensions?: In } : { readonly extensions: In });

/** The constructor's parameters: `(detail?, options?)`, with `options` required when extensions are. */
export type ProblemTypeArguments<S extends number, In> = {} extends In
  ? [detail?: string, options?: ProblemTypeOptions<S, In>]
  : [detail: string | undefined, options: ProblemTypeOptions<S, In>];

/** An instance of a problem type: the status's exception class plus the typed `type`, `code` and `extensions`. */
export type ProblemTypeInstance<T extends string, S extends number, C extends string | undefined, Out> = HttpExceptionFor<S> & {
  /** The problem type URI. */
  readonly type: T;
  /** The problem type's code (also the `code` extension member). */
  readonly code: C;
  /** The extension members: the checked values, and `code`. */
  readonly extensions: Record<string, unknown> & Out & (C extends string ? { readonly code: C } : unknown);
};

/** The class `defineProblemType` returns; `new OutOfCredit(detail?, options?)`. */
export interface ProblemTypeClass<T extends string, S extends number, C extends string | undefined, In, Out> {
  new (...args: ProblemTypeArguments<S, In>): ProblemTypeInstance<T, S, C, Out>;
  readonly prototype: ProblemTypeInstance<T, S, C, Out>;
  /** The problem type URI. */
  readonly type: T;
  /** The HTTP status. */
  readonly status: S;
  /** The title every instance has. */
  readonly title: string;
  /** The code every instance sends, if any. */
  readonly code: C;
  /** The schema of the extension members, if the definition gave one. */
  readonly extensionsSchema: ExtensionsSchema | undefined;
}

/** Any class made by `defineProblemType` (what `fromProblemDetails`' `types` and `openApiResponses` take). */
export interface AnyProblemType {
  new (...args: never[]): HttpException;
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly code: string | undefined;
  readonly extensionsSchema: ExtensionsSchema | undefined;
}
