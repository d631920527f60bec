import { safeGet } from '../exceptions/brand.js';
import { createHttpException } from '../exceptions/create-http-exception.js';
import type { HttpException } from '../exceptions/http-exception.js';
import type { AnyHttpExceptionOptions } from '../exceptions/options.js';
import { isErrorStatus } from '../exceptions/status-range.js';
import { STANDARD_MEMBERS } from '../exceptions/apply-options.js';

/** Response headers an exception carries back from a problem response. */
const CARRIED_HEADERS = ['retry-after', 'www-authenticate', 'proxy-authenticate', 'allow', 'upgrade', 'content-range'];

/**
 * Rebuilds the exception a problem body describes (client side, tests): an instance of
 * the generated class for its status, with `detail`, `title`, `type`, `instance` and the
 * extension members. The status comes from `body.status`, else from `status`, else 500.
 * Never throws: members of the wrong type are ignored.
 *
 * @example
 * const error = fromProblemDetails(await response.json(), response.status);
 * if (error instanceof TooManyRequestsException) await sleep(1000);
 */
export function fromProblemDetails(body: unknown, status?: number, headers?: Readonly<Record<string, string>>): HttpException {
  const bodyStatus = safeGet(body, 'status');
  const code = isErrorStatus(bodyStatus) ? bodyStatus : isErrorStatus(status) ? status : 500;
  const options: { -readonly [K in keyof AnyHttpExceptionOptions]: AnyHttpExceptionOptions[K] } = { expose: true };
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
  return createHttpException(code, typeof detail === 'string' ? detail : undefined, options);
}

/** The parts of a Fetch API `Response` that `fromResponse` reads (any fetch implementation fits). */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The exception for a failed `fetch` response (status 400-599), read from its problem
 * body when it has one; `undefined` for any other status. Keeps the headers a client
 * acts on (`Retry-After`, `WWW-Authenticate`, `Allow` …). Never throws for a bad body.
 *
 * @example
 * const response = await fetch(url);
 * const error = await fromResponse(response);
 * if (error) throw error;
 */
export async function fromResponse(response: ResponseLike): Promise<HttpException | undefined> {
  if (!isErrorStatus(response.status)) return undefined;
  const headers: Record<string, string> = {};
  for (const name of CARRIED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  let body: unknown;
  try {
    const text = await response.text();
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null) {
    return createHttpException(response.status, undefined, { expose: true, headers });
  }
  return fromProblemDetails(body, response.status, headers);
}
