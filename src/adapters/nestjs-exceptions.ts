import { safeGet } from '../util/safe-get.js';
import { createHttpException } from '../exceptions/create-http-exception.js';
import { isHttpException } from '../exceptions/guards.js';
import type { AnyHttpExceptionOptions, ValidationError } from '../exceptions/options.js';
import { isErrorStatus } from '../status/error-status.js';
import { titleForStatus } from '../status/reason-phrase.js';
import { jsonPointer } from '../validation/json-pointer.js';
import { issueMessage, issuePath } from '../validation/standard-schema.js';
import { MAX_VALIDATION_ERRORS, validationErrorAt } from '../validation/validation-location.js';
import { requestPath, type RequestFacts } from './prepare-problem.js';

// Translation of Nest's HttpException family into our exceptions. Nest is recognised by
// shape only: nothing here loads @nestjs at run time.

const VALIDATION_DETAIL = 'Validation failed';
/** Nesting of class-validator errors followed; deeper children are not listed. */
const MAX_VALIDATION_DEPTH = 32;

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
    } else if (Array.isArray(message)) {
      errors = nestValidationErrors(message as unknown[]);
      if (errors !== undefined) detail = VALIDATION_DETAIL;
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

/**
 * The `errors` entries of a Nest exception whose message is a list, in the shape
 * `problemFromIssues` gives; undefined for a list of anything else.
 * - strings, what `ValidationPipe` makes (one per failed constraint, no location): `{ detail }`;
 * - Standard Schema issues (a pipe doing `throw new BadRequestException(result.issues)`):
 *   `{ detail, pointer }`, exactly as `problemFromIssues` makes them;
 * - class-validator `ValidationError`s (`ValidationPipe` with
 *   `exceptionFactory: (errors) => new BadRequestException(errors)`): `{ detail, pointer }` per
 *   failed constraint, the pointer following `property` through `children`.
 */
function nestValidationErrors(message: readonly unknown[]): ValidationError[] | undefined {
  if (message.length === 0) return undefined;
  const items = message.slice(0, MAX_VALIDATION_ERRORS);
  // Only the entries that are listed are looked at: the work is bounded whatever the list's length.
  if (items.every((item) => typeof item === 'string')) return (items as string[]).map((item) => ({ detail: item }));
  if (items.every(isIssue)) return items.map((issue) => validationErrorAt('body', issuePath(issue), issueMessage(issue)));
  if (items.every(isClassValidatorError)) {
    const errors: ValidationError[] = [];
    for (const error of items as ClassValidatorError[]) collectConstraints(error, [], errors);
    return errors.length > 0 ? errors : undefined;
  }
  return undefined;
}

/** A Standard Schema issue: a string `message` and, if any, a `path` array. */
function isIssue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const path = safeGet(value, 'path');
  return typeof safeGet(value, 'message') === 'string' && (path === undefined || Array.isArray(path));
}

/** The parts of class-validator's `ValidationError` read here. */
interface ClassValidatorError {
  readonly property: string;
  readonly constraints?: Readonly<Record<string, unknown>>;
  readonly children?: readonly unknown[];
}

function isClassValidatorError(value: unknown): value is ClassValidatorError {
  if (typeof value !== 'object' || value === null || typeof safeGet(value, 'property') !== 'string') return false;
  const constraints = safeGet(value, 'constraints');
  const children = safeGet(value, 'children');
  return (typeof constraints === 'object' && constraints !== null) || Array.isArray(children);
}

/** Adds one entry per failed constraint of `error` and its children, depth first, up to the cap. */
function collectConstraints(error: ClassValidatorError, parents: readonly string[], errors: ValidationError[]): void {
  if (errors.length >= MAX_VALIDATION_ERRORS || parents.length >= MAX_VALIDATION_DEPTH) return;
  const path = [...parents, error.property];
  const constraints = error.constraints;
  if (typeof constraints === 'object' && constraints !== null) {
    for (const text of Object.values(constraints)) {
      if (errors.length >= MAX_VALIDATION_ERRORS) return;
      if (typeof text === 'string' && text !== '') errors.push({ detail: text, pointer: jsonPointer(path) });
    }
  }
  if (Array.isArray(error.children)) {
    for (const child of error.children as unknown[]) if (isClassValidatorError(child)) collectConstraints(child, path, errors);
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
