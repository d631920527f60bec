import { reasonPhrase, toProblemDetails, type ProblemDetails } from '../index.js';

/*
 * What this follows, from OpenTelemetry's semantic conventions (HTTP spans, stable), "Status" and
 * the "HTTP server span" table (https://opentelemetry.io/docs/specs/semconv/http/http-spans/):
 * - 4xx: "span status MUST be left unset in case of SpanKind.SERVER"; 5xx: "span status SHOULD be
 *   set to Error". So only a 5xx makes the span an error.
 * - "Don't set the span status description if the reason can be inferred from
 *   `http.response.status_code`": no description for a bare reason phrase ('Internal Server
 *   Error'), the problem's `detail` (present only when exposed) or a title of its own otherwise.
 * - `http.response.status_code` (int): "Conditionally Required: if and only if one was sent".
 * - `error.type`: "If response status code was sent … and status indicates an error according to
 *   HTTP span status definition, error.type SHOULD be set to the status code number (represented
 *   as a string), an exception type … or a component-specific error identifier", and "If the
 *   request has completed successfully, instrumentations SHOULD NOT set error.type". For a server
 *   span a 4xx is not an error by that definition, so a 4xx gets no `error.type`; a 5xx gets the
 *   status as a string, the value the HTTP instrumentation's own span and its
 *   `http.server.request.duration` metric use (recording-errors.md: "the same value" on spans and
 *   metrics). The exception's type is in the exception event.
 * - The exception event (semconv exceptions-spans.md, stable): name `exception`, attributes
 *   `exception.type`, `exception.message`, `exception.stacktrace` (JavaScript: `error.stack`);
 *   `Span.recordException` writes them. recording-errors.md (status: development) no longer
 *   recommends span events for errors; the event is still the stable convention and what
 *   backends show today, so it is kept.
 */

/**
 * OpenTelemetry's `SpanStatusCode.ERROR`. The number, not the enum: importing `@opentelemetry/api`
 * would make it a runtime dependency, and the enum's values are fixed by the OTLP protocol
 * (UNSET 0, OK 1, ERROR 2), so the literal cannot drift.
 */
const SPAN_STATUS_ERROR = 2;

// Bounds on what one call writes to a span, whatever the size of the error it is given.
const MAX_STATUS_MESSAGE = 1024;
const MAX_EXCEPTION_TYPE = 256;
const MAX_EXCEPTION_MESSAGE = 4096;
const MAX_STACKTRACE = 16_384;

/** The span status `recordProblem` sets: `code` 2 is OpenTelemetry's `SpanStatusCode.ERROR`. */
export interface SpanStatusLike {
  readonly code: 2;
  readonly message?: string;
}

/** What `recordProblem` passes to `recordException`: the `name`/`message`/`stack` form of OpenTelemetry's `Exception`. */
export interface RecordedException {
  /** Becomes `exception.type`: the error's `name`, or the JavaScript type of a thrown non-error (`'string'`, `'null'` …). */
  readonly name: string;
  /** Becomes `exception.message`. */
  readonly message?: string;
  /** Becomes `exception.stacktrace`. */
  readonly stack?: string;
}

/**
 * The part of an OpenTelemetry `Span` that `recordProblem` calls. The `Span` of `@opentelemetry/api`
 * 1.x satisfies it, so this package needs neither a dependency on the API nor an import of its types.
 */
export interface SpanLike {
  setAttribute(key: string, value: string | number): unknown;
  setStatus(status: SpanStatusLike): unknown;
  recordException(exception: RecordedException): unknown;
  /** When present and `false` (a span the sampler dropped), nothing is recorded. */
  isRecording?(): boolean;
}

/**
 * Records a failed request on an HTTP server span, following OpenTelemetry's HTTP server
 * conventions: `http.response.status_code` always; the `exception` event (type, message, stack)
 * always; for a 5xx only, status ERROR and `error.type` set to the status (`'503'`). The status
 * description is the problem's `detail` (which it holds only when exposed) or a title of its own,
 * never an unexposed message, and none when the status code says it all. `problem` defaults to
 * `toProblemDetails(error)` (so does one without a 4xx/5xx `status`). Does nothing when `span`
 * is undefined or not recording; never throws, whatever the span or the error.
 *
 * @example
 * app.use(problemDetailsHandler({
 *   onError: (error) => recordProblem(trace.getActiveSpan(), error, toProblemDetails(error)),
 * }));
 */
