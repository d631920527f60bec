import { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import { extensionsJsonSchema, sampleFromJsonSchema } from './extensions-json-schema.js';
import type { AnyProblemType } from './problem-type-class.js';
import type { ProblemTypeFacts } from './problem-type-mark.js';

/** The `detail` of a sample problem type exception. */
const SAMPLE_DETAIL = 'What went wrong in this occurrence, for a human.';

/**
 * A real exception of a problem type for documentation: made by the class itself (so the
 * schema checks its extension values), with the header options and `errors` of `statusSample`
 * and extension values taken from the schema's JSON Schema (its `examples`, `default`s …).
 * When no such values pass the schema, the closest real exception: same type, title, status and
 * code, without extension members.
 */
export function sampleProblemTypeException(ProblemType: AnyProblemType, facts: ProblemTypeFacts, statusSample: HttpException): HttpException {
  const base: AnyHttpExceptionOptions = { headers: { ...statusSample.headers } };
  const errors = statusSample.extensions['errors'];
  if (Array.isArray(errors)) Object.assign(base, { errors });
  const json = extensionsJsonSchema(facts.schema);
  const candidates: Array<Record<string, unknown>> = [];
  if (json !== undefined) {
    const every = sampleFromJsonSchema({ type: 'object', properties: json.properties }) as Record<string, unknown>;
    candidates.push(every, Object.fromEntries(Object.entries(every).filter(([name]) => json.required.includes(name))));
  }
  candidates.push({});
  const make = ProblemType as unknown as new (detail?: string, options?: AnyHttpExceptionOptions) => HttpException;
  for (const extensions of candidates) {
    try {
      return new make(SAMPLE_DETAIL, { ...base, extensions });
    } catch {
      // These values do not pass the schema: try the next, smaller set.
    }
  }
  return new HttpException(facts.status, SAMPLE_DETAIL, { ...base, type: facts.type, title: facts.title, extensions: facts.code === undefined ? {} : { code: facts.code } });
}
