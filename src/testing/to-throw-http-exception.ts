import { isHttpException } from '../exceptions/guards.js';
import type { HttpException } from '../exceptions/http-exception.js';
import { problemTypeOf } from '../problem-types/problem-type-mark.js';
import { reasonPhrase } from '../status/reason-phrase.js';
import {
  type AsymmetricMatcherLike,
  isPlainObject,
  type MatcherContextLike,
  type MatcherResult,
  matchesSubset,
  matchesText,
} from './matcher-context.js';

const NAME = 'toThrowHttpException';

/** Any `HttpException` class: `NotFoundException`, `HttpException`, your own subclass, a problem type made by `defineProblemType`. */
export type HttpExceptionClass = abstract new (...args: never[]) => HttpException;

/** A string member: exactly this string, a RegExp it must match, or an asymmetric matcher. */
export type TextExpectation = string | RegExp | AsymmetricMatcherLike;

/**
 * The second argument of `toThrowHttpException`: members the thrown exception must have.
 * Members left out are not checked.
 */
export interface HttpExceptionExpectation {
  /** `exception.detail`: exact string, RegExp or asymmetric matcher. */
  readonly detail?: TextExpectation;
  /** `exception.title` (the reason phrase unless set). */
  readonly title?: TextExpectation;
  /** `exception.type` (`'about:blank'` unless set). */
  readonly type?: TextExpectation;
  /** `exception.instance`. */
  readonly instance?: TextExpectation;
  /**
   * A subset of `exception.headers`; names are case-insensitive. A value of `undefined`
   * means the header must be absent.
   */
  readonly headers?: Readonly<Record<string, TextExpectation | undefined>>;
  /** A subset of `exception.extensions`, compared like `toMatchObject` (asymmetric matchers allowed). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

const TEXT_MEMBERS = ['detail', 'title', 'type', 'instance'] as const;
const EXPECTATION_KEYS: ReadonlySet<string> = new Set([...TEXT_MEMBERS, 'headers', 'extensions']);

type Thrown =
  | { readonly threw: false; readonly returnedPromise: false }
  | { readonly threw: false; readonly returnedPromise: true; readonly result: PromiseLike<unknown> }
  | { readonly threw: true; readonly value: unknown };

interface Mismatch {
  readonly label: string;
  readonly expected: unknown;
  readonly received: unknown;
}

/**
 * `expect(fn).toThrowHttpException(NotFoundException)`: calls `fn` and checks that it throws
 * that exception (an `instanceof` check, which works across copies of this package).
 * `await expect(promise).rejects.toThrowHttpException(404)`: checks the rejection reason.
 *
 * `expect(fn).toThrowHttpException(OutOfCredit, { extensions: { balance: 30 } })`: a problem type
 * (made by `defineProblemType`) is a class like the others; a mismatch shows the expected `type`.
 *
 * @param expected an exception class (a problem type too), a status code, or `undefined` for any `HttpException`
 * @param details members the exception must have: `detail` (string or RegExp), `title`,
 *   `type`, `instance`, a subset of `headers`, a subset of `extensions`
 */
export function toThrowHttpException(
  this: MatcherContextLike,
  received: unknown,
  expected?: HttpExceptionClass | number,
  details?: HttpExceptionExpectation,
): MatcherResult {
  const { utils } = this;
  const isNot = this.isNot === true;
  const promise = this.promise ?? '';
  const hint = utils.matcherHint(NAME, undefined, expected === undefined ? '' : 'expected', {
    isNot,
    promise,
    ...(details === undefined ? {} : { secondArgument: 'details' }),
  });

  const validExpected =
    expected === undefined ||
    (typeof expected === 'function' && typeof expected.prototype === 'object' && expected.prototype !== null) ||
    (typeof expected === 'number' && Number.isInteger(expected));
  if (!validExpected) {
    throw new Error(
      utils.matcherErrorMessage(
        hint,
        `${utils.EXPECTED_COLOR('expected')} value must be an HttpException class, an integer status code or undefined`,
        utils.printWithType('Expected', expected, (value) => utils.printExpected(value)),
      ),
    );
  }
  checkDetails(this, hint, details);

  const thrown = getThrown(this, hint, received, promise);
  const expectedText = describeExpected(this, expected);

  if (!thrown.threw) {
    // The assertion fails with the hint below; an unhandled rejection would only bury it.
    // (Under `.not` it passes, so a rejection is left to surface.)
    if (thrown.returnedPromise && !isNot) thrown.result.then(undefined, () => undefined);
    const note = thrown.returnedPromise
      ? `\n\nThe function returned a promise. For a rejection, use:\n  await expect(promise).rejects.${NAME}(…)`
      : '';
    return {
      pass: false,
      message: () => `${hint}\n\nExpected: ${expectedText}\nReceived function did not throw${note}`,
    };
  }

  const value = thrown.value;
  if (!isHttpException(value)) {
    return {
      pass: false,
      message: () => `${hint}\n\nExpected: ${expectedText}\nReceived: ${describeForeign(this, value)}`,
    };
  }

  // The class and the status show in the "Expected"/"Received" lines; the members get a pair each.
  const identityMatches =
    typeof expected === 'function' ? value instanceof expected : typeof expected === 'number' ? value.status === expected : true;
  const mismatches = details === undefined ? [] : compareDetails(this, value, details);
  // A problem type is told apart by its `type`: show it when the thrown exception has another.
  const expectedType = typeof expected === 'function' ? problemTypeOf(expected)?.type : undefined;
  if (!identityMatches && expectedType !== undefined && value.type !== expectedType && !mismatches.some((item) => item.label === 'type')) {
    mismatches.unshift({ label: 'type', expected: expectedType, received: value.type });
  }
  const pass = identityMatches && mismatches.length === 0;
  const receivedText = describeException(this, value);

  const message = pass
    ? () => {
        const withDetails = details === undefined ? '' : ` matching ${utils.printExpected(details)}`;
        return `${hint}\n\nExpected: not ${expectedText}${withDetails}\nReceived: ${receivedText}`;
      }
    : () => {
        const lines = [`${hint}`, '', `Expected: ${expectedText}`, `Received: ${receivedText}`];
        for (const mismatch of mismatches) {
          lines.push('', `Expected ${mismatch.label}: ${utils.printExpected(mismatch.expected)}`, `Received ${mismatch.label}: ${utils.printReceived(mismatch.received)}`);
        }
        return lines.join('\n');
      };
  return { pass, message };
}

function getThrown(context: MatcherContextLike, hint: string, received: unknown, promise: string): Thrown {
  // Under `.rejects` (and `.resolves`) Jest passes the settled value, not a function.
  if (promise !== '' && typeof received !== 'function') return { threw: true, value: received };
  if (typeof received === 'function') {
    let result: unknown;
    try {
      result = (received as () => unknown)();
    } catch (error) {
      return { threw: true, value: error };
    }
    return isThenable(result) ? { threw: false, returnedPromise: true, result } : { threw: false, returnedPromise: false };
  }
  const note = isThenable(received) ? `\n\nFor a promise, use:\n  await expect(promise).rejects.${NAME}(…)` : '';
  throw new Error(
    context.utils.matcherErrorMessage(
      hint,
      `${context.utils.RECEIVED_COLOR('received')} value must be a function`,
      context.utils.printWithType('Received', received, (value) => context.utils.printReceived(value)) + note,
    ),
  );
}

function checkDetails(context: MatcherContextLike, hint: string, details: unknown): void {
  if (details === undefined) return;
  let problem: string | undefined;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    problem = 'must be an object';
  } else {
    const unknown = Object.keys(details).filter((key) => !EXPECTATION_KEYS.has(key));
    if (unknown.length > 0) {
      problem = `has unknown member${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')} (known: ${[...EXPECTATION_KEYS].join(', ')})`;
    } else {
      const { headers, extensions } = details as Record<string, unknown>;
      if (headers !== undefined && !isPlainObject(headers)) problem = 'member "headers" must be an object';
      else if (extensions !== undefined && !isPlainObject(extensions)) problem = 'member "extensions" must be an object';
    }
  }
  if (problem !== undefined) {
    throw new Error(
      context.utils.matcherErrorMessage(
        hint,
        `${context.utils.EXPECTED_COLOR('details')} ${problem}`,
        context.utils.printWithType('Details', details, (value) => context.utils.printExpected(value)),
      ),
    );
  }
}

