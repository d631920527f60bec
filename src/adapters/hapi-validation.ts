import type { ValidationError } from '../exceptions/options.js';
import { firstPathKey, jsonPointerFragment } from './validation-path.js';

/** At most this many validation failures are listed in `errors`. */
const MAX_ERRORS = 100;

/** The parts of the request hapi 21 validates (`route.options.validate.*`). */
const SOURCES: ReadonlySet<string> = new Set(['payload', 'query', 'params', 'headers', 'state']);

/** A failed route validation, as hapi hands it to a `failAction` function. */
export interface HapiValidationFailure {
  /** What hapi's own answer says (`'Invalid request payload input'`). */
  readonly detail: string;
  /** One entry per failure: a JSON Pointer into the payload, or the parameter, header or cookie. */
  readonly errors: ValidationError[];
}

/**
 * The failures of a route validation from the error hapi 21 passes to a `failAction`
 * function: the validator's error (Joi's or `@hapi/validate`'s `ValidationError`) made a 400
 * Boom, with `output.payload.validation.source` naming the part of the request and `details`
 * listing each failure (`{ message, path }`). Undefined for any other error, so that nothing
 * else's `details` is ever shown. Never throws.
 *
 * - `payload`: `{ detail, pointer: '#/items/0/name' }`;
 * - `query` and `params`: `{ detail, parameter }`; `headers`: `{ detail, header }`;
 *   `state` (cookies): `{ detail, cookie }`.
 */
export function hapiValidationFailure(error: unknown): HapiValidationFailure | undefined {
  try {
    if (!(error instanceof Error) || (error as { isBoom?: unknown }).isBoom !== true) return undefined;
    const output = (error as { output?: { statusCode?: unknown; payload?: { validation?: { source?: unknown } } } }).output;
    const source = output?.payload?.validation?.source;
    if (output?.statusCode !== 400 || typeof source !== 'string' || !SOURCES.has(source)) return undefined;
    const details = (error as { details?: unknown }).details;
    if (!Array.isArray(details)) return undefined;
    const errors: ValidationError[] = [];
    for (const item of (details as unknown[]).slice(0, MAX_ERRORS)) errors.push(toValidationError(item, source));
    return { detail: defaultDetail(error, source), errors };
  } catch {
    return undefined;
  }
}

/** hapi's own message for the failure (kept in `data.defaultError`), never the validator's. */
function defaultDetail(error: Error, source: string): string {
  const defaultError = (error as { data?: { defaultError?: { message?: unknown } } }).data?.defaultError;
  const message = defaultError?.message;
  return typeof message === 'string' && message !== '' ? message : `Invalid request ${source} input`;
}

function toValidationError(item: unknown, source: string): ValidationError {
  const fields = typeof item === 'object' && item !== null ? (item as { message?: unknown; path?: unknown }) : {};
  const detail = typeof fields.message === 'string' && fields.message !== '' ? fields.message : 'is invalid';
  if (source === 'payload') return { detail, pointer: jsonPointerFragment(fields.path ?? []) };
  const name = firstPathKey(fields.path);
  if (name === undefined) return { detail };
  if (source === 'headers') return { detail, header: name };
  if (source === 'state') return { detail, cookie: name };
  return { detail, parameter: name };
}
