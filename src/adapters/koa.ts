import type { Context, Middleware } from 'koa';
import { NotFoundException } from '../exceptions/status-exceptions.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/to-problem-response.js';
import type { AdapterOptions } from './adapter-options.js';
import type { ProblemResponse } from '../model/problem-details.js';
import { notifyOnError, prepareProblem } from './prepare-problem.js';
import { mergeVary, REPRESENTATION_HEADERS } from '../headers/header-policy.js';
import { koaMiddlewareBefore, warnMisplaced } from './placement-warning.js';
import { destroyQuietly } from './write-problem.js';

export type { AdapterOptions } from './adapter-options.js';

// Headers describing the body the handler meant to send; they would lie about the problem body.
const REPRESENTATION: ReadonlySet<string> = new Set(REPRESENTATION_HEADERS);

/** Options of `problemDetailsMiddleware`; `onError` receives the Koa context. */
export type ProblemDetailsMiddlewareOptions = AdapterOptions<Context>;

/**
 * Koa middleware (Koa 2 and 3) that turns whatever the downstream middleware throws into
 * an RFC 9457 `application/problem+json` response, and a request no route answered
 * (status 404, no body) into a 404 problem. Register it FIRST so it wraps everything.
 * `onError(error, ctx)` sees thrown errors only, not unmatched routes (nothing was thrown).
 * Errors it handles do not reach Koa's `app.on('error')`; log them in `onError`.
 * Headers set earlier (CORS...) are kept. If the response has already started, the
 * connection is closed (the client is not left waiting) and the error is rethrown to Koa.
 *
 * @example
 * const app = new Koa();
 * app.use(problemDetailsMiddleware({ onError: (error, ctx) => console.error(ctx.path, error) }));
 * app.use(router.routes());
 */
export function problemDetailsMiddleware(options?: ProblemDetailsMiddlewareOptions): Middleware {
  let placementChecked = false;
  return async function problemDetails(ctx: Context, next: () => Promise<unknown>): Promise<void> {
    if (!placementChecked) {
      placementChecked = true;
      const before = koaMiddlewareBefore(ctx.app, problemDetails);
      if (before > 0) {
        warnMisplaced(
          `problemDetailsMiddleware() is middleware number ${before + 1} of the Koa app: errors thrown by the ${before} before it get Koa's plain-text answer, not a problem. Register it first: app.use(problemDetailsMiddleware()) before any other app.use().`,
        );
      }
    }
    try {
      await next();
    } catch (error: unknown) {
      if (!canRespond(ctx)) {
        notifyOnError(options?.onError, error, ctx);
        // Koa's own handler only logs such an error and leaves the client waiting: close it.
        destroyQuietly(ctx.res);
        throw error;
      }
      respond(ctx, prepare(ctx, error, options));
      return;
    }
    if (ctx.status === 404 && ctx.body == null && ctx.respond !== false && canRespond(ctx)) {
      // Nothing was thrown: not an error for onError to log.
      respond(ctx, prepare(ctx, new NotFoundException(), options === undefined ? undefined : { ...options, onError: undefined }));
    }
  };
}

/**
 * Not `ctx.writable`: over HTTP/2 Node closes the writable side of every HEAD stream at
 * once, so Koa reports those responses as unwritable although their headers are unsent.
 */
function canRespond(ctx: Context): boolean {
  return !ctx.headerSent && !ctx.res.writableEnded;
}

function prepare(ctx: Context, error: unknown, options: ProblemDetailsMiddlewareOptions | undefined): ProblemResponse {
  return prepareProblem(error, ctx, { method: ctx.method, url: ctx.originalUrl, httpVersionMajor: ctx.req.httpVersionMajor, headers: ctx.req.headers }, options);
}

function respond(ctx: Context, prepared: ProblemResponse): void {
  // Usually none of them is set: look at the few headers there are instead of removing them all.
  for (const name of ctx.res.getHeaderNames()) if (REPRESENTATION.has(name)) ctx.remove(name);
  ctx.status = prepared.status;
  for (const [name, value] of Object.entries(prepared.headers)) {
    try {
      // Vary set earlier (CORS: Origin) is extended, not replaced.
      if (name === 'vary') ctx.set(name, mergeVary(ctx.response.get('vary'), value as string));
      else ctx.set(name, value);
    } catch {
      // Already filtered; a header Node still refuses is dropped rather than fail the response.
    }
  }
  // Koa sets Content-Length from the string and leaves the body out for HEAD itself. The body
  // setter picks a type only when none is set, and ours was set above.
  ctx.body = prepared.body;
  const type = (prepared.headers['content-type'] as string | undefined) ?? PROBLEM_CONTENT_TYPE;
  if (ctx.response.get('content-type') !== type) ctx.set('content-type', type);
}
