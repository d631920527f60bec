import { STANDARD_MEMBERS } from '../model/standard-members.js';
import { safeGet } from '../util/safe-get.js';
import { isHttpException } from '../exceptions/guards.js';
import { isErrorStatus } from '../status/error-status.js';
import { titleForStatus } from '../status/reason-phrase.js';
import { addDebugMembers } from './debug-members.js';
import { assembleProblem, exceptionToProblem } from '../model/exception-to-problem.js';
import { cut, jsonBytesUpperBound, LIMITS } from '../model/limits.js';
import type { ProblemDetailsOptions, ProblemResponse } from '../model/problem-details.js';
import { appendVary, filterHeaders, isSendableValue } from '../headers/header-policy.js';
import { localizeProblem } from './localize-problem.js';

/**
 * An adapter's translation of its framework's own errors into exceptions (`undefined`: not
 * one of them). Runs after the user's `mapError`, on its result.
 */
export type FrameworkTranslator = (value: unknown) => unknown;

/** The first stage of the response: the problem and its headers, before the body is serialised. */
type ResolvedProblem = Pick<ProblemResponse, 'problem' | 'headers'>;

const objectToString = Object.prototype.toString;

/**
 * Turns any thrown value into a problem and its headers. Never throws:
 * - our exceptions (any copy of the package): their fields, `detail` only if exposed;
 * - errors with an integer `status`/`statusCode` in 400-599 (http-errors, Koa, Fastify):
 *   that status and their `headers`, the message only when `expose` allows it;
 * - anything else: 500 Internal Server Error with no detail.
 */
export function resolveProblem(value: unknown, options?: ProblemDetailsOptions, translate?: FrameworkTranslator): ResolvedProblem {
  try {
    const resolved = resolve(value, options, translate);
    if (options !== undefined && (options.messages !== undefined || options.traceId !== undefined)) correlate(resolved, options);
    return bounded(resolved, options?.debug === true);
  } catch {
    // Unreachable by design; kept so that no input can make the error path throw.
    return { problem: { type: 'about:blank', title: 'Internal Server Error', status: 500 }, headers: {} };
  }
}

function resolve(value: unknown, options: ProblemDetailsOptions | undefined, translate: FrameworkTranslator | undefined): ResolvedProblem {
  let subject = value;
  const mapError = options?.mapError;
  if (mapError !== undefined) {
    try {
      const mapped = mapError(value);
      // An async mapper answers too late to use, and its rejection must not go unhandled.
      if (isThenable(mapped)) return unknownError(value, options);
      if (mapped !== undefined) subject = mapped;
    } catch {
      return unknownError(value, options);
    }
  }
  // Then the adapter's translation of its framework's own errors (Nest's HttpException, Boom …),
  // applied to what the user's mapError gave.
  if (translate !== undefined) {
    try {
      const translated = translate(subject);
      if (translated !== undefined) subject = translated;
    } catch {
      return unknownError(value, options);
    }
  }
  if (isHttpException(subject) && isErrorStatus(safeGet(subject, 'status'))) {
    const problem = exceptionToProblem(subject, options);
    const headers = filterHeaders(safeGet(subject, 'headers'), problem.status);
    if (options?.debug === true) addDebugMembers(subject, problem);
    return { problem, headers };
  }
  const status = foreignStatus(subject);
  if (status === undefined) return unknownError(subject, options);

  const expose = safeGet(subject, 'expose');
  const shown = (typeof expose === 'boolean' ? expose : status < 500) || options?.debug === true;
  const message = shown ? safeGet(subject, 'message') : undefined;
  const problem = assembleProblem(
    // A message that only repeats the reason phrase (http-errors' default) adds nothing.
    { status, detail: message !== titleForStatus(status) ? message : undefined },
    options,
  );
  const headers = filterHeaders(safeGet(subject, 'headers'), status);
  if (options?.debug === true) addDebugMembers(subject, problem);
  return { problem, headers };
}

