import type { ProblemHeaders } from '../headers/header-policy.js';
import type { Messages } from './messages.js';

/**
 * An RFC 9457 problem-details object as this library emits it: the five standard
 * members (`type`, `title` and `status` always present) plus extension members.
 */
export interface ProblemDetails {
  /** URI reference identifying the problem type; `'about:blank'` means "just the status". */
  type: string;
  /** Short summary of the problem type; with `about:blank` it is the reason phrase. */
  title: string;
  /** The HTTP status code, always equal to the response status. */
  status: number;
  /** Explanation of this occurrence, present only when the error exposes it. */
  detail?: string;
  /** URI reference identifying this occurrence (the request path, by default in adapters). */
  instance?: string;
  /** Extension members (`errors`, your own fields, `stack` and `cause` with `debug`). */
  [extension: string]: unknown;
}

/** How `toProblemDetails` and every adapter turn a thrown value into a problem. */
export interface ProblemDetailsOptions {
  /** `instance` for problems that do not set their own (adapters pass the request path). */
  readonly instance?: string;
  /** Base URL that relative `type` references resolve against, e.g. `'https://example.com/problems/'`. */
  readonly typeBaseUrl?: string;
  /** Add `stack` and the `cause` chain, and show hidden details. Never turn on in production. */
  readonly debug?: boolean;
  /**
   * Maps a foreign error (a validation library's, an ORM's) to an exception before anything
   * else looks at it. Return `undefined` to leave the value as it is. If it throws, the
   * client gets a plain 500. It must be synchronous: a returned promise counts as a failed
   * mapping (plain 500), and its rejection is handled.
   */
  readonly mapError?: (error: unknown) => unknown;
  /**
   * The request's `Accept` header (adapters pass it): the body is `application/problem+json`
   * (default), `application/json` for a client that accepts JSON but not problem+json, or
   * `application/problem+xml` (RFC 9457 Appendix B) when the client prefers XML. Never a 406.
   */
  readonly accept?: string | undefined;
  /** The request's `Accept-Language` header (adapters pass it): picks the language of `messages`. */
  readonly acceptLanguage?: string | undefined;
  /**
   * Titles and `detail` templates per language tag, each keyed by a problem's `code`, its type
   * URI or its status (`'404'`); `{member}` in a detail is filled from the extension members.
   * `typed-http-exceptions/messages` has titles for every status.
   */
  readonly messages?: Messages | undefined;
  /** The language of `messages` used when `Accept-Language` matches none of them. */
  readonly defaultLocale?: string | undefined;
  /** Sent as the `traceId` extension member (adapters: `traceId: true` reads it from the request). */
  readonly traceId?: string | undefined;
}

/**
 * The one response shape: what the serializer returns and every adapter writes. Status,
 * headers (lower-case names; `set-cookie` may be several lines), the serialised body, and
 * the problem it was serialised from.
 */
export interface ProblemResponse {
  readonly status: number;
  readonly headers: ProblemHeaders;
  readonly body: string;
  /** The problem as an object (what `body` holds), for logging and tracing. */
  readonly problem: ProblemDetails;
}
