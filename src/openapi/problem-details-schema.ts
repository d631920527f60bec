/**
 * JSON Schemas (draft 2020-12, which is also the OpenAPI 3.1 schema dialect) of the problem
 * bodies this library sends. Stricter than RFC 9457's own schema where our bodies always are:
 * `type`, `title` and `status` are always present and `status` is 400-599.
 * The objects are frozen; spread them to add keywords such as `$id`.
 */

/** Freezes a schema and everything in it, keeping its literal type. */
function deepFreeze<T extends object>(value: T): T {
  for (const member of Object.values(value)) {
    if (typeof member === 'object' && member !== null) deepFreeze(member);
  }
  return Object.freeze(value);
}

/** The five standard members; a fresh object per call, so the two schemas share no objects (YAML dumps stay free of anchors). */
function standardMembers() {
  return {
    type: {
      type: 'string',
      format: 'uri-reference',
      default: 'about:blank',
      description: "URI reference identifying the problem type; 'about:blank' means the problem is just the HTTP status.",
    },
    title: { type: 'string', description: 'Short summary of the problem type (the reason phrase for about:blank).' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status code of the response.' },
    detail: { type: 'string', description: 'Explanation of this occurrence of the problem, for a human.' },
    instance: { type: 'string', format: 'uri-reference', description: 'URI reference identifying this occurrence, usually the request path.' },
  } as const;
}

/** Schema of one RFC 9457 problem-details body (`application/problem+json`) as this library sends it. */
export const problemDetailsSchema = deepFreeze({
  title: 'Problem details',
  description: 'An RFC 9457 problem-details object. Members other than the five standard ones are extension members.',
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: standardMembers(),
  additionalProperties: true,
} as const);

/** Schema of one member of `errors` in a validation problem: what is wrong and where. */
export const validationErrorSchema = deepFreeze({
  type: 'object',
  required: ['detail'],
  properties: {
    detail: { type: 'string', description: 'What is wrong, for a human.' },
    pointer: { type: 'string', description: "JSON Pointer (RFC 6901) to the offending member of the request body, e.g. '#/age'." },
  },
  additionalProperties: true,
} as const);

/**
 * Schema of a validation problem (400 and 422): a problem-details body with the optional
 * `errors` extension member of RFC 9457 section 3.
 */
export const validationProblemDetailsSchema = deepFreeze({
  title: 'Validation problem details',
  description: 'An RFC 9457 problem-details object whose errors member lists the individual validation problems.',
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    ...standardMembers(),
    errors: { type: 'array', items: structuredClone(validationErrorSchema), description: 'The individual validation problems.' },
  },
  additionalProperties: true,
} as const);

/** The type of `problemDetailsSchema`. */
export type ProblemDetailsSchema = typeof problemDetailsSchema;
/** The type of `validationProblemDetailsSchema`. */
export type ValidationProblemDetailsSchema = typeof validationProblemDetailsSchema;
/** The type of `validationErrorSchema`. */
export type ValidationErrorSchema = typeof validationErrorSchema;
