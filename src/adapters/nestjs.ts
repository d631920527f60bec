import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { safeGet } from '../util/safe-get.js';
import type { AdapterOptions } from './adapter-options.js';
import { fromNestException } from './nestjs-exceptions.js';
import type { ProblemResponse } from '../model/problem-details.js';
import { notifyOnError, prepareProblem, type RequestFacts } from './prepare-problem.js';
import { sendThroughReply, type ReplyLike } from './send-through-reply.js';
import { destroyQuietly, writeProblem } from './write-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/**
 * Options of `ProblemDetailsFilter`. `Request` is what `onError` receives: the platform's
 * request object (Express `Request` or Fastify `FastifyRequest`), `unknown` unless you say.
 *
 * @example
 * const options: ProblemDetailsFilterOptions<Request> = { onError: (error, req) => logger.error(req.url, error) };
 */
export type ProblemDetailsFilterOptions<Request = unknown> = AdapterOptions<Request>;

type NodeResponse = ServerResponse | Http2ServerResponse;

/**
 * A NestJS exception filter that answers every error of an HTTP request with an RFC 9457
 * problem: our exceptions as they are; Nest's `HttpException` family with its status
 * (4xx: message as `detail`, a `ValidationPipe` message list as `errors`; 5xx: no detail
 * unless `debug`); anything else a plain 500. Express and Fastify platforms (recognised
 * by shape; Nest is not loaded at run time). No `@Catch()`: registered globally it
 * catches everything, including Nest's 404 for an unknown route. A response already
 * started is closed (after `onError`), never written twice.
 *
 * HTTP only: in another context (`host.getType()` is `'rpc'`, `'graphql'` …) it returns
 * without doing anything (no `onError`), so Nest's default handling for that context
 * runs (RPC error reply, GraphQL rethrow). Not for WebSocket gateways, where a filter
 * that returns counts as having handled the error.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * app.useGlobalFilters(new ProblemDetailsFilter({ onError: (error) => console.error(error) }));
 * await app.listen(3000);
 */
export class ProblemDetailsFilter<Request = unknown> implements ExceptionFilter<unknown> {
  readonly #options: ProblemDetailsFilterOptions<Request> | undefined;

  constructor(options?: ProblemDetailsFilterOptions<Request>) {
    this.#options = options;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    let request: Request;
    let response: unknown;
    try {
      if (host.getType() !== 'http') return;
      const http = host.switchToHttp();
      request = http.getRequest<Request>();
      response = http.getResponse<unknown>();
    } catch {
      return;
    }
    const options = this.#options;
    const reply = asReply(response);
    const res = reply === undefined ? asNodeResponse(response) : undefined;
    if (reply === undefined && res === undefined) {
      // Not a response this filter knows how to write to.
      notifyOnError(options?.onError, exception, request);
      return;
    }
    const target: NodeResponse = reply?.raw ?? (res as NodeResponse);
    if (reply?.sent === true || target.headersSent || target.writableEnded) {
      notifyOnError(options?.onError, exception, request);
      destroyQuietly(target);
      return;
    }
    const facts = requestFacts(request);
    let prepared: ProblemResponse | undefined;
    try {
      prepared = prepareProblem(exception, request, facts, options, fromNestException);
    } catch {
      prepared = undefined;
    }
    if (prepared === undefined) destroyQuietly(target);
    else if (reply !== undefined) sendThroughReply(reply, prepared);
    else writeProblem(target, prepared, facts.method);
  }
}

/** A Fastify reply (Nest's Fastify platform), recognised by shape. */
function asReply(response: unknown): ReplyLike | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const raw = safeGet(response, 'raw');
  if (
    typeof safeGet(response, 'code') === 'function' &&
    typeof safeGet(response, 'header') === 'function' &&
    typeof safeGet(response, 'removeHeader') === 'function' &&
    typeof safeGet(response, 'getHeader') === 'function' &&
    typeof safeGet(response, 'hasHeader') === 'function' &&
    typeof safeGet(response, 'send') === 'function' &&
    asNodeResponse(raw) !== undefined
  ) {
    return response as ReplyLike;
  }
  return undefined;
}

/** A Node response (Nest's Express platform: Express's `res` is one). */
function asNodeResponse(response: unknown): NodeResponse | undefined {
  if (
    typeof response === 'object' &&
    response !== null &&
    typeof safeGet(response, 'setHeader') === 'function' &&
    typeof safeGet(response, 'removeHeader') === 'function' &&
    typeof safeGet(response, 'end') === 'function' &&
    typeof safeGet(response, 'destroy') === 'function'
  ) {
    return response as NodeResponse;
  }
  return undefined;
}

/** Express's `originalUrl` (the full target even inside a router), else `url`; the HTTP version from the request or the raw one. */
function requestFacts(request: unknown): RequestFacts {
  const method = safeGet(request, 'method');
  const originalUrl = safeGet(request, 'originalUrl');
  const url = typeof originalUrl === 'string' ? originalUrl : safeGet(request, 'url');
  let version = safeGet(request, 'httpVersionMajor');
  if (typeof version !== 'number') version = safeGet(safeGet(request, 'raw'), 'httpVersionMajor');
  return {
    method: typeof method === 'string' ? method : undefined,
    url: typeof url === 'string' ? url : undefined,
    httpVersionMajor: typeof version === 'number' ? version : undefined,
    headers: safeGet(request, 'headers'),
    // Nest's Fastify platform: Fastify's request id.
    requestId: safeGet(request, 'id'),
  };
}
