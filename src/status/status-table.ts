/**
 * The one table of HTTP status codes that everything else is generated from
 * (`npm run generate`): the `HttpStatus` enum, the reason phrases, the exception
 * classes, the status-to-class type map and the README class table.
 *
 * Rules for editing:
 * - `phrase` is the current IANA registry wording (RFC 9110 and later RFCs).
 * - When the registry renamed a code, the old wording goes to `formerNames`; each
 *   former name keeps its enum key and, for 4xx/5xx, an alias of the same class.
 * - Codes in no IANA registration are `unofficial` and name their `origin`.
 * - `description` is our own one-line summary, not a quote from a specification.
 */

import type { HeaderOption } from '../headers/header-options.js';

export type { HeaderOption };

/** A name a code used to have (and that code still answers to). */
export interface FormerName {
  readonly phrase: string;
  readonly key: string;
  /** Alias of the current class; only for 4xx/5xx codes. */
  readonly className?: string;
}

export interface StatusRow {
  readonly code: number;
  /** `HttpStatus` enum key, UPPER_SNAKE. */
  readonly key: string;
  /** Reason phrase: IANA's current wording, or the common wording of an unofficial code. */
  readonly phrase: string;
  /** Exception class name; present exactly for 4xx and 5xx codes. */
  readonly className?: string;
  readonly formerNames?: readonly FormerName[];
  /** Defining document and section, e.g. `{ document: 'RFC 9110', section: '15.5.5' }`. */
  readonly spec?: { readonly document: string; readonly section?: string };
  /**
   * `registered`: assigned in the IANA registry. `reserved`: listed by IANA as "(Unused)"
   * and kept out of new use, but still seen in the wild. `unofficial`: not in the registry.
   */
  readonly registration: 'registered' | 'reserved' | 'unofficial';
  /** Who uses an unofficial code, or why a reserved code is still seen. */
  readonly origin?: string;
  readonly description: string;
  /** Header options the exception class for this code accepts. */
  readonly headerOptions?: readonly HeaderOption[];
  /** The class accepts `errors` (RFC 9457 section 3 validation problems). */
  readonly validationErrors?: boolean;
}

const rfc9110 = (section: string) => ({ document: 'RFC 9110', section });

