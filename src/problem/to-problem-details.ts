import type { ProblemDetails, ProblemDetailsOptions } from '../model/problem-details.js';
import { resolveProblem } from './resolve-problem.js';

/**
 * The RFC 9457 problem-details object for any thrown value. Never throws.
 * Our exceptions give their fields; http-errors-style errors (Koa, Fastify, http-errors)
 * their status; anything else a 500 with no detail. Details of 5xx and unknown errors,
 * stacks and causes stay out unless the error exposes them or `debug` is on.
 *
 * @example
 * toProblemDetails(new NotFoundException('No user 42'), { instance: '/users/42' });
 * // { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' }
 */
export function toProblemDetails(value: unknown, options?: ProblemDetailsOptions): ProblemDetails {
  return resolveProblem(value, options).problem;
}
