import express, { type NextFunction, type Request, type Response } from 'express';
import { NotFoundException } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
import type { ConformanceDriver, ConformanceRoute } from '../driver.js';
import { serveNode, type NodeListener } from './serve-node.js';

type ExpressLib = typeof express;

/**
 * Express 4 and 5 differ only in what they do with a route's promise: Express 5 passes a
 * rejection to the error handler itself (a falsy reason becomes an Error), Express 4 ignores
 * it, so its routes call `next(error)`, where a falsy value means "no error". Both treat a
 * falsy value thrown synchronously as no error. Express does not run on node:http2.
 */
export function expressDriver(name: string, lib: ExpressLib, major: 4 | 5): ConformanceDriver {
  return {
    name,
    capabilities: {
      falsySyncThrow: 'fall-through',
      falsyRejection: major === 5 ? 'problem' : 'fall-through',
      presetHeaders: true,
      startedResponse: true,
      http2: false,
      http2Head: false,
    },
    async start({ routes, options }) {
      const app = lib();
      // Express's default handler (reached for a response already started) never logs in 'test'.
      app.set('env', 'test');
      for (const route of routes) {
        const handle = (_req: Request, res: Response, next: NextFunction): unknown => routeHandler(route, res, next, major);
        if (route.method === 'GET') app.get(route.path, handle);
        else app.post(route.path, handle);
      }
      app.use((req: Request, _res: Response, next: NextFunction) => next(new NotFoundException(`No route for ${req.method} ${req.path}`)));
      app.use(problemDetailsHandler(options));
      return serveNode(app as unknown as NodeListener);
    },
    requestTarget: (request) => (request as Request).originalUrl,
  };
}

function routeHandler(route: ConformanceRoute, res: Response, next: NextFunction, major: 4 | 5): unknown {
  for (const [header, value] of Object.entries(route.setHeaders ?? {})) res.setHeader(header, value);
  if (route.startResponse === true) {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('partial');
  }
  // A synchronous throw goes to Express's own try/catch, as in any app.
  const result: Promise<never> = route.handler();
  if (major === 4) {
    // Express 4 ignores the promise: the documented pattern is `.catch(next)`.
    result.catch(next);
    return undefined;
  }
  return result;
}