export const STATUS_TABLE: readonly StatusRow[] = [
  // 1xx informational
  { code: 100, key: 'CONTINUE', phrase: 'Continue', spec: rfc9110('15.2.1'), registration: 'registered',
    description: 'The request head was accepted; the client may go on sending the body.' },
  { code: 101, key: 'SWITCHING_PROTOCOLS', phrase: 'Switching Protocols', spec: rfc9110('15.2.2'), registration: 'registered',
    description: 'The server agrees to change to the protocol named in the Upgrade header.' },
  { code: 102, key: 'PROCESSING', phrase: 'Processing', spec: { document: 'RFC 2518', section: '10.1' }, registration: 'registered',
    description: 'WebDAV interim answer: work on a long request is under way, a final answer will follow.' },
  { code: 103, key: 'EARLY_HINTS', phrase: 'Early Hints', spec: { document: 'RFC 8297', section: '2' }, registration: 'registered',
    description: 'Interim answer carrying headers (often Link preloads) the final response is likely to have.' },
  { code: 122, key: 'INTERNET_EXPLORER_URI_TOO_LONG', phrase: 'Request-URI Too Long', registration: 'unofficial',
    origin: 'Internet Explorer (WinINet), for URIs over 2083 characters',
    description: 'Client-side code for a URI longer than the browser would send; never sent by servers.' },

  // 2xx success
  { code: 200, key: 'OK', phrase: 'OK', spec: rfc9110('15.3.1'), registration: 'registered',
    description: 'The request worked; the body holds the result.' },
  { code: 201, key: 'CREATED', phrase: 'Created', spec: rfc9110('15.3.2'), registration: 'registered',
    description: 'A new resource was made; Location usually points at it.' },
  { code: 202, key: 'ACCEPTED', phrase: 'Accepted', spec: rfc9110('15.3.3'), registration: 'registered',
    description: 'The request was queued for processing that has not finished yet.' },
  { code: 203, key: 'NON_AUTHORITATIVE_INFORMATION', phrase: 'Non-Authoritative Information', spec: rfc9110('15.3.4'), registration: 'registered',
    description: 'Success, but a proxy changed the content the origin sent.' },
  { code: 204, key: 'NO_CONTENT', phrase: 'No Content', spec: rfc9110('15.3.5'), registration: 'registered',
    description: 'Success with nothing to send back in the body.' },
  { code: 205, key: 'RESET_CONTENT', phrase: 'Reset Content', spec: rfc9110('15.3.6'), registration: 'registered',
    description: 'Success; the client should clear the form or view that sent the request.' },
  { code: 206, key: 'PARTIAL_CONTENT', phrase: 'Partial Content', spec: rfc9110('15.3.7'), registration: 'registered',
    description: 'Only the byte ranges the client asked for are in the body.' },
  { code: 207, key: 'MULTI_STATUS', phrase: 'Multi-Status', spec: { document: 'RFC 4918', section: '11.1' }, registration: 'registered',
    description: 'WebDAV: the body reports a separate status for each of several operations.' },
  { code: 208, key: 'ALREADY_REPORTED', phrase: 'Already Reported', spec: { document: 'RFC 5842', section: '7.1' }, registration: 'registered',
    description: 'WebDAV: members of this binding were listed earlier in the same reply.' },
  { code: 226, key: 'IM_USED', phrase: 'IM Used', spec: { document: 'RFC 3229', section: '10.4.1' }, registration: 'registered',
    description: 'The body is the result of instance manipulations (such as a delta) on the resource.' },

  // 3xx redirection
  { code: 300, key: 'MULTIPLE_CHOICES', phrase: 'Multiple Choices', spec: rfc9110('15.4.1'), registration: 'registered',
    description: 'Several representations exist; the client may pick one.' },
  { code: 301, key: 'MOVED_PERMANENTLY', phrase: 'Moved Permanently', spec: rfc9110('15.4.2'), registration: 'registered',
    description: 'The resource lives at a new URI for good; update links.' },
  { code: 302, key: 'FOUND', phrase: 'Found', spec: rfc9110('15.4.3'), registration: 'registered',
    formerNames: [{ phrase: 'Moved Temporarily', key: 'MOVED_TEMPORARILY' }],
    description: 'The resource is for now at another URI; keep using this one.' },
  { code: 303, key: 'SEE_OTHER', phrase: 'See Other', spec: rfc9110('15.4.4'), registration: 'registered',
    description: 'Fetch the result from the other URI given, with GET.' },
  { code: 304, key: 'NOT_MODIFIED', phrase: 'Not Modified', spec: rfc9110('15.4.5'), registration: 'registered',
    description: 'The cached copy the client holds is still current.' },
  { code: 305, key: 'USE_PROXY', phrase: 'Use Proxy', spec: rfc9110('15.4.6'), registration: 'registered',
    description: 'Deprecated: asked the client to go through a given proxy.' },
  { code: 306, key: 'UNUSED', phrase: 'Unused', spec: rfc9110('15.4.7'), registration: 'reserved',
    formerNames: [{ phrase: 'Switch Proxy', key: 'SWITCH_PROXY' }],
    origin: 'once drafted as "Switch Proxy"; the registry keeps the code reserved',
    description: 'Reserved: no longer used and must not be given a new meaning.' },
  { code: 307, key: 'TEMPORARY_REDIRECT', phrase: 'Temporary Redirect', spec: rfc9110('15.4.8'), registration: 'registered',
    description: 'Repeat the same request, same method and body, at the other URI for now.' },
  { code: 308, key: 'PERMANENT_REDIRECT', phrase: 'Permanent Redirect', spec: rfc9110('15.4.9'), registration: 'registered',
    description: 'Repeat the same request, same method and body, at the other URI from now on.' },

  // 4xx client errors
  { code: 400, key: 'BAD_REQUEST', phrase: 'Bad Request', className: 'BadRequestException', spec: rfc9110('15.5.1'), registration: 'registered',
    validationErrors: true,
    description: 'The request is malformed or invalid and will not be processed as sent.' },
  { code: 401, key: 'UNAUTHORIZED', phrase: 'Unauthorized', className: 'UnauthorizedException', spec: rfc9110('15.5.2'), registration: 'registered',
    headerOptions: ['wwwAuthenticate'],
    description: 'Valid credentials are missing; WWW-Authenticate says how to supply them.' },
  { code: 402, key: 'PAYMENT_REQUIRED', phrase: 'Payment Required', className: 'PaymentRequiredException', spec: rfc9110('15.5.3'), registration: 'registered',
    description: 'Reserved for payment schemes; in practice used when a plan or balance runs out.' },
  { code: 403, key: 'FORBIDDEN', phrase: 'Forbidden', className: 'ForbiddenException', spec: rfc9110('15.5.4'), registration: 'registered',
    description: 'The server understood who is asking and refuses anyway.' },
  { code: 404, key: 'NOT_FOUND', phrase: 'Not Found', className: 'NotFoundException', spec: rfc9110('15.5.5'), registration: 'registered',
    description: 'Nothing is here, or the server will not say that something is.' },
  { code: 405, key: 'METHOD_NOT_ALLOWED', phrase: 'Method Not Allowed', className: 'MethodNotAllowedException', spec: rfc9110('15.5.6'), registration: 'registered',
    headerOptions: ['allow'],
    description: 'The resource exists but not for this method; Allow lists the ones it takes.' },
  { code: 406, key: 'NOT_ACCEPTABLE', phrase: 'Not Acceptable', className: 'NotAcceptableException', spec: rfc9110('15.5.7'), registration: 'registered',
    description: 'No representation matches the Accept headers the client sent.' },
  { code: 407, key: 'PROXY_AUTHENTICATION_REQUIRED', phrase: 'Proxy Authentication Required', className: 'ProxyAuthenticationRequiredException', spec: rfc9110('15.5.8'), registration: 'registered',
    headerOptions: ['proxyAuthenticate'],
    description: 'A proxy on the way wants credentials; Proxy-Authenticate says how.' },
  { code: 408, key: 'REQUEST_TIMEOUT', phrase: 'Request Timeout', className: 'RequestTimeoutException', spec: rfc9110('15.5.9'), registration: 'registered',
    description: 'The client took too long to send a complete request.' },
  { code: 409, key: 'CONFLICT', phrase: 'Conflict', className: 'ConflictException', spec: rfc9110('15.5.10'), registration: 'registered',
    description: 'The request clashes with the current state of the resource, such as an edit race.' },
  { code: 410, key: 'GONE', phrase: 'Gone', className: 'GoneException', spec: rfc9110('15.5.11'), registration: 'registered',
    description: 'The resource used to be here and was removed on purpose, for good.' },
  { code: 411, key: 'LENGTH_REQUIRED', phrase: 'Length Required', className: 'LengthRequiredException', spec: rfc9110('15.5.12'), registration: 'registered',
    description: 'The server wants a Content-Length on this request.' },
  { code: 412, key: 'PRECONDITION_FAILED', phrase: 'Precondition Failed', className: 'PreconditionFailedException', spec: rfc9110('15.5.13'), registration: 'registered',
    description: 'A conditional header (If-Match and the like) evaluated to false.' },
  { code: 413, key: 'CONTENT_TOO_LARGE', phrase: 'Content Too Large', className: 'ContentTooLargeException', spec: rfc9110('15.5.14'), registration: 'registered',
    headerOptions: ['retryAfter'],
    formerNames: [
      { phrase: 'Payload Too Large', key: 'PAYLOAD_TOO_LARGE', className: 'PayloadTooLargeException' },
      { phrase: 'Request Entity Too Large', key: 'REQUEST_ENTITY_TOO_LARGE', className: 'RequestEntityTooLargeException' },
    ],
    description: 'The request body is bigger than the server will take.' },
  { code: 414, key: 'URI_TOO_LONG', phrase: 'URI Too Long', className: 'UriTooLongException', spec: rfc9110('15.5.15'), registration: 'registered',
    formerNames: [{ phrase: 'Request-URI Too Long', key: 'REQUEST_URI_TOO_LONG', className: 'RequestUriTooLongException' }],
    description: 'The target URI is longer than the server will read.' },
  { code: 415, key: 'UNSUPPORTED_MEDIA_TYPE', phrase: 'Unsupported Media Type', className: 'UnsupportedMediaTypeException', spec: rfc9110('15.5.16'), registration: 'registered',
    description: 'The body is in a format or encoding this resource does not handle.' },
  { code: 416, key: 'RANGE_NOT_SATISFIABLE', phrase: 'Range Not Satisfiable', className: 'RangeNotSatisfiableException', spec: rfc9110('15.5.17'), registration: 'registered',
    headerOptions: ['completeLength'],
    formerNames: [{ phrase: 'Requested Range Not Satisfiable', key: 'REQUESTED_RANGE_NOT_SATISFIABLE', className: 'RequestedRangeNotSatisfiableException' }],
    description: 'None of the requested ranges overlap the resource; Content-Range gives its size.' },
  { code: 417, key: 'EXPECTATION_FAILED', phrase: 'Expectation Failed', className: 'ExpectationFailedException', spec: rfc9110('15.5.18'), registration: 'registered',
    description: 'The server cannot meet what the Expect header asks for.' },
  { code: 418, key: 'IM_A_TEAPOT', phrase: "I'm a Teapot", className: 'ImATeapotException', spec: rfc9110('15.5.19'), registration: 'reserved',
    formerNames: [{ phrase: "I'm a teapot", key: 'I_AM_A_TEAPOT', className: 'IAmATeapotException' }],
    origin: 'RFC 2324 (an April Fools\' joke); IANA lists it as "(Unused)" and reserves it because it is widely deployed',
    description: 'Joke code from the coffee-pot protocol, reserved so nobody reuses it.' },
  { code: 420, key: 'ENHANCE_YOUR_CALM', phrase: 'Enhance Your Calm', className: 'EnhanceYourCalmException', registration: 'unofficial',
    origin: 'Twitter API v1 rate limiting (later replaced by 429)',
    description: 'Old rate-limit answer: the client is sending too much, slow down.' },
  { code: 421, key: 'MISDIRECTED_REQUEST', phrase: 'Misdirected Request', className: 'MisdirectedRequestException', spec: rfc9110('15.5.20'), registration: 'registered',
    description: 'This connection cannot serve the scheme and authority the request names.' },
  { code: 422, key: 'UNPROCESSABLE_CONTENT', phrase: 'Unprocessable Content', className: 'UnprocessableContentException', spec: rfc9110('15.5.21'), registration: 'registered',
    validationErrors: true,
    formerNames: [{ phrase: 'Unprocessable Entity', key: 'UNPROCESSABLE_ENTITY', className: 'UnprocessableEntityException' }],
    description: 'The body parses, but what it says cannot be acted on (failed validation).' },
  { code: 423, key: 'LOCKED', phrase: 'Locked', className: 'LockedException', spec: { document: 'RFC 4918', section: '11.3' }, registration: 'registered',
    description: 'WebDAV: the resource is locked against this change.' },
  { code: 424, key: 'FAILED_DEPENDENCY', phrase: 'Failed Dependency', className: 'FailedDependencyException', spec: { document: 'RFC 4918', section: '11.4' }, registration: 'registered',
    description: 'WebDAV: not done because another action it relied on failed.' },
  { code: 425, key: 'TOO_EARLY', phrase: 'Too Early', className: 'TooEarlyException', spec: { document: 'RFC 8470', section: '5.2' }, registration: 'registered',
    description: 'The server will not risk handling a request that could be replayed (TLS early data).' },
  { code: 426, key: 'UPGRADE_REQUIRED', phrase: 'Upgrade Required', className: 'UpgradeRequiredException', spec: rfc9110('15.5.22'), registration: 'registered',
    headerOptions: ['upgrade'],
    description: 'Ask again over a different protocol, named in the Upgrade header.' },
  { code: 428, key: 'PRECONDITION_REQUIRED', phrase: 'Precondition Required', className: 'PreconditionRequiredException', spec: { document: 'RFC 6585', section: '3' }, registration: 'registered',
    description: 'The server insists on a conditional request, to avoid lost updates.' },
  { code: 429, key: 'TOO_MANY_REQUESTS', phrase: 'Too Many Requests', className: 'TooManyRequestsException', spec: { document: 'RFC 6585', section: '4' }, registration: 'registered',
    headerOptions: ['retryAfter'],
    description: 'Rate limit reached; Retry-After may say when to try again.' },
  { code: 431, key: 'REQUEST_HEADER_FIELDS_TOO_LARGE', phrase: 'Request Header Fields Too Large', className: 'RequestHeaderFieldsTooLargeException', spec: { document: 'RFC 6585', section: '5' }, registration: 'registered',
    description: 'One header, or all of them together, is bigger than the server accepts.' },
  { code: 444, key: 'NO_RESPONSE', phrase: 'No Response', className: 'NoResponseException', registration: 'unofficial',
    origin: 'nginx: logged when the server closes the connection without answering',
    description: 'The server dropped the connection and sent nothing back.' },
  { code: 449, key: 'RETRY_WITH', phrase: 'Retry With', className: 'RetryWithException', registration: 'unofficial',
    origin: 'Microsoft IIS',
    description: 'Not enough information to act; repeat the request after doing what is asked.' },
  { code: 450, key: 'BLOCKED_BY_WINDOWS_PARENTAL_CONTROLS', phrase: 'Blocked by Windows Parental Controls', className: 'BlockedByWindowsParentalControlsException', registration: 'unofficial',
    origin: 'Microsoft Windows',
    description: 'Parental-control settings on the machine stopped the page from loading.' },
  { code: 451, key: 'UNAVAILABLE_FOR_LEGAL_REASONS', phrase: 'Unavailable For Legal Reasons', className: 'UnavailableForLegalReasonsException', spec: { document: 'RFC 7725', section: '3' }, registration: 'registered',
    description: 'Access is refused because of a legal demand, such as a court order.' },
  { code: 499, key: 'CLIENT_CLOSED_REQUEST', phrase: 'Client Closed Request', className: 'ClientClosedRequestException', registration: 'unofficial',
    origin: 'nginx: logged when the client hangs up before the answer is ready',
    description: 'The client gave up and closed the connection while the server was still working.' },

  // 5xx server errors
  { code: 500, key: 'INTERNAL_SERVER_ERROR', phrase: 'Internal Server Error', className: 'InternalServerErrorException', spec: rfc9110('15.6.1'), registration: 'registered',
    description: 'Something unexpected broke on the server.' },
  { code: 501, key: 'NOT_IMPLEMENTED', phrase: 'Not Implemented', className: 'NotImplementedException', spec: rfc9110('15.6.2'), registration: 'registered',
    description: 'The server has no support for what the request needs, such as its method.' },
  { code: 502, key: 'BAD_GATEWAY', phrase: 'Bad Gateway', className: 'BadGatewayException', spec: rfc9110('15.6.3'), registration: 'registered',
    description: 'A gateway or proxy got an invalid answer from the server behind it.' },
  { code: 503, key: 'SERVICE_UNAVAILABLE', phrase: 'Service Unavailable', className: 'ServiceUnavailableException', spec: rfc9110('15.6.4'), registration: 'registered',
    headerOptions: ['retryAfter'],
    description: 'Overloaded or down for maintenance for now; Retry-After may say for how long.' },
  { code: 504, key: 'GATEWAY_TIMEOUT', phrase: 'Gateway Timeout', className: 'GatewayTimeoutException', spec: rfc9110('15.6.5'), registration: 'registered',
    description: 'A gateway or proxy waited too long for the server behind it.' },
  { code: 505, key: 'HTTP_VERSION_NOT_SUPPORTED', phrase: 'HTTP Version Not Supported', className: 'HttpVersionNotSupportedException', spec: rfc9110('15.6.6'), registration: 'registered',
    description: 'The server will not speak the major HTTP version the request used.' },
  { code: 506, key: 'VARIANT_ALSO_NEGOTIATES', phrase: 'Variant Also Negotiates', className: 'VariantAlsoNegotiatesException', spec: { document: 'RFC 2295', section: '8.1' }, registration: 'registered',
    description: 'Misconfigured content negotiation: the chosen variant negotiates again.' },
  { code: 507, key: 'INSUFFICIENT_STORAGE', phrase: 'Insufficient Storage', className: 'InsufficientStorageException', spec: { document: 'RFC 4918', section: '11.5' }, registration: 'registered',
    description: 'WebDAV: the server has no room to store what the request needs.' },
  { code: 508, key: 'LOOP_DETECTED', phrase: 'Loop Detected', className: 'LoopDetectedException', spec: { document: 'RFC 5842', section: '7.2' }, registration: 'registered',
    description: 'WebDAV: an infinite loop was found while handling a Depth: infinity request.' },
  { code: 509, key: 'BANDWIDTH_LIMIT_EXCEEDED', phrase: 'Bandwidth Limit Exceeded', className: 'BandwidthLimitExceededException', registration: 'unofficial',
    origin: 'Apache bandwidth modules and cPanel hosting',
    description: 'The site used up the traffic its hosting plan allows.' },
  { code: 510, key: 'NOT_EXTENDED', phrase: 'Not Extended', className: 'NotExtendedException', spec: { document: 'RFC 2774', section: '7' }, registration: 'registered',
    description: 'The request lacks an extension the server requires (RFC 2774 is now Historic).' },
  { code: 511, key: 'NETWORK_AUTHENTICATION_REQUIRED', phrase: 'Network Authentication Required', className: 'NetworkAuthenticationRequiredException', spec: { document: 'RFC 6585', section: '6' }, registration: 'registered',
    description: 'A captive portal wants the client to log in before it gets network access.' },
  { code: 598, key: 'NETWORK_READ_TIMEOUT', phrase: 'Network Read Timeout Error', className: 'NetworkReadTimeoutException', registration: 'unofficial',
    origin: 'some HTTP proxies, for a read timeout towards the upstream',
    description: 'A proxy timed out reading the answer from the server behind it.' },
  { code: 599, key: 'NETWORK_CONNECT_TIMEOUT', phrase: 'Network Connect Timeout Error', className: 'NetworkConnectTimeoutException', registration: 'unofficial',
    origin: 'some HTTP proxies, for a connect timeout towards the upstream',
    description: 'A proxy timed out opening a connection to the server behind it.' },
];
