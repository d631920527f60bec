import type { FastifyError } from 'fastify';
import { BadRequestException } from '../exceptions/status-exceptions.js';
import type { ValidationError } from '../exceptions/options.js';
import { parseJsonPointer } from '../validation/json-pointer.js';
import { issueMessage, issuePath } from '../validation/standard-schema.js';
import { invalidInputDetail, MAX_VALIDATION_ERRORS, validationErrorAt, type ValidationLocation } from '../validation/validation-location.js';

/** Fastify's name for each part of the request it validates. */
const LOCATIONS: ReadonlyMap<string, ValidationLocation> = new Map([
  ['body', 'body'],
  ['querystring', 'query'],
  ['params', 'path'],
  ['headers', 'header'],
]);

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
 * Each failure gives the entry `problemFromIssues` would give (`{ detail, pointer }` for the body,
 * `{ detail, parameter }` / `{ detail, header }` elsewhere), for Ajv errors (Fastify's default
 * validator) and for Standard Schema issues (a `validatorCompiler` that returns `{ error: issues }`).
 * Never throws.
 */
export function fastifyValidationProblem(error: unknown): BadRequestException | undefined {
  try {
    if (typeof error !== 'object' || error === null) return undefined;
    const { code, statusCode, validation, validationContext } = error as Partial<FastifyError>;
    if (code !== 'FST_ERR_VALIDATION' || statusCode !== 400 || !Array.isArray(validation)) return undefined;
    const location = typeof validationContext === 'string' ? LOCATIONS.get(validationContext) : undefined;
    const errors: ValidationError[] = [];
    // An unknown part of the request is named like a parameter.
    for (const item of validation.slice(0, MAX_VALIDATION_ERRORS) as unknown[]) errors.push(toValidationError(item, location ?? 'query'));
    return new BadRequestException(location === undefined ? 'The request is invalid' : invalidInputDetail(location), { errors, cause: error });
  } catch {
    // A validation result we cannot read (a throwing getter, a proxy …): the error keeps its own status and message.
    return undefined;
  }
}

/** One Ajv error (Fastify's default validator) or Standard Schema issue as an RFC 9457 `errors` entry. */
function toValidationError(item: unknown, location: ValidationLocation): ValidationError {
  const fields = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  return validationErrorAt(location, failurePath(fields), issueMessage(fields));
}

/** The keys from the root of the request part to the failing value. */
function failurePath(fields: Record<string, unknown>): Array<string | number> {
  // Ajv 8 names it instancePath, Ajv 6 dataPath: a JSON Pointer in its string form.
  const rawPath = fields['instancePath'] ?? fields['dataPath'];
  if (typeof rawPath !== 'string') return Array.isArray(fields['path']) ? issuePath(fields) : [];
  const path: Array<string | number> = parseJsonPointer(rawPath) ?? [];
  const params = fields['params'];
  const paramFields = typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {};
  // A missing (or unexpected) property points at the property itself, not at its parent.
  const property = paramFields['missingProperty'] ?? paramFields['additionalProperty'];
  if (typeof property === 'string') path.push(property);
  return path;
}
