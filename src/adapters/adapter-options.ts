import type { ProblemDetailsOptions } from '../model/problem-details.js';

/**
 * Options every adapter takes: the serializer's options (the request's `Accept` and
 * `Accept-Language` come from the request itself), a logging hook and `traceId`.
 */
export interface AdapterOptions<Request> extends Omit<ProblemDetailsOptions, 'accept' | 'acceptLanguage' | 'traceId'> {
  /**
   * Sees every error, as thrown, before it is sanitised, with the request it came from.
   * For logging and metrics. If it throws (or rejects), that is contained and the client
   * still gets its problem response.
   */
  readonly onError?: (error: unknown, request: Request) => void | Promise<void>;
  /**
   * Adds a `traceId` member. `true`: the trace id of a valid W3C `traceparent` header, else the
   * `x-request-id` header, else the framework's own request id (Fastify's `request.id`, hapi's
   * `request.info.id`); bounded (1–200 printable characters). A function: its result for the
   * request (a throw or a non-string adds nothing).
   */
  readonly traceId?: boolean | ((request: Request) => string | undefined);
  /**
   * Content negotiation (default `true`): the body is problem+json, JSON or problem+xml as the
   * request's `Accept` asks, with `Vary: Accept`. `false`: always `application/problem+json`.
   */
  readonly negotiate?: boolean;
}
