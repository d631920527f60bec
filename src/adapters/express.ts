import type { NextFunction, Request, Response } from 'express';
import type { AdapterOptions } from './adapter-options.js';
import { notifyOnError, prepareProblem } from './prepare-problem.js';
import { expressRoutesAfter, warnMisplaced } from './placement-warning.js';
import { destroyQuietly, writeProblem } from './write-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/**
 * Options of `problemDetailsHandler`: `instance`, `typeBaseUrl`, `debug`, `mapError`, and
 * `onError(error, req)` with Express's `Request`.
 *
 * @example
 * const options: ProblemDetailsHandlerOptions = { onError: (error, req) => logger.error({ error, url: req.originalUrl }) };
 */
export type ProblemDetailsHandlerOptions = AdapterOptions<Request>;

/**
 * An Express error-handling middleware (four parameters, as Express requires); it fits
 * wherever Express accepts an `ErrorRequestHandler`.
 *
 * @example
 * const handler: ProblemDetailsErrorHandler = problemDetailsHandler();
 */
export type ProblemDetailsErrorHandler = (err: unknown, req: Request, res: Response, next: NextFunction) => void;

/**
 * Express 4 and 5 error handler that sends every error as an RFC 9457 problem response:
 * status, the exception's headers, an `application/problem+json` body (none for HEAD).
 * `instance` defaults to the request path (`req.originalUrl` without its query string).
 * Register it after all routes. If the response has already started, `onError` is still
 * called and the error is passed on to Express, whose default handler closes the connection.
 * Express 4 does not catch rejected promises: call `next(error)` from async routes there.
 *
 * @example
 * app.use((req, _res, next) => next(new NotFoundException(`No route for ${req.path}`)));
 * app.use(problemDetailsHandler({ onError: (error) => console.error(error) }));
 */
export function problemDetailsHandler(options?: ProblemDetailsHandlerOptions): ProblemDetailsErrorHandler {
  let placementChecked = false;
  // Four declared parameters: Express tells error handlers apart by `fn.length`.
  return function problemDetailsErrorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
    if (!placementChecked) {
      placementChecked = true;
      const after = expressRoutesAfter(req, problemDetailsErrorHandler);
      if (after > 0) {
        warnMisplaced(
          `problemDetailsHandler() is registered before ${after} of the app's routes or routers: their errors go to Express's default HTML handler, not to it. Register it last: app.use(problemDetailsHandler()) after every route.`,
        );
      }
    }
    if (res.headersSent) {
      notifyOnError(options?.onError, err, req);
      next(err);
      return;
    }
    let prepared;
    try {
      prepared = prepareProblem(err, req, { method: req.method, url: req.originalUrl, httpVersionMajor: req.httpVersionMajor, headers: req.headers }, options);
    } catch {
      // prepareProblem does not throw; should it ever, the client is not left waiting.
      destroyQuietly(res);
      return;
    }
    writeProblem(res, prepared, req.method);
  };
}