/**
 * The language and correlation stages: `messages` (with `Content-Language` and
 * `Vary: Accept-Language`) and the `traceId` member. A problem that already has a `traceId`
 * extension member keeps it.
 */
function correlate(resolved: ResolvedProblem, options: ProblemDetailsOptions): void {
  const { problem, headers } = resolved;
  if (options.messages !== undefined && options.messages !== null) {
    const locale = localizeProblem(problem, options.messages, options.acceptLanguage, options.defaultLocale);
    if (locale !== undefined && isSendableValue(locale)) headers['content-language'] = locale;
    // The body depends on Accept-Language whenever there are messages, translated this time or not.
    appendVary(headers, 'Accept-Language');
  }
  const traceId = options.traceId;
  if (typeof traceId === 'string' && traceId !== '' && problem['traceId'] === undefined) problem['traceId'] = cut(traceId, LIMITS.title);
}

/** True for a promise (or other thenable); its rejection is then marked handled. */
function isThenable(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const then = safeGet(value, 'then');
  if (typeof then !== 'function') return false;
  try {
    then.call(value, undefined, () => undefined);
  } catch {
    // A thenable whose `then` throws has nothing left to reject.
  }
  return true;
}

/** The status of an error following the http-errors convention, if it has a usable one. */
function foreignStatus(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!isGenuineError(value)) return undefined;
  const status = safeGet(value, 'status');
  if (isErrorStatus(status)) return status;
  const statusCode = safeGet(value, 'statusCode');
  return isErrorStatus(statusCode) ? statusCode : undefined;
}

const errorIsError = (Error as { isError?: (value: unknown) => boolean }).isError;

/**
 * True for a real error object, from this realm or another (vm, iframes, workers). A plain
 * object cannot pass by setting `Symbol.toStringTag` to "Error": `Object.prototype.toString`
 * honours that tag, so a cross-realm match also requires that the value has no such tag
 * (a genuine error has none). `Error.isError` (ES2026) checks the internal slot where it exists.
 */
function isGenuineError(value: object): boolean {
  try {
    if (value instanceof Error) return true;
    if (typeof errorIsError === 'function') return errorIsError(value);
    return objectToString.call(value) === '[object Error]' && !(Symbol.toStringTag in value);
  } catch {
    return false;
  }
}

function unknownError(value: unknown, options: ProblemDetailsOptions | undefined): ResolvedProblem {
  const debug = options?.debug === true;
  const problem = assembleProblem({ status: 500, detail: debug ? safeGet(value, 'message') : undefined }, options);
  if (debug) addDebugMembers(value, problem);
  return { problem, headers: {} };
}

/** Keeps the serialised body under `LIMITS.bodyBytes`, dropping extension members if needed. */
function bounded(resolved: ResolvedProblem, measure: boolean): ResolvedProblem {
  const problem = resolved.problem;
  if (!measure) {
    let estimate = 0;
    let structured = false;
    for (const name in problem) {
      const member = problem[name];
      if (typeof member === 'string') estimate += name.length + 8 + jsonBytesUpperBound(member.length);
      else if (typeof member === 'number') estimate += name.length + 32;
      else structured = true;
    }
    // Structured members are extension members, whose JSON is budgeted (at most 3 bytes a character).
    if (structured) estimate += 3 * LIMITS.extensionsJson;
    if (estimate <= LIMITS.bodyBytes) return resolved;
  }
  // Rare path: measure for real, then drop extension members from the last one back.
  const names = Object.keys(problem).filter((name) => !STANDARD_MEMBERS.has(name));
  while (utf8Length(JSON.stringify(problem)) > LIMITS.bodyBytes && names.length > 0) {
    delete problem[names.pop() as string];
  }
  if (problem.detail !== undefined && utf8Length(JSON.stringify(problem)) > LIMITS.bodyBytes) {
    problem.detail = cut(problem.detail, LIMITS.detail / 4);
  }
  return resolved;
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
