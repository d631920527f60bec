import { titleForStatus } from '../status/reason-phrase.js';
import type { ProblemDetails } from '../model/problem-details.js';
import { exceptionToProblem } from '../model/exception-to-problem.js';
import type { ProblemHeaders } from '../headers/header-policy.js';
import { buildExtensions, buildHeaders } from './apply-options.js';
import { CLASS_ID, EXCEPTION_MARK, hasInstance } from './brand.js';
import { policyCaptures } from './capture-stack.js';
import { repairStackHeader } from './stack-header.js';
import type { AnyHttpExceptionOptions, HttpExceptionOptions } from './options.js';
import { assertStatus, STATUS_RANGE, type StatusRange } from './status-range.js';

/**
 * An HTTP error response as an exception: status, RFC 9457 problem-details members
 * and response headers. Throw it (or one of its generated subclasses) from a route
 * handler; an adapter or `toProblemResponse` turns it into the response.
 *
 * Follows the http-errors convention (`status === statusCode`, boolean `expose`,
 * `headers`), so Express, Koa and http-errors' `isHttpError` understand it too.
 *
 * @example
 * throw new HttpException(409, 'Order 7 was already shipped', {
 *   type: 'https://example.com/problems/already-shipped',
 *   extensions: { orderId: 7 },
 * });
 */
export class HttpException extends Error {
  static readonly [CLASS_ID]: string = 'HttpException';
  /** The statuses this class (and a subclass without a range of its own) accepts. */
  static readonly [STATUS_RANGE]: StatusRange = { min: 400, max: 599, name: 'HttpException' };
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasInstance.call(this, value);
  }

  /** The HTTP status code, 400-599. */
  declare readonly status: number;
  /** Same as `status` (the http-errors and Node convention). */
  declare readonly statusCode: number;
  /** Short summary of the problem type; defaults to the reason phrase. */
  declare readonly title: string;
  /** URI reference for the problem type; defaults to `'about:blank'`. */
  declare readonly type: string;
  /** Human-readable explanation of this occurrence (sent only when `expose` is true). */
  declare readonly detail: string | undefined;
  /** URI reference for this occurrence. */
  declare readonly instance: string | undefined;
  /** Response headers this exception asks for (lower-case names; `set-cookie` may be an array of lines). */
  declare readonly headers: ProblemHeaders;
  /** Extension members for the problem body. */
  declare readonly extensions: Record<string, unknown>;
  /** Whether `detail` may be shown to the client; defaults to `status < 500`. */
  declare readonly expose: boolean;

  /**
   * @param status integer 400-599; anything else throws a `RangeError`
   * @param detail explanation of this occurrence (also the `message`)
   */
  constructor(status: number, detail?: string, options?: HttpExceptionOptions) {
    // The range of the class being made: 4xx for ClientErrorException and its subclasses, and so on.
    const range = (new.target as { readonly [STATUS_RANGE]?: StatusRange } | undefined)?.[STATUS_RANGE] ?? HttpException[STATUS_RANGE];
    assertStatus(status, range.min, range.max, range.name);
    if (detail !== undefined && typeof detail !== 'string') {
      throw new TypeError(`HttpException detail must be a string or undefined, got ${typeof detail}`);
    }
    let title: string;
    let type = 'about:blank';
    let instance: string | undefined;
    let expose = status < 500;
    let headers: ProblemHeaders;
    let extensions: Record<string, unknown>;
    if (options === undefined) {
      title = titleForStatus(status);
      headers = {};
      extensions = {};
    } else {
      title = optionalString(options.title, 'title') ?? titleForStatus(status);
      type = optionalString(options.type, 'type') ?? type;
      instance = optionalString(options.instance, 'instance');
      if (options.expose !== undefined) {
        if (typeof options.expose !== 'boolean') throw new TypeError('HttpException options.expose must be a boolean');
        expose = options.expose;
      }
      headers = buildHeaders(options as AnyHttpExceptionOptions, status);
      extensions = buildExtensions(options as AnyHttpExceptionOptions);
    }
    const capture = options?.captureStack ?? policyCaptures(status);
    if (typeof capture !== 'boolean') throw new TypeError('HttpException options.captureStack must be a boolean');
    const errorOptions = options !== undefined && 'cause' in options ? { cause: options.cause } : undefined;
    if (capture) {
      super(detail ?? title, errorOptions);
    } else {
      // A limit of 0 frames skips the stack walk, the expensive part; `stack` is then just the
      // first line. Restored at once: nothing runs in between that could make another error.
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      super(detail ?? title, errorOptions);
      Error.stackTraceLimit = limit;
    }
    repairStackHeader(this);
    this.status = status;
    this.statusCode = status;
    this.title = title;
    this.type = type;
    this.detail = detail;
    this.instance = instance;
    this.headers = headers;
    this.extensions = extensions;
    this.expose = expose;
  }

  /** Marks instances for `isHttpException`, across copies of the package. */
  get [EXCEPTION_MARK](): true {
    return true;
  }

  /**
   * The class name (`'NotFoundException'`), or a user subclass's own name. Kept on the
   * prototype so it does not show up as an own property of every instance.
   */
  override get name(): string {
    const ctor: unknown = Object.getPrototypeOf(this)?.constructor;
    if (typeof ctor !== 'function') return 'HttpException';
    return Object.hasOwn(ctor, CLASS_ID) ? (ctor as unknown as { [CLASS_ID]: string })[CLASS_ID] : ctor.name;
  }

  override set name(value: string) {
    // `this.name = 'X'` in a subclass constructor keeps working.
    Object.defineProperty(this, 'name', { value, writable: true, configurable: true, enumerable: false });
  }

  /** The problem-details body this exception produces (what `JSON.stringify` sends). */
  toJSON(): ProblemDetails {
    return exceptionToProblem(this);
  }
}

function optionalString(value: unknown, option: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new TypeError(`HttpException options.${option} must be a string`);
  return value;
}
