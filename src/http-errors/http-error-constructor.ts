import { policyCaptures } from '../exceptions/capture-stack.js';
import { type HttpException, reasonPhrase } from '../index.js';
import { HttpError } from './abstract-http-error.js';
import { HTTP_ERROR_CODES, type HttpErrorCode } from './status-messages.js';
import type { HttpErrorConstructor } from './types.js';

/** A generated exception class, as `defineHttpErrorConstructor` uses it. */
export type ExceptionClass = abstract new (detail?: string) => HttpException;

/**
 * Marks a constructor (own static) and its prototype with the same class name, so that
 * `instanceof createError.NotFound` also recognises an error made by another loaded copy of
 * this module (its ESM and its CommonJS build), as the core classes do.
 */
const CONSTRUCTOR_MARK = Symbol.for('typed-http-exceptions.http-errors.constructor');

/**
 * Own properties that `HttpException`'s constructor sets and that an http-errors error does not
 * have: they move to the constructor's prototype, so that `Object.keys(err)` is `['message']`
 * and the own property names are those of http-errors (`stack`, `message`, `name`). Listed in
 * the reverse of the order the core adds them: V8 deletes the last-added property cheaply (the
 * object keeps its fast shape), any other one turns the object into a slow dictionary.
 */
const PROTOTYPE_MEMBERS = ['expose', 'extensions', 'headers', 'instance', 'detail', 'type', 'title', 'statusCode', 'status'] as const;

const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];
const MAX_PROTOTYPE_DEPTH = 64;

/** Makes an error of one constructor, with its stack trace starting at the caller of `skipFrame`. */
type Factory = (message: unknown, skipFrame: Function) => HttpException;

const factories = new WeakMap<Function, Factory>();

const captureStackTrace = (Error as { captureStackTrace?: (target: object, constructorOpt?: Function) => void }).captureStackTrace;

/**
 * The http-errors constructor of one status, on top of this library's class for it:
 * `createError.NotFound` makes a `NotFoundException` that looks like http-errors' own
 * (`name` 'NotFoundError', an enumerable `message` defaulting to http-errors' phrase,
 * `status`, `statusCode` and `expose` on the prototype). It is a function, not a class,
 * because http-errors' constructors also work without `new`.
 */
export function defineHttpErrorConstructor<N extends HttpErrorCode>(code: N, Base: ExceptionClass): HttpErrorConstructor<N> {
  const [key, defaultMessage] = HTTP_ERROR_CODES[code];
  const className = key.endsWith('Error') ? key : `${key}Error`;
  // The instances' class. Errors are made with `new Instance()` (a class as `new.target` keeps V8 on
  // its fast path, where a plain function is several times slower); the public constructor below
  // is only a function around it, so that it can also be called without `new`.
  const Instance = class extends (Base as new (detail?: string) => HttpException) {};

  const make = (message: unknown, skipFrame: Function, newTarget?: Function): HttpException => {
    // As in http-errors: `null` and `undefined` give the default message; anything else is kept as given.
    const text: unknown = message != null ? message : defaultMessage;
    // `Error` turns a non-string message into a string (and throws for a Symbol); so does this.
    const detail = typeof text === 'string' ? text : `${text as string}`;
    if (newTarget !== undefined) {
      // A user's subclass (`class X extends createError.NotFound`): its constructor is on the stack, so the
      // trace already starts at its caller.
      const error = Reflect.construct(Base, [detail], newTarget) as HttpException;
      shapeLikeHttpErrors(error, text, className);
      return error;
    }
    const error = new Instance(detail);
    shapeLikeHttpErrors(error, text, className);
    // The trace starts at the caller, not in here, as http-errors' captureStackTrace(err, ClientError) does.
    // After the shaping: V8 gives a captured error a slow property dictionary, where deletes cost more.
    // Only when the policy gave it frames (setCaptureStack): a stackless exception stays stackless.
    if (policyCaptures(code)) captureStackTrace?.(error, skipFrame);
    return error;
  };

  const HttpErrorOfStatus = function (this: unknown, message?: unknown): HttpException {
    return make(message, HttpErrorOfStatus, new.target === undefined || new.target === HttpErrorOfStatus ? undefined : new.target);
  };

  // The class name shows in stack traces and `err.constructor.name`; statics (the status range the
  // core checks against `new.target`) are inherited from the exception class, as with `extends`.
  Object.defineProperty(HttpErrorOfStatus, 'name', { value: className, configurable: true });
  Object.setPrototypeOf(HttpErrorOfStatus, Base);
  const prototype = Instance.prototype as object;
  Object.defineProperty(prototype, 'constructor', { value: HttpErrorOfStatus, writable: true, configurable: true });
  // What http-errors sets on its prototypes (enumerable, as plain assignments make them).
  Object.assign(prototype, { status: code, statusCode: code, expose: code < 500 });
  defineProblemMembers(prototype, defaultMessage);
  Object.defineProperty(prototype, CONSTRUCTOR_MARK, { value: className });
  HttpErrorOfStatus.prototype = prototype;
  Object.defineProperty(HttpErrorOfStatus, CONSTRUCTOR_MARK, { value: className });
  Object.defineProperty(HttpErrorOfStatus, Symbol.hasInstance, { value: hasInstance, configurable: true, writable: true });
  // http-errors sets up its constructors with util.inherits, which leaves `super_` on them.
  Object.defineProperty(HttpErrorOfStatus, 'super_', { value: HttpError, writable: true, configurable: true });
  factories.set(HttpErrorOfStatus, make);
  return HttpErrorOfStatus as unknown as HttpErrorConstructor<N>;
}

