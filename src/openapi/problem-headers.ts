import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import type { HEADER_OPTIONS, HeaderOption } from '../headers/header-options.js';

/** A response header some exception class sends: `'Retry-After'`, `'WWW-Authenticate'` … (from the header-option table). */
export type ProblemHeaderName = (typeof HEADER_OPTIONS)[HeaderOption]['header'];

/** How a header is documented in OpenAPI, before its example is added. */
export interface ProblemHeaderDoc {
  readonly description: string;
  readonly schema: { readonly type: 'string'; readonly pattern?: string };
}

/**
 * Description and value schema of every header an exception class can send. Typed by the
 * header-option table, so a header option added there does not compile until documented here.
 */
export const PROBLEM_HEADER_DOCS: { readonly [H in ProblemHeaderName]: ProblemHeaderDoc } = {
  'WWW-Authenticate': {
    description: 'Authentication challenges: how to supply credentials for this resource (RFC 9110 section 11.6.1).',
    schema: { type: 'string' },
  },
  'Proxy-Authenticate': {
    description: 'Authentication challenges for the proxy between the client and the server (RFC 9110 section 11.7.1).',
    schema: { type: 'string' },
  },
  Allow: {
    description: 'The methods the resource supports, comma-separated (RFC 9110 section 10.2.1).',
    schema: { type: 'string' },
  },
  'Retry-After': {
    description: 'When to retry: a number of seconds, or an HTTP date (RFC 9110 section 10.2.3). Sent when the server knows.',
    schema: { type: 'string', pattern: '^(?:[0-9]+|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT)$' },
  },
  Upgrade: {
    description: 'The protocols the client must switch to, in order of preference (RFC 9110 section 7.8); an HTTP/1.1 header.',
    schema: { type: 'string' },
  },
  'Content-Range': {
    description: "The current length of the resource, as 'bytes */length' (RFC 9110 section 14.4).",
    schema: { type: 'string', pattern: '^bytes \\*/[0-9]+$' },
  },
};

/** The option values the header examples are made from (by the real serializer, so they cannot drift). */
export const SAMPLE_HEADER_OPTIONS: Required<Pick<AnyHttpExceptionOptions, HeaderOption>> = {
  wwwAuthenticate: 'Bearer realm="api", error="invalid_token"',
  proxyAuthenticate: 'Basic realm="proxy"',
  allow: ['GET', 'HEAD'],
  retryAfter: 120,
  upgrade: ['TLS/1.2', 'HTTP/1.1'],
  completeLength: 1024,
};
