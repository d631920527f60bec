import type { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import type { AnyProblemType } from './problem-type-class.js';
import { problemTypeOf } from './problem-type-mark.js';

/** The members of a problem body that a revived problem type is made from. */
export interface RevivedParts {
  readonly status: number;
  readonly type: unknown;
  readonly title: unknown;
  readonly detail: string | undefined;
  readonly instance: string | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>> | undefined;
}

/** `types` checked: an array of classes made by `defineProblemType`; anything else is a `TypeError`. */
export function checkProblemTypes(types: unknown, caller: string): readonly AnyProblemType[] {
  if (!Array.isArray(types)) throw new TypeError(`${caller} options.types must be an array of classes made by defineProblemType`);
  (types as unknown[]).forEach((item, index) => {
    if (problemTypeOf(item) === undefined) throw new TypeError(`${caller} options.types[${index}] is not a class made by defineProblemType`);
  });
  return types as readonly AnyProblemType[];
}

/**
 * The body as an instance of the problem type among `types` whose `type` and `status` it has;
 * `undefined` when none matches or when the body's members do not fit that class (extension
 * values its schema refuses, say): the caller then falls back to the status's class. The
 * instance keeps the body's `title` (a server may localise it) and its extension members that
 * the schema does not know (`traceId` …); `code` is the class's own.
 */
export function reviveProblemType(types: readonly AnyProblemType[], parts: RevivedParts): HttpException | undefined {
  if (typeof parts.type !== 'string') return undefined;
  for (const ProblemType of types) {
    const facts = problemTypeOf(ProblemType);
    if (facts === undefined || facts.type !== parts.type || facts.status !== parts.status) continue;
    const members: Record<string, unknown> = { ...parts.extensions };
    if (facts.code !== undefined) delete members['code'];
    const options: AnyHttpExceptionOptions = { extensions: members, ...(parts.instance === undefined ? {} : { instance: parts.instance }), ...(parts.headers === undefined ? {} : { headers: parts.headers }) };
    let revived: HttpException;
    try {
      revived = new (ProblemType as unknown as new (detail?: string, options?: AnyHttpExceptionOptions) => HttpException)(parts.detail, options);
    } catch {
      // Members that do not fit the class: the body is still the status's problem.
      return undefined;
    }
    const extensions = revived.extensions;
    for (const name of Object.keys(members)) if (!Object.hasOwn(extensions, name)) extensions[name] = members[name];
    if (typeof parts.title === 'string' && parts.title !== '') (revived as { title: string }).title = parts.title;
    return revived;
  }
  return undefined;
}
