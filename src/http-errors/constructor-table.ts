import { EXCEPTION_CLASSES as CLASSES_BY_STATUS } from '../exceptions/exception-by-status.js';
import type { HttpExceptionClassByStatus } from '../index.js';
import { defineHttpErrorConstructor } from './http-error-constructor.js';
import { HTTP_ERROR_CODES, type HttpErrorCode, type HttpErrorName } from './status-messages.js';
import type { HttpErrorConstructor, HttpErrorConstructors } from './types.js';

/** The generated status → class map, narrowed to http-errors' codes (a code without a class fails to compile). */
const EXCEPTION_CLASSES: { readonly [N in HttpErrorCode]: HttpExceptionClassByStatus[N] } = CLASSES_BY_STATUS;

/** Every http-errors constructor, by code and by name, in http-errors' order (codes ascending). */
export const HTTP_ERROR_CONSTRUCTORS: HttpErrorConstructors = buildConstructors();

/** The constructor of a code, if http-errors has one (`createError[status]` without the user's own keys). */
export function constructorOf(status: number): HttpErrorConstructor | undefined {
  return Object.hasOwn(HTTP_ERROR_CODES, status) ? (HTTP_ERROR_CONSTRUCTORS[status as HttpErrorCode] as HttpErrorConstructor) : undefined;
}

function buildConstructors(): HttpErrorConstructors {
  const table: Partial<Record<HttpErrorCode | HttpErrorName, HttpErrorConstructor>> = {};
  for (const key of Object.keys(HTTP_ERROR_CODES)) {
    const code = Number(key) as HttpErrorCode;
    const constructor = defineHttpErrorConstructor(code, EXCEPTION_CLASSES[code]) as HttpErrorConstructor;
    table[code] = constructor;
    table[HTTP_ERROR_CODES[code][0]] = constructor;
  }
  return table as HttpErrorConstructors;
}
