import { H3, toNodeHandler, type H3Event } from 'h3';
import { problemDetailsOnError } from 'typed-http-exceptions/h3';
import type { ConformanceDriver, ConformanceRoute } from '../driver.js';
import { serveNode, type NodeListener } from './serve-node.js';

/**
 * h3 2 with `new H3({ silent: true, onError: problemDetailsOnError(options) })`, served on
 * node:http or node:http2 by `toNodeHandler`. A request no route matches is h3's own 404,
 * which the adapter sends as a problem. h3 routes answer HEAD with the GET route.
 *
 * h3 sends an error without the headers a route set on `event.res.headers`: only those it
 * keeps for errors (`event.res.errHeaders`) survive, which is where its CORS helpers put
 * theirs. The routes' preset headers are set on both, as those helpers do. A route returns a
 * whole Response, it cannot start one before it fails. The test file loads h3 (ES modules
 * only) bundled to CommonJS; see tests/conformance/h3.test.ts.
 */
export const h3Driver: ConformanceDriver = {
  name: 'h3 2',
  capabilities: {
    falsySyncThrow: 'problem',
    falsyRejection: 'problem',
    presetHeaders: true,
    startedResponse: false,
    http2: true,
    http2Head: true,
    unreadableErrorHeaders: 'framework-500',
  },
  start({ routes, options, http2 = false }) {
    // h3 would also print every error that is not its own HTTPError to the console.
    const app = new H3({ silent: true, onError: problemDetailsOnError(options) });
    for (const route of routes) app.on(route.method, route.path, (event) => routeHandler(route, event));
    return serveNode(toNodeHandler(app) as NodeListener, http2);
  },
  requestTarget(request) {
    const { url } = request as H3Event;
    return `${url.pathname}${url.search}`;
  },
};

function routeHandler(route: ConformanceRoute, event: H3Event): Promise<never> {
  for (const [header, value] of Object.entries(route.setHeaders ?? {})) {
    event.res.headers.set(header, value);
    event.res.errHeaders.set(header, value);
  }
  return route.handler();
}
