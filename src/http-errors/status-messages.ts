/**
 * The status codes and reason phrases http-errors 2.x knows (those of the `statuses` 2.0
 * package it depends on). They differ from this library's own table on purpose: http-errors
 * keeps older wording (413 "Payload Too Large", 422 "Unprocessable Entity") and knows only one
 * unofficial code (509), and a drop-in replacement has to give the same `message`, `name` and
 * constructors as http-errors does.
 */

/** The 4xx/5xx codes http-errors has a constructor for: `[constructor key, message]`. */
export const HTTP_ERROR_CODES = {
  400: ['BadRequest', 'Bad Request'],
  401: ['Unauthorized', 'Unauthorized'],
  402: ['PaymentRequired', 'Payment Required'],
  403: ['Forbidden', 'Forbidden'],
  404: ['NotFound', 'Not Found'],
  405: ['MethodNotAllowed', 'Method Not Allowed'],
  406: ['NotAcceptable', 'Not Acceptable'],
  407: ['ProxyAuthenticationRequired', 'Proxy Authentication Required'],
  408: ['RequestTimeout', 'Request Timeout'],
  409: ['Conflict', 'Conflict'],
  410: ['Gone', 'Gone'],
  411: ['LengthRequired', 'Length Required'],
  412: ['PreconditionFailed', 'Precondition Failed'],
  413: ['PayloadTooLarge', 'Payload Too Large'],
  414: ['URITooLong', 'URI Too Long'],
  415: ['UnsupportedMediaType', 'Unsupported Media Type'],
  416: ['RangeNotSatisfiable', 'Range Not Satisfiable'],
  417: ['ExpectationFailed', 'Expectation Failed'],
  418: ['ImATeapot', "I'm a Teapot"],
  421: ['MisdirectedRequest', 'Misdirected Request'],
  422: ['UnprocessableEntity', 'Unprocessable Entity'],
  423: ['Locked', 'Locked'],
  424: ['FailedDependency', 'Failed Dependency'],
  425: ['TooEarly', 'Too Early'],
  426: ['UpgradeRequired', 'Upgrade Required'],
  428: ['PreconditionRequired', 'Precondition Required'],
  429: ['TooManyRequests', 'Too Many Requests'],
  431: ['RequestHeaderFieldsTooLarge', 'Request Header Fields Too Large'],
  451: ['UnavailableForLegalReasons', 'Unavailable For Legal Reasons'],
  500: ['InternalServerError', 'Internal Server Error'],
  501: ['NotImplemented', 'Not Implemented'],
  502: ['BadGateway', 'Bad Gateway'],
  503: ['ServiceUnavailable', 'Service Unavailable'],
  504: ['GatewayTimeout', 'Gateway Timeout'],
  505: ['HTTPVersionNotSupported', 'HTTP Version Not Supported'],
  506: ['VariantAlsoNegotiates', 'Variant Also Negotiates'],
  507: ['InsufficientStorage', 'Insufficient Storage'],
  508: ['LoopDetected', 'Loop Detected'],
  509: ['BandwidthLimitExceeded', 'Bandwidth Limit Exceeded'],
  510: ['NotExtended', 'Not Extended'],
  511: ['NetworkAuthenticationRequired', 'Network Authentication Required'],
} as const;

/** The other codes http-errors knows (1xx-3xx): `createError(300)` keeps them, with this message. */
export const OTHER_STATUS_MESSAGES: Readonly<Record<number, string>> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
};

/** A status code http-errors has a constructor for (`400 | 401 | … | 511`). */
export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES;

/** The key of a code's constructor on `createError`: `HttpErrorName<404>` is `'NotFound'`. */
export type HttpErrorName<N extends HttpErrorCode = HttpErrorCode> = (typeof HTTP_ERROR_CODES)[N][0];

/** True for a code http-errors has a constructor for. */
export function isHttpErrorCode(status: number): status is HttpErrorCode {
  return Object.hasOwn(HTTP_ERROR_CODES, status);
}

/** The message http-errors gives a status it knows (any class), or `undefined`. */
export function statusMessage(status: number): string | undefined {
  if (isHttpErrorCode(status)) return HTTP_ERROR_CODES[status][1];
  return Object.hasOwn(OTHER_STATUS_MESSAGES, status) ? OTHER_STATUS_MESSAGES[status] : undefined;
}