function compareDetails(context: MatcherContextLike, exception: HttpException, details: HttpExceptionExpectation): Mismatch[] {
  const mismatches: Mismatch[] = [];
  for (const member of TEXT_MEMBERS) {
    if (!Object.hasOwn(details, member)) continue;
    const expected = details[member];
    if (!matchesText(context, exception[member], expected)) mismatches.push({ label: member, expected, received: exception[member] });
  }
  if (details.headers !== undefined) {
    const received = exception.headers ?? {};
    const byLowerName = new Map(Object.keys(received).map((name) => [name.toLowerCase(), received[name]]));
    const ok = Object.keys(details.headers).every((name) => {
      const expected = details.headers?.[name];
      const actual = byLowerName.get(name.toLowerCase());
      return expected === undefined ? actual === undefined : matchesText(context, actual, expected);
    });
    if (!ok) mismatches.push({ label: 'headers', expected: details.headers, received });
  }
  if (details.extensions !== undefined && !matchesSubset(context, exception.extensions ?? {}, details.extensions)) {
    mismatches.push({ label: 'extensions', expected: details.extensions, received: exception.extensions });
  }
  return mismatches;
}

function describeExpected(context: MatcherContextLike, expected: HttpExceptionClass | number | undefined): string {
  const color = context.utils.EXPECTED_COLOR;
  if (expected === undefined) return `an ${color('HttpException')}`;
  if (typeof expected === 'number') {
    const phrase = reasonPhrase(expected);
    return `HttpException with status ${color(phrase === undefined ? String(expected) : `${expected} ${phrase}`)}`;
  }
  return color(expected.name || '(anonymous class)');
}

/** `NotFoundException (404): "No user 42"`. */
function describeException(context: MatcherContextLike, exception: HttpException): string {
  const head = context.utils.RECEIVED_COLOR(`${exception.name} (${exception.status})`);
  return exception.detail === undefined ? head : `${head}: ${context.utils.printReceived(exception.detail)}`;
}

/** A thrown value that is not one of our exceptions: `[TypeError: boom] (not an HttpException)`. */
function describeForeign(context: MatcherContextLike, value: unknown): string {
  let status: unknown;
  try {
    status = typeof value === 'object' && value !== null ? ((value as { status?: unknown }).status ?? (value as { statusCode?: unknown }).statusCode) : undefined;
  } catch {
    status = undefined;
  }
  const why = typeof status === 'number' ? `has status ${status} but is not an HttpException` : 'not an HttpException';
  return `${context.utils.printReceived(value)} (${why})`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
