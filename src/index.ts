/**
 * typed-http-exceptions: typed HTTP exceptions and RFC 9457 problem details.
 * Core entry point; framework adapters live under `typed-http-exceptions/<framework>`.
 */
export { HttpStatus } from './status/http-status.js';
export { reasonPhrase } from './status/reason-phrase.js';

export { HttpException } from './exceptions/http-exception.js';
export { setCaptureStack, type CaptureStackPolicy } from './exceptions/capture-stack.js';
export { ClientErrorException } from './exceptions/client-error-exception.js';
export { ServerErrorException } from './exceptions/server-error-exception.js';
export * from './exceptions/status-exceptions.js';
export type { HttpExceptionClassByStatus, HttpExceptionOptionsByStatus } from './exceptions/exception-by-status.js';
export type {
  AllowOptions,
  AnyHttpExceptionOptions,
  CompleteLengthOptions,
  HttpExceptionOptions,
  ProxyAuthenticateOptions,
  RetryAfterOptions,
  UpgradeOptions,
  ValidationError,
  ValidationErrorsOptions,
  WwwAuthenticateOptions,
} from './exceptions/options.js';
export { createHttpException, type HttpExceptionFor, type HttpExceptionOptionsFor } from './exceptions/create-http-exception.js';
export { isClientErrorException, isHttpException, isServerErrorException } from './exceptions/guards.js';

export type { ProblemDetails, ProblemDetailsOptions, ProblemResponse } from './model/problem-details.js';
export type { ProblemHeaders } from './headers/header-policy.js';
export { toProblemDetails } from './problem/to-problem-details.js';
export { PROBLEM_CONTENT_TYPE, toProblemResponse } from './problem/to-problem-response.js';
export { fromProblemDetails, fromResponse, type FromResponseOptions, type ResponseLike } from './problem/from-problem-details.js';

export {
  problemDetailsSchema,
  validationErrorSchema,
  validationProblemDetailsSchema,
  type ProblemDetailsSchema,
  type ValidationErrorSchema,
  type ValidationProblemDetailsSchema,
} from './openapi/problem-details-schema.js';
export {
  openApiResponses,
  type OpenApiHeaderObject,
  type OpenApiProblemResponse,
  type OpenApiProblemResponseFor,
  type OpenApiResponsesFor,
  type OpenApiResponsesOptions,
  type ProblemResponseSchema,
  type ReferencedValidationProblemSchema,
} from './openapi/openapi-responses.js';
export type { ProblemHeaderName } from './openapi/problem-headers.js';

export { defineProblemType } from './problem-types/define-problem-type.js';
export { isProblemType } from './problem-types/problem-type-mark.js';
export type {
  AnyProblemType,
  ExtensionsSchema,
  ProblemTypeArguments,
  ProblemTypeClass,
  ProblemTypeDefinition,
  ProblemTypeExtensionsInput,
  ProblemTypeExtensionsOutput,
  ProblemTypeInstance,
  ProblemTypeOptions,
} from './problem-types/problem-type-class.js';
export type { FromProblemDetailsOptions, FromResponseOptionsWith, RevivedException } from './problem/from-problem-details.js';
export { validateOrThrow } from './validation/validate-or-throw.js';
export { problemFromIssues } from './validation/problem-from-issues.js';
export type { ValidationProblemOptions, ValidationStatus } from './validation/validation-options.js';
export type { ValidationLocation } from './validation/validation-location.js';
export type { StandardSchemaV1 } from './validation/standard-schema.js';
export type {
  OpenApiEntriesFor,
  OpenApiEntryStatus,
  OpenApiExampleObject,
  OpenApiProblemTypeResponse,
  OpenApiProblemTypeResponseFor,
  ProblemTypeSchema,
} from './openapi/openapi-responses.js';
