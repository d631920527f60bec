/**
 * The parts of Jest's matcher context (`this` inside a matcher) that our matchers use,
 * written out structurally so that neither the source nor the emitted `.d.ts` needs
 * `expect` or `@types/jest`: Jest's real `MatcherContext` (Jest 29 and 30, and
 * `@types/jest`'s `jest.MatcherContext`) is assignable to it.
 */

/** Options of `this.utils.matcherHint` that our matchers pass. */
export interface MatcherHintOptionsLike {
  readonly isNot?: boolean;
  readonly promise?: string;
  readonly secondArgument?: string;
  readonly comment?: string;
}

/** The `jest-matcher-utils` helpers Jest hands a matcher as `this.utils`. */
export interface MatcherUtilsLike {
  matcherHint(matcherName: string, received?: string, expected?: string, options?: MatcherHintOptionsLike): string;
  matcherErrorMessage(hint: string, generic: string, specific?: string): string;
  printExpected(value: unknown): string;
  printReceived(value: unknown): string;
  printWithType(name: string, value: unknown, print: (value: unknown) => string): string;
  printDiffOrStringify(expected: unknown, received: unknown, expectedLabel: string, receivedLabel: string, expand: boolean): string;
  EXPECTED_COLOR(text: string): string;
  RECEIVED_COLOR(text: string): string;
  /** Equality testers of `toMatchObject` (Jest 28 and later). */
  readonly iterableEquality?: unknown;
  readonly subsetEquality?: unknown;
}

/** `this` inside a custom matcher, as far as our matchers need it. */
export interface MatcherContextLike {
  /** True under `.not` (and for `expect.not.x()` asymmetric matchers). */
  readonly isNot?: boolean;
  /** `'rejects'`, `'resolves'` or `''`. */
  readonly promise?: string;
  readonly expand?: boolean;
  /** Testers from `expect.addEqualityTesters` (Jest 29.4 and later). */
  readonly customTesters?: readonly unknown[];
  /** Jest's recursive equality, with asymmetric matchers (`expect.any(String)`…). */
  equals(a: unknown, b: unknown, customTesters?: readonly unknown[], strictCheck?: boolean): boolean;
  readonly utils: MatcherUtilsLike;
}

/** What a synchronous matcher returns. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** An asymmetric matcher such as `expect.stringContaining('x')`, matched with `this.equals`. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/** `toMatchObject` semantics: every member of `expected` must match, recursively; other members are ignored. */
export function matchesSubset(context: MatcherContextLike, received: unknown, expected: unknown): boolean {
  const { iterableEquality, subsetEquality } = context.utils;
  if (subsetEquality !== undefined) {
    const testers = [...(context.customTesters ?? []), ...(iterableEquality === undefined ? [] : [iterableEquality]), subsetEquality];
    return context.equals(received, expected, testers);
  }
  // Older Jest without `utils.subsetEquality`: a top-level subset.
  if (typeof received !== 'object' || received === null || typeof expected !== 'object' || expected === null) {
    return context.equals(received, expected, context.customTesters);
  }
  return Object.keys(expected).every((key) =>
    context.equals((received as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], context.customTesters),
  );
}

/** For a focused diff: the members of `received` that `expected` names (top level). */
export function pickExpectedKeys(received: unknown, expected: unknown): unknown {
  if (typeof received !== 'object' || received === null || typeof expected !== 'object' || expected === null || Array.isArray(expected)) {
    return received;
  }
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected)) {
    if (Object.hasOwn(received, key)) {
      Object.defineProperty(picked, key, { value: (received as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return picked;
}

/** A string member compared with a string (exactly), a RegExp (tested) or an asymmetric matcher. */
export function matchesText(context: MatcherContextLike, received: unknown, expected: unknown): boolean {
  if (expected instanceof RegExp) {
    if (typeof received !== 'string') return false;
    expected.lastIndex = 0;
    return expected.test(received);
  }
  return context.equals(received, expected, context.customTesters);
}

/** Plain object (or null-prototype object), not an array, Error or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
