import { isSendableHeader } from '../problem/response-headers.js';
import type { AnyHttpExceptionOptions, ValidationError } from './options.js';

/** Members the serializer owns; an extension may not replace them. */
export const STANDARD_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance']);

/**
 * Copies `options.headers` and the typed header options into a fresh lower-cased header map.
 * A name or value that could not be sent (CR, LF, NUL, non-Latin-1 …) is left out here
 * already: frameworks that copy `error.headers` themselves (Express's and Koa's default
 * handlers) would otherwise crash on it.
 */
export function buildHeaders(options: AnyHttpExceptionOptions): Record<string, string> {
  const headers = collectHeaders(options);
  for (const name of Object.keys(headers)) {
    if (!isSendableHeader(name, headers[name] as string)) delete headers[name];
  }
  return headers;
}

function collectHeaders(options: AnyHttpExceptionOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = options.headers;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null) throw new TypeError('options.headers must be an object of header values');
    for (const name of Object.keys(given)) {
      const value = given[name];
      if (typeof value !== 'string') throw new TypeError(`options.headers[${JSON.stringify(name)}] must be a string`);
      if (name !== '__proto__') headers[name.toLowerCase()] = value;
    }
  }
  if (options.wwwAuthenticate !== undefined) headers['www-authenticate'] = list(options.wwwAuthenticate, 'wwwAuthenticate');
  if (options.proxyAuthenticate !== undefined) headers['proxy-authenticate'] = list(options.proxyAuthenticate, 'proxyAuthenticate');
  if (options.allow !== undefined) headers['allow'] = list(options.allow, 'allow', true);
  if (options.upgrade !== undefined) headers['upgrade'] = list(options.upgrade, 'upgrade');
  if (options.retryAfter !== undefined) headers['retry-after'] = retryAfter(options.retryAfter);
  if (options.completeLength !== undefined) headers['content-range'] = `bytes */${completeLength(options.completeLength)}`;
  return headers;
}

/** Copies `options.extensions` (and `options.errors`) into a fresh object, refusing the standard members. */
export function buildExtensions(options: AnyHttpExceptionOptions): Record<string, unknown> {
  const extensions: Record<string, unknown> = {};
  const given = options.extensions;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null) throw new TypeError('options.extensions must be an object');
    for (const name of Object.keys(given)) {
      if (STANDARD_MEMBERS.has(name)) {
        throw new TypeError(`options.extensions cannot set "${name}": it is a standard problem-details member; use the option of that name`);
      }
      if (name !== '__proto__') extensions[name] = given[name];
    }
  }
  if (options.errors !== undefined) extensions['errors'] = validationErrors(options.errors);
  return extensions;
}

function list(value: string | readonly string[], option: string, allowEmpty = false): string {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    throw new TypeError(`options.${option} must be a string or an array of strings`);
  }
  if (items.length === 0 && !allowEmpty) throw new TypeError(`options.${option} must not be empty`);
  return items.join(', ');
}

function retryAfter(value: number | Date): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('options.retryAfter is an invalid Date');
    // Date#toUTCString gives the IMF-fixdate form HTTP uses: "Sun, 06 Nov 1994 08:49:37 GMT".
    return value.toUTCString();
  }
  if (typeof value !== 'number') throw new TypeError('options.retryAfter must be a number of seconds or a Date');
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`options.retryAfter must be a finite number of seconds >= 0, got ${value}`);
  }
  // delay-seconds is a whole number; round up so a client never retries early.
  return String(Math.ceil(value));
}

function completeLength(value: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`options.completeLength must be a whole number of bytes >= 0, got ${String(value)}`);
  }
  return value;
}

function validationErrors(errors: readonly ValidationError[]): ValidationError[] {
  if (!Array.isArray(errors)) throw new TypeError('options.errors must be an array of { detail, pointer? }');
  return errors.map((error, index) => {
    if (typeof error !== 'object' || error === null || typeof error.detail !== 'string') {
      throw new TypeError(`options.errors[${index}] must be an object with a string "detail"`);
    }
    if (error.pointer !== undefined && typeof error.pointer !== 'string') {
      throw new TypeError(`options.errors[${index}].pointer must be a string (a JSON Pointer)`);
    }
    return { ...error };
  });
}
