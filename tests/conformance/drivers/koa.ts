import type Koa from 'koa';
import type { Context, Middleware } from 'koa';
import { problemDetailsMiddleware } from 'typed-http-exceptions/koa';
import type { ConformanceDriver, ConformanceRoute } from '../driver.js';
import { findRoute, serveNode, type NodeListener } from './serve-node.js';

/**
 * Koa 2 and 3 with `problemDetailsMiddleware()` first; a request no route answers stays Koa's
 * empty 404, which the middleware turns into a 404 problem. Koa 2 never ends a HEAD response
 * over HTTP/2 (its respond() gives up when `ctx.writable` is false, which Node's compatibility
 * layer reports for every HEAD stream); Koa 3 does.
 */
export function koaDriver(name: string, KoaClass: typeof Koa, major: 2 | 3): ConformanceDriver {
  return {
    name,
    capabilities: {
      falsySyncThrow: 'problem',
      falsyRejection: 'problem',
      presetHeaders: true,
      startedResponse: true,
      http2: true,
      http2Head: major >= 3,
    },
    async start({ routes, options, http2 = false }) {
      const app = new KoaClass();
      // The adapter rethrows an error whose response had started; Koa would log it to the console.
      app.silent = true;
      app.use(problemDetailsMiddleware(options));
      const router: Middleware = async (ctx, next) => {
        const route = findRoute(routes, ctx.method, ctx.path);
        if (route === undefined) return next();
        await routeHandler(route, ctx);
      };
      app.use(router);
      return serveNode(app.callback() as NodeListener, http2);
    },
    requestTarget: (request) => (request as Context).originalUrl,
  };
}

function routeHandler(route: ConformanceRoute, ctx: Context): Promise<never> {
  for (const [header, value] of Object.entries(route.setHeaders ?? {})) ctx.set(header, value);
  if (route.startResponse === true) {
    ctx.res.writeHead(200, { 'content-type': 'text/plain' });
    ctx.res.write('partial');
  }
  return route.handler();
}
