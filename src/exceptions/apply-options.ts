import { STATUS_HEADERS } from '../generated/status-headers.js';
import { filterHeaders, type ProblemHeaders } from '../headers/header-policy.js';
import type { AnyHttpExceptionOptions, ValidationError } from './options.js';

/** Members the serializer owns; an extension may not replace them. */
export const STANDARD_MEMBERS: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'instance']);

/** The typed header options, in the order their headers are set. */
const HEADER_OPTIONS = ['wwwAuthenticate', 'proxyAuthenticate', 'allow', 'upgrade', 'retryAfter', 'completeLength'] as const;

/**
 * Copies `options.headers` and the typed header options into a fresh lower-cased header map,
 * filtered by the header policy (`filterHeaders`) already here: frameworks that copy
 * `error.headers` themselves (Express's and Koa's default handlers) would otherwise send
 * what the policy refuses. A typed header option on a status whose class does not take it
 * (`retryAfter` on a 404, from JavaScript) is a `TypeError`.
 */
export function buildHeaders(options: AnyHttpExceptionOptions, status: number): ProblemHeaders {
  return filterHeaders(collectHeaders(options, status), status);
}

function collectHeaders(options: AnyHttpExceptionOptions, status: number): Record<string, string | readonly string[]> {
  const headers: Record<string, string | readonly string[]> = {};
  const given = options.headers;
  if (given !== undefined) {
    if (typeof given !== 'object' || given === null) throw new TypeError('options.headers must be an object of header values');
    for (const name of Object.keys(given)) {
      const value = given[name];
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
        throw new TypeError(`options.headers[${JSON.stringify(name)}] must be a string or an array of strings`);
      }
      if (name !== '__proto__') headers[name.toLowerCase()] = value;
    }
  }
  for (const option of HEADER_OPTIONS) {
    if (options[option] === undefined) continue;
    const taken: Readonly<Record<string, string>> | undefined = Object.hasOwn(STATUS_HEADERS, status) ? STATUS_HEADERS[status as keyof typeof STATUS_HEADERS] : undefined;
    if (taken === undefined || !Object.values(taken).includes(option)) {
      throw new TypeError(`options.${option} is not an option of a ${status} exception${takersOf(option)}`);
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

/** " (it is taken by 413, 429, 503)": which statuses do take a header option. */
function takersOf(option: string): string {
  const statuses = Object.keys(STATUS_HEADERS).filter((status) => Object.values(STATUS_HEADERS[Number(status) as keyof typeof STATUS_HEADERS] as Record<string, string>).includes(option));
  return statuses.length === 0 ? '' : ` (it is taken by ${statuses.join(', ')})`;
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

/** The latest Retry-After a server may ask for: an IMF-fixdate has a four-digit year. */
const LATEST_RETRY_DATE = Date.UTC(9999, 11, 31, 23, 59, 59);
const EARLIEST_RETRY_DATE = Date.UTC(1000, 0, 1);

function retryAfter(value: number | Date): string {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw new RangeError('options.retryAfter is an invalid Date');
    if (time < EARLIEST_RETRY_DATE || time > LATEST_RETRY_DATE) {
      throw new RangeError('options.retryAfter must be a Date with a four-digit year (an IMF-fixdate)');
    }
    // Date#toUTCString gives the IMF-fixdate form HTTP uses: "Sun, 06 Nov 1994 08:49:37 GMT".
    return value.toUTCString();
  }
  if (typeof value !== 'number') throw new TypeError('options.retryAfter must be a number of seconds or a Date');
  // delay-seconds is digits only: a safe integer never prints in exponent form ("1e+21").
  if (!Number.isFinite(value) || value < 0 || Math.ceil(value) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`options.retryAfter must be a number of seconds from 0 to ${Number.MAX_SAFE_INTEGER}, got ${value}`);
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
