import { createHttpException } from '../exceptions/create-http-exception.js';
import type { HttpException } from '../exceptions/http-exception.js';
import type { ValidationError } from '../exceptions/options.js';
import { reasonPhrase } from '../status/reason-phrase.js';
import { foreignExtensions, foreignHeaders } from './foreign-error-parts.js';
import { jsonPointerFragment } from './validation-path.js';

/** The members of h3 2's `HTTPError` read here (h3 itself is never loaded by this library). */
interface H3HttpError extends Error {
  readonly status: number;
  readonly statusText?: string | undefined;
  readonly headers?: unknown;
  readonly cause?: unknown;
  readonly data?: unknown;
  readonly body?: unknown;
  readonly unhandled?: boolean | undefined;
}

/** The message h3 gives every failed Standard Schema validation (`readValidatedBody`, `defineValidatedHandler` …). */
const VALIDATION_FAILED = 'Validation failed';

// `data` comes from the error's own member, never from `body`.
const DATA: ReadonlySet<string> = new Set(['data']);

/** At most this many validation issues are listed in `errors`. */
const MAX_ERRORS = 100;

/**
 * True for an h3 `HTTPError`, tested the way h3 itself does (`HTTPError.isError`: an `Error`
 * named "HTTPError" with a status), so that errors from another copy of h3 count too.
 * Never throws.
 */
export function isH3HttpError(value: unknown): value is H3HttpError {
  try {
    if (!(value instanceof Error) || value.name !== 'HTTPError') return false;
    const status = (value as { status?: unknown }).status;
    return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599;
  } catch {
    return false;
  }
}

/**
 * The value a handler actually threw, from what h3 2 passes to `onError`. h3 hands over an
 * `HTTPError` every time: for a thrown `Error` that is not one it makes `new HTTPError(error)`
 * (the error in `cause`, `unhandled: true`), for any other thrown value a 500 whose `cause` is
 * that value, and for a failed Node handler `{ cause: error, unhandled: true }` as the cause.
 * An `HTTPError` the application (or h3 itself: 404, malformed URL, validation …) made is
 * returned as it is. Never throws.
 */
export function unwrapH3Error(error: unknown): unknown {
  try {
    if (!isH3HttpError(error) || error.unhandled !== true) return error;
    const cause = error.cause;
    if (isNodeHandlerDetails(cause)) return cause.cause;
    return cause;
  } catch {
    return error;
  }
}

/** The details object h3's `fromNodeHandler` wraps a Node handler's error in: exactly `{ cause, unhandled: true }`. */
function isNodeHandlerDetails(value: unknown): value is { cause: unknown; unhandled: true } {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('cause') && (value as { unhandled?: unknown }).unhandled === true;
}

/**
 * An h3 `HTTPError` the application or h3 made (not one wrapping a thrown value) as the
 * matching exception; undefined for anything else, and for an `HTTPError` whose status is
 * not a 4xx or 5xx.
 *
 * - status and `headers` are kept (the header policy applies when the problem is written);
 * - for a 4xx, the message becomes `detail`, and `data` and `body` (which h3 itself puts in
 *   its JSON error body) become extension members. h3's default messages add nothing and
 *   are left out: `"HTTPError 404"`, the reason phrase, and the 404 for an unmatched route,
 *   which repeats the full request URL, query string included;
 * - a failed Standard Schema validation (400, `data.issues`) lists each issue in `errors` as
 *   `{ detail, pointer }`; h3 does not tell which part of the request failed, so the pointer
 *   points into the validated value (the body, or the query or headers object);
 * - for a 5xx nothing of the error reaches the client, as for every server error (its message
 *   is a detail that only `debug` shows).
 *
 * Never throws.
 */
export function h3HttpErrorProblem(error: unknown): HttpException | undefined {
  try {
    if (!isH3HttpError(error) || error.unhandled === true) return undefined;
    const status = error.status;
    if (status < 400) return undefined;
    const headers = foreignHeaders(error.headers);
    const detail = shownMessage(error);
    // A 5xx keeps its message as a detail that is never exposed (only `debug` shows it).
    if (status >= 500) return createHttpException(status, detail, { headers, cause: error });
    const errors = status === 400 || status === 422 ? validationErrors(error) : undefined;
    if (errors !== undefined) return createHttpException(status, detail, { headers, cause: error, errors });
    return createHttpException(status, detail, { headers, cause: error, extensions: extensionMembers(error) });
  } catch {
    // An error we cannot read (throwing getters …): left to the serializer, which answers a plain 500 at worst.
    return undefined;
  }
}

/** The message as `detail`, unless it is one of h3's defaults. */
function shownMessage(error: H3HttpError): string | undefined {
  const message = error.message;
  if (typeof message !== 'string' || message === '') return undefined;
  const status = error.status;
  if (message === reasonPhrase(status)) return undefined;
  // h3's fallback when no message was given: "HTTPError 404" or "HTTPError 404 Custom Text".
  if (message === `HTTPError ${status}` || message === `HTTPError ${status} ${error.statusText ?? ''}`) return undefined;
  // The unmatched-route 404 ("Cannot find any route matching [GET] http://host/path?query").
  if (status === 404 && message.startsWith('Cannot find any route matching [')) return undefined;
  return message;
}

/** `errors` for h3's Standard Schema validation failure; undefined for any other error. */
function validationErrors(error: H3HttpError): ValidationError[] | undefined {
  if (error.message !== VALIDATION_FAILED) return undefined;
  const data = error.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const issues = (data as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const errors: ValidationError[] = [];
  for (const issue of (issues as unknown[]).slice(0, MAX_ERRORS)) {
    const fields = typeof issue === 'object' && issue !== null ? (issue as { message?: unknown; path?: unknown }) : {};
    const detail = typeof fields.message === 'string' && fields.message !== '' ? fields.message : 'is invalid';
    errors.push({ detail, pointer: jsonPointerFragment(fields.path ?? []) });
  }
  return errors;
}

/** `data` and the `body` members, which h3 would have put in its own JSON body. */
function extensionMembers(error: H3HttpError): Record<string, unknown> | undefined {
  const members = foreignExtensions(error.body, DATA) ?? {};
  const data = error.data;
  if (data !== undefined && data !== null) members['data'] = data;
  return Object.keys(members).length > 0 ? members : undefined;
}
