/**
 * Warnings for an error handler registered where it cannot see errors. Each handler warns at
 * most once, through `process.emitWarning` (printed by Node once per process unless warnings are
 * silenced; observable with `process.on('warning')`), and never throws.
 */

/** The `code` of the warning, for `process.on('warning', (w) => w.code === …)` filters. */
export const MISPLACED_HANDLER_WARNING = 'TYPED_HTTP_EXCEPTIONS_MISPLACED_HANDLER';

/** Emits the warning; a runtime without `process.emitWarning` gets `console.warn`. */
export function warnMisplaced(message: string): void {
  try {
    const emit = (globalThis as { process?: { emitWarning?: (message: string, options: { type: string; code: string }) => void } }).process?.emitWarning;
    if (typeof emit === 'function') emit(message, { type: 'Warning', code: MISPLACED_HANDLER_WARNING });
    else console.warn(`Warning: ${message}`);
  } catch {
    // A warning must never change a response.
  }
}

/**
 * Koa: where `middleware` sits in `app.middleware`. Errors thrown by the middleware before it
 * never reach it (Koa's own handler answers them with plain text).
 */
export function koaMiddlewareBefore(app: unknown, middleware: unknown): number {
  try {
    const stack = (app as { middleware?: unknown })?.middleware;
    return Array.isArray(stack) ? stack.indexOf(middleware) : -1;
  } catch {
    return -1;
  }
}

interface ExpressLayer {
  readonly handle?: unknown;
  readonly route?: unknown;
}

/**
 * Express 4 and 5: how many routes (and routers) are registered after `handler` in the app's
 * router, found from the request (`req.app._router` in Express 4, `req.app.router` in 5). Their
 * errors go to Express's default handler, not to `handler`.
 */
export function expressRoutesAfter(req: unknown, handler: unknown): number {
  try {
    const app = (req as { app?: { _router?: { stack?: unknown }; router?: { stack?: unknown } } })?.app;
    const stack: unknown = app?._router?.stack ?? app?.router?.stack;
    if (!Array.isArray(stack)) return 0;
    const index = stack.findIndex((layer: ExpressLayer) => layer?.handle === handler);
    if (index === -1) return 0;
    // Layers with a route (`app.get(…)`) or a nested router (`app.use(router)`).
    return (stack.slice(index + 1) as ExpressLayer[]).filter((layer) => layer?.route !== undefined || (typeof layer?.handle === 'function' && Array.isArray((layer.handle as { stack?: unknown }).stack))).length;
  } catch {
    return 0;
  }
}
