/**
 * The one header-option table: each typed option of an exception (`retryAfter` …), the
 * response header it sets, and the formatter that checks and writes its value. The classes
 * that take each option are listed per status in the status table; the generator writes
 * them out (`STATUS_HEADERS`). Read by the exceptions (formatting and the run-time check),
 * the generator, `fromProblemDetails` (the headers a revived exception keeps) and OpenAPI.
 */

/** One typed header option: the header it sets and how its value is written. */
export interface HeaderOptionRule {
  /** The header, in its usual spelling (`'Retry-After'`); sent lower-cased. */
  readonly header: string;
  /** Checks a value given from JavaScript and formats it; a bad value is a `TypeError`/`RangeError`. */
  readonly format: (value: unknown) => string;
}

/** The latest Retry-After a server may ask for: an IMF-fixdate has a four-digit year. */
const LATEST_RETRY_DATE = Date.UTC(9999, 11, 31, 23, 59, 59);
const EARLIEST_RETRY_DATE = Date.UTC(1000, 0, 1);

export const HEADER_OPTIONS = {
  wwwAuthenticate: { header: 'WWW-Authenticate', format: (value) => list(value, 'wwwAuthenticate') },
  proxyAuthenticate: { header: 'Proxy-Authenticate', format: (value) => list(value, 'proxyAuthenticate') },
  // An empty Allow is meaningful: the resource allows no method right now.
  allow: { header: 'Allow', format: (value) => list(value, 'allow', true) },
  upgrade: { header: 'Upgrade', format: (value) => list(value, 'upgrade') },
  retryAfter: { header: 'Retry-After', format: retryAfter },
  completeLength: { header: 'Content-Range', format: (value) => `bytes */${completeLength(value)}` },
} as const satisfies Readonly<Record<string, HeaderOptionRule>>;

/** Options that add a response header, typed only on the classes that send them. */
export type HeaderOption = keyof typeof HEADER_OPTIONS;

/** The table's options in the order their headers are set. */
export const HEADER_OPTION_NAMES = Object.keys(HEADER_OPTIONS) as readonly HeaderOption[];

function list(value: unknown, option: string, allowEmpty = false): string {
  const items: unknown = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
    throw new TypeError(`options.${option} must be a string or an array of strings`);
  }
  if (items.length === 0 && !allowEmpty) throw new TypeError(`options.${option} must not be empty`);
  return items.join(', ');
}

function retryAfter(value: unknown): string {
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw new RangeError('options.retryAfter is an invalid Date');
    if (time < EARLIEST_RETRY_DATE || time > LATEST_RETRY_DATE) {
      throw new RangeError('options.retryAfter must be a Date with a four-digit year (an IMF-fixdate)');
    }
    // Date#toUTCString gives the IMF-fixdate form HTTP uses: "Sun, 06 Nov 1994 08:49:37 GMT".
    return value.toUTCString();
  }
  if (typeof value !== 'number') throw new TypeError('options.retryAfter must be a number of seconds or a Date');
  // delay-seconds is digits only: a safe integer never prints in exponent form ("1e+21").
  if (!Number.isFinite(value) || value < 0 || Math.ceil(value) > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`options.retryAfter must be a number of seconds from 0 to ${Number.MAX_SAFE_INTEGER}, got ${value}`);
  }
  // delay-seconds is a whole number; round up so a client never retries early.
  return String(Math.ceil(value));
}

function completeLength(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`options.completeLength must be a whole number of bytes >= 0, got ${String(value)}`);
  }
  return value;
}
