import { safeGet } from '../util/safe-get.js';
import type { AnyProblemType, ExtensionsSchema } from './problem-type-class.js';

/**
 * Static property of every class `defineProblemType` makes: the definition's facts. A
 * `Symbol.for` key, so the `fromProblemDetails` and `openApiResponses` of any copy of the
 * package (ESM or CommonJS) read the classes made by any other.
 */
export const PROBLEM_TYPE: unique symbol = Symbol.for('typed-http-exceptions.problem-type') as never;

/** What a problem type class records about itself. */
export interface ProblemTypeFacts {
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly code: string | undefined;
  readonly schema: ExtensionsSchema | undefined;
  /** The class name (`OutOfCredit`). */
  readonly name: string;
}

/** The facts of a problem type class (or of a subclass of one); `undefined` for anything else. */
export function problemTypeOf(value: unknown): ProblemTypeFacts | undefined {
  if (typeof value !== 'function') return undefined;
  const facts = safeGet(value, PROBLEM_TYPE);
  if (typeof facts !== 'object' || facts === null) return undefined;
  const { type, status, title, code, name } = facts as Record<string, unknown>;
  if (typeof type !== 'string' || typeof status !== 'number' || typeof title !== 'string' || typeof name !== 'string') return undefined;
  if (code !== undefined && typeof code !== 'string') return undefined;
  return facts as ProblemTypeFacts;
}

/** True for a class made by `defineProblemType` (by any copy of the package), or a subclass of one. */
export function isProblemType(value: unknown): value is AnyProblemType {
  return problemTypeOf(value) !== undefined;
}