/**
 * `new constructor(message)`, but with the stack trace starting at the caller of `skipFrame`
 * (createError's caller), captured once more rather than twice.
 */
export function constructHttpError(constructor: HttpErrorConstructor, message: string | undefined, skipFrame: Function): HttpException {
  const make = factories.get(constructor);
  return make !== undefined ? make(message, skipFrame) : new constructor(message);
}

/**
 * The instance as http-errors makes it: own `message` (enumerable), own `name` (not), and the
 * core's fields on the prototype (see `PROTOTYPE_MEMBERS`). The object still is the core's
 * exception, so `detail`, `title`, `headers` … read as the core and the adapters expect.
 */
function shapeLikeHttpErrors(error: HttpException, message: unknown, className: string): void {
  const target = error as unknown as Record<string, unknown>;
  for (const member of PROTOTYPE_MEMBERS) delete target[member];
  Object.defineProperty(error, 'message', { value: message, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(error, 'name', { value: className, enumerable: false, writable: true, configurable: true });
  // A field a later version of the core adds stays, out of `Object.keys` like http-errors' own.
  for (const own of Object.keys(error)) {
    if (own !== 'message') Object.defineProperty(error, own, { enumerable: false });
  }
}

/**
 * The problem-details members of the core, read from the http-errors shape: `detail` is the
 * message unless it is the default one, `title` follows `status` (which http-errors users and
 * Koa assign to), `headers` and `extensions` are made on first use. Assigning any of them
 * (as `createError`'s properties do) makes an ordinary enumerable own property.
 */
function defineProblemMembers(prototype: object, defaultMessage: string): void {
  const shadow = (name: string) =>
    function (this: object, value: unknown): void {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    };
  const lazyObject = (name: string) =>
    function (this: object): Record<string, never> {
      const value: Record<string, never> = {};
      // Kept on the instance (not on a prototype that happens to be read), so later reads see the same object.
      if (!Object.hasOwn(this, 'constructor') && Object.isExtensible(this)) {
        Object.defineProperty(this, name, { value, writable: true, enumerable: false, configurable: true });
      }
      return value;
    };
  Object.defineProperties(prototype, {
    title: {
      get(this: { status?: unknown }): string {
        return titleOf(this.status);
      },
      set: shadow('title'),
      configurable: true,
    },
    detail: {
      get(this: { message?: unknown }): string | undefined {
        const message = this.message;
        return typeof message === 'string' && message !== '' && message !== defaultMessage ? message : undefined;
      },
      set: shadow('detail'),
      configurable: true,
    },
    type: { value: 'about:blank', writable: true, configurable: true },
    instance: { value: undefined, writable: true, configurable: true },
    headers: { get: lazyObject('headers'), set: shadow('headers'), configurable: true },
    extensions: { get: lazyObject('extensions'), set: shadow('extensions'), configurable: true },
  });
}

/** The problem title for whatever `status` an error holds now (the core's title for it). */
function titleOf(status: unknown): string {
  if (typeof status !== 'number') return 'Internal Server Error';
  return reasonPhrase(status) ?? (status < 500 ? 'Client Error' : 'Server Error');
}

/**
 * `instanceof` for the constructors: the ordinary check, then (for our constructors only, not a
 * user's subclass) a walk up the prototypes for one marked with the same class name.
 */
function hasInstance(this: Function, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    if (ordinaryHasInstance.call(this, value)) return true;
    if (!Object.hasOwn(this, CONSTRUCTOR_MARK)) return false;
    const mark = (this as unknown as Record<symbol, unknown>)[CONSTRUCTOR_MARK];
    let proto: unknown = Object.getPrototypeOf(value);
    for (let depth = 0; proto !== null && depth < MAX_PROTOTYPE_DEPTH; depth++) {
      if (Object.hasOwn(proto as object, CONSTRUCTOR_MARK) && (proto as Record<symbol, unknown>)[CONSTRUCTOR_MARK] === mark) return true;
      proto = Object.getPrototypeOf(proto);
    }
  } catch {
    // A revoked Proxy or a hostile getPrototypeOf trap is not one of ours.
  }
  return false;
}
