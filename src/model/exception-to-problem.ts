import { safeGet } from '../util/safe-get.js';
import { isErrorStatus } from '../status/error-status.js';
import { titleForStatus } from '../status/reason-phrase.js';
import { copyExtensionMembers } from './extension-members.js';
import { cut, LIMITS } from './limits.js';
import type { ProblemDetails, ProblemDetailsOptions } from './problem-details.js';
import { resolveType, toUriReference } from './uri-reference.js';

/** The standard members of a problem before they are checked and bounded. */
export interface ProblemParts {
  readonly status: number;
  readonly title?: unknown;
  readonly type?: unknown;
  readonly detail?: unknown;
  readonly instance?: unknown;
}

/**
 * Builds a problem body with every member of the right type and bounded size:
 * `type` and `instance` valid URI references, `title` the status phrase unless given,
 * `detail` only when it is a non-empty string.
 */
export function assembleProblem(parts: ProblemParts, options: ProblemDetailsOptions | undefined, extensions?: unknown): ProblemDetails {
  const status = parts.status;
  const type =
    typeof parts.type === 'string' && parts.type !== '' && parts.type !== 'about:blank' ? toUriReference(resolveType(parts.type, options?.typeBaseUrl)) : 'about:blank';
  const title = typeof parts.title === 'string' ? cut(parts.title, LIMITS.title) : titleForStatus(status);
  const problem: ProblemDetails = { type, title, status };
  if (typeof parts.detail === 'string' && parts.detail !== '') problem.detail = cut(parts.detail, LIMITS.detail);
  const instance = typeof parts.instance === 'string' && parts.instance !== '' ? parts.instance : options?.instance;
  if (typeof instance === 'string' && instance !== '') {
    const reference = toUriReference(instance);
    if (reference !== '') problem.instance = reference;
  }
  if (extensions !== undefined) copyExtensionMembers(extensions, problem);
  return problem;
}

/**
 * The problem body of one of our exceptions (from this or another copy of the package).
 * Reads every field defensively; `detail` only when the exception exposes it (or `debug`).
 */
export function exceptionToProblem(exception: object, options?: ProblemDetailsOptions): ProblemDetails {
  const rawStatus = safeGet(exception, 'status');
  if (!isErrorStatus(rawStatus)) return assembleProblem({ status: 500 }, options);
  const status = rawStatus;
  const expose = safeGet(exception, 'expose');
  const shown = (typeof expose === 'boolean' ? expose : status < 500) || options?.debug === true;
  return assembleProblem(
    {
      status,
      title: safeGet(exception, 'title'),
      type: safeGet(exception, 'type'),
      detail: shown ? safeGet(exception, 'detail') : undefined,
      instance: safeGet(exception, 'instance'),
    },
    options,
    safeGet(exception, 'extensions'),
  );
}
