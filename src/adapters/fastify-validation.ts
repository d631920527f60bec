import type { FastifyError } from 'fastify';
import { BadRequestException } from '../exceptions/status-exceptions.js';
import type { ValidationError } from '../exceptions/options.js';

const VALIDATION_DETAIL: ReadonlyMap<string, string> = new Map([
  ['body', 'The request body is invalid'],
  ['querystring', 'The query string is invalid'],
  ['params', 'The path parameters are invalid'],
  ['headers', 'The request headers are invalid'],
]);

/** At most this many validation failures are listed in `errors`. */
const MAX_ERRORS = 100;

/**
 * Fastify's own schema-validation error as a 400 `BadRequestException` listing each failure
 * in `errors`; undefined for anything else.
 *
 * Only errors Fastify made for a failed route schema are translated: Fastify 5
 * (`lib/validation.js`, `wrapValidationError`) marks them with `code: 'FST_ERR_VALIDATION'`,
 * `statusCode: 400`, the validator's result in `validation` and the part of the request in
 * `validationContext`. Any other error that happens to carry a `validation` array (a database
 * driver's, a plain thrown object …) is left alone, so it keeps its own status and its messages
 * are never shown. The status is never changed: an error not marked 400 stays what it is.
 * Never throws.
 */
export function fastifyValidationProblem(error: unknown): BadRequestException | undefined {
  try {
    if (typeof error !== 'object' || error === null) return undefined;
    const { code, statusCode, validation, validationContext } = error as Partial<FastifyError>;
    if (code !== 'FST_ERR_VALIDATION' || statusCode !== 400 || !Array.isArray(validation)) return undefined;
    const context = typeof validationContext === 'string' ? validationContext : '';
    const errors: ValidationError[] = [];
    for (const item of validation.slice(0, MAX_ERRORS) as unknown[]) errors.push(toValidationError(item, context));
    return new BadRequestException(VALIDATION_DETAIL.get(context) ?? 'The request is invalid', { errors, cause: error });
  } catch {
    // A validation result we cannot read (a throwing getter, a proxy …): the error keeps its own status and message.
    return undefined;
  }
}

/** One Ajv error (Fastify's default validator) as an RFC 9457 `errors` entry. */
function toValidationError(item: unknown, context: string): ValidationError {
  const fields = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const message = fields['message'];
  const detail = typeof message === 'string' && message !== '' ? message : 'is invalid';
  // Ajv 8 names it instancePath, Ajv 6 dataPath; both are JSON Pointers (already escaped).
  const rawPath = fields['instancePath'] ?? fields['dataPath'];
  let pointer = typeof rawPath === 'string' ? rawPath : '';
  const params = fields['params'];
  const paramFields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  // A missing (or unexpected) property points at the property itself, not at its parent.
  const property = paramFields['missingProperty'] ?? paramFields['additionalProperty'];
  if (typeof property === 'string') pointer += '/' + property.replaceAll('~', '~0').replaceAll('/', '~1');
  if (context === 'body') return { detail, pointer: '#' + encodeFragment(pointer) };
  const name = firstSegment(pointer);
  if (context === 'headers') return name === undefined ? { detail } : { detail, header: name };
  return name === undefined ? { detail } : { detail, parameter: name };
}

/** The first reference token of a JSON Pointer, unescaped (`/tags/0` → `tags`). */
function firstSegment(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const end = pointer.indexOf('/', 1);
  const token = pointer.slice(1, end === -1 ? undefined : end);
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** A JSON Pointer in its URI fragment form (RFC 6901 section 6): percent-encode what a fragment cannot hold. */
function encodeFragment(pointer: string): string {
  return pointer.toWellFormed().replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (char) => encodeURIComponent(char));
}
