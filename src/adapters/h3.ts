import type { H3Event, HTTPError } from 'h3';
import { PROBLEM_CONTENT_TYPE } from '../problem/to-problem-response.js';
import { reasonPhrase } from '../status/reason-phrase.js';
import { safeGet } from '../util/safe-get.js';
import { mergeVary, REPRESENTATION_HEADERS } from '../headers/header-policy.js';
import type { AdapterOptions } from './adapter-options.js';
import { h3HttpErrorProblem, unwrapH3Error } from './h3-errors.js';
import { prepareProblem } from './prepare-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/**
 * Options of `problemDetailsOnError`. `onError(error, event)` receives the value the handler
 * threw (our exception, a plain `Error` …), not h3's `HTTPError` wrapper around it; for an
 * `HTTPError` made by the application or by h3 itself (404 …), that `HTTPError`.
 */
export type ProblemDetailsOnErrorOptions = AdapterOptions<H3Event>;

/**
 * The function `problemDetailsOnError` returns, for h3's `onError` option: a problem `Response`
 * for every error; undefined (h3 answers itself) only for an `HTTPError` with a status below 400.
 */
export type ProblemDetailsOnError = (error: HTTPError, event: H3Event) => Response | undefined;

const UTF8 = new TextEncoder();

const FALLBACK_BODY = '{"type":"about:blank","title":"Internal Server Error","status":500}';

// Headers that describe the body: the problem's own are written after the ones h3 kept.
const REPRESENTATION = new Set(REPRESENTATION_HEADERS);

/**
 * The `onError` option of an h3 2 app: answers every error with an RFC 9457 problem
 * (`application/problem+json`).
 *
 * - An exception (or any error) thrown by a handler keeps its status, headers and exposure:
 *   h3 wraps it in an `HTTPError`, and the original is taken back out of it;
 * - h3's own `HTTPError`s become problems with their status and headers (`Allow`,
 *   `WWW-Authenticate` …): the 404 for an unmatched route, 400 for a malformed URL or JSON
 *   body, 413 … A 4xx `HTTPError`'s message is the `detail` and its `data` and `body` are
 *   extension members; a failed `readValidatedBody` / `defineValidatedHandler` validation
 *   lists each issue in `errors`. Nothing of a 5xx reaches the client;
 * - headers h3 keeps for error responses (`event.res.errHeaders`: CORS, route rules …) are
 *   kept; `instance` is the request path; HEAD gets the headers and Content-Length, no body.
 *
 * h3 logs every error that is not an `HTTPError` to the console before calling `onError`;
 * pass `silent: true` to the app when `onError` does the logging.
 *
 * @example
 * const app = new H3({
 *   silent: true, // h3 would log our exceptions as unhandled errors
 *   onError: problemDetailsOnError({ onError: (error, event) => console.error(`${event.req.method} ${event.url.pathname}`, error) }),
 * });
 * app.get('/users/:id', (event) => {
 *   throw new NotFoundException(`No user ${getRouterParam(event, 'id')}`);
 * });
 */
export function problemDetailsOnError(options?: ProblemDetailsOnErrorOptions): ProblemDetailsOnError {
  return function problemDetails(error: HTTPError, event: H3Event): Response | undefined {
    try {
      const original = unwrapH3Error(error);
      // An HTTPError with a 1xx-3xx status is not an error to describe: h3 sends it as it is.
      if (original === error && isBelow400(error)) return undefined;
      const rawMethod = safeGet(safeGet(event, 'req'), 'method');
      const method = typeof rawMethod === 'string' ? rawMethod : undefined;
      const prepared = prepareProblem(original, event, { method, url: readPath(event), httpVersionMajor: readHttpVersion(event), headers: safeGet(safeGet(event, 'req'), 'headers') }, options, h3HttpErrorProblem);
      const headers = new Headers();
      copyErrorHeaders(event, headers);
      for (const [name, value] of Object.entries(prepared.headers)) {
        try {
          // Cookies add to those h3 kept (a session's); Vary extends h3's (CORS: Origin); any other header replaces h3's.
          if (name === 'vary') headers.set(name, mergeVary(headers.get(name) ?? undefined, value as string));
          else {
            if (name !== 'set-cookie') headers.delete(name);
            for (const line of typeof value === 'string' ? [value] : value) headers.append(name, line);
          }
        } catch {
          // Already filtered; a header the Headers class still refuses is dropped.
        }
      }
      if (!headers.has('content-type')) headers.set('content-type', PROBLEM_CONTENT_TYPE);
      // Set here rather than left to the server: h3 and srvx would stream a string body chunked.
      headers.set('content-length', String(UTF8.encode(prepared.body).byteLength));
      // The status line's reason phrase, which Node would otherwise leave empty for a Response without one.
      const statusText = reasonPhrase(prepared.status) ?? '';
      return new Response(method === 'HEAD' ? null : prepared.body, { status: prepared.status, statusText, headers });
    } catch {
      return fallback();
    }
  };
}

function isBelow400(error: HTTPError): boolean {
  const status: unknown = error.status;
  return error.unhandled !== true && typeof status === 'number' && status < 400;
}

/**
 * The headers h3 sends with every error response (`event.res.errHeaders`: CORS, route rules,
 * session cookies), without those describing a body.
 */
function copyErrorHeaders(event: H3Event, target: Headers): void {
  try {
    for (const [name, value] of event.res.errHeaders) {
      if (REPRESENTATION.has(name)) continue;
      if (name === 'set-cookie') target.append(name, value);
      else target.set(name, value);
    }
  } catch {
    // Unreadable: the problem goes out without them.
  }
}

function fallback(): Response {
  return new Response(FALLBACK_BODY, { status: 500, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
}

/** The path h3 routed on (`event.url.pathname`, without the query string). */
function readPath(event: H3Event): string | undefined {
  try {
    const path: unknown = event.url.pathname;
    return typeof path === 'string' ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The HTTP major version when h3 runs on Node (HTTP/2 has no connection-specific headers). */
function readHttpVersion(event: H3Event): number | undefined {
  try {
    const major: unknown = event.runtime?.node?.req.httpVersionMajor;
    return typeof major === 'number' ? major : undefined;
  } catch {
    return undefined;
  }
}
