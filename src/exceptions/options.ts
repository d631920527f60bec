/** Options every exception takes. */
export interface HttpExceptionOptions {
  /** Short summary of the problem type. Default: the reason phrase of the status. */
  readonly title?: string;
  /** URI reference identifying the problem type. Default: `'about:blank'`. */
  readonly type?: string;
  /** URI reference for this occurrence. Adapters default it to the request path. */
  readonly instance?: string;
  /**
   * Extra response headers (names case-insensitive; stored lower-cased). An array is joined
   * with ", ", except for `set-cookie`, whose entries go out as separate lines. Headers that
   * describe the body or the connection (`content-*`, `trailer`, `connection` …) are dropped.
   */
  readonly headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Extension members added to the problem body. The five standard members cannot be replaced. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** Whether `detail` may reach the client. Default: `status < 500`. */
  readonly expose?: boolean;
  /** The underlying error (ES2022 `cause`); never serialised unless `debug` is on. */
  readonly cause?: unknown;
  /** Capture a stack trace for this exception, whatever `setCaptureStack` says. */
  readonly captureStack?: boolean;
}

/** 401: challenges for the `WWW-Authenticate` header, e.g. `'Bearer realm="api"'`. */
export interface WwwAuthenticateOptions {
  readonly wwwAuthenticate?: string | readonly string[];
}

/** 407: challenges for the `Proxy-Authenticate` header. */
export interface ProxyAuthenticateOptions {
  readonly proxyAuthenticate?: string | readonly string[];
}

/** 405: the methods the resource supports, sent as `Allow`. */
export interface AllowOptions {
  readonly allow?: readonly string[] | string;
}

/** 413, 429, 503: seconds to wait (non-negative) or the `Date` to wait for, sent as `Retry-After`. */
export interface RetryAfterOptions {
  readonly retryAfter?: number | Date;
}

/** 426: the protocols to switch to, sent as `Upgrade`, e.g. `'TLS/1.3'`. */
export interface UpgradeOptions {
  readonly upgrade?: string | readonly string[];
}

/** 416: the current length of the resource in bytes, sent as `Content-Range: bytes *\/length`. */
export interface CompleteLengthOptions {
  readonly completeLength?: number;
}

/** One validation problem (RFC 9457 section 3): what is wrong and where. */
export interface ValidationError {
  /** What is wrong, for a human. */
  readonly detail: string;
  /** JSON Pointer (RFC 6901) to the offending member of the request body, e.g. `'#/age'`. */
  readonly pointer?: string;
  /** Other members, such as `parameter` or `header` for errors outside the body. */
  readonly [member: string]: unknown;
}

/** 400 and 422: the individual problems, serialised as the `errors` extension member. */
export interface ValidationErrorsOptions {
  readonly errors?: readonly ValidationError[];
}

/** Every option any exception takes: what `createHttpException` accepts for a status it cannot narrow. */
export interface AnyHttpExceptionOptions
  extends HttpExceptionOptions,
    WwwAuthenticateOptions,
    ProxyAuthenticateOptions,
    AllowOptions,
    RetryAfterOptions,
    UpgradeOptions,
    CompleteLengthOptions,
    ValidationErrorsOptions {}
