import { isUriReference } from '../model/uri-reference.js';
import { PROBLEM_CONTENT_TYPE } from '../problem/to-problem-response.js';
import {
  type MatcherContextLike,
  type MatcherResult,
  matchesSubset,
  pickExpectedKeys,
} from './matcher-context.js';

const NAME = 'toBeProblemDetails';

/**
 * The argument of `toBeProblemDetails`: a partial problem body, compared like `toMatchObject`
 * (members left out are not checked; asymmetric matchers such as `expect.any(String)` work).
 */
export interface ProblemDetailsExpectation {
  readonly type?: unknown;
  readonly title?: unknown;
  readonly status?: unknown;
  readonly detail?: unknown;
  readonly instance?: unknown;
  readonly [extension: string]: unknown;
}

interface ReadResult {
  /** The problem body, when one could be read. */
  readonly problem: unknown;
  readonly violations: string[];
}

/**
 * `expect(received).toBeProblemDetails(expected?)`: `received` is an RFC 9457 problem.
 *
 * Accepted shapes of `received`:
 * - a problem object (`toProblemDetails(error)`, `error.toJSON()`, a parsed body);
 * - a JSON string (or `Uint8Array`/`Buffer`) of one;
 * - a response-like object `{ status | statusCode, headers, body | text }`: what
 *   `toProblemResponse` returns, a supertest response (`status`, `headers`, `text`), a
 *   `fastify.inject` / light-my-request response (`statusCode`, `headers`, `body`). Its
 *   `content-type` must be `application/problem+json` (any case, parameters allowed), its body
 *   must parse, and the body's `status` must equal the response status. `headers` may be a
 *   plain object (any case of names) or a fetch `Headers`. A fetch `Response` itself cannot
 *   be read synchronously: pass `{ status: res.status, headers: res.headers, body: await res.text() }`.
 *
 * The body must have a string `title` and an integer `status` in 100-599; `type` and
 * `instance`, when present, must be strings that are URI references; `detail`, when present,
 * a string. Then `expected`, if given, must match like `toMatchObject` (a member expected
 * `undefined` must be absent).
 */
export function toBeProblemDetails(this: MatcherContextLike, received: unknown, expected?: ProblemDetailsExpectation): MatcherResult {
  const { utils } = this;
  const isNot = this.isNot === true;
  const hint = utils.matcherHint(NAME, undefined, expected === undefined ? '' : 'expected', { isNot, promise: this.promise ?? '' });

  if (expected !== undefined && (typeof expected !== 'object' || expected === null || Array.isArray(expected))) {
    throw new Error(
      utils.matcherErrorMessage(
        hint,
        `${utils.EXPECTED_COLOR('expected')} value must be an object (a partial problem) or undefined`,
        utils.printWithType('Expected', expected, (value) => utils.printExpected(value)),
      ),
    );
  }
  if (isFetchResponse(received)) {
    throw new Error(
      utils.matcherErrorMessage(
        hint,
        `${utils.RECEIVED_COLOR('received')} value is a fetch Response, whose body can only be read asynchronously`,
        'Pass what you read from it instead:\n  expect({ status: res.status, headers: res.headers, body: await res.text() }).toBeProblemDetails(…)',
      ),
    );
  }

  const { problem, violations } = readProblem(received);
  if (violations.length === 0) violations.push(...checkMembers(problem));

  if (violations.length > 0) {
    return {
      pass: false,
      message: () => {
        const list = violations.map((violation) => `  - ${violation}`).join('\n');
        return `${hint}\n\nReceived value is not RFC 9457 problem details:\n${list}\n\nReceived: ${utils.printReceived(received)}`;
      },
    };
  }

  if (expected === undefined) {
    return {
      pass: true,
      message: () => `${hint}\n\nExpected: not RFC 9457 problem details\nReceived: ${utils.printReceived(problem)}`,
    };
  }

  const pass = matchesProblem(this, problem as Record<string, unknown>, expected);
  return {
    pass,
    message: pass
      ? () => `${hint}\n\nExpected: not problem details matching ${utils.printExpected(expected)}\nReceived: ${utils.printReceived(problem)}`
      : () =>
          `${hint}\n\nThe problem details do not match:\n\n` +
          utils.printDiffOrStringify(expected, pickExpectedKeys(problem, expected), 'Expected', 'Received', this.expand === true),
  };
}

/**
 * `toMatchObject` semantics, except that a member expected `undefined` must be absent (a JSON
 * body has no `undefined` members, so `{ detail: undefined }` means "no detail").
 */
