import type { ProblemDetailsOptions, ProblemResponse } from '../model/problem-details.js';
import { resolveProblem } from './resolve-problem.js';

/** Media type of an RFC 9457 JSON problem body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Everything needed to send the problem for any thrown value: `status`, `headers`
 * (`content-type: application/problem+json` plus the error's own headers that can be
 * sent safely), the JSON `body`, and the `problem` object it holds. Never throws.
 *
 * @example
 * const { status, headers, body } = toProblemResponse(error, { instance: req.url });
 * res.writeHead(status, headers).end(body);
 */
export function toProblemResponse(value: unknown, options?: ProblemDetailsOptions): ProblemResponse {
  const { problem, headers } = resolveProblem(value, options);
  headers['content-type'] = PROBLEM_CONTENT_TYPE;
  return { status: problem.status, headers, body: JSON.stringify(problem), problem };
}
