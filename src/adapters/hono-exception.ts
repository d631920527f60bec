import { createHttpException } from '../exceptions/create-http-exception.js';
import { isHttpException } from '../exceptions/guards.js';
import type { HttpException } from '../exceptions/http-exception.js';
import { HEADER_LIMITS } from '../headers/header-policy.js';
import { isErrorStatus } from '../status/error-status.js';
import { safeGet } from '../util/safe-get.js';

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
    return createHttpException(status, typeof message === 'string' && message !== '' ? message : undefined, { headers: responseHeaders(safeGet(value, 'res')), cause: value });
  } catch {
    return undefined;
  }
}

/** The headers of a web `Response` as a plain object (set-cookie lines kept apart), bounded. */
function responseHeaders(res: unknown): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  const source = safeGet(res, 'headers');
  const forEach = safeGet(source, 'forEach');
  if (typeof forEach !== 'function') return headers;
  let seen = 0;
  try {
    (forEach as (callback: (value: unknown, name: unknown) => void) => void).call(source, (value, name) => {
      if (++seen > HEADER_LIMITS.visited || typeof name !== 'string' || typeof value !== 'string' || name === 'set-cookie') return;
      headers[name] = value;
    });
    const getSetCookie = safeGet(source, 'getSetCookie');
    const cookies: unknown = typeof getSetCookie === 'function' ? (getSetCookie as () => unknown).call(source) : undefined;
    if (Array.isArray(cookies) && cookies.length > 0) headers['set-cookie'] = cookies.filter((line): line is string => typeof line === 'string');
  } catch {
    // A Headers-like object that throws: keep what was read.
  }
  return headers;
}
