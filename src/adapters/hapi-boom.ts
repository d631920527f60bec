import { createHttpException } from '../exceptions/create-http-exception.js';
import { isHttpException } from '../exceptions/guards.js';
import type { HttpException } from '../exceptions/http-exception.js';
import { reasonPhrase } from '../status/reason-phrase.js';
import { foreignExtensions, foreignHeaders } from './foreign-error-parts.js';
import { hapiValidationFailure } from './hapi-validation.js';

/** The members of a Boom error (`@hapi/boom` 10, as hapi 21 makes them) read here; Boom itself is never loaded. */
export interface BoomLike extends Error {
  readonly isBoom: true;
  readonly output: {
    readonly statusCode: number;
    readonly payload?: unknown;
    readonly headers?: unknown;
  };
  readonly data?: unknown;
}

/** hapi's message when a handler throws something that is not an `Error` (`toolkit.js`). */
const NON_ERROR_MESSAGE = 'Cannot throw non-error object';

// The members Boom puts in every payload; any other was added by the application or by hapi.
const BOOM_PAYLOAD: ReadonlySet<string> = new Set(['statusCode', 'error', 'message']);

/** True for a Boom error (`Boom.isBoom`: an `Error` with `isBoom` and an `output`). Never throws. */
export function isBoom(value: unknown): value is BoomLike {
  try {
    if (!(value instanceof Error) || (value as { isBoom?: unknown }).isBoom !== true) return false;
    const output: unknown = (value as { output?: unknown }).output;
    return typeof output === 'object' && output !== null;
  } catch {
    return false;
  }
}

/**
 * The value a handler threw, from the Boom that hapi 21 answers with. hapi turns an `Error`
 * into a Boom in place (`Boom.boomify`: the same object, so our exceptions stay themselves),
 * but a thrown value that is not an `Error` becomes a new 500 holding it in `data`; that
 * value is returned. Anything else is returned as it is. Never throws.
 */
export function unwrapBoom(error: unknown): unknown {
  try {
    if (!isBoom(error) || error.output.statusCode !== 500 || error.message !== NON_ERROR_MESSAGE) return error;
    return (error as { isDeveloperError?: unknown }).isDeveloperError === true ? error.data : error;
  } catch {
    return error;
  }
}

/**
 * A Boom error (hapi's own 404, 401 from an auth scheme, 413 for a payload too large, a failed
 * route validation, `Boom.*` thrown by the application …) as the matching exception; undefined
 * for our exceptions (which keep their own status, headers and exposure even when boomified)
 * and for anything that is not a Boom.
 *
 * - status: `output.statusCode`; headers: `output.headers` (`WWW-Authenticate`, `Allow` …),
 *   which the header policy filters when the problem is written;
 * - for a 4xx, Boom's `payload.message` is the `detail` (not when it only repeats the reason
 *   phrase, as `Boom.notFound()`'s does) and the payload's other members (`attributes` …)
 *   are extension members; a route validation failure thrown by a `failAction` function lists
 *   each failure in `errors` (see `hapiValidationFailure`);
 * - for a 5xx nothing of the error reaches the client (its message is a detail that only
 *   `debug` shows);
 * - a 500 with no header to keep is left to the serializer, which reads the error itself: an
 *   error hapi made a Boom in place keeps a status of its own (http-errors, Koa or Fastify
 *   errors), and `debug` shows its own stack.
 *
 * Never throws.
 */
export function boomProblem(error: unknown): HttpException | undefined {
  try {
    if (isHttpException(error) || !isBoom(error)) return undefined;
    const statusCode = error.output.statusCode;
    const status = Number.isInteger(statusCode) && statusCode >= 400 && statusCode <= 599 ? statusCode : 500;
    const headers = foreignHeaders(error.output.headers);
    // hapi's 500 for whatever a handler threw, with no header to keep: the error itself says most
    // (an http-errors status, and for `debug` its own message, stack and cause).
    if (status === 500 && headers === undefined) return undefined;
    // A 5xx keeps its message as a detail that is never exposed (only `debug` shows it).
    if (status >= 500) return createHttpException(status, error.message === '' ? undefined : error.message, { headers, cause: error });
    const validation = status === 400 ? hapiValidationFailure(error) : undefined;
    if (validation !== undefined) return createHttpException(400, validation.detail, { headers, cause: error, errors: validation.errors });
    const payload = error.output.payload;
    return createHttpException(status, shownMessage(payload, status), { headers, cause: error, extensions: foreignExtensions(payload, BOOM_PAYLOAD) });
  } catch {
    // A Boom we cannot read (throwing getters …): left to the serializer, a plain 500 at worst.
    return undefined;
  }
}

/** Boom's message as `detail`, unless it only repeats the status phrase. */
function shownMessage(payload: unknown, status: number): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { message, error } = payload as { message?: unknown; error?: unknown };
  if (typeof message !== 'string' || message === '' || message === error || message === reasonPhrase(status)) return undefined;
  return message;
}
