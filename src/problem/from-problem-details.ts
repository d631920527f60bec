import { HEADER_OPTIONS } from '../headers/header-options.js';
import { safeGet } from '../util/safe-get.js';
import { createHttpException } from '../exceptions/create-http-exception.js';
import type { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import { isErrorStatus } from '../status/error-status.js';
import { STANDARD_MEMBERS } from '../model/standard-members.js';
import type { AnyProblemType } from '../problem-types/problem-type-class.js';
import { checkProblemTypes, reviveProblemType } from '../problem-types/revive-problem-type.js';

/** Response headers an exception carries back from a problem response: those of the typed header options. */
const CARRIED_HEADERS = Object.values(HEADER_OPTIONS).map((rule) => rule.header.toLowerCase());

/** Default of `FromResponseOptions.maxBytes`: 1 MiB. */
const DEFAULT_MAX_BYTES = 1024 * 1024;

/** Options of `fromProblemDetails`: the fallback status, the headers to carry, the problem types to revive. */
export interface FromProblemDetailsOptions<Types extends readonly AnyProblemType[] = readonly AnyProblemType[]> {
  /** The status when the body has none (the response's). Default 500. */
  readonly status?: number;
  /** Response headers for the exception (`retry-after` …). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Classes made by `defineProblemType`: a body whose `type` and `status` are those of one of
   * them is revived as an instance of that class.
   */
  readonly types?: Types;
}

/** What reviving with `types` gives: an instance of one of the problem types, or of the status's class. */
export type RevivedException<Types extends readonly AnyProblemType[]> = InstanceType<Types[number]> | HttpException;

/**
 * Rebuilds the exception a problem body describes (client side, tests): an instance of
 * the generated class for its status, with `detail`, `title`, `type`, `instance` and the
 * extension members. The status comes from `body.status`, else from `status`, else 500.
 * Never throws: members of the wrong type are ignored.
 *
 * The revived exception gets its status's default `expose` (`status < 500`), as if it had
 * been thrown here: `detail` (and `message`) stay readable on it, but re-throwing an
 * upstream 5xx through `toProblemDetails` / `toProblemResponse` never forwards its detail.
 *
 * @example
 * const error = fromProblemDetails(await response.json(), response.status);
 * if (error instanceof TooManyRequestsException) await sleep(1000);
 *
 * @example
 * const upstream = fromProblemDetails({ status: 502, detail: 'db password x' });
 * upstream.detail;             // 'db password x' (for your logs)
 * toProblemDetails(upstream);  // { type: 'about:blank', title: 'Bad Gateway', status: 502 } (no detail)
 */
export function fromProblemDetails(body: unknown, status?: number, headers?: Readonly<Record<string, string>>): HttpException;
/**
 * With `options.types` (classes made by `defineProblemType`), a body whose `type` and `status`
 * match one of them comes back as an instance of that class, typed as the union of those
 * classes and `HttpException`; any other body, or one whose extension members that class's
 * schema refuses, comes back as the status's class. The revived instance keeps the body's
 * `title` and any extension members its schema does not know. A `types` that is not an array
 * of problem types is a `TypeError`.
 *
 * @example
 * const error = fromProblemDetails(await response.json(), { status: response.status, types: [OutOfCredit, AccountFrozen] });
 * if (error instanceof OutOfCredit) showTopUp(error.extensions.balance); // balance: number
 */
export function fromProblemDetails<const Types extends readonly AnyProblemType[] = []>(body: unknown, options: FromProblemDetailsOptions<Types>): RevivedException<Types>;
export function fromProblemDetails(body: unknown, statusOrOptions?: number | FromProblemDetailsOptions, givenHeaders?: Readonly<Record<string, string>>): HttpException {
  let status: unknown = statusOrOptions;
  let headers = givenHeaders;
  let types: readonly AnyProblemType[] | undefined;
  if (typeof statusOrOptions === 'object' && statusOrOptions !== null) {
    status = statusOrOptions.status;
    headers = statusOrOptions.headers;
    if (statusOrOptions.types !== undefined) types = checkProblemTypes(statusOrOptions.types, 'fromProblemDetails');
  }
  const bodyStatus = safeGet(body, 'status');
  const code = isErrorStatus(bodyStatus) ? bodyStatus : isErrorStatus(status) ? status : 500;
  // No `expose` here: the status default applies (a revived 5xx keeps its detail private).
  const options: { -readonly [K in keyof AnyHttpExceptionOptions]: AnyHttpExceptionOptions[K] } = {};
  const title = safeGet(body, 'title');
  const type = safeGet(body, 'type');
  const instance = safeGet(body, 'instance');
  const detail = safeGet(body, 'detail');
  if (typeof title === 'string') options.title = title;
  if (typeof type === 'string') options.type = type;
  if (typeof instance === 'string') options.instance = instance;
  const extensions: Record<string, unknown> = {};
  try {
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      for (const name of Object.keys(body)) {
        if (!STANDARD_MEMBERS.has(name) && name !== '__proto__') extensions[name] = safeGet(body, name);
      }
    }
  } catch {
    // A hostile object (a revoked Proxy, say) keeps whatever members were read before it threw.
  }
  options.extensions = extensions;
  if (headers !== undefined) options.headers = headers;
  const text = typeof detail === 'string' ? detail : undefined;
  if (types !== undefined && types.length > 0) {
    const revived = reviveProblemType(types, { status: code, type, title, detail: text, instance: options.instance, extensions, headers });
    if (revived !== undefined) return revived;
  }
  return createHttpException(code, text, options);
}

