/**
 * `typed-http-exceptions/jest`: Jest matchers for exceptions and problem details.
 *
 * @example
 * // jest.setup.ts (listed in `setupFilesAfterEnv`)
 * import { matchers } from 'typed-http-exceptions/jest';
 * expect.extend(matchers);
 *
 * // a test
 * expect(() => getUser(42)).toThrowHttpException(NotFoundException, { detail: /42/ });
 * await expect(fetchUser(42)).rejects.toThrowHttpException(404);
 * expect(await request(app).get('/users/42')).toBeProblemDetails({ status: 404 });
 *
 * Nothing here imports Jest at run time: the matchers use the `this` context Jest passes.
 * The declarations below add the matchers to `@types/jest`'s global `jest.Matchers` and to
 * the `expect` package's `Matchers` (which `import { expect } from '@jest/globals'` uses).
 */
import type { HttpExceptionClass, HttpExceptionExpectation } from './to-throw-http-exception.js';
import type { AsymmetricMatcherLike } from './matcher-context.js';
import type { ProblemDetailsExpectation } from './to-be-problem-details.js';
import { toBeProblemDetails } from './to-be-problem-details.js';
import { toThrowHttpException } from './to-throw-http-exception.js';
// Loads the `expect` package's types into the build so that `declare module 'expect'` below
// augments it (a module named only by an augmentation is not loaded). Type-only and empty:
// it is gone from both the emitted JavaScript and the emitted .d.ts.
import type {} from 'expect';

export { toBeProblemDetails, toThrowHttpException };
export type { HttpExceptionClass, HttpExceptionExpectation, TextExpectation } from './to-throw-http-exception.js';
export type { ProblemDetailsExpectation } from './to-be-problem-details.js';
export type { AsymmetricMatcherLike, MatcherContextLike, MatcherResult } from './matcher-context.js';

/** Both matchers, for `expect.extend(matchers)`. */
export const matchers: {
  readonly toThrowHttpException: typeof toThrowHttpException;
  readonly toBeProblemDetails: typeof toBeProblemDetails;
} = { toThrowHttpException, toBeProblemDetails };

/** The matchers' signatures, shared by the two declarations below. */
export interface HttpExceptionMatchers<R> {
  /**
   * Checks what a function throws (`expect(fn)`) or what a promise rejects with
   * (`await expect(promise).rejects`): an `HttpException` of this class (`instanceof`, which
   * works across copies of the package) or with this status, having the given members.
   *
   * @param expected an exception class, a status code, or `undefined` for any `HttpException`
   * @param details `detail`/`title`/`type`/`instance` (string, RegExp or asymmetric matcher),
   *   a subset of `headers` (case-insensitive names), a subset of `extensions`
   *
   * @example
   * expect(() => getUser(42)).toThrowHttpException(NotFoundException, { detail: /42/ });
   * await expect(save(order)).rejects.toThrowHttpException(409);
   */
  toThrowHttpException(expected?: HttpExceptionClass | number, details?: HttpExceptionExpectation): R;
  /**
   * Checks an RFC 9457 problem: a problem object, its JSON, or a response
   * (`{ status | statusCode, headers, body | text }`, as from `toProblemResponse`, supertest or
   * `fastify.inject`) with `content-type: application/problem+json`. Then, if given, that the
   * problem matches `expected` like `toMatchObject`.
   *
   * @example
   * expect(toProblemResponse(error)).toBeProblemDetails({ status: 404, detail: 'No user 42' });
   */
  toBeProblemDetails(expected?: ProblemDetailsExpectation): R;
}

/**
 * `expect.toBeProblemDetails(…)` inside `toEqual`, `toMatchObject`, `toHaveBeenCalledWith`…
 * Typed as the asymmetric matcher it is (not `any`): where an expected value is typed more
 * narrowly than `unknown`, cast it (`as unknown as ProblemDetails`).
 */
export interface HttpExceptionAsymmetricMatchers {
  toBeProblemDetails(expected?: ProblemDetailsExpectation): AsymmetricMatcherLike;
}

declare global {
  // @types/jest (global `expect`). Without @types/jest this just declares an unused namespace.
  namespace jest {
    interface Matchers<R> extends HttpExceptionMatchers<R> {}
    interface Expect extends HttpExceptionAsymmetricMatchers {}
    interface InverseAsymmetricMatchers extends HttpExceptionAsymmetricMatchers {}
  }
}

// The `expect` package (Jest 29 and 30): `import { expect } from '@jest/globals'`.
// In a .d.ts, an augmentation of a module that cannot be resolved is ignored, so consumers
// without `expect` installed still compile.
declare module 'expect' {
  interface Matchers<R> extends HttpExceptionMatchers<R> {}
  interface AsymmetricMatchers extends HttpExceptionAsymmetricMatchers {}
}
