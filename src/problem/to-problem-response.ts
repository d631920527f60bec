import { appendVary } from '../headers/header-policy.js';
import type { ProblemDetailsOptions, ProblemResponse } from '../model/problem-details.js';
import { chooseMediaType, type ProblemMediaType } from '../negotiation/media-type.js';
import { problemToXml } from '../negotiation/problem-xml.js';
import { resolveProblem, type FrameworkTranslator } from './resolve-problem.js';

/** Media type of an RFC 9457 JSON problem body. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Media type of an RFC 9457 XML problem body (Appendix B). */
export const PROBLEM_XML_CONTENT_TYPE = 'application/problem+xml';

/**
 * Everything needed to send the problem for any thrown value: `status`, `headers`
 * (`content-type: application/problem+json` plus the error's own headers that can be
 * sent safely), the `body`, and the `problem` object it holds. Never throws. With `accept`
 * (the request's `Accept` header) the body may be plain `application/json` or
 * `application/problem+xml` instead, and `Vary: Accept` is sent; with `messages` it is
 * translated (`Content-Language`, `Vary: Accept-Language`).
 *
 * @example
 * const { status, headers, body } = toProblemResponse(error, { instance: req.url });
 * res.writeHead(status, headers).end(body);
 */
export function toProblemResponse(value: unknown, options?: ProblemDetailsOptions): ProblemResponse {
  return serializeProblem(value, options, undefined);
}

/** `toProblemResponse` with an adapter's framework translator (the adapters' entry into the serializer). */
export function serializeProblem(value: unknown, options: ProblemDetailsOptions | undefined, translate: FrameworkTranslator | undefined): ProblemResponse {
  const { problem, headers } = resolveProblem(value, options, translate);
  const accept = options?.accept;
  if (accept === undefined) {
    headers['content-type'] = PROBLEM_CONTENT_TYPE;
    return { status: problem.status, headers, body: JSON.stringify(problem), problem };
  }
  // The request said what it accepts: negotiate, and tell caches that the answer depends on it.
  const mediaType: ProblemMediaType = typeof accept === 'string' ? chooseMediaType(accept) : PROBLEM_CONTENT_TYPE;
  headers['content-type'] = mediaType;
  appendVary(headers, 'Accept');
  return { status: problem.status, headers, body: mediaType === PROBLEM_XML_CONTENT_TYPE ? problemToXml(problem) : JSON.stringify(problem), problem };
}
