import { CLASS_ID } from '../exceptions/brand.js';
import { ClientErrorException } from '../exceptions/client-error-exception.js';
import { EXCEPTION_CLASSES } from '../exceptions/exception-by-status.js';
import { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import { ServerErrorException } from '../exceptions/server-error-exception.js';
import { isStandardSchema } from '../validation/standard-schema.js';
import type {
  ExtensionsSchema,
  ProblemTypeClass,
  ProblemTypeDefinition,
  ProblemTypeExtensionsInput,
  ProblemTypeExtensionsOutput,
} from './problem-type-class.js';
import { PROBLEM_TYPE, type ProblemTypeFacts } from './problem-type-mark.js';
import { answersAsynchronously, asyncSchemaMessage, validateExtensions } from './validate-extensions.js';

/** Members a problem type's constructor does not take: the definition fixes them. */
const FIXED_OPTIONS = ['type', 'title'] as const;

type ExceptionConstructor = new (...args: unknown[]) => HttpException;

/**
 * Defines a problem type (RFC 9457 section 4): a class for one kind of problem, with its own
 * `type` URI, `title`, optional `code` and typed extension members. Its instances are
 * `instanceof` the generated class of its status (and `ClientErrorException` or
 * `ServerErrorException`, and `HttpException`), also across copies of the package, and send
 * `code` as the `code` extension member.
 *
 * Type the extensions with a Standard Schema (zod, valibot, arktype …), whose values are then
 * checked when an exception is made (a wrong value is a `TypeError` naming the member; the
 * instance holds the schema's output), or with a type argument and no check at run time.
 * A bad definition is a `TypeError` (a `RangeError` for the status), as is a schema that
 * validates asynchronously.
 *
 * @example
 * const OutOfCredit = defineProblemType({
 *   type: 'https://example.com/problems/out-of-credit',
 *   status: 403,
 *   title: 'You do not have enough credit',
 *   code: 'OUT_OF_CREDIT',
 *   extensions: z.object({ balance: z.number(), accounts: z.array(z.string()) }),
 * });
 * throw new OutOfCredit('Your balance is 30, but that costs 50', { extensions: { balance: 30, accounts: ['/account/12345'] } });
 * // err instanceof ForbiddenException, err.extensions.balance: number
 *
 * @example
 * const Frozen = defineProblemType<{ until: string }>({ type: 'https://example.com/problems/frozen', status: 423, title: 'Account frozen' });
 */
export function defineProblemType<
  const T extends string,
  const S extends number,
  const C extends string | undefined = undefined,
  X extends ExtensionsSchema | undefined = undefined,
>(definition: ProblemTypeDefinition<T, S, C, X>): ProblemTypeClass<T, S, C, ProblemTypeExtensionsInput<X>, ProblemTypeExtensionsOutput<X>>;
/** Defines a problem type whose extension members have the type `E` (not checked at run time). */
export function defineProblemType<E extends object, const S extends number = number>(
  definition: ProblemTypeDefinition<string, S, string | undefined, undefined>,
): ProblemTypeClass<string, S, string | undefined, E, E>;
export function defineProblemType(definition: ProblemTypeDefinition): ProblemTypeClass<string, number, string | undefined, object, object> {
  const facts = readDefinition(definition);
  const { type, status, title, code, schema, name } = facts;
  const generated: ExceptionConstructor | undefined = Object.hasOwn(EXCEPTION_CLASSES, status)
    ? (EXCEPTION_CLASSES[status as keyof typeof EXCEPTION_CLASSES] as unknown as ExceptionConstructor)
    : undefined;
  // A 4xx/5xx code without a generated class: the range's base class, which takes the status.
  const Base: ExceptionConstructor = generated ?? ((status < 500 ? ClientErrorException : ServerErrorException) as unknown as ExceptionConstructor);

  class ProblemType extends Base {
    // The class id (exceptions/brand.ts) that instanceof compares along the prototype chain is made
    // from the type URI: the same problem type defined by two copies of a module is one class.
    static readonly [CLASS_ID]: string = `problem-type ${type}`;
    static readonly [PROBLEM_TYPE]: ProblemTypeFacts = facts;
    static readonly type: string = type;
    static readonly status: number = status;
    static readonly title: string = title;
    static readonly code: string | undefined = code;
    static readonly extensionsSchema: ExtensionsSchema | undefined = schema;

    constructor(detail?: string, options?: AnyHttpExceptionOptions) {
      const settings = constructorOptions(options, facts);
      if (generated !== undefined) super(detail, settings);
      else super(status, detail, settings);
    }

    /** The problem type's code (also sent as the `code` extension member). */
    get code(): string | undefined {
      return code;
    }

    /** The problem type's name; a subclass of it keeps its own. */
    override get name(): string {
      const ctor: unknown = Object.getPrototypeOf(this)?.constructor;
      return typeof ctor === 'function' && ctor !== ProblemType && !Object.hasOwn(ctor, CLASS_ID) && ctor.name !== '' ? ctor.name : name;
    }

    override set name(value: string) {
      Object.defineProperty(this, 'name', { value, writable: true, configurable: true, enumerable: false });
    }
  }
  Object.defineProperty(ProblemType, 'name', { value: name, configurable: true });
  return ProblemType as unknown as ProblemTypeClass<string, number, string | undefined, object, object>;
}

/** The definition checked, with its name worked out. */
function readDefinition(definition: ProblemTypeDefinition): ProblemTypeFacts {
  if (typeof definition !== 'object' || definition === null) throw new TypeError('defineProblemType needs a definition: { type, status, title, code?, extensions? }');
  const { type, status, title, code, extensions, name } = definition as { readonly [K in keyof ProblemTypeDefinition]?: unknown };
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(`defineProblemType needs an integer status from 400 to 599, got ${typeof status === 'number' ? status : typeof status}`);
  }
  if (typeof type !== 'string' || type === '' || type === 'about:blank') {
    throw new TypeError("defineProblemType needs a type URI of its own, such as 'https://example.com/problems/out-of-credit' (not 'about:blank')");
  }
  if (typeof title !== 'string' || title === '') throw new TypeError('defineProblemType needs a non-empty string title');
  if (code !== undefined && (typeof code !== 'string' || code === '')) throw new TypeError('defineProblemType: code must be a non-empty string');
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw new TypeError('defineProblemType: name must be a non-empty string');
  if (extensions !== undefined && !isStandardSchema(extensions)) {
    throw new TypeError('defineProblemType: extensions must be a Standard Schema (zod, valibot, arktype …) of an object');
  }
  const className = name ?? nameFromType(type);
  if (extensions !== undefined && answersAsynchronously(extensions)) throw new TypeError(asyncSchemaMessage(className, extensions['~standard'].vendor));
  assertSentAsGiven(status, type, title, code);
  return Object.freeze({ type, status, title, code, schema: extensions as ExtensionsSchema | undefined, name: className });
}

