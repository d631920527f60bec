import { PROBLEM_CONTENT_TYPE } from '../problem/to-problem-response.js';
import type { AdapterOptions } from './adapter-options.js';
import type { ProblemResponse } from '../model/problem-details.js';
import { safeGet } from '../util/safe-get.js';
import { fromHonoException } from './hono-exception.js';
import { prepareProblem } from './prepare-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/**
 * Options of `toFetchResponse`. Pass the `request` so that `instance` defaults to its path
 * (query string left out), HEAD gets no body and `onError` receives it.
 */
export type ToFetchResponseOptions = AdapterOptions<Request | undefined> & {
  /** The web `Request` being answered (Hono: `c.req.raw`). */
  readonly request?: Request | undefined;
  /**
   * The HTTP version the request came over, when a bridge knows it (Hono on @hono/node-server:
   * `c.env.incoming.httpVersionMajor`). From 2 on, connection-specific headers such as `Upgrade`
   * are not sent: Node's HTTP/2 server refuses them and the request would hang.
   */
  readonly httpVersionMajor?: number | undefined;
};

const FALLBACK_BODY = '{"type":"about:blank","title":"Internal Server Error","status":500}';

/**
 * Turns any thrown value into a web-standard `Response` carrying the RFC 9457 problem:
 * status, headers and `application/problem+json` body (`null` body for HEAD, with the
 * Content-Length the body would have had). Never throws. For Hono, Cloudflare Workers,
 * Deno, Bun, Next.js route handlers and anything else that returns a `Response`. Hono's
 * `HTTPException` keeps its status, message and the headers of its `res` (`WWW-Authenticate`).
 *
 * @example
 * app.onError((error, c) => toFetchResponse(error, { request: c.req.raw }));
 * app.notFound((c) => toFetchResponse(new NotFoundException(), { request: c.req.raw }));
 */
export function toFetchResponse(error: unknown, options?: ToFetchResponseOptions): Response {
  const request = options?.request;
  const rawMethod = safeGet(request, 'method');
  const method = typeof rawMethod === 'string' ? rawMethod : undefined;
  let prepared: ProblemResponse | undefined;
  try {
    prepared = prepareProblem(error, request, { method, url: readPath(request), headers: safeGet(request, 'headers'), httpVersionMajor: options?.httpVersionMajor }, options, fromHonoException);
  } catch {
    prepared = undefined;
  }
  if (prepared === undefined) return fallback();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(prepared.headers)) {
      try {
        if (typeof value === 'string') headers.set(name, value);
        else for (const line of value) headers.append(name, line);
      } catch {
        // Already filtered; a header the Headers class still refuses is dropped.
      }
    }
    if (method !== 'HEAD') return new Response(prepared.body, { status: prepared.status, headers });
    headers.set('content-length', String(new TextEncoder().encode(prepared.body).byteLength));
    return new Response(null, { status: prepared.status, headers });
  } catch {
    return fallback();
  }
}

function fallback(): Response {
  return new Response(FALLBACK_BODY, { status: 500, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
}

/** The request's path (no query), or undefined when there is no usable URL. */
function readPath(request: Request | undefined): string | undefined {
  try {
    const url: unknown = request?.url;
    return typeof url === 'string' ? new URL(url).pathname : undefined;
  } catch {
    return undefined;
  }
}
