/**
 * Shared by the http-errors tests: silences both libraries' deprecation warnings (depd reads
 * NO_DEPRECATION when http-errors is loaded, so this module must be imported first), loads
 * the real http-errors package as the oracle, and describes an error by what a program can see.
 */
process.env['NO_DEPRECATION'] = 'http-errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const realCreateError = require('http-errors') as HttpErrorsLike;

/** What both `createError`s have in common, loosely typed, so one test table drives both. */
export interface HttpErrorsLike {
  (...args: unknown[]): unknown;
  readonly HttpError: Function;
  isHttpError(value: unknown): boolean;
  readonly [member: string]: unknown;
}

/** The constructor names (`NotFound` …) of a `createError`. */
export function constructorNames(lib: HttpErrorsLike): string[] {
  return Object.keys(lib).filter((key) => Number.isNaN(Number(key)) && key !== 'HttpError' && key !== 'isHttpError');
}

/** Everything a program can observe of a value `createError` returned (or threw), except `toJSON`. */
export function observe(lib: HttpErrorsLike, make: () => unknown): Record<string, unknown> {
  let value: unknown;
  try {
    value = make();
  } catch (thrown) {
    return { threw: thrown instanceof Error ? `${thrown.constructor.name}: ${thrown.message}` : thrown };
  }
  if (typeof value !== 'object' || value === null) return { value };
  const err = value as Record<string, unknown> & Error;
  // Read the property lists first: reading `headers` of one of ours makes its (hidden) own object.
  const ownNames = Object.getOwnPropertyNames(err);
  const keys = Object.keys(err);
  const forIn: string[] = [];
  for (const key in err) forIn.push(key);
  const stackLines = typeof err.stack === 'string' ? err.stack.split('\n') : [];
  return {
    ownNames,
    keys,
    forIn,
    ownValues: Object.fromEntries(keys.map((key) => [key, err[key]])),
    name: err.name,
    message: err.message,
    messageType: typeof err.message,
    status: err.status,
    statusCode: err.statusCode,
    expose: err.expose,
    isError: err instanceof Error,
    errorTag: Object.prototype.toString.call(err),
    errorIsError: typeof (Error as { isError?: (v: unknown) => boolean }).isError === 'function' ? (Error as unknown as { isError: (v: unknown) => boolean }).isError(err) : 'n/a',
    prototypeIsError: Object.getPrototypeOf(err) === Error.prototype,
    constructorName: (err.constructor as Function | undefined)?.name,
    instanceofHttpError: err instanceof lib.HttpError,
    isHttpError: lib.isHttpError(err),
    instanceofConstructors: constructorNames(lib).filter((name) => err instanceof (lib[name] as Function)),
    stackHeader: stackLines[0],
    // Both libraries start the trace at the caller: the test's own code, not inside createError.
    stackStartsInTest: /tests[\\/]http-errors[\\/]/.test(stackLines[1] ?? ''),
    toString: String(err),
  };
}
