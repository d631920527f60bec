import { CONNECTION_SPECIFIC_HEADERS } from '../headers/header-policy.js';
import type { ProblemDetailsOptions, ProblemResponse } from '../model/problem-details.js';
import { traceIdFrom } from '../negotiation/trace-id.js';
import { serializeProblem } from '../problem/to-problem-response.js';
import type { AdapterOptions } from './adapter-options.js';

/** What an adapter knows about the request that failed. */
export interface RequestFacts {
  readonly method?: string | undefined;
  /** The request target (`/users/42?x=1`); its path becomes the default `instance`. */
  readonly url?: string | undefined;
  readonly httpVersionMajor?: number | undefined;
  /**
   * The request's headers: a Node-style object of lower-case names (`req.headers`) or a web
   * `Headers`. `Accept`, `Accept-Language`, `traceparent` and `x-request-id` are read from it.
   */
  readonly headers?: unknown;
  /** The framework's own request id (Fastify's `request.id` …), used after `x-request-id`. */
  readonly requestId?: unknown;
}

/**
 * An adapter's translation of its framework's own errors (Nest's HttpException, Boom, h3's
 * HTTPError …) into exceptions; `undefined` for any other value. It runs after the user's
 * `mapError`, on its result, inside the serializer (a throw there is a plain 500).
 */
export type ErrorTranslator = (error: unknown, facts: RequestFacts) => unknown;

/**
 * Runs the shared adapter steps: call `onError` (contained), default `instance` to the
 * request path (the query string is left out: it may hold secrets), serialise (with the adapter's
 * `translate`, if it has one), and drop
 * connection-specific headers on HTTP/2+. The writer leaves the body out for HEAD.
 */
export function prepareProblem<Request>(error: unknown, request: Request, facts: RequestFacts, options: AdapterOptions<Request> | undefined, translate?: ErrorTranslator): ProblemResponse {
  notifyOnError(options?.onError, error, request);
  const instance = options?.instance ?? requestPath(facts.url);
  // A literal of one fixed shape rather than `{ ...options, instance }`: the spread cost about a
  // microsecond per request, and made every reader of the options polymorphic.
  const problemOptions: ProblemDetailsOptions = {
    instance,
    typeBaseUrl: options?.typeBaseUrl,
    debug: options?.debug,
    mapError: options?.mapError,
    accept: options?.negotiate === false ? undefined : headerOf(facts.headers, 'accept'),
    acceptLanguage: options?.messages === undefined ? undefined : headerOf(facts.headers, 'accept-language'),
    messages: options?.messages,
    defaultLocale: options?.defaultLocale,
    traceId: options?.traceId === undefined || options.traceId === false ? undefined : traceIdOf(options.traceId, request, facts),
  };
  const response = serializeProblem(error, problemOptions, translate === undefined ? undefined : (value) => translate(value, facts));
  const headers = response.headers;
  if (facts.httpVersionMajor !== undefined && facts.httpVersionMajor >= 2) {
    for (const name of Object.keys(headers)) if (CONNECTION_SPECIFIC_HEADERS.has(name)) delete headers[name];
  }
  return response;
}

/** One request header as a string (repeated lines joined), from a Node header object or a web `Headers`; never throws. */
export function headerOf(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  try {
    const get = (headers as { get?: unknown }).get;
    const value: unknown = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, name) : (headers as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join(', ');
  } catch {
    // A header object whose getter throws: as if the header were absent.
  }
  return undefined;
}

/** The `traceId` for a request: from its headers (`true`) or from the user's function, contained. */
function traceIdOf<Request>(traceId: true | ((request: Request) => string | undefined), request: Request, facts: RequestFacts): string | undefined {
  if (traceId === true) {
    const requestId = headerOf(facts.headers, 'x-request-id') ?? facts.requestId;
    return traceIdFrom(headerOf(facts.headers, 'traceparent'), typeof requestId === 'string' ? requestId : typeof requestId === 'number' ? String(requestId) : undefined);
  }
  if (typeof traceId !== 'function') return undefined;
  try {
    const id: unknown = traceId(request);
    return typeof id === 'string' ? traceIdFrom(undefined, id) : undefined;
  } catch {
    return undefined;
  }
}

/** Calls the user's `onError` so that neither a throw nor a rejection escapes. */
export function notifyOnError<Request>(onError: AdapterOptions<Request>['onError'], error: unknown, request: Request): void {
  if (typeof onError !== 'function') return;
  try {
    const result: unknown = onError(error, request);
    if (typeof result === 'object' && result !== null && typeof (result as Promise<void>).then === 'function') {
      (result as Promise<void>).then(undefined, () => undefined);
    }
  } catch {
    // A failing logger must not change the response.
  }
}

const QUERY_OR_FRAGMENT = /[?#]/;
// RFC 9112 3.2.2 absolute-form ("GET http://host/path HTTP/1.1", sent to proxies): scheme "://" authority.
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * The path of a request target, without query or fragment; undefined when there is none.
 * Origin-form (`/users/42?x=1`) gives `/users/42`; absolute-form (`http://host/login?x=1`)
 * gives `/login`, never the scheme or a host; asterisk-form (`*`), authority-form
 * (`host:443`) and anything else that is not a path give undefined.
 */
export function requestPath(url: string | undefined): string | undefined {
  if (typeof url !== 'string' || url === '') return undefined;
  let target = url;
  if (!target.startsWith('/')) {
    const authority = ABSOLUTE_FORM.exec(target);
    if (authority === null) return undefined;
    target = target.slice(authority[0].length);
    // "http://host" and "http://host?x" have an empty path: the origin server reads it as "/".
    if (!target.startsWith('/')) return '/';
  }
  const end = target.search(QUERY_OR_FRAGMENT);
  const path = end === -1 ? target : target.slice(0, end);
  if (path === '') return undefined;
  // "//host/x" would read as a reference to another host; keep it a path.
  return path.startsWith('//') ? `/%2F${path.slice(2)}` : path;
}
