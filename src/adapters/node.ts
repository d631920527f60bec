import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { AdapterOptions } from './adapter-options.js';
import { prepareProblem } from './prepare-problem.js';

export type { AdapterOptions } from './adapter-options.js';

/** Options of `sendProblem`. */
export type SendProblemOptions = AdapterOptions<IncomingMessage | Http2ServerRequest | undefined>;

// Headers describing the body the handler meant to send; they would lie about the problem body.
const REPRESENTATION_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-range', 'content-disposition', 'etag', 'last-modified', 'transfer-encoding'];

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
  try {
    const prepared = prepareProblem(error, req, { method: req?.method, url: req?.url, httpVersionMajor: req?.httpVersionMajor }, options);
    if (res.headersSent || res.writableEnded) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    for (const name of REPRESENTATION_HEADERS) res.removeHeader(name);
    res.statusCode = prepared.status;
    for (const [name, value] of Object.entries(prepared.headers)) {
      try {
        res.setHeader(name, value);
      } catch {
        // Already filtered; a header Node still refuses is dropped rather than crash the server.
      }
    }
    res.setHeader('content-length', String(Buffer.byteLength(prepared.body, 'utf8')));
    if (prepared.omitBody) res.end();
    else res.end(prepared.body);
  } catch {
    try {
      res.destroy();
    } catch {
      // Nothing more can be done for this response.
    }
  }
}
