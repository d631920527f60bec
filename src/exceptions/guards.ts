import { safeGet } from '../util/safe-get.js';
import { EXCEPTION_MARK } from './brand.js';
import type { ClientErrorException } from './client-error-exception.js';
import type { HttpException } from './http-exception.js';
import type { ServerErrorException } from './server-error-exception.js';

/**
 * True for an `HttpException` (or subclass) from any loaded copy of this package,
 * including the other of its ESM and CommonJS builds. Never throws.
 */
export function isHttpException(value: unknown): value is HttpException {
  return typeof value === 'object' && value !== null && safeGet(value, EXCEPTION_MARK) === true;
}

/** True for a 4xx `HttpException` from any copy of this package. */
export function isClientErrorException(value: unknown): value is ClientErrorException {
  if (!isHttpException(value)) return false;
  const status = safeGet(value, 'status');
  return typeof status === 'number' && status >= 400 && status <= 499;
}

/** True for a 5xx `HttpException` from any copy of this package. */
export function isServerErrorException(value: unknown): value is ServerErrorException {
  if (!isHttpException(value)) return false;
  const status = safeGet(value, 'status');
  return typeof status === 'number' && status >= 500 && status <= 599;
}
