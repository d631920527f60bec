import { assertStatus } from '../exceptions/status-range.js';
import { STATUS_HEADERS, VALIDATION_ERROR_STATUSES } from '../status/status-headers.js';
import type { ProblemDetails } from '../model/problem-details.js';
import { toProblemDetails } from '../problem/to-problem-details.js';
import { PROBLEM_CONTENT_TYPE, toProblemResponse } from '../problem/to-problem-response.js';
import { titleForStatus } from '../status/reason-phrase.js';
import {
  problemDetailsSchema,
  validationErrorSchema,
  validationProblemDetailsSchema,
  type ProblemDetailsSchema,
  type ValidationErrorSchema,
  type ValidationProblemDetailsSchema,
} from './problem-details-schema.js';
import { sampleException } from './problem-examples.js';
import { PROBLEM_HEADER_DOCS, type ProblemHeaderDoc, type ProblemHeaderName } from './problem-headers.js';

/** Options of `openApiResponses`. */
export interface OpenApiResponsesOptions {
  /**
   * Reference this schema instead of inlining `problemDetailsSchema` in every response,
   * e.g. `'#/components/schemas/ProblemDetails'` (put `problemDetailsSchema` there yourself).
   */
  readonly schemaRef?: string;
  /**
   * Reference this schema for 400 and 422 instead of inlining `validationProblemDetailsSchema`,
   * e.g. `'#/components/schemas/ValidationProblemDetails'`. Without it but with `schemaRef`,
   * 400 and 422 use `schemaRef` plus the `errors` member.
   */
  readonly validationSchemaRef?: string;
  /** Response descriptions by status, instead of the reason phrase: `{ 404: 'No order with that id' }`. */
  readonly descriptions?: { readonly [status: number]: string };
}

/** An OpenAPI 3.1 Header Object for a header a problem response may carry. */
export interface OpenApiHeaderObject {
  description: string;
  schema: ProblemHeaderDoc['schema'];
  /** The value the library sends for the sample option (Retry-After: `'120'` …). */
  example?: string;
}

/** `schemaRef` plus the `errors` member: the 400/422 schema when only `schemaRef` is given. */
export interface ReferencedValidationProblemSchema {
  allOf: [{ $ref: string }, { type: 'object'; properties: { errors: { type: 'array'; items: ValidationErrorSchema } } }];
}

/** The schema of a problem response: inline, a `$ref`, or a `$ref` extended with `errors`. */
export type ProblemResponseSchema = ProblemDetailsSchema | ValidationProblemDetailsSchema | { $ref: string } | ReferencedValidationProblemSchema;

/** An OpenAPI 3.1 Response Object for one error status, as `openApiResponses` makes it. */
export interface OpenApiProblemResponse {
  /** The reason phrase, unless `options.descriptions` gives another. */
  description: string;
  /** The headers the status's exception class can send (`Retry-After` for 429 …). */
  headers?: { [name: string]: OpenApiHeaderObject };
  content: {
    'application/problem+json': {
      schema: ProblemResponseSchema;
      /** What the library sends for a sample exception of this status (real serializer output). */
      example: ProblemDetails;
    };
  };
}

type StatusHeaders = typeof STATUS_HEADERS;

/**
 * The response object for one status: `headers` is present, with exactly its header names, for
 * statuses whose class sends headers, and absent for the other literal statuses.
 */
export type OpenApiProblemResponseFor<S extends number> = S extends keyof StatusHeaders
  ? Omit<OpenApiProblemResponse, 'headers'> & { headers: { [H in keyof StatusHeaders[S]]: OpenApiHeaderObject } }
  : // A plain `number` may be any status (`number extends S` would also hold for an enum member).
    `${number}` extends `${S}`
    ? OpenApiProblemResponse
    : Omit<OpenApiProblemResponse, 'headers'>;

/** What `openApiResponses` returns: one response per status, keyed by the status as a string. */
export type OpenApiResponsesFor<S extends number> = { [K in S as `${K}`]: OpenApiProblemResponseFor<K> };

/**
 * An OpenAPI 3.1 `responses` object documenting the problem responses of the given statuses
 * (integers 400-599; anything else throws a `RangeError`). Each response has the status's
 * reason phrase as description, the `application/problem+json` schema (with `errors` for 400
 * and 422) and, as example, what the library really sends for a sample exception of that
 * status; statuses whose class sends headers (401, 405, 407, 413, 416, 426, 429, 503)
 * document them too.
 *
 * @example
 * paths['/orders/{id}'].get.responses = { '200': ok, ...openApiResponses([404, 429]) };
 * // '404': { description: 'Not Found', content: { 'application/problem+json': { schema, example } } }
 * // '429': { description: 'Too Many Requests', headers: { 'Retry-After': … }, content: … }
 */
export function openApiResponses<const S extends readonly number[]>(statuses: S, options?: OpenApiResponsesOptions): OpenApiResponsesFor<S[number]> {
  if (!Array.isArray(statuses)) throw new TypeError('openApiResponses needs an array of HTTP statuses');
  for (const status of statuses) assertStatus(status, 400, 599, 'openApiResponses');
  checkReference(options?.schemaRef, 'schemaRef');
  checkReference(options?.validationSchemaRef, 'validationSchemaRef');
  const responses: Record<string, OpenApiProblemResponse> = {};
  for (const status of statuses) responses[String(status)] = problemResponse(status, options);
  return responses as OpenApiResponsesFor<S[number]>;
}

function problemResponse(status: number, options: OpenApiResponsesOptions | undefined): OpenApiProblemResponse {
  const exception = sampleException(status);
  const descriptions = options?.descriptions;
  const given = descriptions !== undefined && Object.hasOwn(descriptions, status) ? descriptions[status] : undefined;
  const response: OpenApiProblemResponse = {
    description: typeof given === 'string' ? given : titleForStatus(status),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaFor(status, options), example: toProblemDetails(exception) } },
  };
  if (Object.hasOwn(STATUS_HEADERS, status)) {
    const sent = toProblemResponse(exception).headers;
    const headers: Record<string, OpenApiHeaderObject> = {};
    for (const name of Object.keys(STATUS_HEADERS[status as keyof StatusHeaders]) as ProblemHeaderName[]) {
      const doc = PROBLEM_HEADER_DOCS[name];
      const header: OpenApiHeaderObject = { description: doc.description, schema: { ...doc.schema } };
      const example = sent[name.toLowerCase()];
      if (typeof example === 'string') header.example = example;
      headers[name] = header;
    }
    // Keep the usual order of a Response Object: description, headers, content.
    return { description: response.description, headers, content: response.content };
  }
  return response;
}

function schemaFor(status: number, options: OpenApiResponsesOptions | undefined): ProblemResponseSchema {
  const { schemaRef, validationSchemaRef } = options ?? {};
  if (!(VALIDATION_ERROR_STATUSES as readonly number[]).includes(status)) {
    return schemaRef !== undefined ? { $ref: schemaRef } : structuredClone(problemDetailsSchema);
  }
  if (validationSchemaRef !== undefined) return { $ref: validationSchemaRef };
  if (schemaRef !== undefined) {
    return { allOf: [{ $ref: schemaRef }, { type: 'object', properties: { errors: { type: 'array', items: structuredClone(validationErrorSchema) } } }] };
  }
  return structuredClone(validationProblemDetailsSchema);
}

function checkReference(value: unknown, option: string): void {
  if (value !== undefined && (typeof value !== 'string' || value === '')) {
    throw new TypeError(`openApiResponses: options.${option} must be a non-empty string such as '#/components/schemas/ProblemDetails'`);
  }
}
