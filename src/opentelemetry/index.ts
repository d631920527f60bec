/**
 * typed-http-exceptions/opentelemetry: record a problem response on an OpenTelemetry span
 * (HTTP server conventions). No dependency on `@opentelemetry/api`: spans are typed structurally.
 */
export { recordProblem, type RecordedException, type SpanLike, type SpanStatusLike } from './record-problem.js';
export type { ProblemDetails } from '../index.js';