/**
 * `fromProblemDetails` recognises a problem type by the `type` of the body, so the members must
 * reach the body unchanged: the serializer percent-encodes a type that is not a URI reference and
 * cuts members over its size budget. Checked once, with the serializer itself.
 */
function assertSentAsGiven(status: number, type: string, title: string, code: string | undefined): void {
  const sent = new HttpException(status, undefined, { type, title, extensions: code === undefined ? {} : { code } }).toJSON();
  if (sent.type !== type) {
    throw new TypeError(`defineProblemType: type must be a URI reference, sent as it is (this one would be sent as ${JSON.stringify(sent.type.slice(0, 80))}); percent-encode it, at most 2048 characters`);
  }
  if (sent.title !== title) throw new TypeError(`defineProblemType: title is too long to be sent whole (at most 256 characters)`);
  if (code !== undefined && sent['code'] !== code) throw new TypeError('defineProblemType: code is too long to be sent whole');
}

/** `https://example.com/problems/out-of-credit` → `OutOfCredit`; `urn:example:quota` → `Quota`. */
function nameFromType(type: string): string {
  const path = type.replace(/[?#].*$/s, '');
  const segment = path.split(/[/:]/).filter((part) => part !== '').pop() ?? '';
  const words = segment.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  const name = words.map((word) => word[0]?.toUpperCase() + word.slice(1)).join('');
  return /^[A-Za-z]/.test(name) ? name : 'ProblemTypeException';
}

/** The options handed to the status's class: the given ones, the fixed `type` and `title`, the checked extensions. */
function constructorOptions(options: AnyHttpExceptionOptions | undefined, facts: ProblemTypeFacts): AnyHttpExceptionOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError(`${facts.name} options must be an object`);
  for (const member of FIXED_OPTIONS) {
    if (options !== undefined && options[member] !== undefined) {
      throw new TypeError(`${facts.name} options.${member} cannot be set: the problem type fixes it (${JSON.stringify(facts[member])})`);
    }
  }
  const given = options?.extensions;
  if (given !== undefined && (typeof given !== 'object' || given === null)) throw new TypeError(`${facts.name} options.extensions must be an object`);
  const values = facts.schema === undefined ? given : validateExtensions(facts.schema, given ?? {}, facts.name);
  if (facts.code !== undefined && values !== undefined && Object.hasOwn(values, 'code')) {
    throw new TypeError(`${facts.name} options.extensions cannot set "code": the problem type sends its own (${JSON.stringify(facts.code)})`);
  }
  // `code` first, so the body reads type, title, status, detail, instance, code, then the rest.
  const extensions = facts.code === undefined ? { ...values } : { code: facts.code, ...values };
  return { ...options, type: facts.type, title: facts.title, extensions };
}
