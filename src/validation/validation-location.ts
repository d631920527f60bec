import type { ValidationError } from '../exceptions/options.js';
import { jsonPointer } from './json-pointer.js';

/**
 * Where the validated input came from: the body (errors get a JSON `pointer`), the query string
 * or the path parameters (errors name the `parameter`), or the headers (errors name the `header`).
 */
export type ValidationLocation = 'body' | 'query' | 'path' | 'header';

/** At most this many entries go into `errors`: the body stays small whatever the input. */
export const MAX_VALIDATION_ERRORS = 100;

const DETAILS: Readonly<Record<ValidationLocation, string>> = {
  body: 'The request body is invalid',
  query: 'The query string is invalid',
  path: 'The path parameters are invalid',
  header: 'The request headers are invalid',
};

/** True for one of the four `ValidationLocation` names. */
export function isValidationLocation(value: unknown): value is ValidationLocation {
  return typeof value === 'string' && Object.hasOwn(DETAILS, value);
}

/** The `detail` of a validation problem about this part of the request. */
export function invalidInputDetail(location: ValidationLocation): string {
  return DETAILS[location];
}

/**
 * One `errors` entry (RFC 9457 section 3): `{ detail, pointer }` in the body, `{ detail,
 * parameter }` in the query string or the path, `{ detail, header }` in the headers, where the
 * parameter or header is the first key of the path. An issue about the whole body points at
 * `'#'`; one about the whole query or header set has no location member.
 */
export function validationErrorAt(location: ValidationLocation, path: ReadonlyArray<string | number>, detail: string): ValidationError {
  if (location === 'body') return { detail, pointer: jsonPointer(path) };
  const name = path[0];
  if (name === undefined) return { detail };
  return location === 'header' ? { detail, header: String(name) } : { detail, parameter: String(name) };
}
