import type { FastifyError, FastifyReply, FastifyRequest, RawServerBase, RawServerDefault, RouteGenericInterface } from 'fastify';
import { BadRequestException } from '../generated/exceptions.js';
import type { ValidationError } from '../exceptions/options.js';
import type { AdapterOptions } from './adapter-options.js';
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

const VALIDATION_DETAIL: ReadonlyMap<string, string> = new Map([
  ['body', 'The request body is invalid'],
  ['querystring', 'The query string is invalid'],
  ['params', 'The path parameters are invalid'],
  ['headers', 'The request headers are invalid'],
]);

/**
 * A Fastify 5 error handler that sends every error as an RFC 9457 problem
 * (`application/problem+json`) through Fastify's own reply, so `onSend` hooks and
 * logging keep working. Schema-validation failures become a 400 listing each failure
 * in `errors`; Fastify's own errors (415, 413, malformed JSON …) keep their status.
 *
 * @example
 * const app = fastify();
 * app.setErrorHandler(problemDetailsErrorHandler({ onError: (error, request) => request.log.error(error) }));
 * app.setNotFoundHandler((request) => {
 *   throw new NotFoundException(`No route for ${request.method} ${request.url.split('?')[0]}`);
 * });
 */
export function problemDetailsErrorHandler<RawServer extends RawServerBase = RawServerDefault>(
  options?: ProblemDetailsErrorHandlerOptions<RawServer>,
): ProblemDetailsErrorHandler<RawServer> {
  const userMapError = options?.mapError;
  const effective: ProblemDetailsErrorHandlerOptions<RawServer> = {
    ...options,
    // The user's mapping first; then Fastify's schema-validation errors.
    mapError: (error: unknown): unknown => {
      if (userMapError !== undefined) {
        const mapped = userMapError(error);
        if (mapped !== undefined) return mapped;
      }
      return validationProblem(error);
    },
  };
  return (error, request, reply) => {
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
    const prepared = prepareProblem(error, request, { method: request.method, url: request.url, httpVersionMajor: request.raw.httpVersionMajor }, effective);
    sendThroughReply(reply, prepared);
  };
}

/** Fastify's schema-validation error as a 400 `BadRequestException` with `errors`; otherwise undefined. */
function validationProblem(error: unknown): BadRequestException | undefined {
  try {
    if (typeof error !== 'object' || error === null) return undefined;
    const { validation, validationContext } = error as FastifyError;
    if (!Array.isArray(validation)) return undefined;
    const context = typeof validationContext === 'string' ? validationContext : '';
    const errors: ValidationError[] = [];
    for (const item of validation.slice(0, 100) as unknown[]) errors.push(toValidationError(item, context));
    return new BadRequestException(VALIDATION_DETAIL.get(context) ?? 'The request is invalid', { errors, cause: error });
  } catch {
    // A validation result we cannot read: the error keeps its own status and message.
    return undefined;
  }
}

/** One Ajv error (Fastify's default validator) as an RFC 9457 `errors` entry. */
function toValidationError(item: unknown, context: string): ValidationError {
  const fields = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const message = fields['message'];
  const detail = typeof message === 'string' && message !== '' ? message : 'is invalid';
  // Ajv 8 names it instancePath, Ajv 6 dataPath; both are JSON Pointers (already escaped).
  const rawPath = fields['instancePath'] ?? fields['dataPath'];
  let pointer = typeof rawPath === 'string' ? rawPath : '';
  const params = fields['params'];
  const paramFields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  // A missing (or unexpected) property points at the property itself, not at its parent.
  const property = paramFields['missingProperty'] ?? paramFields['additionalProperty'];
  if (typeof property === 'string') pointer += '/' + property.replaceAll('~', '~0').replaceAll('/', '~1');
  if (context === 'body') return { detail, pointer: '#' + encodeFragment(pointer) };
  const name = firstSegment(pointer);
  if (context === 'headers') return name === undefined ? { detail } : { detail, header: name };
  return name === undefined ? { detail } : { detail, parameter: name };
}

/** The first reference token of a JSON Pointer, unescaped (`/tags/0` → `tags`). */
function firstSegment(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const end = pointer.indexOf('/', 1);
  const token = pointer.slice(1, end === -1 ? undefined : end);
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** A JSON Pointer in its URI fragment form (RFC 6901 section 6): percent-encode what a fragment cannot hold. */
function encodeFragment(pointer: string): string {
  return pointer.toWellFormed().replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (char) => encodeURIComponent(char));
}
