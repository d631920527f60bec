import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import { mergeVary, REPRESENTATION_HEADERS } from '../headers/header-policy.js';
import type { ProblemResponse } from '../model/problem-details.js';

// Headers describing the body the handler meant to send; they would lie about the problem body.
const REPRESENTATION = new Set(REPRESENTATION_HEADERS);

/**
 * Writes a problem response to a Node response that has not started yet: clears the
 * headers that described the intended body, sets status, headers and Content-Length,
 * and ends the response (without a body when `method` is HEAD). Headers set earlier by middleware,
 * such as CORS, are kept. Never throws; on failure the response is destroyed.
 */
export function writeProblem(res: ServerResponse | Http2ServerResponse, prepared: ProblemResponse, method: string | undefined): void {
  try {
    // Usually none of them is set: look at the few headers there are instead of removing them all.
    for (const name of res.getHeaderNames()) if (REPRESENTATION.has(name)) res.removeHeader(name);
    res.statusCode = prepared.status;
    const headers = prepared.headers;
    for (const name of Object.keys(headers)) {
      try {
        // Vary set earlier (CORS: Origin) is extended, not replaced.
        if (name === 'vary') res.setHeader(name, mergeVary(res.getHeader(name), headers[name] as string));
        else res.setHeader(name, headers[name] as string | string[]);
      } catch {
        // Already filtered; a header Node still refuses is dropped rather than crash the server.
      }
    }
    res.setHeader('content-length', String(Buffer.byteLength(prepared.body, 'utf8')));
    if (method === 'HEAD') res.end();
    else res.end(prepared.body);
  } catch {
    destroyQuietly(res);
  }
}

/** Closes a response that can no longer carry a problem, so the client is not left waiting. */
export function destroyQuietly(res: { destroy(): unknown; writableEnded?: boolean }): void {
  try {
    if (res.writableEnded !== true) res.destroy();
  } catch {
    // Nothing more can be done for this response.
  }
}
