import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { StartedServer } from '../driver.js';
import { serveNode } from './serve-node.js';

/** A web-standard fetch handler, as Workers, Deno, Bun and Hono's `app.fetch` have. */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Serves a fetch handler on node:http (or node:http2) with a minimal bridge of our own, so the
 * fetch adapter is tested without any framework: IncomingMessage → Request, Response →
 * ServerResponse (status, every header as the Response has it, `set-cookie` lines kept apart,
 * Content-Length of the body; no body for HEAD). A bridge failure destroys the response.
 */
export function serveFetch(handler: FetchHandler, http2 = false): Promise<StartedServer> {
  return serveNode((req, res) => {
    bridge(handler, req, res).catch(() => res.destroy());
  }, http2);
}

async function bridge(handler: FetchHandler, req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (:path, :method …) are not headers of the web Request.
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const authority = req.headers.host ?? req.headers[':authority'] ?? '127.0.0.1';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const request = new Request(`http://${String(authority)}${req.url ?? '/'}`, { method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
  const response = await handler(request);
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  const body = method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer());
  if (body !== undefined) out['content-length'] = String(body.length);
  (res as ServerResponse).writeHead(response.status, out);
  if (body === undefined) res.end();
  else res.end(body);
}
