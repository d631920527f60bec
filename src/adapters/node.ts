import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AdapterOptions } from './adapter-options.js';
import { prepareProblem } from './prepare-problem.js';
import { destroyQuietly, writeProblem } from './write-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/** Options of `sendProblem`. */
export type SendProblemOptions = AdapterOptions<IncomingMessage | Http2ServerRequest | undefined>;

/**
 * Sends the RFC 9457 problem response for any thrown value on a `node:http` (or
 * `node:http2` compatibility) response: status, headers, `application/problem+json`
 * body (none for HEAD). Never throws. If the response has already started, it can no
 * longer be turned into a problem: the connection is closed so the client is not left waiting.
 *
 * @example
 * http.createServer(async (req, res) => {
 *   try { await route(req, res); } catch (error) { sendProblem(res, error); }
 * });
 */
export function sendProblem(res: ServerResponse | Http2ServerResponse, error: unknown, options?: SendProblemOptions): void {
  const req: IncomingMessage | Http2ServerRequest | undefined = (res as { req?: IncomingMessage | Http2ServerRequest }).req;
  let prepared;
  try {
    prepared = prepareProblem(error, req, { method: req?.method, url: req?.url, httpVersionMajor: req?.httpVersionMajor, headers: req?.headers }, options);
  } catch {
    prepared = undefined;
  }
  if (prepared === undefined || res.headersSent || res.writableEnded) {
    destroyQuietly(res);
    return;
  }
  writeProblem(res, prepared, req?.method);
}
