import type { ServerResponse } from 'node:http';
import type { Http2ServerResponse } from 'node:http2';
import type { ProblemResponse } from '../model/problem-details.js';
import { mergeVary, REPRESENTATION_HEADERS } from '../headers/header-policy.js';
import { destroyQuietly } from './write-problem.js';

/** The parts of a Fastify reply (Fastify itself, or Nest's Fastify platform) used to send a problem. */
export interface ReplyLike {
  readonly sent: boolean;
  readonly raw: ServerResponse | Http2ServerResponse;
  code(status: number): unknown;
  header(name: string, value: string | string[]): unknown;
  removeHeader(name: string): unknown;
  getHeader(name: string): unknown;
  hasHeader(name: string): boolean;
  send(payload: Buffer): unknown;
}

/**
 * Sends a problem response through a Fastify reply, so `onSend` hooks and headers set earlier
 * (CORS …) still apply. Headers that described the intended body are removed first (Fastify
 * itself only drops content-type and content-length). The body goes as a Buffer: that keeps
 * the media type exactly `application/problem+json` (Fastify appends `; charset=utf-8` to a
 * string) and it is never re-serialised. For HEAD, Fastify and Node send the status and
 * headers (Content-Length included) without the body. Never throws.
 */
export function sendThroughReply(reply: ReplyLike, prepared: ProblemResponse): void {
  try {
    // Usually none of them is set; deleting absent keys from Fastify's header object costs more than asking.
    for (const name of REPRESENTATION_HEADERS) if (reply.hasHeader(name)) reply.removeHeader(name);
    reply.code(prepared.status);
    for (const [name, value] of Object.entries(prepared.headers)) {
      try {
        // Vary set earlier (CORS: Origin) is extended, not replaced.
        reply.header(name, name === 'vary' ? mergeVary(reply.getHeader(name), value as string) : value);
      } catch {
        // Already filtered; a header still refused is dropped rather than lose the response.
      }
    }
    reply.send(Buffer.from(prepared.body, 'utf8'));
  } catch {
    destroyQuietly(reply.raw);
  }
}