function matchesProblem(context: MatcherContextLike, problem: Record<string, unknown>, expected: ProblemDetailsExpectation): boolean {
  const present: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    const value = expected[key];
    if (value === undefined) {
      if (problem[key] !== undefined) return false;
    } else {
      Object.defineProperty(present, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return matchesSubset(context, problem, present);
}

/** Finds the problem body in `received` and the violations found on the way. */
function readProblem(received: unknown): ReadResult {
  if (typeof received === 'string' || received instanceof Uint8Array) return parseBody(received, 'received value');
  if (received instanceof Error) {
    return {
      problem: undefined,
      violations: [`received ${received.name}, an Error object, not a problem body (serialise it first: toProblemDetails(error) or error.toJSON())`],
    };
  }
  if (isResponseLike(received)) return readResponse(received);
  if (typeof received !== 'object' || received === null || Array.isArray(received)) {
    return { problem: received, violations: [`a problem must be a JSON object, received ${describeType(received)}`] };
  }
  return { problem: received, violations: [] };
}

function readResponse(response: Record<string, unknown>): ReadResult {
  const violations: string[] = [];
  const status = response['status'] ?? response['statusCode'];
  if (!isStatus(status)) violations.push(`response status must be an integer 100-599, received ${show(status)}`);

  const contentType = readHeader(response['headers'], 'content-type');
  if (contentType === undefined) {
    violations.push(`response has no content-type header (expected ${PROBLEM_CONTENT_TYPE})`);
  } else if (mediaType(contentType) !== PROBLEM_CONTENT_TYPE) {
    violations.push(`response content-type is ${JSON.stringify(contentType)}, expected ${PROBLEM_CONTENT_TYPE}`);
  }

  // Prefer the raw text (supertest has both `text` and a parsed `body`).
  const text = response['text'];
  const body = typeof text === 'string' ? text : response['body'];
  let read: ReadResult;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    read = parseBody(body, 'response body');
  } else if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    read = { problem: body, violations: [] };
  } else {
    read = { problem: undefined, violations: [`response body must be a problem object or its JSON, received ${describeType(body)}`] };
  }
  violations.push(...read.violations);

  const bodyStatus = typeof read.problem === 'object' && read.problem !== null ? (read.problem as Record<string, unknown>)['status'] : undefined;
  if (isStatus(status) && bodyStatus !== undefined && bodyStatus !== status) {
    violations.push(`body "status" ${show(bodyStatus)} differs from the response status ${status}`);
  }
  return { problem: read.problem, violations };
}

function parseBody(body: string | Uint8Array, what: string): ReadResult {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: undefined, violations: [`${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: parsed, violations: [`${what} must be a JSON object, received ${describeType(parsed)}`] };
  }
  return { problem: parsed, violations: [] };
}

/** RFC 9457 section 3.1 members (and the RFC's JSON schema), with `title` and `status` required. */
function checkMembers(problem: unknown): string[] {
  const violations: string[] = [];
  const body = problem as Record<string, unknown>;
  for (const member of ['type', 'instance'] as const) {
    const value = body[member];
    if (value === undefined) continue;
    if (typeof value !== 'string') violations.push(`"${member}" must be a string, received ${show(value)}`);
    else if (!isUriReference(value)) violations.push(`"${member}" must be a URI reference (RFC 3986), received ${show(value)}`);
  }
  const { title, status, detail } = body;
  if (title === undefined) violations.push('"title" is missing');
  else if (typeof title !== 'string') violations.push(`"title" must be a string, received ${show(title)}`);
  if (status === undefined) violations.push('"status" is missing');
  else if (!isStatus(status)) violations.push(`"status" must be an integer 100-599, received ${show(status)}`);
  if (detail !== undefined && typeof detail !== 'string') violations.push(`"detail" must be a string, received ${show(detail)}`);
  return violations;
}

/** A response-like object: `headers` plus a `body`, `text` or `payload`. */
function isResponseLike(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const headers = (value as Record<string, unknown>)['headers'];
  return typeof headers === 'object' && headers !== null && ('body' in value || 'text' in value);
}

/** A WHATWG `Response` (fetch, undici, Hono): its body is a stream. */
function isFetchResponse(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const response = value as Record<string, unknown>;
  return typeof response['text'] === 'function' && typeof response['arrayBuffer'] === 'function' && 'bodyUsed' in response;
}

/** A header from a plain object (any case of name; string, number or array value) or a `Headers`. */
function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') {
    const value: unknown = (headers as { get(name: string): unknown }).get(name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return value.map(String).join(', ');
  }
  return undefined;
}

/** `'Application/Problem+JSON; charset=utf-8'` → `'application/problem+json'`. */
function mediaType(contentType: string): string {
  return (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
}

function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'undefined';
  return `a ${typeof value} (${show(value)})`;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 80)}…` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
