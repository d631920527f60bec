import type { Lifecycle, Plugin, Request, ResponseObject, ResponseToolkit, Server } from '@hapi/hapi';
import { BadRequestException } from '../exceptions/status-exceptions.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/to-problem-response.js';
import type { AdapterOptions } from './adapter-options.js';
import { boomProblem, isBoom, unwrapBoom } from './hapi-boom.js';
import { prepareProblem } from './prepare-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/**
 * Options of `problemDetailsPlugin`. `onError(error, request)` receives the error the
 * response is about, as thrown: our exception (hapi marks it a Boom in place), a Boom from
 * hapi or the application (hapi's own 404 included), or the value a handler threw that is
 * not an `Error`.
 */
export type ProblemDetailsPluginOptions = AdapterOptions<Request>;

const FALLBACK_BODY = '{"type":"about:blank","title":"Internal Server Error","status":500}';

/**
 * A hapi 21 plugin that sends every error response as an RFC 9457 problem
 * (`application/problem+json`), from an `onPreResponse` extension on all routes:
 *
 * - our exceptions thrown from handlers, `pre` methods or extensions keep their status,
 *   headers and exposure;
 * - Boom errors (thrown by the application, or hapi's own: the 404 for an unmatched route, 401
 *   from an auth scheme, 400 for a bad payload, 413, 415 …) keep their status and
 *   `output.headers` (`WWW-Authenticate`, `Allow` …), filtered by the header policy; the message
 *   of a 4xx is the `detail`, nothing of a 5xx is shown;
 * - a failed route validation is a 400 with hapi's own detail (`'Invalid request payload
 *   input'`); with `failAction: problemDetailsFailAction` (or any `failAction` function that
 *   throws the error it gets) it also lists each failure in `errors`;
 * - `instance` is the request path; HEAD gets the headers and Content-Length, no body (hapi
 *   leaves it out); later `onPreResponse` extensions and route CORS still apply.
 *
 * @example
 * const server = Hapi.server({ routes: { validate: { failAction: problemDetailsFailAction } } });
 * await server.register({ plugin: problemDetailsPlugin, options: { onError: (error, request) => console.error(request.path, error) } });
 * server.route({ method: 'GET', path: '/users/{id}', handler: (request) => {
 *   throw new NotFoundException(`No user ${request.params['id']}`);
 * } });
 */
export const problemDetailsPlugin: Plugin<ProblemDetailsPluginOptions> = {
  name: 'typed-http-exceptions',
  register(server: Server, options: ProblemDetailsPluginOptions | undefined): void {
    if (options !== undefined && (typeof options !== 'object' || options === null)) {
      throw new TypeError('problemDetailsPlugin options must be an object (onError, mapError, instance, typeBaseUrl, debug)');
    }
    server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => respond(request, h, options));
  },
};

/**
 * A route validation `failAction` (hapi 21 `routes.validate.failAction`, or a route's
 * `options.validate.failAction`) that throws the detailed validation error, so that
 * `problemDetailsPlugin` lists every failure in `errors`: `{ detail, pointer }` for the payload,
 * `{ detail, parameter }` for query and path parameters, `{ detail, header }` and
 * `{ detail, cookie }`. The details are the validator's messages (Joi's:
 * `'"age" must be greater than or equal to 0'`); hapi's default (`'error'`) hides them.
 *
 * @example
 * const server = Hapi.server({ routes: { validate: { failAction: problemDetailsFailAction } } });
 */
export const problemDetailsFailAction: Lifecycle.Method = (_request, _h, error) => {
  // hapi always passes the error; a 400 all the same should it ever not.
  throw error ?? new BadRequestException('Validation failed');
};

function respond(request: Request, h: ResponseToolkit, options: ProblemDetailsPluginOptions | undefined): Lifecycle.ReturnValue {
  const response: unknown = request.response;
  if (!isBoom(response)) return h.continue;
  try {
    const method = typeof request.method === 'string' ? request.method.toUpperCase() : undefined;
    const raw = request.raw.req;
    const prepared = prepareProblem(unwrapBoom(response), request, { method, url: raw.url ?? request.path, httpVersionMajor: raw.httpVersionMajor, headers: request.headers, requestId: request.info?.id }, options, boomProblem);
    // hapi computes Content-Length and leaves the body out for HEAD itself.
    const reply = h.response(prepared.body).code(prepared.status);
    for (const [name, value] of Object.entries(prepared.headers)) setHeader(reply, name, value);
    if (reply.headers['content-type'] === undefined) reply.type(PROBLEM_CONTENT_TYPE);
    // hapi would append "; charset=utf-8" to a negotiated application/json: the body is UTF-8 JSON either way.
    reply.charset('');
    return reply;
  } catch {
    return h.response(FALLBACK_BODY).code(500).type(PROBLEM_CONTENT_TYPE);
  }
}

function setHeader(reply: ResponseObject, name: string, value: string | string[]): void {
  try {
    if (typeof value === 'string') reply.header(name, value);
    else for (const line of value) reply.header(name, line, { append: true });
  } catch {
    // Already filtered; a header hapi still refuses is dropped rather than lose the response.
  }
}

