import type { FastifyReply, FastifyRequest, FastifyServerOptions, RawServerBase, RawServerDefault, RouteGenericInterface } from 'fastify';
import { BadRequestException, UriTooLongException } from '../exceptions/status-exceptions.js';
import type { AdapterOptions } from './adapter-options.js';
import { fastifyValidationProblem } from './fastify-validation.js';
import { notifyOnError, prepareProblem } from './prepare-problem.js';
import { sendThroughReply } from './send-through-reply.js';
import { destroyQuietly } from './write-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/** Options of `problemDetailsErrorHandler`; `onError` gets the `FastifyRequest` (HTTP/1 or HTTP/2 server). */
export type ProblemDetailsErrorHandlerOptions<RawServer extends RawServerBase = RawServerDefault> = AdapterOptions<FastifyRequest<RouteGenericInterface, RawServer>>;

/** The function `problemDetailsErrorHandler` returns, for `app.setErrorHandler(...)`. */
export type ProblemDetailsErrorHandler<RawServer extends RawServerBase = RawServerDefault> = (
  error: unknown,
  request: FastifyRequest<RouteGenericInterface, RawServer>,
  reply: FastifyReply<RouteGenericInterface, RawServer>,
) => void;

/** The function `problemDetailsFrameworkErrors` returns, for the `frameworkErrors` server option. */
export type ProblemDetailsFrameworkErrors<RawServer extends RawServerBase = RawServerDefault> = NonNullable<FastifyServerOptions<RawServer>['frameworkErrors']>;

/**
 * A Fastify 5 error handler that sends every error as an RFC 9457 problem
 * (`application/problem+json`) through Fastify's own reply, so `onSend` hooks and
 * logging keep working. Fastify's schema-validation failures (`FST_ERR_VALIDATION`)
 * become a 400 listing each failure in `errors`; no other error's `validation` is ever
 * shown. Fastify's own errors (415, 413, malformed JSON …) keep their status.
 *
 * Errors Fastify raises before routing (a malformed URL …) never reach this handler:
 * pass {@link problemDetailsFrameworkErrors} as the `frameworkErrors` server option for those.
 *
 * @example
 * const app = fastify({ frameworkErrors: problemDetailsFrameworkErrors() });
 * app.setErrorHandler(problemDetailsErrorHandler({ onError: (error, request) => request.log.error(error) }));
 * app.setNotFoundHandler((request) => {
 *   throw new NotFoundException(`No route for ${request.method} ${request.url.split('?')[0]}`);
 * });
 */
export function problemDetailsErrorHandler<RawServer extends RawServerBase = RawServerDefault>(
  options?: ProblemDetailsErrorHandlerOptions<RawServer>,
): ProblemDetailsErrorHandler<RawServer> {
  return (error, request, reply) => sendProblem(error, request, reply, options);
}

/**
 * For Fastify 5's `frameworkErrors` server option: sends the errors Fastify raises before a
 * route (and so before `setErrorHandler`) is reached as RFC 9457 problems, through the same
 * path as {@link problemDetailsErrorHandler} (same options, `onError` included).
 *
 * - `FST_ERR_BAD_URL` (a malformed percent-encoding such as `/x/%zz`): 400 with a fixed
 *   `detail` that does not repeat the URL;
 * - `FST_ERR_MAX_PARAM_LENGTH` (a path parameter over `maxParamLength`): 414 with a fixed `detail`;
 * - `FST_ERR_ASYNC_CONSTRAINT` (an async route constraint failed): 500, nothing shown.
 *
 * The default `instance` is the request path, made a valid URI reference as for every problem
 * (`/x/%zz` → `/x/%25zz`). Fastify runs no route hooks for these requests (no `onSend`),
 * since no route was matched.
 *
 * Without this option Fastify writes these responses itself, straight to the socket:
 * `application/json` (not problem+json), a body such as
 * `{"error":"Bad Request","code":"FST_ERR_BAD_URL","message":"'/x/%zz' is not a valid url component","statusCode":400}`
 * that echoes the raw path, and no `onSend` hooks or error handler run.
 *
 * @example
 * const options = { onError: (error: unknown, request: FastifyRequest) => request.log.warn(error) };
 * const app = fastify({ frameworkErrors: problemDetailsFrameworkErrors(options) });
 * app.setErrorHandler(problemDetailsErrorHandler(options));
 * // GET /x/%zz → 400 application/problem+json
 * // {"type":"about:blank","title":"Bad Request","status":400,"detail":"The request URL is not valid","instance":"/x/%25zz"}
 */
export function problemDetailsFrameworkErrors<RawServer extends RawServerBase = RawServerDefault>(
  options?: ProblemDetailsErrorHandlerOptions<RawServer>,
): ProblemDetailsFrameworkErrors<RawServer> {
  return (error, request, reply) => sendProblem(error, request, reply, options);
}

/** The shared sending path of both functions above. */
function sendProblem<RawServer extends RawServerBase>(
  error: unknown,
  request: FastifyRequest<RouteGenericInterface, RawServer>,
  reply: FastifyReply<RouteGenericInterface, RawServer>,
  options: ProblemDetailsErrorHandlerOptions<RawServer> | undefined,
): void {
  if (reply.sent) {
    // Hijacked or already ended: nothing more can be written.
    notifyOnError(options?.onError, error, request);
    return;
  }
  if (reply.raw.headersSent) {
    // Started but not finished: Fastify would leave the client waiting, so close it.
    notifyOnError(options?.onError, error, request);
    destroyQuietly(reply.raw);
    return;
  }
  const prepared = prepareProblem(error, request, { method: request.method, url: request.url, httpVersionMajor: request.raw.httpVersionMajor, headers: request.headers, requestId: request.id }, options, translateFastifyError);
  sendThroughReply(reply, prepared);
}

/** Fastify's own errors as exceptions: its schema-validation failures and the errors it raises before routing. */
function translateFastifyError(error: unknown): unknown {
  return fastifyValidationProblem(error) ?? frameworkProblem(error);
}

/**
 * Fastify's routing errors whose message repeats the request URL, with a fixed detail instead
 * (same status); undefined for anything else. Never throws.
 */
function frameworkProblem(error: unknown): BadRequestException | UriTooLongException | undefined {
  try {
    if (typeof error !== 'object' || error === null) return undefined;
    const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
    if (code === 'FST_ERR_BAD_URL' && statusCode === 400) return new BadRequestException('The request URL is not valid', { cause: error });
    if (code === 'FST_ERR_MAX_PARAM_LENGTH' && statusCode === 414) return new UriTooLongException('A path parameter is longer than the server accepts', { cause: error });
    return undefined;
  } catch {
    return undefined;
  }
}
