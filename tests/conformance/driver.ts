/**
 * The one interface every adapter's conformance driver implements. A driver knows how to
 * serve framework-neutral routes with its framework and our adapter for it; the shared cases
 * (tests/conformance/cases/) then talk to the server over real HTTP only, so they can send any
 * request headers (Accept, Accept-Language, traceparent …) with `fetch` or
 * tests/helpers/http-client.ts. How to add a driver: tests/conformance/README.md.
 */
import type { AdapterOptions } from 'typed-http-exceptions/node';

/** The adapter options the cases pass; `onError` gets whatever request object the framework has. */
export type ConformanceOptions = AdapterOptions<unknown>;

/** One route, the same for every framework. */
export interface ConformanceRoute {
  readonly method: 'GET' | 'POST';
  /** A literal path without parameters, such as `/basics/not-found`. */
  readonly path: string;
  /** Throws (or returns a promise that rejects); the framework hands that to our adapter. */
  readonly handler: () => never | Promise<never>;
  /**
   * Set through the framework's own response API before the handler runs, as a CORS
   * middleware or a route that had begun its own response would. Only used on drivers
   * whose `capabilities.presetHeaders` is true.
   */
  readonly setHeaders?: Readonly<Record<string, string>>;
  /**
   * Before the handler runs, send status 200 and a first body chunk (`partial`) on the raw
   * response, so the response has started when the error comes. Only used on drivers whose
   * `capabilities.startedResponse` is true.
   */
  readonly startResponse?: boolean;
}

/** What a driver is asked to serve. */
export interface ServerSetup {
  readonly routes: readonly ConformanceRoute[];
  /** Passed to the adapter as they are (undefined: the adapter is registered without options). */
  readonly options?: ConformanceOptions | undefined;
  /** Serve HTTP/2 without TLS (h2c) instead of HTTP/1.1. Only asked of drivers whose `capabilities.http2` is true. */
  readonly http2?: boolean;
}

/** A running server. */
export interface StartedServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** Stops the server, ending open connections. */
  close(): Promise<void>;
}

/**
 * What a framework delivers to the adapter when a route throws a falsy value (`null`,
 * `undefined`, `0`, `''`, `false`): `'problem'` — it reaches the adapter, which answers 500;
 * `'fall-through'` — the framework treats it as "no error" and goes on to its not-found
 * handling, so the client gets the 404 problem of an unmatched route.
 */
export type FalsyThrowHandling = 'problem' | 'fall-through';

/** The ways one framework genuinely differs; the cases read these instead of naming frameworks. */
export interface DriverCapabilities {
  /** A falsy value thrown synchronously by the route. */
  readonly falsySyncThrow: FalsyThrowHandling;
  /** A promise returned by the route that rejects with a falsy value. */
  readonly falsyRejection: FalsyThrowHandling;
  /** Routes can set response headers before they throw (`ConformanceRoute.setHeaders`); false where a handler only returns a whole Response. */
  readonly presetHeaders: boolean;
  /** Routes can start the response before they throw (`ConformanceRoute.startResponse`); false where a handler only returns a whole Response. */
  readonly startedResponse: boolean;
  /** The driver can serve HTTP/2 (h2c), where connection-specific headers must be dropped. */
  readonly http2: boolean;
  /** Over HTTP/2, HEAD requests are answered at all (false: the framework itself never ends them). */
  readonly http2Head: boolean;
  /**
   * An error whose `headers` throw when read: `'problem'` (default) — it reaches the adapter, which
   * drops that header and keeps the status; `'framework-500'` — the framework reads the headers
   * first and fails (h3 2 copies them into a `Headers` while wrapping the error), so the adapter
   * only sees that failure and answers a bare 500.
   */
  readonly unreadableErrorHeaders?: 'problem' | 'framework-500';
  /** The framework gives every request an id of its own (Fastify's `request.id`, hapi's `request.info.id`), the `traceId` when no header has one. */
  readonly frameworkRequestId?: boolean;
}

/** One target of the conformance suite: a framework (and version) with our adapter for it. */
export interface ConformanceDriver {
  /** Shown in the test names, e.g. `Express 5`. */
  readonly name: string;
  readonly capabilities: DriverCapabilities;
  /**
   * Serves `routes` with the adapter (given `options`) as its documentation says to register it,
   * on 127.0.0.1, port 0. A request no route matches gets the framework's usual 404 problem
   * (a catch-all throwing NotFoundException, a not-found handler, or the adapter itself).
   * HEAD on a GET route is answered the way the framework does it (most run the GET route).
   */
  start(setup: ServerSetup): Promise<StartedServer>;
  /** The request target (path and query) of the request object `onError` received, as the framework exposes it. */
  requestTarget(request: unknown): string | undefined;
}
