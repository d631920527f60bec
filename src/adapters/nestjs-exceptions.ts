import { safeGet } from '../util/safe-get.js';
import { createHttpException } from '../exceptions/create-http-exception.js';
import { isHttpException } from '../exceptions/guards.js';
import type { AnyHttpExceptionOptions, ValidationError } from '../exceptions/options.js';
import { isErrorStatus } from '../status/error-status.js';
import { titleForStatus } from '../status/reason-phrase.js';
import { requestPath, type RequestFacts } from './prepare-problem.js';

// Translation of Nest's HttpException family into our exceptions. Nest is recognised by
// shape only: nothing here loads @nestjs at run time.

const VALIDATION_DETAIL = 'Validation failed';
const MAX_VALIDATION_ERRORS = 100;

/**
 * Nest's `HttpException` (recognised by shape: an Error with `getStatus()` and
 * `getResponse()`) as one of our exceptions; undefined for anything else.
 */
export function fromNestException(value: unknown, facts: RequestFacts): unknown {
  try {
    if (!isNestHttpException(value) || isHttpException(value)) return undefined;
    const status: unknown = value.getStatus();
    if (!isErrorStatus(status)) return undefined;
    const response: unknown = value.getResponse();
    const message = typeof response === 'object' && response !== null ? safeGet(response, 'message') : response;
    let detail: string | undefined;
    let errors: ValidationError[] | undefined;
    if (typeof message === 'string') {
      detail = message;
    } else if (typeof message === 'number' && Number.isFinite(message)) {
      detail = String(message);
    } else if (Array.isArray(message) && message.length > 0 && message.every((item) => typeof item === 'string')) {
      // What ValidationPipe produces: one message per failed constraint.
      detail = VALIDATION_DETAIL;
      errors = (message as string[]).slice(0, MAX_VALIDATION_ERRORS).map((item) => ({ detail: item }));
    }
    if (detail === titleForStatus(status)) detail = undefined;
    // Nest's 404 for an unknown route echoes the request target; keep its query string out.
    if (detail !== undefined && facts.url !== undefined && detail === `Cannot ${facts.method} ${facts.url}`) {
      detail = `Cannot ${facts.method} ${requestPath(facts.url) ?? ''}`;
    }
    const options: { -readonly [K in keyof AnyHttpExceptionOptions]?: AnyHttpExceptionOptions[K] } = {};
    // A 5xx keeps its detail hidden (shown with `debug` only); its errors are not sent at all.
    if (errors !== undefined && status < 500) options.errors = errors;
    const cause = safeGet(value, 'cause');
    if (cause !== undefined) options.cause = cause;
    const mapped = createHttpException(status, detail, options);
    const stack = safeGet(value, 'stack');
    // `debug` shows where the Nest exception was thrown, not where it was translated.
    if (typeof stack === 'string') Object.defineProperty(mapped, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
    return mapped;
  } catch {
    // An exception we cannot read is left to the serializer (its own status, or a 500).
    return undefined;
  }
}

/** An Error (of any realm) with `getStatus()` and `getResponse()` methods: the shape of Nest's `HttpException`. */
export function isNestHttpException(value: unknown): value is Error & { getStatus(): unknown; getResponse(): unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    // `[object Error]` also matches errors from another realm.
    (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]') &&
    typeof safeGet(value, 'getStatus') === 'function' &&
    typeof safeGet(value, 'getResponse') === 'function'
  );
}
