import { isHttpException } from '../index.js';
import type { HttpError } from './types.js';

/**
 * `createError.isHttpError`: true for every exception of this library (any loaded copy), and,
 * as in http-errors, for any `Error` with a boolean `expose` and `status === statusCode` (a
 * number): errors from http-errors itself, Koa's, and those `createError(existingError)` made.
 * Never throws.
 *
 * @example
 * if (createError.isHttpError(err) && err.expose) res.status(err.status).send(err.message);
 */
export function isHttpError(value: unknown): value is HttpError {
  if (typeof value !== 'object' || value === null) return false;
  if (isHttpException(value)) return true;
  try {
    const candidate = value as { expose?: unknown; status?: unknown; statusCode?: unknown };
    return value instanceof Error && typeof candidate.expose === 'boolean' && typeof candidate.statusCode === 'number' && candidate.status === candidate.statusCode;
  } catch {
    // A throwing getter or a revoked Proxy is not an HTTP error.
    return false;
  }
}