/**
 * The parts of a Fetch API `Response` that `fromResponse` reads (any fetch implementation fits).
 * When `body` is a WHATWG `ReadableStream` it is read chunk by chunk (and cancelled past the
 * size limit); without one, `text()` is used.
 */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  /** The body as a stream (`Response.body`); optional, `null` when the response has none. */
  readonly body?: ReadableStream<Uint8Array> | null;
  text(): Promise<string>;
}

/** Options of `fromResponse`. */
export interface FromResponseOptions {
  /**
   * Most bytes of the body to read (a positive integer; default 1 MiB = 1048576). A larger
   * body, by `Content-Length` or as read, is not parsed: the result is the status's
   * exception with no detail.
   */
  readonly maxBytes?: number;
  /** Problem types to revive, as with `fromProblemDetails(body, { types })`. */
  readonly types?: readonly AnyProblemType[];
}

/** `FromResponseOptions` with the problem types as a type parameter (what `fromResponse` infers). */
export type FromResponseOptionsWith<Types extends readonly AnyProblemType[]> = FromResponseOptions & { readonly types?: Types };

/**
 * The exception for a failed `fetch` response (status 400-599), read from its problem
 * body when it has one; `undefined` for any other status. Keeps the headers a client
 * acts on (`Retry-After`, `WWW-Authenticate`, `Allow` …). Never throws for a bad body.
 *
 * Reads at most `options.maxBytes` bytes (default 1 MiB): a `Content-Length` above it is
 * not read at all, and a streamed body is cancelled as soon as it passes the limit. A body
 * over the limit counts as a body that is not a problem (the status's exception, no detail).
 * Like `fromProblemDetails`, the result has its status's default `expose`. Rejects with a
 * `RangeError` only when `maxBytes` is not a positive integer.
 *
 * @example
 * const response = await fetch(url);
 * const error = await fromResponse(response);
 * if (error) throw error;
 *
 * @example
 * // An untrusted upstream: parse no more than 64 KiB of its error bodies.
 * const error = await fromResponse(await fetch(url), { maxBytes: 64 * 1024 });
 *
 * @example
 * // Problem types come back as their classes (typed as OutOfCredit | AccountFrozen | HttpException).
 * const error = await fromResponse(response, { types: [OutOfCredit, AccountFrozen] });
 * if (error instanceof OutOfCredit) console.log(error.extensions.balance);
 */
export async function fromResponse<const Types extends readonly AnyProblemType[] = []>(
  response: ResponseLike,
  options?: FromResponseOptionsWith<Types>,
): Promise<RevivedException<Types> | undefined> {
  const types = options?.types === undefined ? undefined : checkProblemTypes(options.types, 'fromResponse');
  const given: unknown = options?.maxBytes;
  const maxBytes = given === undefined ? DEFAULT_MAX_BYTES : given;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`fromResponse options.maxBytes must be a positive integer, received ${String(maxBytes)}`);
  }
  if (!isErrorStatus(response.status)) return undefined;
  const headers: Record<string, string> = {};
  for (const name of CARRIED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  let body: unknown;
  try {
    const text = await readBoundedText(response, maxBytes);
    body = text === undefined || text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null) {
    return createHttpException(response.status, undefined, { headers });
  }
  return types === undefined ? fromProblemDetails(body, response.status, headers) : fromProblemDetails(body, { status: response.status, headers, types });
}

/** The body as text, or `undefined` when it is over `maxBytes` (then it is left unread or cancelled). */
async function readBoundedText(response: ResponseLike, maxBytes: number): Promise<string | undefined> {
  const stream = readStream(response);
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    if (stream !== undefined) cancelQuietly(() => stream.cancel());
    return undefined;
  }
  if (stream === undefined) {
    const text = await response.text();
    return utf8Length(text, maxBytes) > maxBytes ? undefined : text;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      cancelQuietly(() => reader.cancel());
      return undefined;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      cancelQuietly(() => reader.cancel());
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** `response.body` when it is a WHATWG stream (not a Node stream, say); else `undefined`. */
function readStream(response: ResponseLike): ReadableStream<Uint8Array> | undefined {
  const stream: unknown = safeGet(response, 'body');
  if (typeof stream !== 'object' || stream === null) return undefined;
  const { getReader, cancel } = stream as { getReader?: unknown; cancel?: unknown };
  return typeof getReader === 'function' && typeof cancel === 'function' ? (stream as ReadableStream<Uint8Array>) : undefined;
}

/** Starts a cancel without waiting on it (an underlying source may never settle) or failing on it. */
function cancelQuietly(cancel: () => Promise<void>): void {
  try {
    cancel().catch(() => undefined);
  } catch {
    // A locked or non-standard stream: nothing more to release.
  }
}

/**
 * UTF-8 bytes of `text` (lone surrogates count 3, as TextEncoder writes U+FFFD), exact only
 * near `limit`: the result is `<= limit` exactly when the encoded text fits in `limit` bytes.
 */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return text.length;
  if (text.length * 3 <= limit) return text.length * 3;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
