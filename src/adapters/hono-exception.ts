import { createHttpException } from '../exceptions/create-http-exception.js';
import { isHttpException } from '../exceptions/guards.js';
import type { HttpException } from '../exceptions/http-exception.js';
import { isErrorStatus } from '../status/error-status.js';
import { safeGet } from '../util/safe-get.js';
import { foreignHeaders } from './foreign-error-parts.js';

/**
 * Hono's `HTTPException` (recognised by shape: an Error with an error `status` and a
 * `getResponse` method) as our exception of the same status, keeping the headers Hono's
 * middleware put on its `res` (`WWW-Authenticate` from `bearerAuth` and `basicAuth` …). The
 * body of `res` is not used: the problem replaces it. Any other value gives `undefined`.
 */
export function fromHonoException(value: unknown): HttpException | undefined {
  if (!(value instanceof Error) || isHttpException(value) || typeof safeGet(value, 'getResponse') !== 'function') return undefined;
  const status = safeGet(value, 'status');
  if (!isErrorStatus(status)) return undefined;
  const message = safeGet(value, 'message');
  try {
    return createHttpException(status, typeof message === 'string' && message !== '' ? message : undefined, { headers: foreignHeaders(safeGet(safeGet(value, 'res'), 'headers')), cause: value });
  } catch {
    return undefined;
  }
}