export function recordProblem(span: SpanLike | null | undefined, error: unknown, problem?: ProblemDetails): void {
  try {
    if ((typeof span !== 'object' && typeof span !== 'function') || span === null) return;
    if (call(span, 'isRecording') === false) return;
    const facts = problemFacts(problem) ?? problemFacts(toProblemDetails(error));
    if (facts === undefined) return;
    call(span, 'setAttribute', 'http.response.status_code', facts.status);
    if (facts.status >= 500) call(span, 'setAttribute', 'error.type', String(facts.status));
    call(span, 'recordException', exceptionOf(error));
    if (facts.status >= 500) {
      const message = statusMessage(facts);
      call(span, 'setStatus', message === undefined ? { code: SPAN_STATUS_ERROR } : { code: SPAN_STATUS_ERROR, message });
    }
  } catch {
    // Telemetry must not change how the error is handled.
  }
}

/** The members of a problem that decide what is recorded. */
interface ProblemFacts {
  readonly status: number;
  readonly title: string | undefined;
  readonly detail: string | undefined;
}

/** The status, title and detail of a problem, or undefined when it is not a usable error problem. */
function problemFacts(problem: unknown): ProblemFacts | undefined {
  const status = read(problem, 'status');
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) return undefined;
  return { status, title: nonEmptyString(read(problem, 'title')), detail: nonEmptyString(read(problem, 'detail')) };
}

/** The span status description: what the client was told beyond the status code, if anything. */
function statusMessage(facts: ProblemFacts): string | undefined {
  if (facts.detail !== undefined) return cut(facts.detail, MAX_STATUS_MESSAGE);
  if (facts.title !== undefined && facts.title !== reasonPhrase(facts.status)) return cut(facts.title, MAX_STATUS_MESSAGE);
  return undefined;
}

/**
 * A plain copy of the thrown value for `recordException`. The SDK reads `code` before `name`
 * for `exception.type` and would run any getter of the original; the copy has plain strings only,
 * each bounded. The message of an unexposed error is kept here: the exception event is the
 * server-side diagnosis (like a log line or `onError`), unlike the status, which mirrors what
 * the client was told.
 */
function exceptionOf(error: unknown): RecordedException {
  if (isErrorLike(error)) {
    const name = nonEmptyString(read(error, 'name')) ?? 'Error';
    const message = nonEmptyString(read(error, 'message'));
    const stack = nonEmptyString(read(error, 'stack'));
    return {
      name: cut(name, MAX_EXCEPTION_TYPE),
      ...(message === undefined ? {} : { message: cut(message, MAX_EXCEPTION_MESSAGE) }),
      ...(stack === undefined ? {} : { stack: cut(stack, MAX_STACKTRACE) }),
    };
  }
  if (error === null) return { name: 'null' };
  switch (typeof error) {
    case 'string':
      return error === '' ? { name: 'string' } : { name: 'string', message: cut(error, MAX_EXCEPTION_MESSAGE) };
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'symbol':
      return { name: typeof error, message: String(error) };
    default:
      // undefined, a function, or an object that is no error: its String() could run any code or say nothing.
      return { name: typeof error };
  }
}

/** An `Error` (any realm, any subclass) or an object carrying a string `message`, as http-errors-style values do. */
function isErrorLike(value: unknown): value is object {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    if (value instanceof Error || Object.prototype.toString.call(value) === '[object Error]') return true;
  } catch {
    // A Proxy whose getPrototypeOf trap throws: decided by its message below.
  }
  return typeof read(value, 'message') === 'string';
}

/** Calls `target[name](...args)`, or does nothing when that is no function; a throw is swallowed. */
function call(target: object, name: string, ...args: unknown[]): unknown {
  try {
    const method = (target as Record<string, unknown>)[name];
    return typeof method === 'function' ? Reflect.apply(method, target, args) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a property without letting a throwing getter or a revoked Proxy escape. */
function read(value: unknown, key: string): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `text` cut to at most `max` UTF-16 units, never between the two halves of a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}
