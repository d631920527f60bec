import type { HttpExceptionFor } from '../exceptions/create-http-exception.js';
import type { ValidationError } from '../exceptions/options.js';
import { BadRequestException, UnprocessableContentException } from '../exceptions/status-exceptions.js';
import { issueMessage, issuePath, type StandardSchemaV1 } from './standard-schema.js';
import { MAX_VALIDATION_ERRORS, validationErrorAt } from './validation-location.js';
import { readValidationOptions, type ValidationProblemOptions, type ValidationStatus } from './validation-options.js';

/**
 * The exception for failed validation: a 422 `UnprocessableContentException` (or a 400
 * `BadRequestException` with `status: 400`) whose `errors` hold one entry per Standard Schema
 * issue, at most 100. In the body an entry is `{ detail, pointer }`, the pointer an RFC 6901
 * JSON Pointer in URI fragment form (`#/items/0/name`; `~0`, `~1` escapes; `'#'` for the whole
 * body); for `in: 'query'` / `'path'` it is `{ detail, parameter }`, for `in: 'header'`
 * `{ detail, header }`. A bad argument is a `TypeError` (a `RangeError` for the status).
 *
 * @example
 * const result = await schema['~standard'].validate(req.body);
 * if (result.issues) throw problemFromIssues(result.issues);
 * // 422 { …, errors: [{ detail: 'Expected number', pointer: '#/items/0/quantity' }] }
 */
export function problemFromIssues<const S extends ValidationStatus = 422>(
  issues: ReadonlyArray<StandardSchemaV1.Issue>,
  options?: ValidationProblemOptions<S>,
): HttpExceptionFor<S> {
  const { status, location, detail } = readValidationOptions(options, 'problemFromIssues');
  if (!Array.isArray(issues)) throw new TypeError('problemFromIssues needs the array of issues a Standard Schema reported');
  const errors: ValidationError[] = (issues as readonly unknown[])
    .slice(0, MAX_VALIDATION_ERRORS)
    .map((issue) => validationErrorAt(location, issuePath(issue), issueMessage(issue)));
  const exception = status === 400 ? new BadRequestException(detail, { errors }) : new UnprocessableContentException(detail, { errors });
  return exception as HttpExceptionFor<S>;
}
