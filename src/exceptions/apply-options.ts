import { STATUS_HEADERS } from '../status/status-headers.js';
import { HEADER_OPTION_NAMES, HEADER_OPTIONS } from '../headers/header-options.js';
import { filterHeaders, type ProblemHeaders } from '../headers/header-policy.js';
import { STANDARD_MEMBERS } from '../model/standard-members.js';
import type { AnyHttpExceptionOptions, ValidationError } from './options.js';

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
  for (const option of HEADER_OPTION_NAMES) {
    const value = options[option];
    if (value === undefined) continue;
    const taken: Readonly<Record<string, string>> | undefined = Object.hasOwn(STATUS_HEADERS, status) ? STATUS_HEADERS[status as keyof typeof STATUS_HEADERS] : undefined;
    if (taken === undefined || !Object.values(taken).includes(option)) {
      throw new TypeError(`options.${option} is not an option of a ${status} exception${takersOf(option)}`);
    }
    const rule = HEADER_OPTIONS[option];
    headers[rule.header.toLowerCase()] = rule.format(value);
  }
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
